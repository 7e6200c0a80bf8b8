import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { replaceSameLength } from '../util.js';
import type { Operation } from '../types.js';

const params = z.strictObject({
  p: z.number().min(0).max(1).default(0.3),
  /** Shuffle inside mentions too (the mention keeps its span and type). */
  entities: z.boolean().default(true),
});
type Params = z.infer<typeof params>;

/** Segments: runs of tokens outside entities, and each mention that nests with nothing. */
function segments(ex: Example, withEntities: boolean): Array<[number, number]> {
  const cover = new Array<number>(ex.tokens.length).fill(0);
  for (const e of ex.entities) for (let i = e.start; i < e.end; i++) cover[i]++;
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < ex.tokens.length) {
    if (cover[i] === 0) {
      let j = i;
      while (j < ex.tokens.length && cover[j] === 0) j++;
      out.push([i, j]);
      i = j;
    } else i++;
  }
  if (withEntities) {
    for (const e of ex.entities) {
      let alone = true;
      for (let t = e.start; t < e.end; t++) if (cover[t] !== 1) alone = false;
      if (alone) out.push([e.start, e.end]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Shuffle within segments (Dai & Adel 2020, SiS): the sentence is cut into same-label
 * segments (a mention, or a run of O); each segment, with probability p, has its tokens
 * shuffled. Spans and relations do not move.
 */
export const shuffleWithinSegments: Operation<Params> = {
  name: 'shuffle_within_segments_v1',
  summary: 'shuffle tokens inside each same-label segment',
  params,
  apply(ex, p, { rng }) {
    const order = ex.tokens.map((_, i) => i);
    let changed = false;
    for (const [s, e] of segments(ex, p.entities)) {
      if (e - s < 2 || !rng.chance(p.p)) continue;
      const part = order.slice(s, e);
      rng.shuffle(part);
      for (let k = 0; k < part.length; k++) order[s + k] = part[k];
    }
    const tokens = order.map((i) => ex.tokens[i]);
    for (let i = 0; i < tokens.length; i++) if (tokens[i] !== ex.tokens[i]) changed = true;
    if (!changed) return null;
    const columns = ex.columns ? order.map((i) => ex.columns![i]) : undefined;
    return replaceSameLength(ex, 0, ex.tokens.length, tokens, ex.spaces, columns);
  },
};
