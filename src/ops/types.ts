import type { z } from 'zod';
import type { Example } from '../core/model.js';
import type { Rng } from '../core/random.js';
import type { CorpusStats } from './corpus.js';

export interface OpContext {
  rng: Rng;
  corpus: CorpusStats;
  /** What `prepare` computed for this run (planned operations). */
  state?: unknown;
}

/**
 * An augmentation operation: a pure function of (example, parameters, seeded RNG, corpus
 * statistics). It returns a new example (never mutating its input), or null when it had
 * nothing to change. Every edit goes through core/edit's replaceRange.
 */
export interface Operation<P = Record<string, unknown>> {
  /** Versioned name recipes refer to, e.g. `mention_replacement_v1`. */
  name: string;
  summary: string;
  params: z.ZodType<P>;
  apply(ex: Example, params: P, ctx: OpContext): Example | null;
  /**
   * Planned operations look at the whole seed set first (after the first pass) and decide how
   * many candidates each seed gets; `expand` then returns them (the recipe's `variants` is
   * not used). Both stay deterministic: input order and seeded generators only.
   */
  prepare?(seeds: readonly Example[], params: P, corpus: CorpusStats, runSeed: number): unknown;
  expand?(ex: Example, params: P, ctx: OpContext): Example[];
}
