/**
 * Choosing where an entity mention given only as text (CSV entity rows without offsets) lies,
 * when the text holds it more than once. Unlike a relation argument there is no other argument
 * to be near: the rule is to avoid an occurrence another mention of the sentence already covers
 * (callers place longer mentions first, so a name inside a longer name is left to it).
 * Every choice that is not forced is reported, with the occurrence used.
 */
import type { Location } from '../core/errors.js';
import type { Reporter } from './reporter.js';

export type Occurrence = [number, number];
export interface PlacedSpan {
  start: number;
  end: number;
  type: string;
}

export const AMBIGUOUS_RESOLVED = 'mention occurs more than once (the one no other mention holds used)';
export const AMBIGUOUS_FIRST = 'mention occurs more than once (the first no other mention holds used)';
export const ONLY_INSIDE = 'mention occurs only inside other mentions (overlapping entities placed)';
export const REPEATED_ROW = 'mention row repeats another (one entity kept)';

const overlaps = (o: Occurrence, t: PlacedSpan) => o[0] < t.end && t.start < o[1];
const at = (o: Occurrence | PlacedSpan) => (Array.isArray(o) ? `[${o[0]}, ${o[1]}]` : `[${o.start}, ${o.end}]`);
const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

/**
 * The occurrence of `surface` to use, given the spans already placed in the sentence.
 * `occ` is non-empty (a mention not in the text is the caller's problem to report).
 */
export function chooseMentionOccurrence(
  text: string,
  surface: string,
  type: string,
  occ: Occurrence[],
  placed: PlacedSpan[],
  reporter: Reporter,
  loc: Location,
): Occurrence {
  const what = `mention "${surface.trim()}" occurs ${times(occ.length)} in the text`;
  const free = occ.filter((o) => !placed.some((t) => overlaps(o, t)));
  if (free.length > 0) {
    if (occ.length === 1) return free[0];
    const held = occ.length - free.length;
    if (free.length === 1) reporter.warn(AMBIGUOUS_RESOLVED, loc, `${what}; the one at ${at(free[0])} used, ${held === 1 ? 'the other is' : 'the others are'} held by other mentions`);
    else {
      const which = held === 0 ? 'the first' : `${free.length} are free of other mentions; the first of them`;
      reporter.warn(AMBIGUOUS_FIRST, loc, `${what}; ${which}, at ${at(free[0])}, used (give start and end to choose another)`);
    }
    return free[0];
  }
  // Every occurrence is covered. A row naming a span of the same type already placed is a repeat;
  // otherwise the file asks for an overlap, which is placed (the model holds nested entities)
  // but said aloud, since formats without nesting (CoNLL) cannot write it.
  const same = (o: Occurrence) => placed.some((t) => t.start === o[0] && t.end === o[1] && t.type === type);
  const fresh = occ.find((o) => !same(o));
  if (!fresh) {
    reporter.warn(REPEATED_ROW, loc, `${what}; ${type} at ${at(occ[0])} is already given by another row`);
    return occ[0];
  }
  const covering = placed.filter((t) => overlaps(fresh, t)).map((t) => `"${text.slice(t.start, t.end)}" (${t.type}) at ${at(t)}`);
  reporter.warn(ONLY_INSIDE, loc, `${what}, only inside other mentions; placed at ${at(fresh)}, overlapping ${covering.join(', ')} (CoNLL output cannot hold overlapping entities)`);
  return fresh;
}
