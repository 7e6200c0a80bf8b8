import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { findOperation } from '../../src/ops/registry.js';

const op = findOperation('token_noise_v2')!;
const WORDS = ['the', 'rate', 'rose', 'to', '0.34', '1,200', 'Lakeside', 'Fairground', 'New', 'York', ',', '.', ':', 'in', 'March', 'and', 'which'];

/** Sentences of words, capitalised names and numbers, with some marks already in them. */
const isMark = (t: string) => /^[\p{P}\p{S}]+$/u.test(t);
// No two marks side by side, so where a mark was added or dropped is never ambiguous.
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 14 })
  .filter((ts) => ts.every((t, k) => !(isMark(t) && isMark(ts[k + 1] ?? '.'))))
  .map((tokens): Example => ({ id: 's', tokens: [...tokens, '.'], entities: [], relations: [] }));

/** The marks added and dropped, by where they stood: [token before, mark, token after]. */
function markEdits(before: Example, after: Example): Array<[string | undefined, string, string | undefined]> {
  const out: Array<[string | undefined, string, string | undefined]> = [];
  let a = 0;
  let b = 0;
  const A = before.tokens;
  const B = after.tokens;
  while (a < A.length || b < B.length) {
    if (A[a] === B[b]) (a++, b++);
    else if (B[b] !== undefined && /^[\p{P}\p{S}]+$/u.test(B[b]) && A[a] === B[b + 1]) (out.push([B[b - 1], B[b], B[b + 1]]), b++);
    else (out.push([A[a - 1], A[a], A[a + 1]]), a++);
  }
  return out;
}

describe('token_noise_v2 punctuation', () => {
  it('adds or drops only the given marks, never beside a number nor between two capitalised words', () => {
    let edited = 0;
    fc.assert(
      fc.property(sentence, fc.nat(1000), (ex, seed) => {
        const corpus = new CorpusBuilder().build();
        const params = op.params.parse({ insert: 0, delete: 0, swap: 0, punctuation: 0.5, marks: [','], mark_at: 'anywhere' });
        const out = op.apply(ex, params, { rng: rngFor(seed, 'marks'), corpus });
        if (!out) return;
        for (const [prev, mark, next] of markEdits(ex, out)) {
          edited++;
          expect(mark).toBe(',');
          expect(/\d/.test(prev ?? '') || /\d/.test(next ?? ''), `${prev} ${mark} ${next}`).toBe(false);
          expect(/^\p{Lu}/u.test(prev ?? '') && /^\p{Lu}/u.test(next ?? ''), `${prev} ${mark} ${next}`).toBe(false);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
    expect(edited).toBeGreaterThan(50);
  });

  it('adds a mark only where a writer pauses: after a word, before a word that opens a clause (mark_at: pause, the default)', () => {
    let added = 0;
    const unmarked = sentence.map((ex) => ({ ...ex, tokens: [...ex.tokens.filter((t) => !isMark(t)), '.'] }));
    fc.assert(
      fc.property(unmarked, fc.nat(1000), (ex, seed) => {
        const corpus = new CorpusBuilder().build();
        const out = op.apply(ex, op.params.parse({ insert: 0, delete: 0, swap: 0, punctuation: 0.5, marks: [','] }), { rng: rngFor(seed, 'pause'), corpus });
        if (!out) return;
        for (const [prev, mark, next] of markEdits(ex, out)) {
          added++;
          expect(mark).toBe(',');
          expect(isMark(prev ?? ','), `${prev} ${mark} ${next}`).toBe(false);
          expect(['and', 'which'], `${prev} ${mark} ${next}`).toContain(next);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
    expect(added).toBeGreaterThan(20);
  });

  it('adds no mark after a mark, and does add one before "and" and "which"', () => {
    const ex: Example = { id: 'p', tokens: 'the rate rose : and fell in March which surprised the rest'.split(' ').concat('.'), entities: [], relations: [] };
    const seen = new Set<string>();
    for (let v = 0; v < 40; v++) {
      const out = op.apply(ex, op.params.parse({ insert: 0, delete: 0, swap: 0, punctuation: 1, marks: [','] }), { rng: rngFor(v, 'after-mark'), corpus: new CorpusBuilder().build() });
      if (!out) continue;
      for (const [prev, , next] of markEdits(ex, out)) (expect(prev).not.toBe(':'), seen.add(next!));
    }
    expect([...seen].sort()).toEqual(['which']);
  });
});

