/**
 * An independent checker of written files: it parses the text itself and re-derives the truth
 * from the tokens. It imports nothing from src/: a writer and its reader may share a wrong
 * assumption, this code must not share it.
 */

/** One disagreement between a written field and the tokens it describes. */
export interface Violation {
  format: string;
  /** Index of the record (line group, array element, document) in the written file. */
  record: number;
  /** The field that is wrong (`h.name`, `clusters`, `column 2`, `id`). */
  field: string;
  message: string;
}

export interface CheckOptions {
  /** Text of the seed file the output was made from: enables the checks that need it
   *  (POS columns seen with their token, Wikidata ids seen with their name). */
  seed?: string;
  /** Tag scheme the file was written in (IOB2, IOB1, BIOES, BILOU, IO); else the one that
   *  fits most of its tags. */
  scheme?: string;
}

export type Checker = (text: string, opts?: CheckOptions) => Violation[];

/** Collects violations of one format. */
export class Report {
  readonly list: Violation[] = [];
  constructor(private readonly format: string) {}
  add(record: number, field: string, message: string): void {
    this.list.push({ format: this.format, record, field, message });
  }
}

/** Whitespace or a control character: never part of a token. */
export const BAD_CHAR = /[\s\p{Cc}]/u;

/** A non-negative integer. */
export const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Names compared the way the formats write them: case and whitespace do not count
 *  (FewRel lower-cases names; DocRED writes "55.5%" for the tokens `55.5 %`). */
export const squash = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

/** Parse JSON or report why not (a whole unreadable file is one violation). */
export function parseJson(text: string, r: Report, record = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    r.add(record, 'json', `not JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** Non-blank lines of a JSON-lines file, each parsed (undefined where it is not JSON). */
export function jsonLines(text: string, r: Report): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split('\n')) if (line.trim() !== '') out.push(parseJson(line, r, out.length));
  return out;
}

/** Report every id seen more than once (ids must be unique within a file). */
export function uniqueIds(ids: Array<[number, unknown]>, r: Report, field = 'id'): void {
  const first = new Map<string, number>();
  for (const [rec, id] of ids) {
    if (id === undefined || id === null) continue;
    const k = JSON.stringify(id);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, rec);
    else r.add(rec, field, `${field} ${k} repeats record ${seen}'s`);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Tokens that hold whitespace or control characters, or are empty (`allowSpace`: FewRel's
 *  tokens that are only whitespace, ' ', '\n', NBSP, a trap of the real data, are allowed). */
export function checkTokens(tokens: unknown, r: Report, rec: number, field = 'tokens', allowSpace = false): tokens is string[] {
  if (!Array.isArray(tokens)) {
    r.add(rec, field, 'not a list of tokens');
    return false;
  }
  tokens.forEach((t, i) => {
    if (typeof t !== 'string') r.add(rec, field, `token ${i} is not a string`);
    else if (t === '') r.add(rec, field, `token ${i} is empty`);
    else if (!(allowSpace && t.trim() === '') && BAD_CHAR.test(t)) r.add(rec, field, `token ${i} ${JSON.stringify(t)} holds whitespace or a control character`);
  });
  return tokens.every((t) => typeof t === 'string');
}
