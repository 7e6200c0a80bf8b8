import type { DiversityCollector } from './diversity.js';

export type DiversityFigures = ReturnType<DiversityCollector['result']>;

/** One line per diversity figure: what it measures and which way is better (report.html).
 *  Typed against the collector's result, so a new figure without a hint does not compile. */
export const DIVERSITY_HINTS: Record<keyof DiversityFigures, string> = {
  candidates: 'accepted candidates the figures describe',
  sample: 'candidates in the seeded sample distinct-n and self-BLEU are computed on',
  distinct_1: 'distinct words / all words in the sample; higher is better (more varied wording)',
  distinct_2: 'distinct word pairs / all word pairs in the sample; higher is better (more varied phrasing)',
  self_bleu_4: 'mean BLEU-4 of each sampled candidate against the others; lower is better (less repetitive)',
  self_bleu_sample: 'candidates self-BLEU is computed on',
  novel_mention_share: 'share of entity mentions never seen in the seeds; higher brings more new names (check they are real)',
  type_kl_divergence: "how far the entity type mix moved from the seeds' (KL, nats); near 0 keeps the mix, higher is wanted only when rebalancing",
};
