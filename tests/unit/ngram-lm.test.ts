import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NgramLm, discountsFrom, wordShape } from '../../src/filters/ngram-lm.js';

const D: [number, number, number] = [0.5, 1.0, 1.5];
const fixed = { minCount: 1, discounts: [D, D, D] as [typeof D, typeof D, typeof D] };
const lmOf = (sentences: string[], opts: ConstructorParameters<typeof NgramLm>[0] = fixed) => {
  const lm = new NgramLm(opts);
  for (const s of sentences) lm.add(s.split(' '));
  return lm;
};

describe('trigram Kneser-Ney model, by hand', () => {
  // Corpus "a b", "a c"; discounts 0.5 / 1 / 1.5 at every order. Continuation counts of the
  // unigram level: a 1, b 1, c 1, </s> 2 (total 5); gamma = (0.5*3 + 1*1)/5 = 0.5; vocabulary
  // a b c </s> + unknown = 5.
  const lm = lmOf(['a b', 'a c']);

  it('unigram level: P(</s>) = (2-1)/5 + 0.5/5, an unknown word 0.5/5 behind two contexts', () => {
    // P(z | <s> <s>) = 0.5 * P2(z | <s>) = 0.5 * 0.5 * P1(unk) = 0.25 * 0.1
    expect(lm.prob('<s>', '<s>', 'z')).toBeCloseTo(0.025, 12);
  });

  it('P(a | <s> <s>) = (2-1)/2 + 0.5 * ((1-0.5)/1 + 0.5 * 0.2) = 0.8', () => {
    expect(lm.prob('<s>', '<s>', 'a')).toBeCloseTo(0.8, 12);
  });

  it('P(b | <s> a) = (1-0.5)/2 + 0.5 * ((1-0.5)/2 + 0.5 * 0.2) = 0.425', () => {
    expect(lm.prob('<s>', 'a', 'b')).toBeCloseTo(0.425, 12);
  });

  it('P(</s> | a b) = 0.5 + 0.5 * (0.5 + 0.5 * 0.3) = 0.825, and the perplexity of "a b"', () => {
    expect(lm.prob('a', 'b', '</s>')).toBeCloseTo(0.825, 12);
    expect(lm.perplexity(['a', 'b'])).toBeCloseTo((0.8 * 0.425 * 0.825) ** (-1 / 3), 10);
  });

  it('each order has its own discounts: bigram D1 = 0.25 gives P(b | <s> a) = 0.25 + 0.5 * (0.75/2 + 0.25 * 0.2)', () => {
    const m = lmOf(['a b', 'a c'], { minCount: 1, discounts: [D, [0.25, 1, 1.5], D] });
    expect(m.prob('<s>', 'a', 'b')).toBeCloseTo(0.4625, 12);
  });

  it('plain word frequencies, add-one: P(a) = (2+1)/(6+5), and with "a b" left out (1+1)/(3+5)', () => {
    expect(lm.unigramLogProb(['a'])).toBeCloseTo(Math.log(3 / 11) + Math.log(3 / 11), 12); // a, then </s> (2+1)/11
    expect(lm.unigramLogProb(['a'], lm.exclusion(['a', 'b']))).toBeCloseTo(Math.log(2 / 8) + Math.log(2 / 8), 12);
  });

  it('lower-cases and folds digits', () => {
    const m = lmOf(['Paris 1996', 'Paris 2001']);
    expect(m.prob('<s>', '<s>', 'PARIS')).toBe(m.prob('<s>', '<s>', 'paris'));
    expect(m.prob('<s>', 'paris', '1234')).toBe(m.prob('<s>', 'paris', '0000'));
  });
});

describe('discounts (Chen & Goodman)', () => {
  it('from count-of-counts n1..n4 = 4, 2, 1, 1: Y = 0.5, D = 0.5, 1.25, 1', () => {
    const d = discountsFrom([1, 1, 1, 1, 2, 2, 3, 4, 7]);
    expect(d[0]).toBeCloseTo(0.5, 12);
    expect(d[1]).toBeCloseTo(1.25, 12);
    expect(d[2]).toBeCloseTo(1, 12);
  });
  it('falls back to usual values where a count-of-count is missing', () => {
    expect(discountsFrom([1, 1, 1])).toEqual([0.7, 1.0, 1.3]);
  });
});

describe('word shapes for rare and unseen words', () => {
  it('maps letters, digits and runs', () => {
    expect(wordShape('McDonald').slice(1)).toBe('XxXx');
    expect(wordShape('1996-12-06').slice(1)).toBe('0-0-0');
    expect(wordShape('U.S.').slice(1)).toBe('X.X.');
  });
  it('an unseen name costs what a rare name cost in training', () => {
    const m = new NgramLm();
    for (const s of ['he lives in Paris', 'he lives in Oslo', 'she lives in Rome', 'he lives in Paris']) m.add(s.split(' '));
    // Oslo and Rome were seen once: learnt as the shape Xx, as is the unseen Lyon.
    expect(m.prob('lives', 'in', 'Lyon')).toBe(m.prob('lives', 'in', 'Oslo'));
    expect(m.prob('lives', 'in', 'Lyon')).toBeGreaterThan(m.prob('lives', 'in', 'lyon'));
  });
});

const words = ['a', 'b', 'c', 'd', 'the', 'of'];
const sentence = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 7 });

describe('a proper distribution', () => {
  it('sums to 1 over the vocabulary and the unknown word, with and without a sentence left out', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), fc.nat(), (corpus, pick) => {
        const lm = new NgramLm({ minCount: 1 });
        for (const s of corpus) lm.add(s);
        const seen = [...new Set(corpus.flat())];
        const left = corpus[pick % corpus.length];
        for (const ex of [undefined, lm.exclusion(left)]) {
          for (const [u, v] of [['<s>', '<s>'], ['<s>', seen[0]], [seen[0], seen[seen.length - 1]], ['zz', seen[0]]]) {
            const total = [...seen, '</s>', 'unseen-word'].reduce((acc, w) => acc + lm.prob(u, v, w, ex), 0);
            expect(total).toBeCloseTo(1, 9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('leave-one-out', () => {
  it('scores as a model trained without that sentence (same discounts and vocabulary)', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 2, maxLength: 8 }), fc.nat(), (rest, pick) => {
        const left = rest[pick % rest.length];
        // Every word of the left-out sentence also occurs elsewhere, so the vocabularies match.
        const others = [...rest.filter((_, i) => i !== pick % rest.length), words];
        const all = new NgramLm(fixed);
        for (const s of [...others, left]) all.add(s);
        const without = new NgramLm(fixed);
        for (const s of others) without.add(s);
        const ex = all.exclusion(left);
        for (const u of ['<s>', ...words]) {
          for (const v of ['<s>', ...words]) {
            if (u !== '<s>' && v === '<s>') continue;
            for (const w of [...words, '</s>', 'zz']) expect(all.prob(u, v, w, ex)).toBeCloseTo(without.prob(u, v, w), 12);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a seed scored with itself left out is no longer memorised', () => {
    const lm = lmOf(['the cat sat on the mat', 'a dog sat on a rug', 'the dog ran'], { minCount: 1 });
    const seed = 'the cat sat on the mat'.split(' ');
    expect(lm.perplexity(seed, lm.exclusion(seed))).toBeGreaterThan(lm.perplexity(seed) * 1.5);
  });

  it('leaving out a sentence that was never trained on changes nothing; one that repeats a trained n-gram takes it out once', () => {
    const lm = lmOf(['a b c', 'a b d'], { minCount: 1 });
    expect(lm.perplexity(['a', 'b', 'c'], lm.exclusion(['d', 'c']))).toBe(lm.perplexity(['a', 'b', 'c']));
    const once = lm.exclusion(['a', 'b', 'c']);
    const twice = lm.exclusion(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(lm.prob('a', 'b', 'c', twice)).toBeCloseTo(lm.prob('a', 'b', 'c', once), 12);
    expect(lm.prob('a', 'b', 'c', once)).toBeLessThan(lm.prob('a', 'b', 'c'));
  });
});

describe('fluent beats shuffled', () => {
  it('in-domain sentences have a lower perplexity than their shuffled words', () => {
    const train = [
      'the company said on monday it would cut jobs',
      'the minister said on tuesday the talks would go on',
      'police said the man was killed in the city',
      'the bank said it would raise its rates',
      'the company said profits rose in the first quarter',
      'officials said the talks would resume on friday',
    ];
    const lm = lmOf(train, { minCount: 1 });
    const real = 'the bank said on friday it would cut rates'.split(' ');
    const shuffled = 'rates said cut the on would bank it friday'.split(' ');
    expect(lm.perplexity(shuffled)).toBeGreaterThan(2 * lm.perplexity(real));
  });
});
