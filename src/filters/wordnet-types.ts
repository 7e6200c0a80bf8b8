import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';

/** WordNet's noun classes (lexicographer files) that named instances fall in, for details. */
const CLASS_NAMES: Record<number, string> = { 14: 'an organisation', 15: 'a place', 18: 'a person', 6: 'an artifact', 10: 'a work', 11: 'an event' };

/** The WordNet classes (lexicographer files) of a name's capitalised senses, most frequent
 *  first (ops/token/wordnet.ts `properNounClasses`; given, as filters do not depend on ops). */
export type ProperClasses = (text: string) => number[];

const GROUP = 14;
const PLACE = 15;

/** A type needs this many distinct seed mentions that WordNet classes before it is judged. */
const MIN_CLASSIFIED = 3;
/** A class is the type's own when at least this share of its classified mentions fall in it. */
const OWN_SHARE = 0.05;
/** A class is another type's core (grounds to reject) with at least this many of its mentions
 *  and this share of its classified ones: "places" for CoNLL's LOC. */
const CORE_MIN = 3;
const CORE_SHARE = 0.5;

/**
 * Which WordNet classes each entity type takes, learned from the seeds' mentions (no type
 * names are assumed): in CoNLL04 `Peop` mentions are people, `Loc` places. A new mention whose
 * class its type does not take, but which is the core class of another type, is a wrong-type
 * fill ("Paris" in a person slot), rejected as `type_conflict`.
 */
export class WordNetTypes {
  /** type -> classes its seed mentions fall in (share >= OWN_SHARE), for judged types only. */
  private readonly own = new Map<string, Set<number>>();
  /** class -> the types whose core it is. */
  private readonly coreOf = new Map<number, Set<string>>();

  constructor(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, private readonly classesOf: ProperClasses) {
    for (const [type, list] of mentions) {
      const counts = new Map<number, number>();
      let n = 0;
      for (const m of list) {
        const c = classesOf(m.join(' '))[0];
        if (c === undefined) continue;
        n++;
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      for (const [c, k] of counts) if (k >= CORE_MIN && k >= CORE_SHARE * n) this.coreOf.set(c, (this.coreOf.get(c) ?? new Set()).add(type));
      if (n < MIN_CLASSIFIED) continue;
      const own = new Set([...counts].filter(([, k]) => k >= OWN_SHARE * n).map(([c]) => c));
      // Organisations go by their places (teams, governments: "Chicago beat Boston").
      if (own.has(GROUP)) own.add(PLACE);
      this.own.set(type, own);
    }
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
