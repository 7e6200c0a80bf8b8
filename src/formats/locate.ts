/**
 * Finding surface strings in text (CasRel triples, CSV rows without offsets).
 * Matches must sit on word boundaries. When a string is not in the text verbatim, a second
 * search ignores accents and case (`Cancún` vs `Cancun`); callers report which was used.
 * Whitespace around the needle is not part of it.
 */
import { insideWord } from '../core/align.js';

/** A match may not begin or end inside a word (the aligner's rule; no-space scripts excepted). */
function onBoundary(text: string, start: number, end: number): boolean {
  return !insideWord(text, start) && !insideWord(text, end);
}

function exactOccurrences(text: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!needle) return out;
  let i = text.indexOf(needle);
  while (i >= 0) {
    if (onBoundary(text, i, i + needle.length)) out.push([i, i + needle.length]);
    i = text.indexOf(needle, i + 1);
  }
  return out;
}

function fold(s: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  return { folded, starts, ends };
}

export interface Located {
  occurrences: Array<[number, number]>;
  /** True when found only after folding accents and case. */
  folded: boolean;
}

export function locate(text: string, needle0: string): Located {
  const needle = needle0.trim();
  const exact = exactOccurrences(text, needle);
  if (exact.length > 0) return { occurrences: exact, folded: false };
  const t = fold(text);
  const n = fold(needle).folded;
  const out: Array<[number, number]> = [];
  if (n) {
    let i = t.folded.indexOf(n);
    while (i >= 0) {
      const s = t.starts[i];
      const e = t.ends[i + n.length - 1];
      if (onBoundary(text, s, e)) out.push([s, e]);
      i = t.folded.indexOf(n, i + 1);
    }
  }
  return { occurrences: out, folded: out.length > 0 };
}

/** The occurrence closest to `anchor` (a character offset), or the first when there is none. */
export function nearest(occ: Array<[number, number]>, anchor?: number): [number, number] {
  if (anchor === undefined) return occ[0];
  let best = occ[0];
  for (const o of occ) if (Math.abs(o[0] - anchor) < Math.abs(best[0] - anchor)) best = o;
  return best;
}
