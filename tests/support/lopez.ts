import type { Example, Relation } from '../../src/core/model.js';

/** The tests' small hand-written seed, "Maria Lopez works for Acme in Lyon .", with the
 *  relations (and CoNLL04-style type names) a test asks for. */
export function lopezSeed(relations: Relation[] = [], id = 's'): Example {
  return {
    id,
    tokens: ['Maria', 'Lopez', 'works', 'for', 'Acme', 'in', 'Lyon', '.'],
    entities: [
      { start: 0, end: 2, type: 'Peop' },
      { start: 4, end: 5, type: 'Org' },
      { start: 6, end: 7, type: 'Loc' },
    ],
    relations,
  };
}
