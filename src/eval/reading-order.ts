import { hash53, hashParts, type Rng } from '../core/random.js';

/** What a training reads of a sentence: its tokens and their tags. */
export interface TaggedSentence {
  tokens: readonly string[];
  tags: readonly string[];
}

/**
 * Each sentence's identity: what the tagger reads of it (tokens and tags, so not the order its
 * entities are listed in, nor relations it ignores), and which occurrence of that it is.
 */
export function sentenceIds(sentences: readonly TaggedSentence[]): string[] {
  const seen = new Map<number, number>();
  return sentences.map((s) => {
    const k = hash53(`${s.tokens.join('\u0001')}\u0002${s.tags.join('\u0001')}`);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${k}#${n}`;
  });
}

/**
 * One epoch's reading order: the examples sorted by a key drawn from the epoch's salt and each
 * example's identity, not a shuffle of positions. A sentence's key is then the same whatever
 * else the set holds, so two training sets that share sentences read them in the same relative
 * order (common random numbers): `evaluate`'s paired difference between seeds and seeds +
 * augmented measures the added sentences, not a new reading order of all of them, which alone
 * moves F1 by points on 100 sentences.
 */
export function readingOrder(ids: readonly string[], rng: Rng): number[] {
  const salt = rng.int(0x7fffffff);
  const keys = ids.map((id) => hashParts([salt, id]));
  return ids.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
}
