import { LearnedTypeCheck } from './type-classes.js';

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
export class WordNetTypes extends LearnedTypeCheck<number> {
  constructor(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, classesOf: ProperClasses) {
    super(mentions, classesOf, { distinct: false, needsCore: false, group: GROUP, place: PLACE, source: 'WordNet', describe: (c) => CLASS_NAMES[c] ?? `class ${c}` });
  }
}
