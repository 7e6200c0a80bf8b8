import { createHash } from 'node:crypto';
import type { Example } from '../core/model.js';

/** Content key of an example: tokens, spans with types, relations. Ids and provenance aside. */
export function contentKey(ex: Example): string {
  const h = createHash('sha1');
  h.update(ex.tokens.join('\u0001'));
  h.update('\u0002');
  for (const e of ex.entities) h.update(`${e.start},${e.end},${e.type};`);
  h.update('\u0002');
  for (const r of ex.relations) h.update(`${r.head},${r.tail},${r.type};`);
  return h.digest('base64');
}

/** Exact-duplicate filter against the seeds and among outputs. */
export class Deduplicator {
  private readonly seeds = new Set<string>();
  private readonly outputs = new Set<string>();
  addSeed(ex: Example): void {
    this.seeds.add(contentKey(ex));
  }
  /** null when new (and remembered), else the reason. */
  check(ex: Example): 'duplicate_of_seed' | 'duplicate_output' | null {
    const k = contentKey(ex);
    if (this.seeds.has(k)) return 'duplicate_of_seed';
    if (this.outputs.has(k)) return 'duplicate_output';
    this.outputs.add(k);
    return null;
  }
}
