import type { Example } from './model.js';

// cyrb53 state, fed in place: hashing without first joining the example into one string
// (this runs for every seed and every candidate of a run).
let h1 = 0;
let h2 = 0;

function feedCode(c: number): void {
  h1 = Math.imul(h1 ^ c, 2654435761);
  h2 = Math.imul(h2 ^ c, 1597334677);
}

function feedString(s: string): void {
  for (let i = 0; i < s.length; i++) feedCode(s.charCodeAt(i));
}

/** A number as its decimal digits and a terminator, so number boundaries cannot blur. */
function feedNumber(n: number): void {
  feedString(String(n));
  feedCode(0x2c);
}

/**
 * Content key of an example: a 53-bit hash of its tokens, spans with types and relations (ids
 * and provenance aside). At 53 bits, a million examples collide with odds below 1 in 10,000.
 */
export function contentKey(ex: Example): number {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  for (const t of ex.tokens) {
    feedString(t);
    feedCode(1);
  }
  feedCode(2);
  for (const e of ex.entities) {
    feedNumber(e.start);
    feedNumber(e.end);
    feedString(e.type);
    feedCode(0x3b);
  }
  feedCode(2);
  for (const r of ex.relations) {
    feedNumber(r.head);
    feedNumber(r.tail);
    feedString(r.type);
    feedCode(0x3b);
  }
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  a = a >>> 0;
  return 4294967296 * (2097151 & b) + a;
}
