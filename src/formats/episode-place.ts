import type { Example } from '../core/model.js';
import { own } from './json-util.js';
import { limit } from './limits.js';
import type { ExampleCheck } from './writer-checks.js';

/** Where a sentence sits in Few-NERD episodes: its episode and set. The first sentence of an
 *  episode also carries the episode's `types` and unknown keys (`rest`). */
export interface EpisodePlace {
  episode: number;
  set: 'support' | 'query';
  types?: string[];
  rest?: Record<string, unknown>;
}

/** The example's place as the Few-NERD reader or `fewshot` set it, or null. */
export function episodePlace(ex: Pick<Example, 'extra'>): EpisodePlace | null {
  const p = own(ex.extra, 'fewnerd');
  if (!p || typeof p.episode !== 'number' || (p.set !== 'support' && p.set !== 'query')) return null;
  return p as unknown as EpisodePlace;
}

/** A candidate made from a seed of an episode belongs to the seed's episode and set (not its
 *  `types`, which its episode's first sentence holds); one with a place of its own keeps it. */
export function withSeedPlace(cand: Example, seed: Example): Example {
  const p = episodePlace(seed);
  if (!p || episodePlace(cand)) return cand;
  return { ...cand, extra: { ...cand.extra, fewnerd: { episode: p.episode, set: p.set } } };
}

/** How to make episodes, for a write given sentences that belong to none. */
export const MAKE_EPISODES = 'make N-way K-shot episodes with `spanforge fewshot --input <file> --n-way N --k K --queries Q --out <episodes.jsonl>`';

/** What a lossy write counts when a format without episodes writes sentences of one. */
export const PLACE_KIND = 'sentence places in Few-NERD episodes (episode, support or query)';

/**
 * Every format but Few-NERD's loses which episode a sentence belongs to and whether to its
 * support or query set: read back, the sentences would make one episode. Refused without
 * --lossy, counted per sentence with it, as every other loss is (registry.ts).
 */
export function episodeCheck(label: string): ExampleCheck {
  return (ex, opts, dropped) => {
    const p = episodePlace(ex);
    if (p) limit(opts, dropped, PLACE_KIND, 1, label, `Few-NERD episodes (this sentence is in the ${p.set} set of episode ${p.episode}; read back, all sentences would be one episode's support)`, ex);
  };
}
