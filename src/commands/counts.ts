/**
 * How every command says how much it read or wrote: "922 examples", or, for pair formats
 * that write one record per relation instance (TACRED, FewRel), "922 examples, 2566 records".
 */
export function countPhrase(examples: number, records?: number): string {
  const ex = `${examples} ${examples === 1 ? 'example' : 'examples'}`;
  return records === undefined || records === examples ? ex : `${ex}, ${records} ${records === 1 ? 'record' : 'records'}`;
}

/** Formats whose writers count records (one per relation instance), not examples. */
export const PAIR_FORMATS: ReadonlySet<string> = new Set(['tacred', 'fewrel']);
