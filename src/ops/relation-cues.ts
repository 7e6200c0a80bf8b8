import type { Example } from '../core/model.js';

/**
 * The words that carry a relation: every token between a relation's two arguments ("Booth
 * [shot] Lincoln", "[Mount Blanc] , [in] the western [Alps]"), and `window` tokens on either
 * side of each argument. Operations that promise to keep relations expressed leave these
 * tokens as they are. Negative instances carry no relation, so they mark nothing.
 */
export function relationCueMask(ex: Example, window = 0): boolean[] {
  const mask = new Array<boolean>(ex.tokens.length).fill(false);
  const mark = (from: number, to: number) => {
    for (let i = Math.max(0, from); i < Math.min(to, mask.length); i++) mask[i] = true;
  };
  for (const r of ex.relations) {
    if (r.negative) continue;
    const h = ex.entities[r.head];
    const t = ex.entities[r.tail];
    if (!h || !t) continue;
    mark(Math.min(h.end, t.end), Math.max(h.start, t.start));
    for (const e of [h, t]) {
      mark(e.start - window, e.start);
      mark(e.end, e.end + window);
    }
  }
  return mask;
}
