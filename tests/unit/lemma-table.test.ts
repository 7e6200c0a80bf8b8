import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LemmaTable } from '../../src/ops/token/lemma-table.js';
import { isKnownForm, multiwordLemmas } from '../../src/ops/token/wordnet.js';

/** An index text in WordNet's layout: a licence line (leading spaces), then one line a lemma. */
function indexOf(lemmas: string[]): { index: string; starts: Int32Array } {
  let index = '  1 licence text\n';
  const starts: number[] = [];
  for (const l of lemmas) {
    starts.push(index.length);
    index += `${l} n 1 1 @ 1 0 00001740\n`;
  }
  return { index, starts: Int32Array.from(starts) };
}

describe('LemmaTable', () => {
  it('finds the line of every lemma of the index, and nothing for any other word', () => {
    const lemma = fc.stringMatching(/^[a-z0-9_.'-]{1,14}$/);
    fc.assert(
      fc.property(fc.uniqueArray(lemma, { minLength: 1, maxLength: 300 }), fc.array(lemma, { maxLength: 50 }), (lemmas, others) => {
        const { index, starts } = indexOf(lemmas);
        const table = new LemmaTable(index, starts);
        expect(lemmas.map((l) => table.line(l))).toEqual(lemmas.map((_, k) => k));
        for (const w of others) expect(table.line(w)).toBe(lemmas.indexOf(w));
      }),
      { numRuns: 200 },
    );
  });

  it('finds no prefix or extension of a lemma, nor the line\'s text after it', () => {
    const lemmas = Array.from({ length: 2000 }, (_, i) => `lemma${i}`);
    const { index, starts } = indexOf(lemmas);
    const table = new LemmaTable(index, starts);
    const others = [...lemmas.map((l) => `${l}s`), ...lemmas.map((l) => l.slice(0, -1) + '_'), 'lemma', 'lemma7 n', ''];
    expect(others.filter((w) => table.line(w) >= 0 && !lemmas.includes(w))).toEqual([]);
    expect(table.line('lemma1999')).toBe(1999);
  });

  it('keeps WordNet lookups whole: every multi-word lemma is still a known form', () => {
    const { lemmas } = multiwordLemmas();
    let n = 0;
    for (const l of lemmas) {
      if (n++ % 7 !== 0) continue;
      expect(isKnownForm(l), l).toBe(true);
    }
    expect(n).toBeGreaterThan(10000);
  });
});
