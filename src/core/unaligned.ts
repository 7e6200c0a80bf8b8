import type { Example } from './model.js';

/** A relation instance kept as its surface strings: [subject, relation, object]. */
export type TripleStrings = [string, string, string];

/**
 * Relation instances whose arguments could not be located in the text (CasRel and CSV
 * inputs), each with its position in the record's list. Readers keep them in the example's
 * `extra.casrel.$unaligned`; writers and statistics read them back from there.
 */
export function unalignedTriples(ex: Example): Array<[number, TripleStrings]> {
  const casrel = ex.extra?.casrel;
  const v = casrel && typeof casrel === 'object' ? (casrel as Record<string, unknown>).$unaligned : undefined;
  return (v as Array<[number, TripleStrings]> | undefined) ?? [];
}
