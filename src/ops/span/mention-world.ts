import { mentionKey, type CorpusStats } from '../corpus.js';
import type { Example } from '../../core/model.js';
import { instanceKinds } from '../token/wordnet.js';

/**
 * Mention replacement's `same_world` rule. Type alone lets "the Greek party ... Prime Minister
 * [X]" take an Israeli prime minister, or a French minister's proposals become a Lebanese
 * one's: true of the type, false of the world. So a name that is not itself a country or a
 * nationality takes only a substitute that has been seen with a country the slot's side
 * has: a country or nationality word of the example, or one its own name was seen with. A
 * slot with no country around it is not judged. A country never takes the name of another
 * country the example names in other words.
 */

/** A nation's key: the start its country and nationality words share ("Gree" of "Greece",
 *  "Greek"; "Isra" of "Israel", "Israeli"). Pairs that do not ("France", "French") only cost
 *  a draw. */
const STEM = 4;
const nationKey = (toks: readonly string[]) => toks[0].slice(0, STEM).toLowerCase();

/** The shapes the rule judges: names, not phrases, dates, amounts or pronouns. */
export const isNamedShape = (shape: string): boolean => /^(?:name|caps|acronym)/.test(shape);

const nationCache = new WeakMap<CorpusStats, Map<string, boolean>>();

/** Whether the mention with key `key` names a country or a nationality. */
function isNation(key: string, corpus: CorpusStats): boolean {
  let m = nationCache.get(corpus);
  if (!m) nationCache.set(corpus, (m = new Map()));
  let got = m.get(key);
  if (got === undefined) {
    const info = corpus.mentionInfo.get(key);
    got = !!info && (/^demonym/.test(info.shape) || instanceKinds(key.split('\u0001').join(' ')).includes('country'));
    m.set(key, got);
  }
  return got;
}

const seenWithCache = new WeakMap<CorpusStats, Map<string, Set<string>>>();

/** The nations a name was seen with in the seeds (by `nationKey`). */
export function nationsSeenWith(key: string, corpus: CorpusStats): Set<string> {
  let m = seenWithCache.get(corpus);
  if (!m) seenWithCache.set(corpus, (m = new Map()));
  let got = m.get(key);
  if (!got) {
    got = new Set();
    for (const k of corpus.mentionInfo.get(key)?.company ?? []) if (isNation(k, corpus)) got.add(nationKey(k.split('\u0001')));
    m.set(key, got);
  }
  return got;
}

/** The nations a substitute for `group` must meet, or null when the rule does not judge the
 *  group (a country or nationality itself: countries swap for countries). */
export function nationsAround(ex: Example, group: readonly number[], corpus: CorpusStats): Set<string> | null {
  const keys = group.map((i) => mentionKey(ex.tokens.slice(ex.entities[i].start, ex.entities[i].end)));
  if (keys.some((k) => isNation(k, corpus))) return null;
  const out = new Set<string>();
  for (const k of keys) for (const n of nationsSeenWith(k, corpus)) out.add(n);
  ex.entities.forEach((e, i) => {
    const toks = ex.tokens.slice(e.start, e.end);
    if (!group.includes(i) && isNation(mentionKey(toks), corpus)) out.add(nationKey(toks));
  });
  return out;
}

/** Whether a substitute (by key) fits the nations around its slot: seen with one of them. A
 *  substitute seen with none is not known to belong there ("a former Ruritanian envoy" does
 *  not take a name never seen with Ruritania). */
export function fitsNations(subKey: string, around: ReadonlySet<string>, corpus: CorpusStats): boolean {
  if (around.size === 0) return true;
  for (const n of nationsSeenWith(subKey, corpus)) if (around.has(n)) return true;
  return false;
}

/** Whether a substitute names a nation the example already names in another word
 *  ("[Ruritania] opposed ... a visit by the Ruritanian vice president" from "[Elbonia] ..."). */
export function repeatsNation(ex: Example, group: readonly number[], sub: readonly string[], corpus: CorpusStats): boolean {
  if (!isNation(mentionKey(sub), corpus)) return false;
  const n = nationKey(sub);
  return ex.entities.some((e, i) => !group.includes(i) && ex.tokens[e.start].slice(0, STEM).toLowerCase() === n && isNation(mentionKey(ex.tokens.slice(e.start, e.end)), corpus));
}
