/** What the profile is built from: the corpus statistics' tokens by label and mentions by type
 *  (ops/corpus.ts builds them in the seed pass; filters do not depend on ops). */
export interface SeedTokens {
  /** token label (`B-PER`, `I-PER`, `O`) -> tokens with that label, as often as seen. */
  labelTokens: ReadonlyMap<string, readonly string[]>;
  /** type -> distinct mentions (token arrays). */
  mentions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
}

/**
 * What the model-output checks know of the seeds, built once per run from the corpus
 * statistics: the scripts of their letters (overall and per entity type), their function
 * words and vocabulary outside mentions, their mentions by type (a gazetteer), and which
 * kinds of number or date token they usually mark as entities.
 */
export interface SeedProfile {
  /** Scripts seen in the seeds' tokens (Latin, Cyrillic, Han, ...). */
  scripts: ReadonlySet<string>;
  /** Scripts seen in the mentions of each entity type. */
  typeScripts: ReadonlyMap<string, ReadonlySet<string>>;
  /** The most frequent lower-cased words outside mentions: the language's function words. */
  functionWords: ReadonlySet<string>;
  /** Tokens seen outside mentions, as written. */
  outside: ReadonlySet<string>;
  /** Lower-cased tokens seen outside mentions. */
  outsideLower: ReadonlySet<string>;
  /** Lower-cased tokens seen inside mentions and never outside: name words. */
  nameWords: ReadonlySet<string>;
  /** Normalised mention text -> the types the seeds give it. */
  gazetteer: ReadonlyMap<string, ReadonlySet<string>>;
  /** Token kinds (`digit`, `month`, `weekday`) the seeds mark as entities more often than not. */
  markedKinds: ReadonlySet<TokenKind>;
  /** Some outside-mention words of the seeds, for language identification of the whole. */
  sample: string;
}

export type TokenKind = 'digit' | 'month' | 'weekday';

const MONTHS = new Set('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));

/** What kind of number or date word a token is, if any ("May" counts only capitalised). */
export function tokenKind(t: string): TokenKind | null {
  if (/\p{N}/u.test(t)) return 'digit';
  const w = t.toLowerCase().replace(/\.$/, '');
  if (WEEKDAYS.has(w)) return 'weekday';
  if (MONTHS.has(w) && /^\p{Lu}/u.test(t)) return 'month';
  return null;
}

/** Letter scripts of a string; digits, punctuation and marks have none. */
export function scriptsOf(s: string): Set<string> {
  const out = new Set<string>();
  for (const ch of s) {
    if (!/\p{L}/u.test(ch)) continue;
    const sc = SCRIPTS.find(([, re]) => re.test(ch));
    out.add(sc ? sc[0] : 'Other');
  }
  return out;
}
const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  // Han with kana is one writing system (Japanese).
  ['Han', /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
];

/** The gazetteer's key of a mention text: lower case, one space between words. */
export const gazetteerKey = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export const isWord = (t: string) => /^\p{L}[\p{L}'’-]*$/u.test(t);

const FUNCTION_WORDS = 40;
const SAMPLE_WORDS = 3000;
const cache = new WeakMap<SeedTokens, SeedProfile>();

/** The profile of the seeds behind these corpus statistics (built once). */
export function seedProfile(corpus: SeedTokens): SeedProfile {
  let p = cache.get(corpus);
  if (!p) cache.set(corpus, (p = buildProfile(corpus)));
  return p;
}

function buildProfile(corpus: SeedTokens): SeedProfile {
  const scripts = new Set<string>();
  const outsideTokens = corpus.labelTokens.get('O') ?? [];
  const outside = new Set(outsideTokens);
  const outsideLower = new Set(outsideTokens.map((t) => t.toLowerCase()));
  const freq = new Map<string, number>();
  for (const t of outsideTokens) {
    for (const s of scriptsOf(t)) scripts.add(s);
    if (isWord(t)) freq.set(t.toLowerCase(), (freq.get(t.toLowerCase()) ?? 0) + 1);
  }
  const functionWords = new Set([...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, FUNCTION_WORDS).map(([w]) => w));
  const typeScripts = new Map<string, Set<string>>();
  const gazetteer = new Map<string, Set<string>>();
  const nameWords = new Set<string>();
  for (const [type, list] of corpus.mentions) {
    const ts = typeScripts.get(type) ?? new Set<string>();
    typeScripts.set(type, ts);
    for (const toks of list) {
      for (const s of scriptsOf(toks.join(''))) (ts.add(s), scripts.add(s));
      const k = gazetteerKey(toks.join(' '));
      if (!gazetteer.has(k)) gazetteer.set(k, new Set());
      gazetteer.get(k)!.add(type);
      for (const t of toks) if (isWord(t) && !outsideLower.has(t.toLowerCase())) nameWords.add(t.toLowerCase());
    }
  }
  return { scripts, typeScripts, functionWords, outside, outsideLower, nameWords, gazetteer, markedKinds: markedKinds(corpus), sample: outsideTokens.filter(isWord).slice(0, SAMPLE_WORDS).join(' ') };
}

/** Kinds of number and date tokens found inside mentions more often than outside. */
function markedKinds(corpus: SeedTokens): Set<TokenKind> {
  const inside = new Map<TokenKind, number>();
  const out = new Map<TokenKind, number>();
  for (const [label, toks] of corpus.labelTokens) {
    const m = label === 'O' ? out : inside;
    for (const t of toks) {
      const k = tokenKind(t);
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  return new Set([...inside].filter(([k, n]) => n > (out.get(k) ?? 0)).map(([k]) => k));
}
