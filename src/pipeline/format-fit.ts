import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import type { Rejection } from '../filters/consistency.js';
import type { Format, WriteOptions } from '../formats/types.js';

/**
 * Whether the output format can hold a model's candidate, asked before it is written: a trial
 * write of it alone, never lossy (a `-DOCSTART-` token in CoNLL, say). A candidate the format
 * cannot hold is rejected with the writer's own message; one whose seed the format cannot hold
 * either is left to the writer, since that limit is the run's (and `--lossy` the user's say).
 */
export function formatFit(format: Format, wopts: WriteOptions, llmOps: ReadonlySet<string>): (cand: Example, seed: Example, op: string) => Promise<Rejection | null> | null {
  const seedFits = new Map<string, boolean>();
  const trial = async (ex: Example): Promise<string | null> => {
    try {
      await format.write([ex], { write: () => {} }, { ...wopts, lossy: false });
      return null;
    } catch (err) {
      if (err instanceof UserError) return err.message;
      throw err;
    }
  };
  const fit = async (cand: Example, seed: Example): Promise<Rejection | null> => {
    const why = await trial(cand);
    if (!why) return null;
    let ok = seedFits.get(seed.id);
    if (ok === undefined) seedFits.set(seed.id, (ok = (await trial(seed)) === null));
    return ok ? { reason: 'format_cannot_hold', detail: why } : null;
  };
  // Offline operations write what their seed's format holds: nothing to try, no promise.
  return (cand, seed, op) => (llmOps.has(op) ? fit(cand, seed) : null);
}
