import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';

/** A capitalised word, as names are written ("Jacques", "O'Neill"); not "I" or "A". */
const nameLike = (t: string) => /^\p{Lu}[\p{L}'’.-]+$/u.test(t);

/**
 * The capitalised words of the seeds' mentions, by type: a new mention made only of words the
 * seeds use in names of other types ("Jacques Chirac" as an organisation, where the seeds know
 * "Jacques Delors" and "Chirac" as people) is a wrong-type fill, even when the seeds never name
 * it whole. A mention with any word unknown, or known under its own type, is left alone:
 * "Chicago Bulls" is an organisation named after a place.
 */
export class NameWords {
  /** word (as written) -> type -> times seen in the seeds' mentions. */
  private readonly words = new Map<string, Map<string, number>>();

  constructor(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>) {
    for (const [type, list] of mentions) {
      for (const m of list) {
        for (const t of new Set(m)) {
          if (!nameLike(t)) continue;
          const by = this.words.get(t) ?? new Map<string, number>();
          by.set(type, (by.get(type) ?? 0) + 1);
          this.words.set(t, by);
        }
      }
    }
  }

  /** The first of the given mentions whose name words all belong to other types. */
  conflict(ex: Example, which: readonly number[]): Rejection | null {
    for (const i of which) {
      const e = ex.entities[i];
      const words = ex.tokens.slice(e.start, e.end).filter((t) => /^\p{Lu}/u.test(t));
      if (!words.length || !words.every(nameLike)) continue;
      const others = new Set<string>();
      let seen = 0;
      let fits = false;
      for (const w of words) {
        const by = this.words.get(w);
        if (!by) {
          fits = true; // an unknown word: no verdict
          break;
        }
        if (by.has(e.type)) fits = true;
        for (const [t, n] of by) if (t !== e.type) (others.add(t), (seen += n));
      }
      if (fits || seen < 2) continue;
      return { reason: 'type_conflict', detail: `"${entityText(ex, e).slice(0, 40)}" is marked ${e.type}, but the seeds use its words only in names of type ${[...others].sort().join(', ')}` };
    }
    return null;
  }
}
