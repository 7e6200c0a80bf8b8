import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bleu, DiversityCollector, selfBleu } from '../../src/report/diversity.js';
import { rngFor } from '../../src/core/random.js';

const sentence = fc.array(fc.constantFrom('the', 'The', 'cat', 'sat', 'on', 'mat', 'a', 'dog', '.'), { minLength: 0, maxLength: 9 });

describe('diversity metrics', () => {
  it('self-BLEU equals the mean BLEU of each sentence against all the others', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 2, maxLength: 12 }), (sample) => {
        const pairwise = sample.reduce((a, h, i) => a + bleu(h, sample.filter((_, j) => j !== i)), 0) / sample.length;
        expect(selfBleu(sample)).toBeCloseTo(pairwise, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('identical sentences have self-BLEU 1; distinct-n counts lower-cased n-grams within sentences', () => {
    expect(selfBleu([['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd']])).toBeCloseTo(1, 12);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 30 }), (sample) => {
        const d = new DiversityCollector(rngFor(1), 1000);
        for (const tokens of sample) d.addOutput({ id: 'x', tokens, entities: [], relations: [] });
        const low = sample.map((t) => t.map((x) => x.toLowerCase()));
        const uni = new Set(low.flat());
        const bi = new Set(low.flatMap((t) => t.slice(1).map((x, i) => `${t[i]} ${x}`)));
        const uniTotal = low.reduce((a, t) => a + t.length, 0);
        const biTotal = low.reduce((a, t) => a + Math.max(0, t.length - 1), 0);
        const r = d.result();
        expect(r.distinct_1).toBeCloseTo(uniTotal ? uni.size / uniTotal : 0, 4);
        expect(r.distinct_2).toBeCloseTo(biTotal ? bi.size / biTotal : 0, 4);
      }),
      { numRuns: 200 },
    );
  });
});
