import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { replaceRange } from '../../core/edit.js';
import { gapInsideEntity, inEntityMask, isPunct } from '../util.js';
import type { Operation } from '../types.js';

const rate = z.number().min(0).max(1);
const params = z.strictObject({
  /** Per-position rates. Entity tokens are never deleted, swapped or split. */
  insert: rate.default(0.02),
  delete: rate.default(0.02),
  swap: rate.default(0.02),
  punctuation: rate.default(0.02),
});
type Params = z.infer<typeof params>;

const PUNCT = [',', '.', ';', ':', '!', '?', '-', '"', "'"];

/**
 * Token-level noise outside entities: insert a seed token, delete a token, swap two
 * neighbouring tokens, add or drop punctuation. Each edit is one span-safe replace; spans
 * after it shift, entities are never cut.
 */
export const tokenNoise: Operation<Params> = {
  name: 'token_noise_v1',
  summary: 'insert, delete or swap tokens outside entities; punctuation noise',
  params,
  apply(ex, p, { rng, corpus }) {
    const pool = corpus.labelTokens.get('O') ?? [];
    let cur: Example = ex;
    let changed = false;
    // Right to left: positions still to visit are not shifted by earlier edits.
    for (let i = ex.tokens.length - 1; i >= 0; i--) {
      const mask = inEntityMask(cur);
      if (rng.chance(p.swap) && i + 1 < cur.tokens.length && !mask[i] && !mask[i + 1] && cur.tokens[i] !== cur.tokens[i + 1]) {
        const cols = cur.columns ? [cur.columns[i + 1], cur.columns[i]] : undefined;
        cur = replaceRange(cur, i, i + 2, [cur.tokens[i + 1], cur.tokens[i]], { columns: cols }).example;
        changed = true;
        continue;
      }
      if (rng.chance(p.delete) && !mask[i] && cur.tokens.length > 1) {
        cur = replaceRange(cur, i, i + 1, []).example;
        changed = true;
        continue;
      }
      if (rng.chance(p.insert) && pool.length && !gapInsideEntity(cur, i)) {
        cur = replaceRange(cur, i, i, [rng.pick(pool)]).example;
        changed = true;
        continue;
      }
      if (rng.chance(p.punctuation)) {
        if (isPunct(cur.tokens[i]) && !mask[i] && cur.tokens.length > 1) {
          cur = replaceRange(cur, i, i + 1, []).example;
          changed = true;
        } else if (!gapInsideEntity(cur, i + 1) && i + 1 <= cur.tokens.length) {
          cur = replaceRange(cur, i + 1, i + 1, [rng.pick(PUNCT)], { spaces: [true] }).example;
          changed = true;
        }
      }
    }
    return changed ? cur : null;
  },
};
