import type { Example } from '../core/model.js';
import { contentKey } from '../core/content-key.js';

export { contentKey };

/** Exact-duplicate filter against the seeds and among outputs. */
export class Deduplicator {
  private readonly seeds = new Set<number>();
  private readonly outputs = new Set<number>();
  addSeed(ex: Example): void {
    this.seeds.add(contentKey(ex));
  }
  /** null when new (and remembered), else the reason. */
  check(ex: Example, againstSeeds = true): 'duplicate_of_seed' | 'duplicate_output' | null {
    const k = contentKey(ex);
    if (againstSeeds && this.seeds.has(k)) return 'duplicate_of_seed';
    if (this.outputs.has(k)) return 'duplicate_output';
    this.outputs.add(k);
    return null;
  }
}
