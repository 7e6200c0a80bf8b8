/** Toy corpora and draws for mention_replacement_v2's unit tests (mention-v2, mention-world). */
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder, type CorpusStats } from '../../src/ops/corpus.js';
import { mentionReplacementV2 as op } from '../../src/ops/span/mention-replacement-v2.js';

/** An example from space-separated text and [start, end, type, cluster?] entities. */
export const ex = (id: string, text: string, ents: Array<[number, number, string, number?]>): Example => ({
  id,
  tokens: text.split(' '),
  entities: ents.map(([start, end, type, cluster]) => ({ start, end, type, ...(cluster !== undefined ? { cluster } : {}) })),
  relations: [],
});

export function corpusOf(...examples: Example[]): CorpusStats {
  const b = new CorpusBuilder();
  for (const e of examples) b.add(e);
  return b.build();
}

/** Every distinct output of 60 draws, with the neighbour, kind and role rules off and concepts
 *  swapped by type (each has its own tests) unless `params` turns them on. */
export function outputs(seed: Example, corpus: CorpusStats, params: Record<string, unknown> = {}): Set<string> {
  const got = new Set<string>();
  for (let v = 0; v < 60; v++) {
    const out = op.apply(seed, op.params.parse({ p: 1, context_fit: false, kind_fit: false, role_fit: false, concept_phrases: 'any', ...params }), { rng: rngFor(7, seed.id, v), corpus });
    got.add(out ? out.tokens.join(' ') : '(none)');
  }
  return got;
}
