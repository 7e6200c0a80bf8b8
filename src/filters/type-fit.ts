import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';
import { gazetteerKey } from './seed-profile.js';

/** Indices of the candidate's mentions that its seed does not have (same text and type). */
export function newMentions(cand: Example, seed: Example): number[] {
  const old = new Set(seed.entities.map((e) => `${e.type}\u0000${gazetteerKey(entityText(seed, e))}`));
  const out: number[] = [];
  cand.entities.forEach((e, i) => {
    if (!old.has(`${e.type}\u0000${gazetteerKey(entityText(cand, e))}`)) out.push(i);
  });
  return out;
}

/** Mention text -> types: the seeds' mentions, then (in output order) accepted outputs'. */
export class TypeGazetteer {
  private readonly types = new Map<string, Set<string>>();

  constructor(initial?: ReadonlyMap<string, ReadonlySet<string>>) {
    if (initial) for (const [k, v] of initial) this.types.set(k, new Set(v));
  }

  add(ex: Example): void {
    for (const e of ex.entities) {
      const k = gazetteerKey(entityText(ex, e));
      let s = this.types.get(k);
      if (!s) this.types.set(k, (s = new Set()));
      s.add(e.type);
    }
  }

  /** The types a mention text is known under, or undefined. */
  known(text: string): ReadonlySet<string> | undefined {
    return this.types.get(gazetteerKey(text));
  }

  /**
   * A mention (of those given, or every one) known only under other types: "Paris" in a
   * person slot when the seeds know Paris as a place (`type_conflict`).
   */
  conflict(ex: Example, which: readonly number[] = ex.entities.map((_, i) => i)): Rejection | null {
    for (const i of which) {
      const e = ex.entities[i];
      const text = entityText(ex, e);
      const t = this.known(text);
      if (t && !t.has(e.type)) return { reason: 'type_conflict', detail: `"${text.slice(0, 40)}" is marked ${e.type}, but the seeds or earlier outputs know it only as ${[...t].sort().join(', ')}` };
    }
    return null;
  }
}
