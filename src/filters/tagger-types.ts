import type { NameClass, NameClassOf } from './name-tagger.js';
import { LearnedTypeCheck } from './type-classes.js';

const CLASS_NAMES: Record<NameClass, string> = { Person: 'a person', Place: 'a place', Organization: 'an organisation' };

/**
 * Which of the name tagger's classes (name-tagger.ts) each entity type takes, learned from the
 * seeds' mentions as WordNetTypes learns WordNet's: no type names are assumed. It knows names
 * WordNet lacks ("Microsoft", "Angela Merkel"). A new mention whose class its type's seeds
 * rarely get, while another type's seeds mostly get it, is a wrong-type fill (`type_conflict`);
 * nothing is rejected for a class the seeds never show.
 */
export class TaggerTypes extends LearnedTypeCheck<NameClass> {
  constructor(mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, classOf: NameClassOf) {
    // A type without a core (MISC, CoNLL04 Other) is judged only on classes it never shows.
    // Distinct names, two of a class at least: compromise tags the odd name wrongly
    // ("AL-ANWAR", a newspaper, as a person), and one must not open a type to persons.
    const classes = (t: string) => {
      const c = classOf(t);
      return c === undefined ? [] : [c];
    };
    super(mentions, classes, { distinct: true, needsCore: true, ownMin: 2, group: 'Organization', place: 'Place', source: 'the name tagger', describe: (c) => CLASS_NAMES[c] });
  }
}
