import type { Rng } from '../core/random.js';
import { tQuantile, tTwoSidedP } from './student-t.js';

/**
 * Paired comparisons of two training sets scored on the same test set. Two sources of noise,
 * each with its own test:
 * - training noise (the run seed orders the perceptron's updates; in a study, the sample):
 *   a paired t-test and a sign test over the per-run differences;
 * - test-set noise (another test set from the same source could rank them differently):
 *   a paired bootstrap over test sentences.
 */

export interface PairedT {
  n: number;
  mean: number;
  /** Sample standard deviation of the differences. */
  sd: number;
  /** ±Infinity when every difference is the same and non-zero (null in JSON). */
  t: number;
  df: number;
  /** Two-sided. */
  p: number;
  ci95: [number, number];
}

/** Paired t-test over differences (b - a per run); null with fewer than 2 differences (no deviation to measure). */
export function pairedT(diffs: readonly number[]): PairedT | null {
  const n = diffs.length;
  if (n < 2) return null;
  const mean = diffs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const df = n - 1;
  // Identical differences: no spread, so any non-zero mean is beyond training noise.
  const t = se > 0 ? mean / se : mean === 0 ? 0 : Math.sign(mean) * Infinity;
  const half = se > 0 ? tQuantile(0.975, df) * se : 0;
  return { n, mean, sd, t, df, p: tTwoSidedP(t, df), ci95: [mean - half, mean + half] };
}

export interface SignTest {
  up: number;
  down: number;
  ties: number;
  /** Exact two-sided binomial p over the untied pairs (1 when all are ties). */
  p: number;
}

export function signTest(diffs: readonly number[]): SignTest {
  const up = diffs.filter((d) => d > 0).length;
  const down = diffs.filter((d) => d < 0).length;
  const n = up + down;
  let tail = 0;
  let choose = 1; // C(n, i)
  for (let i = 0; i <= Math.min(up, down); i++) {
    tail += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return { up, down, ties: diffs.length - n, p: n === 0 ? 1 : Math.min(1, (2 * tail) / 2 ** n) };
}

/** Entity counts per test sentence of one trained tagger: true positives, predicted, gold. */
export interface SentenceCounts {
  tp: Int32Array;
  pred: Int32Array;
  gold: Int32Array;
}

export interface Bootstrap {
  resamples: number;
  /** The observed difference of micro F1 (x100), averaged over runs. */
  observed: number;
  ci95: [number, number];
  /** Two-sided percentile p: twice the smaller share of resamples on either side of 0, (k + 1) / (B + 1) so never 0. */
  p: number;
}

const f1 = (tp: number, pred: number, gold: number) => (pred + gold ? (200 * tp) / (pred + gold) : 0);

/**
 * Paired bootstrap over test sentences: draw the test set again with replacement, score both
 * sides of every run on the same draw, and average the run differences. `a[r]` and `b[r]` are
 * run r's counts for the two training sets.
 */
export function pairedBootstrap(a: readonly SentenceCounts[], b: readonly SentenceCounts[], resamples: number, rng: Rng): Bootstrap {
  const n = a[0]?.tp.length ?? 0;
  const runs = a.length;
  const diffOf = (pick: (i: number) => number, draws: number) => {
    let total = 0;
    for (let r = 0; r < runs; r++) {
      const sa = [0, 0, 0];
      const sb = [0, 0, 0];
      for (let k = 0; k < draws; k++) {
        const i = pick(k);
        sa[0] += a[r].tp[i]; sa[1] += a[r].pred[i]; sa[2] += a[r].gold[i];
        sb[0] += b[r].tp[i]; sb[1] += b[r].pred[i]; sb[2] += b[r].gold[i];
      }
      total += f1(sb[0], sb[1], sb[2]) - f1(sa[0], sa[1], sa[2]);
    }
    return runs ? total / runs : 0;
  };
  const observed = diffOf((k) => k, n);
  const deltas = new Float64Array(resamples);
  const draw = new Int32Array(n);
  for (let s = 0; s < resamples; s++) {
    for (let k = 0; k < n; k++) draw[k] = rng.int(n);
    deltas[s] = diffOf((k) => draw[k], n);
  }
  deltas.sort();
  const below = deltas.filter((d) => d <= 0).length;
  const above = deltas.filter((d) => d >= 0).length;
  const at = (q: number) => (resamples ? deltas[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))] : observed);
  return { resamples, observed, ci95: [at(0.025), at(0.975)], p: Math.min(1, (2 * (Math.min(below, above) + 1)) / (resamples + 1)) };
}

export type Verdict = 'gain' | 'loss' | 'not significant';

/** A gain (or loss) only when every test that could be run agrees at the 5% level. */
export function verdictOf(mean: number, runs: PairedT | null, test: Bootstrap | null): Verdict {
  const tests = [runs?.p, test?.p].filter((p): p is number => p !== undefined);
  if (!tests.length || mean === 0 || tests.some((p) => p >= 0.05)) return 'not significant';
  return mean > 0 ? 'gain' : 'loss';
}
