import { mentionKey, SEEN, type CorpusStats } from '../corpus.js';
import type { Example } from '../../core/model.js';
import { instanceKinds, partsOfSpeech } from '../token/wordnet.js';
import { shapeClass } from '../mention-shape.js';

/**
 * Mention replacement's `same_world` rule. Type alone lets "the Ruritanian party ... Prime
 * Minister [X]" take an Elbonian prime minister, or a Ruritanian minister's proposals become a
 * Freedonian one's: true of the type, false of the world. So a name that is not itself a
 * country or a nationality takes only a substitute that has been seen with a country the
 * slot's side has: a country or nationality word of the example, or one its own name was seen
 * with. A slot with no country around it is not judged. A country never takes the name of
 * another country the example names in other words, and a country or nationality beside names
 * seen only with it stays. A person takes a name seen with the pronouns of the slot's sentence.
 */

/** A nation's key: the start its country and nationality words share ("Gree" of "Greece",
 *  "Greek"; "Isra" of "Israel", "Israeli"). Pairs that do not ("France", "French") only cost
 *  a draw. */
export const NATION_STEM = 4;
export const nationKey = (toks: readonly string[]): string => toks[0].slice(0, NATION_STEM).toLowerCase();

/** The shapes the rule judges: names and name phrases ("Korean newspaper articles"), not
 *  lower-case phrases, dates, amounts or pronouns. */
export const isNamedShape = (shape: string): boolean => /^(?:name|caps|acronym)/.test(shape);

const nationCache = new Map<string, boolean>();

/** Whether a mention's tokens name a country or a nationality (the same for every corpus). */
function isNation(toks: readonly string[]): boolean {
  const key = mentionKey(toks);
  let got = nationCache.get(key);
  if (got === undefined) {
    // A headline's "SWEDISH" is "Swedish".
    const cased = toks.map((t) => (/^\p{Lu}{2,}$/u.test(t) ? t[0] + t.slice(1).toLowerCase() : t));
    got = (/^demonym/.test(shapeClass(cased)) && knownNationality(cased)) || instanceKinds(toks.join(' ')).includes('country');
    nationCache.set(key, got);
  }
  return got;
}

/** Nationality nouns WordNet has no adjective for ("Danes", "Kurds"). */
const DEMONYM_NOUN = /^(?:dane|swede|pole|kurd|croat|serb|turk|finn|scot|arab|jew)$/;

/** A nationality word WordNet backs: an adjective ("Italian", "Germans" -> "german") or a
 *  nationality noun. A given name of the same ending ("Brian", "Adrian") is none. */
function knownNationality(toks: readonly string[]): boolean {
  if (toks.length !== 1) return false;
  const w = toks[0].toLowerCase();
  return [w, w.replace(/s$/, '')].some((x) => DEMONYM_NOUN.test(x) || partsOfSpeech(x).includes('adj'));
}

/** The nations a name names: itself ("United States", "Ruritanian"), or those its words name
 *  ("Ruritanian Farmers ' Union", "Bank of Elbonia" where Elbonia is a known country). */
function nationsIn(toks: readonly string[]): string[] {
  if (isNation(toks)) return [nationKey(toks)];
  if (toks.length === 1) return [];
  return toks.filter((t) => /^\p{Lu}/u.test(t) && isNation([t])).map((t) => nationKey([t]));
}

const ownCache = new Map<string, string[]>();

/** `nationsIn` of a name by its key: every draw asks it of the same pool names. */
function ownNations(key: string): string[] {
  let got = ownCache.get(key);
  if (!got) ownCache.set(key, (got = nationsIn(key.split('\u0001'))));
  return got;
}

/** Capitalised words outside every mention ("Ruritanian" where nationality words are not marked). */
export function unlabelledCapitals(ex: Example): string[] {
  const inside = new Array<boolean>(ex.tokens.length).fill(false);
  for (const e of ex.entities) for (let i = e.start; i < e.end; i++) inside[i] = true;
  return ex.tokens.filter((t, i) => !inside[i] && /^\p{Lu}/u.test(t));
}

const seenWithCache = new WeakMap<CorpusStats, Map<string, Set<string>>>();

/** The nations a name was seen with in the seeds (by `nationKey`). */
function nationsSeenWith(key: string, corpus: CorpusStats): Set<string> {
  let m = seenWithCache.get(corpus);
  if (!m) seenWithCache.set(corpus, (m = new Map()));
  let got = m.get(key);
  if (!got) {
    got = new Set();
    // By key, as a pool name's own nations: companies overlap, and a split and join per name was most of this.
    for (const k of corpus.mentionInfo.get(key)?.company ?? []) for (const n of ownNations(k)) got.add(n);
    m.set(key, got);
  }
  return got;
}

/** The nations a substitute for `group` must meet, or null when the rule does not judge the
 *  group (a country or nationality itself: countries swap for countries). */
export function nationsAround(ex: Example, group: readonly number[], corpus: CorpusStats): Set<string> | null {
  const names = group.map((i) => ex.tokens.slice(ex.entities[i].start, ex.entities[i].end));
  if (names.some(isNation)) return null;
  const keys = names.map(mentionKey);
  const out = new Set<string>();
  for (const k of keys) for (const n of nationsSeenWith(k, corpus)) out.add(n);
  ex.entities.forEach((e, i) => {
    if (!group.includes(i) && !isPersonType(e.type)) for (const n of nationsIn(ex.tokens.slice(e.start, e.end))) out.add(n);
  });
  for (const t of unlabelledCapitals(ex)) if (isNation([t])) out.add(nationKey([t]));
  return out;
}

/**
 * For a country or nationality slot: the nations the example's other names (people, places,
 * organisations that are not nations themselves) were seen with, one of which the substitute
 * must be; null when the slot is no nation or no such name stands beside it. "Prime Minister
 * Ada Brennan" of "the [Ruritanian] party" keeps her party Ruritanian unless she was also seen
 * with another nation; "[Ruritania] 's trade surplus ... the Ruritanian Customs Board" stays.
 */
export function nationsTied(ex: Example, group: readonly number[], corpus: CorpusStats): Set<string> | null {
  if (!group.every((i) => isNation(ex.tokens.slice(ex.entities[i].start, ex.entities[i].end)))) return null;
  let out: Set<string> | null = null;
  ex.entities.forEach((e, i) => {
    const toks = ex.tokens.slice(e.start, e.end);
    if (group.includes(i) || isNation(toks) || !isNamedShape(shapeClass(toks))) return;
    out ??= new Set();
    for (const n of nationsSeenWith(mentionKey(toks), corpus)) out.add(n);
  });
  // Names seen with no nation tie nothing: the slot is not judged.
  return out && (out as Set<string>).size > 0 ? out : null;
}

/** Whether a substitute (by key) fits the nations around its slot: named after one of them,
 *  or (named after none) seen with one of them. A substitute seen with none is not known to
 *  belong there ("a former Ruritanian envoy" does not take a name never seen with Ruritania). */
export function fitsNations(subKey: string, around: ReadonlySet<string>, corpus: CorpusStats): boolean {
  if (around.size === 0) return true;
  const own = ownNations(subKey);
  // "the Ruritanian Farmers ' Union" belongs where Ruritania is, wherever it was seen.
  if (own.length > 0) return own.some((n) => around.has(n));
  for (const n of nationsSeenWith(subKey, corpus)) if (around.has(n)) return true;
  return false;
}

/** Whether a substitute (a one-word name, or a nation) starts like a country or nationality
 *  word the example already has ("[Ruritania] opposed ... a visit by the Ruritanian vice
 *  president" made from "[Elbonia] ..."); `capitals`: the example's `unlabelledCapitals`. */
export function repeatsNation(ex: Example, group: readonly number[], sub: readonly string[], capitals: readonly string[]): boolean {
  // A longer name that starts with a nation ("Ruritanian Farmers Union") is no second nation.
  if (sub.length > 1 && !isNation(sub)) return false;
  const n = nationKey(sub);
  if (ex.entities.some((e, i) => !group.includes(i) && !isPersonType(e.type) && nationKey([ex.tokens[e.start]]) === n && isNation(ex.tokens.slice(e.start, e.end)))) return true;
  return capitals.some((t) => nationKey([t]) === n && isNation([t]));
}

/** Person types by their usual names (PER, PERSON, Peop, person-artist, ...). */
export const isPersonType = (type: string): boolean => /^(?:per|person|peop(?:le)?)(?:$|[-_:])/i.test(type);

/**
 * Whether a person substitute fits the pronouns of its slot's sentence: where the sentence says
 * only "she" (or only "he"), a name seen in a sentence that says it ("[Ed Brown] ... said she
 * also has a plan" is not made). A sentence with both, or neither, is not judged.
 */
export function fitsGender(slotPronouns: number, subSeen: number): boolean {
  if (slotPronouns === SEEN.FEM) return (subSeen & SEEN.FEM) !== 0;
  if (slotPronouns === SEEN.MASC) return (subSeen & SEEN.MASC) !== 0;
  return true;
}
