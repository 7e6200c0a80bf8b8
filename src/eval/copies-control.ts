import type { Example } from '../core/model.js';
import type { Rng } from '../core/random.js';

/**
 * The control arm of a downstream comparison: `n` of the seeds copied as they are, drawn at
 * random (each seed once before any twice). Training on the seeds plus these adds as many
 * sentences as an augmented file did but nothing new: it shows how far more of the same data
 * alone moves F1 (the seeds are read in the same relative order in every arm, eval/reading-order.ts,
 * but each added sentence still changes the perceptron's path), so a gain over it is a gain of
 * the new sentences.
 */
export function copiesControl(seeds: readonly Example[], n: number, rng: Rng): Example[] {
  const out: Example[] = [];
  if (!seeds.length) return out;
  while (out.length < n) out.push(...rng.shuffle([...seeds]).slice(0, n - out.length));
  return out;
}
