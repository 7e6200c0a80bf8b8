import { z } from 'zod';
import type { Example } from '../../core/model.js';
import type { Rng } from '../../core/random.js';
import type { CorpusStats } from '../corpus.js';
import { relationCueMask } from '../relation-cues.js';
import { inEntityMask, replaceSameLength } from '../util.js';
import { FUNCTION_WORDS } from '../token/words.js';
import { isKnownForm } from '../token/wordnet.js';
import type { Operation } from '../types.js';

const params = z.strictObject({
  /** Chance that an editable word gets a typo (each copy still gets at most `max_edits`). */
  rate: z.number().min(0).max(1).default(0.1),
  /** At most this many edited characters per copy (one edit changes one letter or swaps two). */
  max_edits: z.number().int().min(1).default(1),
  /** Words shorter than this are never touched: "use" -> "sue" is another word, not a typo. */
  min_length: z.number().int().min(3).default(4),
  /** The kinds of typo drawn from: a letter becomes its keyboard neighbour ("market" ->
   *  "markrt"), or two neighbouring letters swap ("market" -> "makret"). */
  kinds: z.array(z.enum(['keyboard', 'swap'])).min(1).default(['keyboard', 'swap']),
  /** `lower`: only lower-case words (a capitalised word outside a mention may be a name nobody
   *  labelled, an all-caps one an acronym); `any`: any word of letters. */
  words: z.enum(['lower', 'any']).default('lower'),
  /** Relation cue words (between a relation's arguments, and this many on either side of each
   *  argument) are never touched, as in the other v2 operations. */
  cue_window: z.number().int().min(0).default(0),
  /** Leave mention tokens alone (default). When false, a mention may get a typo too. */
  protect_entities: z.boolean().default(true),
  /** A capitalised word or a word inside a mention needs at least this many letters: a typo in
   *  a short name reads as another name ("Rovan" -> "Rocan", "Mary" -> "Mray"), not a slip. */
  name_min_length: z.number().int().min(3).default(6),
});
type Params = z.infer<typeof params>;

// Letters only: a typo never brings a digit into a word. Rows are offset as on a keyboard.
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS = new Map<string, string>();
ROWS.forEach((row, r) => {
  for (let c = 0; c < row.length; c++) {
    let n = '';
    for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, -1], [1, 0]]) n += ROWS[r + dr]?.[c + dc] ?? '';
    NEIGHBOURS.set(row[c], n);
  }
});

// A number spelt out is a number: "three" -> "thrre" changes what the sentence says.
const NUMBER_WORDS = new Set(
  ('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen ' +
    'nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion ' +
    'billions trillion trillions dozen dozens half quarter first second third fourth fifth sixth seventh eighth ninth tenth ' +
    'twice once double triple percent')
    .split(' '),
);

// A negation carries the sentence's sense ("nevre" reads as a slip on the one word that matters).
const NEGATIONS = new Set('never none nothing neither nobody nowhere without cannot'.split(' '));

const LOWER_WORD = /^\p{Ll}+$/u;
const ANY_WORD = /^\p{L}+$/u;

const CAPS_WORD = /^\p{Lu}{2,}s?$/u;

/** Whether most words of letters in `tokens` are in capitals (a headline or dateline): then a
 *  word in capitals is a word, not an acronym. */
function shouting(tokens: readonly string[]): boolean {
  let words = 0;
  let caps = 0;
  for (const t of tokens) {
    if (t.length < 2 || !ANY_WORD.test(t)) continue;
    words++;
    if (CAPS_WORD.test(t)) caps++;
  }
  return caps * 2 > words;
}

/** Whether token `t` may get a typo at all: letters only (no digit, hyphen or apostrophe),
 *  long enough (a name or a mention's word longer still), not a number word nor a negation,
 *  and no acronym in running text: "HPSG" -> "HSPG" names another thing, where "BRUSSELS" in a
 *  dateline is a word in capitals. */
function editable(t: string, p: Params, inMention: boolean, headline: () => boolean): boolean {
  if (t.length < p.min_length) return false;
  if (!(p.words === 'lower' ? LOWER_WORD : ANY_WORD).test(t)) return false;
  if ((inMention || t[0] !== t[0].toLowerCase()) && t.length < p.name_min_length) return false;
  if (CAPS_WORD.test(t) && !headline()) return false;
  const l = t.toLowerCase();
  return !NUMBER_WORDS.has(l) && !NEGATIONS.has(l);
}

/** Whether a typo at `i` would spell one name two ways: a name or mention word the example
 *  has elsewhere ("[Quillen] left ... when [Quillen] was", "Ferrante ( Ferrante , 1994 )"), or a
 *  mention with coreferent mentions (a typo in one of them would name two things). Asked only
 *  of words that may get a typo. */
function sharedName(ex: Example, i: number, inMention: boolean): boolean {
  const t = ex.tokens[i];
  if (!inMention && t[0] === t[0].toLowerCase()) return false;
  const l = t.toLowerCase();
  for (let k = 0; k < ex.tokens.length; k++) {
    if (k !== i && ex.tokens[k].length === t.length && ex.tokens[k].toLowerCase() === l) return true;
  }
  if (!inMention) return false;
  for (const e of ex.entities) {
    if (e.cluster === undefined || i < e.start || i >= e.end) continue;
    if (ex.entities.some((o) => o !== e && o.cluster === e.cluster)) return true;
  }
  return false;
}

const isUpper = (c: string) => c !== c.toLowerCase();

/** The typos of `t` of one kind, as codes (see `typoAt`), in the order they would be listed as
 *  strings: only the drawn ones are spelt out, and most draws stop at the first. Inside the
 *  word only: the first and last letters stay, so the word keeps its outline. */
function typoCodes(t: string, kind: 'keyboard' | 'swap'): number[] {
  const out: number[] = [];
  for (let i = 1; i < t.length - 1; i++) {
    if (kind === 'swap') {
      // Two letters of one case only: "WordNet" -> "WorNdet" moves a capital, which no hand does.
      if (i + 1 < t.length - 1 && t[i] !== t[i + 1] && isUpper(t[i]) === isUpper(t[i + 1])) out.push(i);
      continue;
    }
    const near = NEIGHBOURS.get(t[i].toLowerCase());
    if (near) for (let j = 0; j < near.length; j++) out.push(i * 8 + j);
  }
  return out;
}

/** The typo a code of `typoCodes` stands for: letters i and i+1 swapped, or letter code >> 3
 *  turned into its (code & 7)-th keyboard neighbour, in the letter's case. */
function typoAt(t: string, kind: 'keyboard' | 'swap', code: number): string {
  if (kind === 'swap') return t.slice(0, code) + t[code + 1] + t[code] + t.slice(code + 2);
  const i = code >> 3;
  const c = t[i];
  const lower = c.toLowerCase();
  const n = NEIGHBOURS.get(lower)![code & 7];
  return t.slice(0, i) + (c === lower ? n : n.toUpperCase()) + t.slice(i + 1);
}

/** Lower-cased words of the seeds: a typo that lands on one of them is another word. */
const vocabularies = new WeakMap<object, Set<string>>();
function vocabulary(corpus: CorpusStats): Set<string> {
  let v = vocabularies.get(corpus);
  if (!v) {
    v = new Set<string>();
    // Tokens repeat (a reader shares equal strings): each distinct one is lower-cased once.
    const seen = new Set<string>();
    for (const list of corpus.labelTokens.values()) {
      for (const t of list) {
        if (seen.has(t)) continue;
        seen.add(t);
        v.add(t.toLowerCase());
      }
    }
    vocabularies.set(corpus, v);
  }
  return v;
}

/** A word a reader would take for another word ("form" for "from"), so not a typo. */
function isWord(w: string, vocab: Set<string>): boolean {
  const l = w.toLowerCase();
  return vocab.has(l) || FUNCTION_WORDS.has(l) || NUMBER_WORDS.has(l) || isKnownForm(l);
}

/** One typo of `t` that is no other word, drawn at random; null when none is left. */
function typo(t: string, p: Params, rng: Rng, corpus: CorpusStats): string | null {
  for (const kind of rng.shuffle([...p.kinds])) {
    for (const code of rng.shuffle(typoCodes(t, kind))) {
      const w = typoAt(t, kind, code);
      if (!isWord(w, vocabulary(corpus))) return w;
    }
  }
  return null;
}

/**
 * Character noise, second version: typos a reader reads through. v1 also edited numbers
 * (1990 -> 9190), relation cue words ("use" -> "sue", a Used-for cue) and short words, and
 * stacked several edits in one copy. v2 changes one letter to its keyboard neighbour or swaps
 * two neighbouring letters, inside a word of at least `min_length` letters (never its first or
 * last letter), never in a number, a number word, a relation cue word or a mention (unless
 * asked), never making another word, and at most `max_edits` times a copy. Tokens keep their
 * positions, so spans and labels never move.
 */
export const charNoiseV2: Operation<Params> = {
  name: 'char_noise_v2',
  summary: 'readable typos (keyboard neighbour, inner swap) in longer words outside mentions, numbers and relation cues',
  params,
  apply(ex, p, { rng, corpus }) {
    const n = ex.tokens.length;
    // Most copies get no typo: nothing is copied or built for them beyond the masks.
    const inMention = inEntityMask(ex);
    const cue = ex.relations.length > 0 ? relationCueMask(ex, p.cue_window) : null;
    let shouts: boolean | undefined;
    const headline = () => (shouts ??= shouting(ex.tokens));
    let tokens: string[] | null = null;
    let edits = 0;
    const order = new Array<number>(n);
    for (let k = 0; k < n; k++) order[k] = k;
    // Visited in a random order, so `max_edits` does not favour the start of the sentence.
    // Each position is visited once: ex.tokens[i] is still the token there.
    for (const i of rng.shuffle(order)) {
      if (edits >= p.max_edits) break;
      const t = ex.tokens[i];
      const named = inMention[i];
      if ((named && p.protect_entities) || cue?.[i] || !editable(t, p, named, headline) || sharedName(ex, i, named) || !rng.chance(p.rate)) continue;
      const w = typo(t, p, rng, corpus);
      if (w === null) continue;
      (tokens ??= ex.tokens.slice())[i] = w;
      edits++;
    }
    return tokens ? replaceSameLength(ex, 0, n, tokens, ex.spaces) : null;
  },
};
