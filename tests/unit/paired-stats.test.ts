import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tQuantile, tTwoSidedP } from '../../src/eval/student-t.js';
import { pairedBootstrap, pairedT, signTest, verdictOf, type SentenceCounts } from '../../src/eval/paired.js';
import { classificationReport, sentenceCounts } from '../../src/eval/seqeval.js';
import type { Rng } from '../../src/core/random.js';

describe("Student's t", () => {
  it('two-sided p: closed forms for 1 and 2 degrees of freedom, table values for 4 and 10', () => {
    // df 1 (Cauchy): p = 1 - (2/pi) atan(t); df 2: p = 1 - t / sqrt(t^2 + 2).
    expect(tTwoSidedP(2, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(2), 9); // 0.29517
    expect(tTwoSidedP(Math.sqrt(12), 2)).toBeCloseTo(1 - Math.sqrt(12) / Math.sqrt(14), 9); // 0.07418
    expect(tTwoSidedP(2.776445, 4)).toBeCloseTo(0.05, 6);
    expect(tTwoSidedP(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(tTwoSidedP(-2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(tTwoSidedP(0, 3)).toBe(1);
    expect(tTwoSidedP(Infinity, 3)).toBe(0);
  });

  it('quantiles: the 97.5% points of the t table', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706205, 5);
    expect(tQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776445, 5);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
  });
});

describe('paired t-test over runs', () => {
  it('differences 1, 2, 3: mean 2, sd 1, t = 2 / (1/sqrt 3) = 3.464, df 2, p = 0.0742, CI 2 ± 4.3027/sqrt 3', () => {
    const r = pairedT([1, 2, 3])!;
    expect(r.n).toBe(3);
    expect(r.mean).toBe(2);
    expect(r.sd).toBeCloseTo(1, 12);
    expect(r.t).toBeCloseTo(3.4641016, 6);
    expect(r.df).toBe(2);
    expect(r.p).toBeCloseTo(0.0741799, 6);
    expect(r.ci95[0]).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5); // -0.48414
    expect(r.ci95[1]).toBeCloseTo(2 + 4.302653 / Math.sqrt(3), 5); // 4.48414
  });

  it('differences 1 and 3: t = 2 with 1 df, p = 0.295 (a +2 mean from two runs is not a gain)', () => {
    const r = pairedT([3, 1])!;
    expect(r.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(r.t).toBeCloseTo(2, 12);
    expect(r.p).toBeCloseTo(0.2951672, 6);
  });

  it('one run: nothing to measure (null, printed n/a); no spread: p 0 for a non-zero mean, 1 for zero', () => {
    expect(pairedT([1.63])).toBeNull();
    expect(pairedT([])).toBeNull();
    expect(pairedT([1, 1, 1])).toMatchObject({ t: Infinity, p: 0, ci95: [1, 1] });
    expect(pairedT([0, 0])).toMatchObject({ t: 0, p: 1 });
  });
});

describe('sign test', () => {
  it('exact binomial: 3 of 3 up p = 2/8, 5 of 5 p = 2/32, 4 up 1 down p = 2(1+5)/32, 9 of 10 p = 2(1+10)/1024; ties left out', () => {
    expect(signTest([1, 2, 3])).toEqual({ up: 3, down: 0, ties: 0, p: 0.25 });
    expect(signTest([1, 1, 1, 1, 1]).p).toBe(0.0625);
    expect(signTest([1, 1, 1, 1, -1])).toEqual({ up: 4, down: 1, ties: 0, p: 0.375 });
    expect(signTest([...Array(9).fill(1), -1]).p).toBeCloseTo(22 / 1024, 15);
    expect(signTest([0, 2, -1])).toEqual({ up: 1, down: 1, ties: 1, p: 1 });
    expect(signTest([]).p).toBe(1);
  });
});

/** An Rng that returns the given integers in turn (the bootstrap only calls int). */
const scripted = (ints: number[]): Rng => {
  let k = 0;
  return { int: () => ints[k++ % ints.length] } as unknown as Rng;
};
const counts = (tp: number[], pred: number[], gold: number[]): SentenceCounts => ({ tp: Int32Array.from(tp), pred: Int32Array.from(pred), gold: Int32Array.from(gold) });

describe('paired bootstrap over test sentences', () => {
  // Two test sentences with one entity each: A finds only the first, B both.
  const a = counts([1, 0], [1, 1], [1, 1]);
  const b = counts([1, 1], [1, 1], [1, 1]);

  it('hand-drawn resamples: observed +50 (F1 50 -> 100); draws {0,0} {1,1} {0,1} {1,0} give 0, 100, 50, 50', () => {
    const r = pairedBootstrap([a], [b], 4, scripted([0, 0, 1, 1, 0, 1, 1, 0]));
    expect(r.observed).toBe(50);
    // Sorted 0, 50, 50, 100: the 2.5% and 97.5% points are the ends; one resample <= 0, four >= 0.
    expect(r.ci95).toEqual([0, 100]);
    expect(r.p).toBeCloseTo((2 * (1 + 1)) / 5, 12);
  });

  it('averages the runs on each draw: a second run where both sides are right halves every difference', () => {
    const r = pairedBootstrap([a, b], [b, b], 4, scripted([0, 0, 1, 1, 0, 1, 1, 0]));
    expect(r.observed).toBe(25);
    expect(r.ci95).toEqual([0, 50]);
  });

  it('B better on every draw gives p = 2/(B+1); identical sides give CI [0, 0] and p 1', () => {
    const all = counts([1, 1], [1, 1], [1, 1]);
    const none = counts([0, 0], [1, 1], [1, 1]);
    expect(pairedBootstrap([none], [all], 9, scripted([0, 1])).p).toBeCloseTo(2 / 10, 12);
    expect(pairedBootstrap([a], [a], 9, scripted([0, 1, 1]))).toMatchObject({ observed: 0, ci95: [0, 0], p: 1 });
  });
});

describe('verdict', () => {
  const t = (p: number) => ({ n: 3, mean: 1, sd: 1, t: 1, df: 2, p, ci95: [0, 2] as [number, number] });
  const b = (p: number) => ({ resamples: 100, observed: 1, ci95: [0, 2] as [number, number], p });
  it('a gain or loss only when every test that ran is below 0.05', () => {
    expect(verdictOf(1.6, t(0.01), b(0.02))).toBe('gain');
    expect(verdictOf(-1.6, t(0.01), b(0.02))).toBe('loss');
    expect(verdictOf(1.6, t(0.1), b(0.001))).toBe('not significant');
    expect(verdictOf(1.6, t(0.01), b(0.05))).toBe('not significant');
    expect(verdictOf(1.6, null, b(0.01))).toBe('gain');
    expect(verdictOf(1.6, null, null)).toBe('not significant');
    expect(verdictOf(0, t(0), b(0))).toBe('not significant');
  });
});

describe('per-sentence counts', () => {
  const tag = fc.constantFrom('O', 'O', 'B-A', 'I-A', 'B-B', 'I-B');
  const pairOfSeqs = fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 6 }).chain((lens) =>
    fc.tuple(...lens.map((n) => fc.tuple(fc.array(tag, { minLength: n, maxLength: n }), fc.array(tag, { minLength: n, maxLength: n })))),
  );
  it('sum to the micro counts of the classification report, in default and strict mode', () => {
    fc.assert(
      fc.property(pairOfSeqs, (pairs) => {
        const gold = pairs.map((p) => p[0]);
        const pred = pairs.map((p) => p[1]);
        for (const o of [{}, { mode: 'strict', scheme: 'IOB2' } as const]) {
          const c = sentenceCounts(gold, pred, o);
          const sum = (xs: Int32Array) => xs.reduce((x, y) => x + y, 0);
          const micro = classificationReport(gold, pred, o).micro;
          expect(sum(c.gold)).toBe(micro.support);
          const [tp, p, g] = [sum(c.tp), sum(c.pred), sum(c.gold)];
          expect(p + g ? (2 * tp) / (p + g) : 0).toBeCloseTo(micro.f1, 12);
          expect(p ? tp / p : 0).toBeCloseTo(micro.precision, 12);
        }
      }),
    );
  });
});
