import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';
import type { NameClass, NameClassOf } from './name-tagger.js';
import { learnTypeClasses } from './type-classes.js';

const CLASS_NAMES: Record<NameClass, string> = { Person: 'a person', Place: 'a place', Organization: 'an organisation' };

/**
 * Which of the name tagger's classes (name-tagger.ts) each entity type takes, learned from the
 * seeds' mentions as WordNetTypes learns WordNet's: no type names are assumed. It knows names
 * WordNet lacks ("Microsoft", "Angela Merkel"). A new mention whose class its type's seeds
 * rarely get, while another type's seeds mostly get it, is a wrong-type fill (`type_conflict`);
 * nothing is rejected for a class the seeds never show.
 */
export class TaggerTypes {
  private readonly own: Map<string, Set<NameClass>>;
  private readonly coreOf: Map<NameClass, Set<string>>;

  constructor(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, private readonly classOf: NameClassOf) {
    // A type without a core (MISC, CoNLL04 Other) is not judged: its names are of every kind.
    ({ own: this.own, coreOf: this.coreOf } = learnTypeClasses(mentions, classOf, { distinct: true, needsCore: true, group: 'Organization', place: 'Place' }));
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
