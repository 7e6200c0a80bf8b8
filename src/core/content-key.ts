import type { Example } from './model.js';
import { Hash53 } from './random.js';

// Fed in place: no string joining the whole example (this runs for every seed and candidate).
const h = new Hash53();

/** A number as its decimal digits and a terminator, so number boundaries cannot blur. */
function feedNumber(n: number): void {
  h.string(String(n)).code(0x2c);
}

/**
 * Content key of an example: a 53-bit hash of its tokens, spans with types and relations (ids
 * and provenance aside). At 53 bits, a million examples collide with odds below 1 in 10,000.
 */
export function contentKey(ex: Example): number {
  h.reset();
  for (const t of ex.tokens) h.string(t).code(1);
  h.code(2);
  for (const e of ex.entities) {
    feedNumber(e.start);
    feedNumber(e.end);
    h.string(e.type).code(0x3b);
  }
  h.code(2);
  for (const r of ex.relations) {
    feedNumber(r.head);
    feedNumber(r.tail);
    h.string(r.type).code(0x3b);
  }
  return h.digest();
}
