import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LemmaBloom } from '../../src/ops/token/lemma-bloom.js';
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

describe('LemmaBloom', () => {
  it('never turns away a lemma of the index (no false negatives)', () => {
    const lemma = fc.stringMatching(/^[a-z0-9_.'-]{1,14}$/);
    fc.assert(
      fc.property(fc.uniqueArray(lemma, { minLength: 1, maxLength: 300 }), (lemmas) => {
        const { index, starts } = indexOf(lemmas);
        const bloom = new LemmaBloom(index, starts);
        return lemmas.every((l) => bloom.mayHave(l));
      }),
      { numRuns: 200 },
    );
  });

  it('turns away nearly every other word, prefixes and extensions of lemmas included', () => {
    const lemmas = Array.from({ length: 2000 }, (_, i) => `lemma${i}`);
    const { index, starts } = indexOf(lemmas);
    const bloom = new LemmaBloom(index, starts);
    const others = [...Array.from({ length: 2000 }, (_, i) => `word${i}`), ...lemmas.map((l) => `${l}s`), ...lemmas.map((l) => l.slice(0, -1) + '_')];
    const maybe = others.filter((w) => bloom.mayHave(w)).length;
    expect(maybe).toBeLessThan(others.length * 0.02);
    // The line's text after the lemma is no part of it.
    expect(bloom.mayHave('lemma7 n')).toBe(false);
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
