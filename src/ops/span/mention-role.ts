import { sentenceOf, type Example } from '../../core/model.js';
import { mentionKey, roleWindow, type CorpusStats } from '../corpus.js';
import { inEntityMask } from '../util.js';

/** The words that tell a name's role, for mention replacement v2's `role_fit` (mention-fit.ts). */

/** A window word seen near more than this share of a type's names says nothing of a role
 *  ("said" is near every kind of organisation). */
const COMMON_SHARE = 0.1;

/** Per type, how many of its distinct names each window word was seen near (made once per corpus). */
const windowCounts = new WeakMap<CorpusStats, Map<string, TypeWindows>>();
interface TypeWindows {
  names: number;
  words: Map<string, number>;
  /** Per name (by `mentionKey`): its window's words that tell (`roleWords` asks of the same names seed after seed). */
  telling: Map<string, string[]>;
}
function typeWindows(corpus: CorpusStats, type: string): TypeWindows {
  let byType = windowCounts.get(corpus);
  if (!byType) windowCounts.set(corpus, (byType = new Map()));
  let got = byType.get(type);
  if (!got) {
    got = { names: 0, words: new Map(), telling: new Map() };
    for (const toks of corpus.mentions.get(type) ?? []) {
      const info = corpus.mentionInfo.get(mentionKey(toks));
      if (!info) continue;
      got.names++;
      for (const w of info.window) got.words.set(w, (got.words.get(w) ?? 0) + 1);
    }
    byType.set(type, got);
  }
  return got;
}

/**
 * The telling words near a group's name: content words within a few tokens of its mentions,
 * here and wherever the corpus saw the name, less those seen near many names of the type. A
 * substitute must have been seen near one of them: "rebels had been shelling [Red Hand] positions"
 * takes an armed group seen near "troops" or "shelling", not a company seen near "said"; a
 * name with no telling word near it is left as it is.
 */
export function roleWords(ex: Example, group: readonly number[], type: string, corpus: CorpusStats, ranges: ReadonlyArray<[number, number]>): Set<string> {
  const inMention = inEntityMask(ex);
  const tw = typeWindows(corpus, type);
  const limit = Math.max(2, COMMON_SHARE * tw.names);
  const tells = (w: string) => (tw.words.get(w) ?? 0) <= limit;
  // Each word kept or not whatever else is near: filtered as they come, in the same order.
  const out = new Set<string>();
  for (const i of group) {
    const e = ex.entities[i];
    const [a, b] = ranges[sentenceOf(ranges, e.start)];
    for (const w of roleWindow(ex.tokens, e.start, e.end, a, b, inMention)) if (tells(w)) out.add(w);
    const key = mentionKey(ex.tokens.slice(e.start, e.end));
    let seen = tw.telling.get(key);
    if (!seen) tw.telling.set(key, (seen = [...(corpus.mentionInfo.get(key)?.window ?? [])].filter(tells)));
    for (const w of seen) out.add(w);
  }
  return out;
}
