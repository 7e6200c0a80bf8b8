import type { CorpusStats } from '../corpus.js';
import { isFunctionWord } from '../token/words.js';

/**
 * The head-word side of mention replacement's majority-type rule. A phrase seen once cannot be
 * outvoted by its own counts, so a single gold slip ("greedy technique" marked Generic, where
 * phrases headed by "technique" are Method nine times in ten) would be copied into new
 * sentences. Its head word can: a modified phrase is not drawn under a type that other
 * modified phrases with its head take less often than another type.
 */

/** Head word (lower-cased) -> type -> mentions seen, over phrases with a modifier before the head. */
const byHead = new WeakMap<CorpusStats, Map<string, Map<string, number>>>();

/** The head of a phrase with a modifier ("greedy technique"), or null ("the technique", "it"). */
function modifiedHead(toks: readonly string[]): string | null {
  if (toks.length < 2 || isFunctionWord(toks[0])) return null;
  const head = toks[toks.length - 1];
  return /\p{L}/u.test(head) ? head.toLowerCase() : null;
}

function headCounts(corpus: CorpusStats): Map<string, Map<string, number>> {
  let got = byHead.get(corpus);
  if (got) return got;
  got = new Map();
  for (const [key, info] of corpus.mentionInfo) {
    const head = modifiedHead(key.split('\u0001'));
    if (!head) continue;
    let m = got.get(head);
    if (!m) got.set(head, (m = new Map()));
    for (const [type, n] of info.counts) m.set(type, (m.get(type) ?? 0) + n);
  }
  byHead.set(corpus, got);
  return got;
}

/** Whether modified phrases headed like `toks` take `type` at least as often as any other type. */
export function headTakesType(toks: readonly string[], type: string, corpus: CorpusStats): boolean {
  const head = modifiedHead(toks);
  const counts = head ? headCounts(corpus).get(head) : undefined;
  if (!counts) return true;
  const here = counts.get(type) ?? 0;
  for (const n of counts.values()) if (n > here) return false;
  return true;
}
