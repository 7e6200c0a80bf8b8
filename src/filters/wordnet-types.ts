import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';
import { learnTypeClasses } from './type-classes.js';

/** WordNet's noun classes (lexicographer files) that named instances fall in, for details. */
const CLASS_NAMES: Record<number, string> = { 14: 'an organisation', 15: 'a place', 18: 'a person', 6: 'an artifact', 10: 'a work', 11: 'an event' };

/** The WordNet classes (lexicographer files) of a name's capitalised senses, most frequent
 *  first (ops/token/wordnet.ts `properNounClasses`; given, as filters do not depend on ops). */
export type ProperClasses = (text: string) => number[];

const GROUP = 14;
const PLACE = 15;

/**
 * Which WordNet classes each entity type takes, learned from the seeds' mentions (no type
 * names are assumed): in CoNLL04 `Peop` mentions are people, `Loc` places. A new mention whose
 * class its type does not take, but which is the core class of another type, is a wrong-type
 * fill ("Paris" in a person slot), rejected as `type_conflict`.
 */
export class WordNetTypes {
  private readonly own: Map<string, Set<number>>;
  private readonly coreOf: Map<number, Set<string>>;

  constructor(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, private readonly classesOf: ProperClasses) {
    ({ own: this.own, coreOf: this.coreOf } = learnTypeClasses(mentions, (m) => classesOf(m)[0], { distinct: false, needsCore: false, group: GROUP, place: PLACE }));
  }

  /** The first of the given mentions whose WordNet class its type does not take. */
  conflict(ex: Example, which: readonly number[]): Rejection | null {
    for (const i of which) {
      const e = ex.entities[i];
      const own = this.own.get(e.type);
      if (!own) continue;
      const text = entityText(ex, e);
      const all = this.classesOf(text);
      const c = all[0];
      // Places are named after people and peoples ("Iowa" is first a people, "Lincoln" a
      // president): any place sense saves a place; people are not named after cities.
      if (c === undefined || own.has(c) || (own.has(PLACE) && all.includes(PLACE))) continue;
      const others = [...(this.coreOf.get(c) ?? [])].filter((t) => t !== e.type).sort();
      if (!others.length) continue;
      return { reason: 'type_conflict', detail: `"${text.slice(0, 40)}" is marked ${e.type}, but WordNet knows it as ${CLASS_NAMES[c] ?? `class ${c}`}, which the seeds mark ${others.join(', ')}` };
    }
    return null;
  }
}
