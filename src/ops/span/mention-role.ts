import { sentenceOf, type Example } from '../../core/model.js';
import { mentionKey, roleWindow, type CorpusStats } from '../corpus.js';
import { inEntityMask } from '../util.js';

/** The words that tell a name's role, for mention replacement v2's `role_fit` (mention-fit.ts). */

/** A window word seen near more than this share of a type's names says nothing of a role
 *  ("said" is near every kind of organisation). */
const COMMON_SHARE = 0.1;

/** Per type, how many of its distinct names each window word was seen near (made once per corpus). */
const windowCounts = new WeakMap<CorpusStats, Map<string, { names: number; words: Map<string, number> }>>();
function typeWindows(corpus: CorpusStats, type: string) {
  let byType = windowCounts.get(corpus);
  if (!byType) windowCounts.set(corpus, (byType = new Map()));
  let got = byType.get(type);
  if (!got) {
    got = { names: 0, words: new Map() };
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
  const words = new Set<string>();
  for (const i of group) {
    const e = ex.entities[i];
    const [a, b] = ranges[sentenceOf(ranges, e.start)];
    for (const w of roleWindow(ex.tokens, e.start, e.end, a, b, inMention)) words.add(w);
    for (const w of corpus.mentionInfo.get(mentionKey(ex.tokens.slice(e.start, e.end)))?.window ?? []) words.add(w);
  }
  const { names, words: df } = typeWindows(corpus, type);
  const limit = Math.max(2, COMMON_SHARE * names);
  return new Set([...words].filter((w) => (df.get(w) ?? 0) <= limit));
}
