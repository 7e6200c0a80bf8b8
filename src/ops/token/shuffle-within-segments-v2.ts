import { z } from 'zod';
import { sentenceRanges, type Example } from '../../core/model.js';
import { relationCueMask } from '../relation-cues.js';
import { isPunct, replaceSameLength } from '../util.js';
import { sentenceInitial } from './words.js';
import type { Operation } from '../types.js';

const params = z.strictObject({
  p: z.number().min(0).max(1).default(0.3),
  /** Shuffle inside mentions too (`[Brooklyn , N.Y.]` can become `[N.Y. , Brooklyn]`). */
  entities: z.boolean().default(false),
  /** Relation cue words (between a relation's arguments, and this many on either side of each
   *  argument) stay where they are. */
  cue_window: z.number().int().min(0).default(0),
  /** Punctuation stays where it is, so clauses and the sentence end keep their marks. */
  keep_punctuation: z.boolean().default(true),
});
type Params = z.infer<typeof params>;

/**
 * The positions whose tokens may be shuffled among themselves: runs of words outside mentions
 * cut at every fixed token (a cue word, punctuation, a sentence's first word or boundary), and, when asked,
 * the words (cue words and punctuation left) of each mention that nests with nothing.
 */
function segments(ex: Example, p: Params): number[][] {
  const cover = new Array<number>(ex.tokens.length).fill(0);
  for (const e of ex.entities) for (let i = e.start; i < e.end; i++) cover[i]++;
  const cue = relationCueMask(ex, p.cue_window);
  // The first word keeps its place: its capital belongs to the sentence start.
  const initial = sentenceInitial(ex);
  const fixed = (i: number) => cue[i] || initial[i] || (p.keep_punctuation && isPunct(ex.tokens[i]));
  const out: number[][] = [];
  for (const [s, e] of sentenceRanges(ex)) {
    let run: number[] = [];
    for (let i = s; i <= e; i++) {
      if (i < e && cover[i] === 0 && !fixed(i)) run.push(i);
      else {
        if (run.length > 1) out.push(run);
        run = [];
      }
    }
  }
  if (p.entities) {
    for (const e of ex.entities) {
      let alone = true;
      for (let t = e.start; t < e.end; t++) if (cover[t] !== 1) alone = false;
      if (!alone) continue;
      const run: number[] = [];
      for (let t = e.start; t < e.end; t++) if (!fixed(t)) run.push(t);
      if (run.length > 1) out.push(run);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Shuffle within segments, second version (Dai & Adel 2020, SiS): each segment, with
 * probability p, has its tokens shuffled. Unlike v1, by default mentions are not shuffled
 * (`[Brooklyn , N.Y.]` became `[, N.Y. Brooklyn]`), the words that carry a relation stay in
 * place (a shuffle across them no longer says what the relation says), and punctuation and
 * sentence boundaries cut segments. Spans and relations do not move.
 */
export const shuffleWithinSegmentsV2: Operation<Params> = {
  name: 'shuffle_within_segments_v2',
  summary: 'shuffle words within runs outside mentions; relation cue words and punctuation stay',
  params,
  apply(ex, p, { rng }) {
    const order = ex.tokens.map((_, i) => i);
    for (const seg of segments(ex, p)) {
      if (!rng.chance(p.p)) continue;
      const part = seg.slice();
      rng.shuffle(part);
      seg.forEach((pos, k) => (order[pos] = part[k]));
    }
    const tokens = order.map((i) => ex.tokens[i]);
    if (tokens.every((t, i) => t === ex.tokens[i])) return null;
    const columns = ex.columns ? order.map((i) => ex.columns![i]) : undefined;
    return replaceSameLength(ex, 0, ex.tokens.length, tokens, ex.spaces, columns);
  },
};
