import type { LoadedRecipe } from './recipe.js';

/**
 * Operations whose work on a seed costs less than sending the seed to a worker thread and its
 * candidates back. Measured on CoNLL-2003 train (2 cores): noise.yaml with a pool of 2 took
 * 1.5x the wall time of one thread (and 1.6x the CPU).
 */
const LIGHT_OPS = new Set(['char_noise_v1', 'char_noise_v2', 'token_noise', 'token_noise_v2']);

/**
 * The default of `--workers`: one worker per core but the one the main thread needs (it reads
 * the seeds, runs the checks that see the whole run, and writes), or 1 (no pool) for a recipe
 * of light operations only and no fluency model. On 2 cores a pool of 2 beside the main thread
 * was slower than none: sda.yaml on CoNLL-2003 train, 3 paired runs, 6.0-8.6 s wall with one
 * thread against 6.9-8.6 s with 2 workers, and 1.4x the CPU. The output never depends on it.
 */
export function defaultWorkers(cores: number, recipe: Pick<LoadedRecipe, 'operations' | 'filters'>, fluencyText: boolean): number {
  const light = recipe.operations.every((op) => LIGHT_OPS.has(op.op)) && !recipe.filters.fluency && !fluencyText;
  return light ? 1 : Math.max(1, cores - 1);
}
