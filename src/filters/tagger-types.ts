import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';
import type { NameClass, NameClassOf } from './name-tagger.js';

/** A type needs this many distinct seed mentions that the tagger classes before it is judged. */
const MIN_CLASSIFIED = 3;
/** A class is the type's own when at least this share of its classified mentions get it. */
const OWN_SHARE = 0.05;
/** A class is a type's core with at least this many of its mentions and this share of its
 *  classified ones ("Place" for CoNLL's LOC). A type without a core (MISC, CoNLL04 Other)
 *  is not judged: its names are of every kind. */
const CORE_MIN = 3;
const CORE_SHARE = 0.5;

const CLASS_NAMES: Record<NameClass, string> = { Person: 'a person', Place: 'a place', Organization: 'an organisation' };

/**
 * Which of the name tagger's classes (name-tagger.ts) each entity type takes, learned from the
 * seeds' mentions as WordNetTypes learns WordNet's: no type names are assumed. It knows names
 * WordNet lacks ("Microsoft", "Angela Merkel"). A new mention whose class its type's seeds
 * rarely get, while another type's seeds mostly get it, is a wrong-type fill (`type_conflict`);
 * nothing is rejected for a class the seeds never show.
 */
export class TaggerTypes {
  /** type -> classes its seed mentions get (share >= OWN_SHARE), for judged types only. */
  private readonly own = new Map<string, Set<NameClass>>();
  /** class -> the types whose core it is. */
  private readonly coreOf = new Map<NameClass, Set<string>>();

  constructor(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, private readonly classOf: NameClassOf) {
    for (const [type, list] of mentions) {
      const counts = new Map<NameClass, number>();
      let n = 0;
      for (const m of new Set(list.map((x) => x.join(' ')))) {
        const c = classOf(m);
        if (c === undefined) continue;
        n++;
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const core = [...counts].filter(([, k]) => k >= CORE_MIN && k >= CORE_SHARE * n).map(([c]) => c);
      for (const c of core) this.coreOf.set(c, (this.coreOf.get(c) ?? new Set()).add(type));
      if (n < MIN_CLASSIFIED || !core.length) continue;
      const own = new Set([...counts].filter(([, k]) => k >= OWN_SHARE * n).map(([c]) => c));
      // Organisations go by their places (teams, governments: "Chicago beat Boston"), as in
      // WordNetTypes: the seeds seldom show it, real data does all the time.
      if (own.has('Organization')) own.add('Place');
      this.own.set(type, own);
    }
  }

  /** The first of the given mentions whose class its type does not take but another's core is. */
  conflict(ex: Example, which: readonly number[]): Rejection | null {
    for (const i of which) {
      const e = ex.entities[i];
      const own = this.own.get(e.type);
      if (!own) continue;
      const text = entityText(ex, e);
      const c = this.classOf(text);
      if (c === undefined || own.has(c)) continue;
      const others = [...(this.coreOf.get(c) ?? [])].filter((t) => t !== e.type).sort();
      if (!others.length) continue;
      return { reason: 'type_conflict', detail: `"${text.slice(0, 40)}" is marked ${e.type}, but the name tagger knows it as ${CLASS_NAMES[c]}, which the seeds mark ${others.join(', ')}` };
    }
    return null;
  }
}
