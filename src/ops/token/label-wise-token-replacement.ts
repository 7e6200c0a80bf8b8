import { z } from 'zod';
import { tokenLabels } from '../corpus.js';
import { replaceSameLength } from '../util.js';
import type { Operation } from '../types.js';

const params = z.strictObject({
  p: z.number().min(0).max(1).default(0.3),
  /** Only tokens whose label is one of these (`O`, `PER`, ...; default: all). */
  labels: z.array(z.string()).optional(),
});
type Params = z.infer<typeof params>;

/**
 * Label-wise token replacement (Dai & Adel 2020, LwTR): each token, with probability p, is
 * replaced by a token drawn from the seed tokens with the same label (B-PER for B-PER), in
 * proportion to how often each was seen. Lengths and spans do not change.
 */
export const labelWiseTokenReplacement: Operation<Params> = {
  name: 'label_wise_token_replacement_v1',
  summary: 'replace tokens by seed tokens with the same B-/I-/O label',
  params,
  apply(ex, p, { rng, corpus }) {
    const labels = tokenLabels(ex);
    const tokens = ex.tokens.slice();
    let changed = false;
    for (let i = 0; i < tokens.length; i++) {
      const lab = labels[i];
      if (p.labels && !p.labels.includes(lab === 'O' ? 'O' : lab.slice(2))) continue;
      if (!rng.chance(p.p)) continue;
      const pool = corpus.labelTokens.get(lab);
      if (!pool || pool.length === 0) continue;
      for (let tries = 0; tries < 3; tries++) {
        const t = rng.pick(pool);
        if (t !== tokens[i]) {
          tokens[i] = t;
          changed = true;
          break;
        }
      }
    }
    return changed ? replaceSameLength(ex, 0, ex.tokens.length, tokens, ex.spaces) : null;
  },
};
