import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';

/**
 * Which classes of names (WordNet's noun classes, the name tagger's person / place /
 * organisation) each entity type takes, learned from the seeds' mentions: no type names are
 * assumed. Shared by WordNetTypes and TaggerTypes.
 */

/** A type needs this many distinct seed mentions with a class before it is judged. */
const MIN_CLASSIFIED = 3;
/** A class is the type's own when at least this share of its classified mentions get it. */
const OWN_SHARE = 0.05;
/** A class is a type's core (grounds to reject it elsewhere) with at least this many of its
 *  mentions and this share of its classified ones ("places" for CoNLL's LOC). */
const CORE_MIN = 3;
const CORE_SHARE = 0.5;
/** A type without a core (MISC: names of every kind) is judged only on the classes its seeds
 *  never get, once it has this many distinct mentions: "Boris Yeltsin" as MISC, where no MISC
 *  seed is a person. Organisations and places lend their names to such types (products, events,
 *  leagues: "Ford", "Medicare", "A.L. East" as MISC in real data), so those two are never judged
 *  there. */
const NEVER_MIN = 15;

export interface TypeClasses<C> {
  /** type -> the classes its seed mentions get (share >= OWN_SHARE), for judged types only. */
  own: Map<string, Set<C>>;
  /** class -> the types whose core it is. */
  coreOf: Map<C, Set<string>>;
  /** The types that take places only as names of organisations (teams, governments). */
  metonymic: Set<string>;
}

export interface LearnOptions<C> {
  /** Count each distinct mention once. */
  distinct: boolean;
  /** Judge only types that have a core class (a type of every kind of name is left alone). */
  needsCore: boolean;
  /** A class is the type's own only with at least this many mentions (default 1): one stray
   *  tag (a newspaper tagged a person) does not make persons an organisation type's. */
  ownMin?: number;
  /** Organisations go by their places (teams, governments: "Chicago beat Boston"): a type that
   *  takes `group` also takes `place`. */
  group: C;
  place: C;
}

export function learnTypeClasses<C>(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, classOf: (text: string) => C | undefined, o: LearnOptions<C>): TypeClasses<C> {
  const own = new Map<string, Set<C>>();
  const coreOf = new Map<C, Set<string>>();
  const metonymic = new Set<string>();
  for (const [type, list] of mentions) {
    const texts = list.map((m) => m.join(' '));
    const counts = new Map<C, number>();
    let n = 0;
    for (const m of o.distinct ? new Set(texts) : texts) {
      const c = classOf(m);
      if (c === undefined) continue;
      n++;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const core = [...counts].filter(([, k]) => k >= CORE_MIN && k >= CORE_SHARE * n).map(([c]) => c);
    for (const c of core) coreOf.set(c, (coreOf.get(c) ?? new Set()).add(type));
    let mine: Set<C>;
    if (o.needsCore && !core.length) {
      if (new Set(texts).size < NEVER_MIN) continue;
      mine = new Set([...counts.keys(), o.group, o.place]);
    } else if (n < MIN_CLASSIFIED) continue;
    else mine = new Set([...counts].filter(([, k]) => k >= (o.ownMin ?? 1) && k >= OWN_SHARE * n).map(([c]) => c));
    if (mine.has(o.group) && !mine.has(o.place)) (mine.add(o.place), metonymic.add(type));
    own.set(type, mine);
  }
  return { own, coreOf, metonymic };
}

/**
 * A wrong-type check from learned classes: a new mention whose class its type does not take,
 * while the class is another type's core ("Paris" in a person slot), is `type_conflict`.
 * `classesOf` gives a name's classes, the most likely first; a place sense anywhere saves a
 * mention of a type that takes places ("Iowa" is first a people, "Lincoln" a president).
 */
export class LearnedTypeCheck<C> {
  private readonly learned: TypeClasses<C>;

  constructor(
    mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>,
    private readonly classesOf: (text: string) => readonly C[],
    private readonly o: LearnOptions<C> & { source: string; describe: (c: C) => string },
  ) {
    this.learned = learnTypeClasses(mentions, (m) => classesOf(m)[0], o);
  }

  /**
   * The first of the given mentions whose class its type does not take but another's core is.
   * `replaced` gives, for a mention that took the place of one of the seed's, that mention's
   * text: a place fills an organisation slot only where a place stood (a team for a team), as
   * the place taken by an organisation type is a way to name it, not a kind it holds.
   */
  conflict(ex: Example, which: readonly number[], replaced?: ReadonlyMap<number, string>): Rejection | null {
    for (const i of which) {
      const e = ex.entities[i];
      const own = this.learned.own.get(e.type);
      if (!own) continue;
      const text = entityText(ex, e);
      const all = this.classesOf(text);
      const c = all[0];
      const takes = (k: C) => own.has(k) && (k !== this.o.place || this.placeMayStand(e.type, replaced?.get(i)));
      if (c === undefined || takes(c) || (all.includes(this.o.place) && takes(this.o.place))) continue;
      const others = [...(this.learned.coreOf.get(c) ?? [])].filter((t) => t !== e.type).sort();
      if (!others.length) continue;
      return { reason: 'type_conflict', detail: `"${text.slice(0, 40)}" is marked ${e.type}, but ${this.o.source} knows it as ${this.o.describe(c)}, which the seeds mark ${others.join(', ')}` };
    }
    return null;
  }

  /** Whether a place may stand in a slot of `type` that held `before` (undefined: no such). */
  private placeMayStand(type: string, before: string | undefined): boolean {
    if (before === undefined || !this.learned.metonymic.has(type)) return true;
    const was = this.classesOf(before);
    return !was.length || was.includes(this.o.place);
  }
}
