import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inFixedPhrase } from '../../src/ops/token/synonym-replacement-v2.js';
import { multiwordLemmas } from '../../src/ops/token/wordnet.js';

/** The phrase check as first written: every window around i, joined and lower-cased. */
function naive(tokens: readonly string[], i: number): boolean {
  const { lemmas, words } = multiwordLemmas();
  const w = tokens[i].toLowerCase();
  if (!words.has(w) && !words.has(w.replace(/s$/, ''))) return false;
  for (let len = 2; len <= 4; len++) {
    for (let s = Math.max(0, i - len + 1); s <= i && s + len <= tokens.length; s++) {
      const phrase = tokens.slice(s, s + len).join('_').toLowerCase();
      if (lemmas.has(phrase) || (phrase.endsWith('s') && lemmas.has(phrase.slice(0, -1)))) return true;
    }
  }
  return false;
}

// Words of WordNet's multi-word lemmas in several cases and plurals, words of none, and tokens
// with "_" in them (which could split anywhere).
const VOCAB = ['speed', 'of', 'light', 'Light', 'LIGHT', 'lights', 'hunger', 'strike', 'strikes', 'Hunger', 'green', 'the', 'zorbex', 'speed_of', 'of_light', 's', 'prime', 'minister', 'Ministers', 'blue', 'whale', 'whales'];

describe('inFixedPhrase (synonym replacement v2)', () => {
  it('looks only at windows whose words all belong to multi-word lemmas, and finds what every window finds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 8 }), fc.nat(), (tokens, k) => {
        const i = k % tokens.length;
        expect(inFixedPhrase(tokens, i), tokens.join(' ')).toBe(naive(tokens, i));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('finds a phrase through its plural and any case', () => {
    expect(inFixedPhrase(['the', 'Speed', 'OF', 'light'], 1)).toBe(true);
    expect(inFixedPhrase(['the', 'hunger', 'strikes', 'ended'], 2)).toBe(true);
    expect(inFixedPhrase(['the', 'speed', 'of_light'], 1)).toBe(true);
    expect(inFixedPhrase(['the', 'speed', 'grew'], 1)).toBe(false);
  });
});
