import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rngFor } from '../../src/core/random.js';
import { sentenceIds, readingOrder, type TaggedSentence } from '../../src/eval/reading-order.js';

const sentence = (words: string[]): TaggedSentence => ({ tokens: words, tags: words.map(() => 'O') });
const words = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 4 });

/** The sentences' identities in the order read. */
const read = (set: TaggedSentence[], seed: number): string[] => {
  const ids = sentenceIds(set);
  return readingOrder(ids, rngFor(seed, 'evaluate')).map((i) => ids[i]);
};

describe('the tagger reading order (common random numbers)', () => {
  it('reads the sentences two sets share in the same relative order, whatever else either holds', () => {
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(words, fc.nat()), { maxLength: 30 }), fc.integer({ min: 0, max: 1e6 }), (seedWords, extras, seed) => {
        const seeds = seedWords.map(sentence);
        const alone = read(seeds, seed);
        // Extra sentences anywhere among the seeds (an augmented file puts each copy after its seed).
        const mixed = [...seeds];
        for (const [w, at] of extras) mixed.splice(at % (mixed.length + 1), 0, sentence(w));
        const withExtra = read(mixed, seed);
        const shared = new Set(sentenceIds(seeds));
        // An extra sentence equal to a seed may take the seed's id (the first occurrence): the
        // shared ids are compared as the sets of sentences they name.
        const sharedRead = withExtra.filter((id) => shared.has(id));
        if (extras.every(([w]) => !seedWords.some((s) => s.join(' ') === w.join(' ')))) expect(sharedRead).toEqual(alone);
      }),
    );
  });

  it('is a permutation, and each occurrence of a repeated sentence is its own', () => {
    fc.assert(
      fc.property(fc.array(words, { maxLength: 40 }), fc.integer({ min: 0, max: 1e6 }), (w, seed) => {
        const set = w.map(sentence);
        const ids = sentenceIds(set);
        expect(new Set(ids).size).toBe(set.length);
        expect([...readingOrder(ids, rngFor(seed, 'evaluate'))].sort((a, b) => a - b)).toEqual(set.map((_, i) => i));
      }),
    );
  });

  it('draws a new order each epoch, and not the input order', () => {
    const set = Array.from({ length: 50 }, (_, i) => sentence([`w${i}`]));
    const ids = sentenceIds(set);
    const rng = rngFor(7, 'evaluate');
    const first = readingOrder(ids, rng);
    const second = readingOrder(ids, rng);
    expect(first).not.toEqual(second);
    expect(first).not.toEqual(set.map((_, i) => i));
  });
});
