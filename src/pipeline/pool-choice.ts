import type { LoadedRecipe } from './recipe.js';

/**
 * Operations whose work on a seed costs less than sending the seed to a worker thread and its
 * candidates back. Measured on CoNLL-2003 train (2 cores): noise.yaml with a pool of 2 took
 * 1.5x the wall time of one thread (and 1.6x the CPU); sda.yaml (WordNet, mention fit, the
 * fluency model) took 0.78x with the pool.
 */
const LIGHT_OPS = new Set(['char_noise_v1', 'char_noise_v2', 'token_noise', 'token_noise_v2']);

/**
 * The default of `--workers`: the machine's cores, or 1 (no pool) for a recipe of light
 * operations only and no fluency model. The output never depends on it.
 */
export function defaultWorkers(cores: number, recipe: Pick<LoadedRecipe, 'operations' | 'filters'>, fluencyText: boolean): number {
  const light = recipe.operations.every((op) => LIGHT_OPS.has(op.op)) && !recipe.filters.fluency && !fluencyText;
  return light ? 1 : Math.max(1, cores);
}
