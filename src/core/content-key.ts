import type { Example } from './model.js';
import { hash53 } from './random.js';

/**
 * Content key of an example: a 53-bit hash of its tokens, spans with types and relations (ids
 * and provenance aside). At 53 bits, a million examples collide with odds below 1 in 10,000.
 */
export function contentKey(ex: Example): number {
  let s = ex.tokens.join('\u0001') + '\u0002';
  for (const e of ex.entities) s += `${e.start},${e.end},${e.type};`;
  s += '\u0002';
  for (const r of ex.relations) s += `${r.head},${r.tail},${r.type};`;
  return hash53(s);
}
