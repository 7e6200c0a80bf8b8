/**
 * What a model adds around the text it was asked for. `CHATTER` matches leaked phrases anywhere
 * in a candidate (the `leaked_chatter` filter); `isChatterLine` recognises a whole line of
 * commentary before or after the answer (the markup parser rejects those).
 */
export const CHATTER: RegExp[] = [
  /\bas an ai\b/i,
  /\bas a (large )?language model\b/i,
  /\bhere(?:'s| is| are)\b.{0,40}\b(rewrit|sentence|version|paraphras|example)/i,
  /\b(rewritten|paraphrased|noisy) (sentence|version)\s*:/i,
  /^\s*(sure|certainly|of course)[!,.]/i,
  /\bi (cannot|can't|am unable to)\b/i,
  /\bnote\s*:/i,
  /\b(original|output|rewrite)\s*\d*\s*:/i,
];

// Commentary that only reads as such when it stands on a line of its own.
const LINE: RegExp[] = [
  /^[(*_\s]*(notes?|explanation|changes?(?: made)?|reasoning|rationale|comments?|justification|edits?)\s*[:\-—–)]/i,
  /^(i|we)\s+(have\s+)?(kept|changed|replaced|rewrote|rephrased|added|removed|preserved|made|used|modified|swapped|introduced)\b/i,
  /^(this|the above|the)\s+(rewrite|rewritten sentence|version|sentence|paraphrase)\s+(keeps|preserves|retains|maintains|changes|uses|is|has)\b/i,
  /^(hope this helps|let me know)\b/i,
];

/** A line of commentary rather than content (entity marks are never commentary). */
export function isChatterLine(line: string): boolean {
  const t = line.trim();
  if (!t || /\]\{[^}]*#\d+\}/.test(t)) return false;
  return CHATTER.some((re) => re.test(t)) || LINE.some((re) => re.test(t));
}
