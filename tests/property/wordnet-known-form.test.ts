import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formSignature, isKnownForm } from '../../src/ops/token/wordnet.js';

// isKnownForm is the fast form of `formSignature(w) !== ''` that character noise asks of every
// typo: the two must never disagree, or noise output changes.
describe('isKnownForm', () => {
  const words = ['market', 'makret', 'markrt', 'diseases', 'contracted', 'said', 'went', 'a', 'ab', 'aa', 'zzzz', 'running', 'runnin', 'boxes', 'women', 'fastest', 'happier', 'quickly', 'mice', 'abaca', 'zymurgy', 'zyzzyva', 'aardvark', 'rn', 'éclair', 'été'];

  it('agrees with formSignature on known words, inflections and typos', () => {
    for (const w of words) expect(isKnownForm(w), w).toBe(formSignature(w) !== '');
    expect(words.filter(isKnownForm).length).toBeGreaterThan(10);
    expect(words.filter((w) => !isKnownForm(w)).length).toBeGreaterThan(3);
  });

  it('agrees with formSignature on arbitrary letter strings and on one-letter edits of words', () => {
    const letters = fc.stringMatching(/^[a-zé]{1,9}$/);
    fc.assert(fc.property(letters, (w) => isKnownForm(w) === (formSignature(w) !== '')), { numRuns: 2000 });
    const edited = fc.tuple(fc.constantFrom(...words.filter((w) => w.length > 2)), fc.nat(), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'));
    fc.assert(
      fc.property(edited, ([w, at, c]) => {
        const i = at % w.length;
        const t = w.slice(0, i) + c + w.slice(i + 1);
        return isKnownForm(t) === (formSignature(t) !== '');
      }),
      { numRuns: 2000 },
    );
  });
});
