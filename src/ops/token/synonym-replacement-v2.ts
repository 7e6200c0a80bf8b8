import { z } from 'zod';
import { distance } from 'fastest-levenshtein';
import type { Example } from '../../core/model.js';
import { RecentCache } from '../../core/recent-cache.js';
import { replaceRange } from '../../core/edit.js';
import { relationCueMask } from '../relation-cues.js';
import { inEntityMask, isWordToken, matchCase } from '../util.js';
import { formSignature, isLemma, senses, senseTagCounts, type WordNetPos } from './wordnet.js';
import { isFunctionWord, pennColumn, sentenceInitial } from './words.js';
import { takesAn } from '../mention-shape.js';
import type { Operation } from '../types.js';
import type { CorpusStats } from '../corpus.js';

const params = z.strictObject({
  p: z.number().min(0).max(1).default(0.3),
  /** Allow synonyms of several words, for nouns only (they add tokens; spans after them shift). */
  multi_word: z.boolean().default(true),
  /** Synonyms come from the word's first `senses` WordNet senses (the most frequent first):
   *  later senses are rarer and mostly not what the sentence means. */
  senses: z.number().int().min(1).default(1),
  /** Relation cue words (between a relation's arguments, and this many on either side of each
   *  argument) are never replaced. */
  cue_window: z.number().int().min(0).default(0),
  /** A word is replaced only where its sense is clear and common: the sense was tagged at least
   *  this often in WordNet's sense-tagged corpus, and in at least `dominance` of the word's tagged
   *  uses; each synonym must have been tagged in that sense at least twice (or `min_tagged`
   *  times, if lower). */
  min_tagged: z.number().int().min(0).default(3),
  dominance: z.number().min(0).max(1).default(0.75),
  /** Only the usual word for the sense: its own most frequent sense, at least a fifth as common
   *  as the word it replaces and no more common as another part of speech, no abbreviation
   *  ("night" -> not "dark", "forbid" -> not "proscribe", "partly" -> not "part"). */
  usual: z.boolean().default(true),
  /** A synonym whose every word the seeds use at least this often outside mentions (0: any
   *  word WordNet offers): a word the domain never uses reads foreign to it, however close its
   *  sense: abstracts that say "use" read a WordNet synonym such as "employment" as foreign. */
  in_domain: z.number().int().min(0).default(2),
  /** `in_domain` applies only where the seeds hold at least this many words outside mentions
   *  (about 1,000 sentences): in less text, that a word is missing says little. */
  in_domain_from: z.number().int().min(0).default(20000),
  /** The parts of speech replaced (all four by default). Adverbs make most of the copies (SciERC
   *  train: 32 copies, 9 without adverbs; Few-NERD's episodes: 58, and 15) and read right in
   *  most (an audit of Few-NERD's found 3 adverb failures, against 4 among the far fewer nouns),
   *  though an intensifier's synonym can go with other words ("absolutely no one" -> "perfectly
   *  no one"). */
  parts_of_speech: z.array(z.enum(['noun', 'verb', 'adj', 'adv'])).min(1).default(['noun', 'verb', 'adj', 'adv']),
});
type Params = z.infer<typeof params>;

/** What a Penn tag says: the WordNet part of speech and whether the word is a plural noun. */
function fromPenn(tag: string): { pos: WordNetPos; plural: boolean } | null {
  switch (tag) {
    case 'NN':
      return { pos: 'noun', plural: false };
    case 'NNS':
      return { pos: 'noun', plural: true };
    case 'VB':
    case 'VBP':
      return { pos: 'verb', plural: false };
    case 'JJ':
      return { pos: 'adj', plural: false };
    case 'RB':
      return { pos: 'adv', plural: false };
    default:
      // Proper nouns, inflected verbs and adjectives, function words: a WordNet lemma would
      // not fit their form.
      return null;
  }
}

/** Singular candidates of a plural noun ("diseases" -> disease, "studies" -> study). */
function singulars(w: string): string[] {
  const out: string[] = [];
  if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  if (/(s|x|z|ch|sh)es$/.test(w)) out.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) out.push(w.slice(0, -1));
  return out;
}

function plural(w: string): string {
  if (w.endsWith('man')) return `${w.slice(0, -3)}men`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

/** How common a sense and its synonyms must be (the op's `min_tagged` and `dominance`). */
export interface Usage {
  minTagged: number;
  dominance: number;
  /** The op's `usual`. */
  usual?: boolean;
}
const NO_USAGE_CHECK: Usage = { minTagged: 0, dominance: 0 };

const synonymCache = new Map<string, readonly string[]>();

/**
 * Synonyms of `lemma` as a `pos`: the lemmas of its first senses, leaving out instances
 * (particular people and places: "fields" -> "William Claude Dukenfield") and every
 * capitalised lemma ("lamb" -> "Charles Lamb"), which would insert a name nobody labelled.
 */
export function commonSynonyms(lemma: string, pos: WordNetPos, first: number, usage: Usage = NO_USAGE_CHECK): string[] {
  // Asked for the same words over and over (every candidate of every seed): worked out once.
  const key = `${pos} ${first} ${usage.minTagged} ${usage.dominance} ${usage.usual ?? false} ${lemma}`;
  let list = synonymCache.get(key);
  if (!list) synonymCache.set(key, (list = readSynonyms(lemma, pos, first, usage)));
  return [...list];
}

function readSynonyms(lemma: string, pos: WordNetPos, first: number, usage: Usage): string[] {
  const out = new Set<string>();
  const tagged = senseTagCounts(lemma, pos);
  let total = 0;
  for (const c of tagged.values()) total += c;
  for (const s of senses(lemma, pos).slice(0, first)) {
    if (s.instance) continue;
    // "contract" (a disease) is mostly a legal document: an ambiguous word keeps its place.
    const here = tagged.get(s.offset) ?? 0;
    if (here < usage.minTagged || here < usage.dominance * total) continue;
    for (const w of s.words) {
      // A lemma rarely used in this sense ("bakehouse" for a bakery, "perchance") reads as odd.
      if (usage.minTagged > 0 && (senseTagCounts(w, pos).get(s.offset) ?? 0) < Math.min(usage.minTagged, 2)) continue;
      const phrase = w.replace(/_/g, ' ');
      // A phrase reads as a noun compound ("research lab"); for other parts of speech it is an
      // idiom that rarely fits ("like a shot" for "immediately", "of import" for "important").
      if (pos !== 'noun' && phrase.includes(' ')) continue;
      if (/\p{Lu}/u.test(phrase) || /\d/.test(phrase) || phrase.toLowerCase() === lemma) continue;
      // Another spelling of the word ("theatre" -> "theater") changes no word, only a name's
      // spelling where the word is part of one ("the Abbey Theatre" in lower-cased text).
      if (spellingOf(phrase, lemma)) continue;
      if (usage.usual && (!readsAsSense(w, pos, s.offset) || !mostlyInSense(w, pos, s.offset) || !commonEnough(w, pos, total))) continue;
      out.add(phrase);
    }
  }
  return [...out];
}

/** Whether `a` is `b` spelt another way: the same first three letters, lengths at most one
 *  apart and at most two edits ("theatre"/"theater", "colour"/"color", "analyse"/"analyze";
 *  not "partly"/"part"). */
export function spellingOf(a: string, b: string): boolean {
  if (a.slice(0, 3) !== b.slice(0, 3) || Math.abs(a.length - b.length) > 1) return false;
  return distance(a, b) <= 2;
}

/**
 * Whether `w` read alone means this sense: it is w's own most frequent sense, and w is no
 * abbreviation. "dark" is first the absence of light, not the night ("last dark 's attacks");
 * "cows" first female cattle, not "cattle"; "hr" is "hour" abbreviated.
 */
function readsAsSense(w: string, pos: WordNetPos, offset: number): boolean {
  if (!/[aeiouy]/.test(w) || w.length < 3) return false;
  return senses(w, pos)[0]?.offset === offset;
}

/** The share of a synonym's tagged uses that must be in the sense it stands for. */
const SYNONYM_SHARE = 0.5;

/** Whether `w` is used in this sense at least `SYNONYM_SHARE` of the time: "say" -> "tell" is
 *  the same first sense, but "tell" mostly means narrate or order, and takes an object. */
function mostlyInSense(w: string, pos: WordNetPos, offset: number): boolean {
  return (senseTagCounts(w, pos).get(offset) ?? 0) >= SYNONYM_SHARE * usesAs(w, pos);
}

const POS_ALL: WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];
const usesAs = (w: string, pos: WordNetPos) => [...senseTagCounts(w, pos).values()].reduce((a, b) => a + b, 0);
/** A synonym this much rarer than its word reads as a strange choice ("forbid" -> "proscribe"). */
const RELATIVE_USE = 0.2;

/**
 * Whether `w` is a common word in this part of speech: used at least `RELATIVE_USE` as often
 * as the word it replaces (`total` tagged uses), and no more often as another part of speech
 * ("partly" -> "part", first a noun; "fears" -> "frights", "animal" -> "beast").
 */
function commonEnough(w: string, pos: WordNetPos, total: number): boolean {
  const here = usesAs(w, pos);
  if (here < RELATIVE_USE * total) return false;
  return POS_ALL.every((p) => p === pos || usesAs(w, p) <= here);
}

/** A noun lemma that is already a plural ("papers", whose singular WordNet also knows). */
const isPluralLemma = (w: string) => !w.includes('_') && singulars(w).some((s) => senses(s, 'noun').length > 0) && /[^s]s$/.test(w);

/** The longest fixed phrase looked for around a word, in words. */
const PHRASE_MAX = 4;

/**
 * Whether token i is inside a phrase WordNet lists as one lemma ("speed of light", "hunger
 * strikes", "green light"): a fixed expression keeps its words ("velocity of light" is no phrase).
 * Each window around i is looked up in the index files (a hash table of their lemmas): a
 * run asks this of a few hundred words, and a set of every multi-word lemma took longer to make
 * than all the lookups.
 */
export function inFixedPhrase(tokens: readonly string[], i: number): boolean {
  // A token with "_" in it is in no lemma's words (it could split anywhere): not judged.
  if (tokens[i] === '' || tokens[i].includes('_')) return false;
  for (let len = 2; len <= PHRASE_MAX; len++) {
    for (let s = Math.max(0, i - len + 1); s <= i && s + len <= tokens.length; s++) {
      // "strikes" of "hunger strikes": the lemma holds the singular.
      const phrase = tokens.slice(s, s + len).join('_').toLowerCase();
      if (isLemma(phrase) || (phrase.endsWith('s') && isLemma(phrase.slice(0, -1)))) return true;
    }
  }
  return false;
}

const COMMON_NOUN = /^NNS?$/;

/** Whether token i is a noun right before another noun, a compound's modifier ("animal waste"):
 *  its synonyms rarely make the same compound ("creature waste"). */
function modifiesNoun(ex: Example, i: number, posCol: number): boolean {
  if (i + 1 >= ex.tokens.length) return false;
  if (posCol >= 0) return COMMON_NOUN.test(ex.columns![i][posCol]) && COMMON_NOUN.test(ex.columns![i + 1][posCol]);
  return formSignature(ex.tokens[i].toLowerCase()) === 'noun' && formSignature(ex.tokens[i + 1].toLowerCase()) === 'noun';
}

/** Synonyms that fit token i where it stands, each as its words; [] when none is safe. */
function synonymsAt(ex: Example, i: number, posCol: number, first: number, usage: Usage, parts: readonly WordNetPos[]): string[][] {
  const t = ex.tokens[i].toLowerCase();
  if (posCol >= 0) {
    const tag = ex.columns![i][posCol];
    const p = fromPenn(tag);
    if (!p || !parts.includes(p.pos)) return [];
    // "documents" -> "papers", not "paperses"; "document" -> not "papers".
    if (!p.plural) return commonSynonyms(t, p.pos, first, usage).filter((s) => p.pos !== 'noun' || !isPluralLemma(s)).map((s) => s.split(' '));
    const lemma = singulars(t).find((s) => senses(s, 'noun').length > 0);
    if (!lemma) return [];
    return commonSynonyms(lemma, 'noun', first, usage).map((s) => {
      const words = s.split(' ');
      const last = words[words.length - 1];
      if (!isPluralLemma(last)) words[words.length - 1] = plural(last);
      return words;
    });
  }
  // No tags: only words WordNet reads one way, as a base form of one part of speech, are safe
  // to replace without knowing how the sentence uses them. "said" is also an adjective
  // ("aforesaid") and "joined" one ("united"), but as inflected verbs they read another way.
  const sig = formSignature(t);
  if ((sig !== 'noun' && sig !== 'verb' && sig !== 'adj' && sig !== 'adv') || !parts.includes(sig)) return [];
  return commonSynonyms(t, sig, first, usage).map((s) => s.split(' '));
}

const outsideCounts = new WeakMap<CorpusStats, Map<string, number>>();

/** How often the seeds use each word (lower-cased) outside mentions. */
function outsideWordCounts(corpus: CorpusStats): Map<string, number> {
  let got = outsideCounts.get(corpus);
  if (!got) {
    got = new Map();
    for (const t of corpus.labelTokens.get('O') ?? []) {
      const w = t.toLowerCase();
      got.set(w, (got.get(w) ?? 0) + 1);
    }
    outsideCounts.set(corpus, got);
  }
  return got;
}

/** What the op reads of a seed whatever it draws: a seed's variants ask again. */
interface SeedView {
  posCol: number;
  /** Tokens the op may replace: outside mentions and cue words, a lower-case content word, no
   *  compound modifier. */
  eligible: boolean[];
  /** The synonyms that fit each token, worked out when the token is first drawn. */
  syns: Array<string[][] | undefined>;
  /** `wordSynonyms` by word, shared by every seed of the corpus read with these params. */
  byWord: Map<string, string[][]>;
}

/** Per corpus and params key: a word's `wordSynonyms` (seeds use the same words again and again). */
const byWordCache = new WeakMap<CorpusStats, Map<string, Map<string, string[][]>>>();
function byWordOf(corpus: CorpusStats, key: string): Map<string, string[][]> {
  let perKey = byWordCache.get(corpus);
  if (!perKey) byWordCache.set(corpus, (perKey = new Map()));
  let got = perKey.get(key);
  if (!got) perKey.set(key, (got = new Map()));
  return got;
}
// By corpus too: which synonyms fit depends on the seeds (`in_domain`). The last few examples
// only: a seed's variants are made one after another.
// `last`: the view of the params object asked last (each candidate asks; the key costs more than the view).
const views = new RecentCache<Example, { corpus: CorpusStats; byParams: Map<string, SeedView>; last?: [Params, SeedView] }>();

function viewOf(ex: Example, p: Params, corpus: CorpusStats): SeedView {
  let seen = views.get(ex);
  if (!seen || seen.corpus !== corpus) views.set(ex, (seen = { corpus, byParams: new Map() }));
  if (seen.last?.[0] === p) return seen.last[1];
  const byParams = seen.byParams;
  const key = `${p.cue_window} ${p.senses} ${p.min_tagged} ${p.dominance} ${p.usual} ${p.multi_word} ${p.in_domain} ${p.in_domain_from} ${p.parts_of_speech.join(',')}`;
  let v = byParams.get(key);
  if (v) {
    seen.last = [p, v];
    return v;
  }
  const mask = inEntityMask(ex);
  const cue = relationCueMask(ex, p.cue_window);
  const initial = sentenceInitial(ex);
  const posCol = pennColumn(ex);
  const eligible = ex.tokens.map((t, i) => {
    if (mask[i] || cue[i] || !isWordToken(t) || t.length < 3 || isFunctionWord(t)) return false;
    // A capital inside the sentence marks a name or a title; at the start it says nothing,
    // unless a capitalised word follows ("Cafe Glechik" is a name, not a cafe).
    if (/\p{Lu}/u.test(initial[i] ? t.slice(1) : t)) return false;
    if (initial[i] && /^\p{Lu}/u.test(t) && /^\p{Lu}/u.test(ex.tokens[i + 1] ?? '') && ex.tokens[i + 1] !== 'I') return false;
    return !modifiesNoun(ex, i, posCol);
  });
  byParams.set(key, (v = { posCol, eligible, syns: [], byWord: byWordOf(corpus, key) }));
  seen.last = [p, v];
  return v;
}

/** The synonyms token i may become where it stands; [] when none is safe. */
function fittingSynonyms(ex: Example, i: number, view: SeedView, p: Params, corpus: CorpusStats): string[][] {
  const before = i > 0 ? ex.tokens[i - 1].toLowerCase() : '';
  const article = before === 'a' || before === 'an' ? before : '';
  // All `wordSynonyms` reads of the token: its lower case, its tag, the article before it.
  const key = `${view.posCol >= 0 ? ex.columns![i][view.posCol] : '\u0001'}\u0000${article}\u0000${ex.tokens[i].toLowerCase()}`;
  let syns = view.byWord.get(key);
  if (!syns) view.byWord.set(key, (syns = wordSynonyms(ex, i, view.posCol, p, corpus)));
  // Asked only where there is a synonym to keep out (most words have none): a set lookup per
  // phrase around the word, in a set of every multi-word lemma, is dear.
  return syns.length > 0 && inFixedPhrase(ex.tokens, i) ? [] : syns;
}

/** The synonyms token i may become, whatever fixed phrase it stands in (`fittingSynonyms`).
 *  Shared by every seed with the same word: not to be changed. */
function wordSynonyms(ex: Example, i: number, posCol: number, p: Params, corpus: CorpusStats): string[][] {
  let syns = synonymsAt(ex, i, posCol, p.senses, { minTagged: p.min_tagged, dominance: p.dominance, usual: p.usual }, p.parts_of_speech);
  if (!p.multi_word) syns = syns.filter((s) => s.length === 1);
  if (p.in_domain > 0 && (corpus.labelTokens.get('O')?.length ?? 0) >= p.in_domain_from) {
    const uses = outsideWordCounts(corpus);
    syns = syns.filter((s) => s.every((w) => (uses.get(w.toLowerCase()) ?? 0) >= p.in_domain));
  }
  // After "a" or "an", a synonym that takes the same article ("an opportunity" -> not "an chance").
  const article = i > 0 ? ex.tokens[i - 1].toLowerCase() : '';
  if (article === 'a' || article === 'an') syns = syns.filter((s) => takesAn(s) === (article === 'an'));
  return syns;
}

/**
 * Synonym replacement, second version (Dai & Adel 2020, SR), for words outside mentions. Each
 * word, with probability p, becomes a WordNet synonym of the same part of speech: from the
 * file's POS column when it has Penn tags (nouns, plural nouns, base verbs, adjectives,
 * adverbs; a plural noun gets a plural synonym), otherwise only words WordNet reads one way
 * (a base form of one part of speech, no inflection of another word). Unlike v1 it never
 * inserts a proper name, takes synonyms from the most frequent senses only (and only where that
 * sense is clear and common, and the synonym is used in it: `min_tagged`, `dominance`), and leaves
 * capitalised words inside a sentence (often names) and relation cue words as they are, and takes
 * only synonyms the seeds use (`in_domain`). A same-POS one-word synonym keeps its POS and chunk row.
 */
export const synonymReplacementV2: Operation<Params> = {
  name: 'synonym_replacement_v2',
  summary: 'replace words outside mentions by WordNet synonyms of the same part of speech; no names, no cue words',
  params,
  apply(ex, p, { rng, corpus }) {
    const view = viewOf(ex, p, corpus);
    const edits: Array<[number, string[]]> = [];
    for (let i = 0; i < ex.tokens.length; i++) {
      if (!view.eligible[i] || !rng.chance(p.p)) continue;
      const syns = (view.syns[i] ??= fittingSynonyms(ex, i, view, p, corpus));
      if (syns.length === 0) continue;
      const words = rng.pick(syns).slice();
      words[0] = matchCase(words[0], ex.tokens[i]);
      edits.push([i, words]);
    }
    if (edits.length === 0) return null;
    let cur: Example = ex;
    for (let k = edits.length - 1; k >= 0; k--) {
      const [i, words] = edits[k];
      const columns = view.posCol >= 0 && words.length === 1 ? [cur.columns![i]] : undefined;
      cur = replaceRange(cur, i, i + 1, words, { columns }).example;
    }
    return cur;
  },
};
