import type { Example } from '../core/model.js';
import { hash53 } from '../core/random.js';

/**
 * Content key of an example: a 53-bit hash of its tokens, spans with types and relations (ids
 * and provenance aside). At 53 bits, a million examples collide with odds below 1 in 10,000.
 */
export function contentKey(ex: Example): number {
  let s = ex.tokens.join('\u0001') + '\u0002';
  for (const e of ex.entities) s += `${e.start},${e.end},${e.type};`;
  s += '\u0002';
  for (const r of ex.relations) s += `${r.head},${r.tail},${r.type};`;
  return hash53(s);
}

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
