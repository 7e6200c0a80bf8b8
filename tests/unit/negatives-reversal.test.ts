import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { negativesV2 } from '../../src/ops/span/negatives-v2.js';

/** Seeds with `fwd` A->B and `back` B->A instances of relation R (types A and B). */
function seeds(fwd: number, back: number): Example[] {
  const one = (id: string, headFirst: boolean): Example => ({
    id,
    tokens: ['x', 'rel', 'y', '.'],
    entities: [{ start: 0, end: 1, type: headFirst ? 'A' : 'B' }, { start: 2, end: 3, type: headFirst ? 'B' : 'A' }],
    relations: [{ head: 0, tail: 1, type: 'R' }],
  });
  return [...Array.from({ length: fwd }, (_, i) => one(`f${i}`, true)), ...Array.from({ length: back }, (_, i) => one(`b${i}`, false))];
}

/** Reversed negatives made from the seeds whose id starts with `prefix`. */
function reversedNegatives(exs: Example[], prefix: string): number {
  const b = new CorpusBuilder();
  for (const ex of exs) b.add(ex);
  const corpus = b.build();
  const p = negativesV2.params.parse({ ratio: 5 });
  const state = negativesV2.prepare!(exs, p, corpus, 1);
  return exs.filter((ex) => ex.id.startsWith(prefix)).flatMap((ex) => negativesV2.expand!(ex, p, { rng: rngFor(1, ex.id, 'n', 0), corpus, state })).flatMap((ex) => ex.relations).filter((r) => r.negative === 'reversed').length;
}

describe('negatives_v2 reverses a pair only where the types leave the direction open', () => {
  it('not when the reversed signature is a stray (1 against 12): A R B is what the types say', () => {
    expect(reversedNegatives(seeds(12, 1), 'f')).toBe(0);
    // The stray B R A reversed is A R B, the common direction: a hard negative, kept.
    expect(reversedNegatives(seeds(12, 1), 'b')).toBe(1);
  });
  it('when the reversed signature is common (1 against 4)', () => {
    expect(reversedNegatives(seeds(4, 1), 'f')).toBe(4);
  });
});
