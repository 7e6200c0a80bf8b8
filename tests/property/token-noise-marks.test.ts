import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { findOperation } from '../../src/ops/registry.js';

const op = findOperation('token_noise_v2')!;
const WORDS = ['the', 'rate', 'rose', 'to', '0.34', '1,200', 'Lakeside', 'Fairground', 'New', 'York', ',', '.', ':', 'in', 'March', 'and', 'but'];

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

  it('adds a mark only where a writer pauses: after a content word, before a word that opens a clause (mark_at: pause, the default)', () => {
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
          // No comma stands in these sentences, so no "and" ends a list.
          expect(next, `${prev} ${mark} ${next}`).toBe('but');
          expect(['the', 'to', 'in'], `${prev} ${mark} ${next}`).not.toContain(prev);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
    expect(added).toBeGreaterThan(20);
  });

  it('where a writer pauses: before "but", and before the "and" ending a list of names of one type; not after a mark, a function word or "Mr."', () => {
    // Words in [brackets] are mentions of type T (or of type U, written {so}).
    const added = (text: string, params: Record<string, unknown> = { marks: [','] }) => {
      const tokens: string[] = [];
      const entities: Example['entities'] = [];
      for (const w of text.split(' ')) {
        const m = /^([[{])(.+)[\]}]$/.exec(w);
        if (m) entities.push({ type: m[1] === '[' ? 'T' : 'U', start: tokens.length, end: tokens.length + 1 });
        tokens.push(m ? m[2] : w);
      }
      const ex: Example = { id: 'p', tokens, entities, relations: [] };
      const got = new Set<string>();
      for (let v = 0; v < 40; v++) {
        const out = op.apply(ex, op.params.parse({ insert: 0, delete: 0, swap: 0, punctuation: 1, max_edits: 1, ...params }), { rng: rngFor(v, 'pause-at'), corpus: new CorpusBuilder().build() });
        if (out && out.tokens.length > ex.tokens.length) for (const [prev, mark, next] of markEdits(ex, out)) got.add(`${prev} ${mark} ${next}`);
      }
      return [...got].sort();
    };
    expect(added('talks failed but resumed .')).toEqual(['failed , but']);
    // Only a comma goes where a writer pauses, whatever else `marks` holds.
    expect(added('talks failed but resumed .', {})).toEqual(['failed , but']);
    expect(added('talks failed but resumed .', { marks: [';'] })).toEqual([]);
    expect(added('rate rose : but fell .')).toEqual([]);
    expect(added('the studio -LRB- but not the rest -RRB- .')).toEqual([]);
    expect(added('talks in but out .')).toEqual([]);
    expect(added('trade between [Ruritania] , [Elbonia] and [Strelsau] grew .')).toEqual(['Elbonia , and']);
    expect(added('[Ada] , [Bo] or [Cy] met .')).toEqual(['Bo , or']);
    // No list of names of one type: plain words, an opening phrase, an apposition, two types.
    expect(added('heat , rain or wind .')).toEqual([]);
    expect(added('On Monday , [Ada] and [Tom] met .')).toEqual([]);
    expect(added('[Ada] , president of {Acme} and {Zeta} , spoke .')).toEqual([]);
    expect(added('[Ada] , {Acme} and {Zeta} met .')).toEqual([]);
    expect(added('guests were [Ada] , Mr. and Mrs. [Hall] .')).toEqual([]);
    expect(added('he met Mr. but not Mrs. [Hall] .')).toEqual([]);
    // The item before "and" stands alone right after the list's comma.
    expect(added('[Ada] , [Bo] : [Tom] and [Cy] met .')).toEqual([]);
    expect(added('with [Ada] , the man [Tom] and [Cy] met .')).toEqual([]);
    expect(added('fled to [Ruritania] , settling in [Strelsau] and living there .')).toEqual([]);
  });
});

