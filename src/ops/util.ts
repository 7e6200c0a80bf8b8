import { inTextOrder, originOf, type Example } from '../core/model.js';
import { fillerRow, replaceRange, type Placement } from '../core/edit.js';
import { mendChunks } from '../core/chunks.js';

/** Entities inside [start, end), as placements that keep them (and their relations) where they are. */
function keepInside(ex: Example, start: number, end: number, newLength: number): Placement[] {
  const out: Placement[] = [];
  if (newLength !== end - start) return out;
  ex.entities.forEach((e, i) => {
    if (e.start >= start && e.end <= end) out.push({ start: e.start - start, end: e.end - start, from: i });
  });
  return out;
}

/**
 * Replace tokens [start, end) with the same number of tokens, keeping every entity span as it
 * is (the entity's surface changes, its span and relations do not).
 */
export function replaceSameLength(ex: Example, start: number, end: number, tokens: string[], spaces?: boolean[], columns?: string[][]): Example {
  if (start === 0 && end === ex.tokens.length && tokens.length === end && inTextOrder(ex.entities)) {
    // The whole sentence rewritten token for token: every span, relation and sentence boundary
    // stays as it is, so the edit is just new token arrays (this runs for most candidates).
    // What described a changed word (its origin, its columns, its mention's fields) is dropped.
    if (spaces && spaces.length !== end) throw new RangeError(`got ${spaces.length} whitespace flags for ${end} new tokens`);
    if (columns && columns.length !== end) throw new RangeError(`got ${columns.length} column rows for ${end} new tokens`);
    const old = originOf(ex);
    const origin = tokens.map((t, i) => (t === ex.tokens[i] ? old[i] : -1));
    const out: Example = { ...ex, tokens, origin };
    if (spaces) out.spaces = spaces;
    if (columns) out.columns = ex.columns ? mendChunks(ex.columns, columns, 0, end) : columns;
    else if (ex.columns) {
      const row = fillerRow(ex.columns[0]?.length ?? 0);
      out.columns = ex.columns.map((c, i) => (origin[i] === old[i] ? c : row));
    }
    if (ex.entities.some((e) => e.extra)) {
      out.entities = ex.entities.map((e) => {
        if (!e.extra) return e;
        for (let i = e.start; i < e.end; i++) if (tokens[i] !== ex.tokens[i]) {
          const { extra: _gone, ...rest } = e;
          return rest;
        }
        return e;
      });
    }
    return out;
  }
  return replaceRange(ex, start, end, tokens, { place: keepInside(ex, start, end, tokens.length), spaces, columns }).example;
}

/** True when token i lies inside some entity. */
export function inEntityMask(ex: Example): boolean[] {
  const mask = new Array<boolean>(ex.tokens.length).fill(false);
  for (const e of ex.entities) for (let i = e.start; i < e.end; i++) mask[i] = true;
  return mask;
}

/** True when position p (a gap before token p) is strictly inside an entity. */
export function gapInsideEntity(ex: Example, p: number): boolean {
  return ex.entities.some((e) => e.start < p && p < e.end);
}

export const isWordToken = (t: string) => /^[\p{L}][\p{L}'-]*$/u.test(t);
export const isPunct = (t: string) => /^[\p{P}\p{S}]+$/u.test(t);

/** Match the case pattern of `like` (UPPER, Capitalised, lower). */
export function matchCase(word: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] && like[0] === like[0].toUpperCase() && like[0] !== like[0].toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}
