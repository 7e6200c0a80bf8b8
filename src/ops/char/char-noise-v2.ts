import { z } from 'zod';
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

/** Whether token `t` may get a typo at all: letters only (no digit, hyphen or apostrophe),
 *  long enough, not a number word nor a negation. */
function editable(t: string, p: Params): boolean {
  if (t.length < p.min_length) return false;
  if (!(p.words === 'lower' ? /^\p{Ll}+$/u : /^\p{L}+$/u).test(t)) return false;
  const l = t.toLowerCase();
  return !NUMBER_WORDS.has(l) && !NEGATIONS.has(l);
}

/** Every typo of `t` of one kind, inside the word only: the first and last letters stay, so
 *  the word keeps its outline and reads as itself. */
function typos(t: string, kind: 'keyboard' | 'swap'): string[] {
  const out: string[] = [];
  for (let i = 1; i < t.length - 1; i++) {
    if (kind === 'swap') {
      if (i + 1 < t.length - 1 && t[i] !== t[i + 1]) out.push(t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2));
      continue;
    }
    const c = t[i];
    const lower = c.toLowerCase();
    for (const n of NEIGHBOURS.get(lower) ?? '') out.push(t.slice(0, i) + (c === lower ? n : n.toUpperCase()) + t.slice(i + 1));
  }
  return out;
}

/** Lower-cased words of the seeds: a typo that lands on one of them is another word. */
const vocabularies = new WeakMap<object, Set<string>>();
function vocabulary(corpus: CorpusStats): Set<string> {
  let v = vocabularies.get(corpus);
  if (!v) {
    v = new Set<string>();
    for (const list of corpus.labelTokens.values()) for (const t of list) v.add(t.toLowerCase());
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
function typo(t: string, p: Params, rng: Rng, vocab: Set<string>): string | null {
  for (const kind of rng.shuffle([...p.kinds])) {
    for (const w of rng.shuffle(typos(t, kind))) if (!isWord(w, vocab)) return w;
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
    const mention = p.protect_entities ? inEntityMask(ex) : new Array<boolean>(ex.tokens.length).fill(false);
    const cue = relationCueMask(ex, p.cue_window);
    const vocab = vocabulary(corpus);
    const tokens = ex.tokens.slice();
    let edits = 0;
    // Visited in a random order, so `max_edits` does not favour the start of the sentence.
    for (const i of rng.shuffle(tokens.map((_, k) => k))) {
      if (edits >= p.max_edits) break;
      if (mention[i] || cue[i] || !editable(tokens[i], p) || !rng.chance(p.rate)) continue;
      const w = typo(tokens[i], p, rng, vocab);
      if (w === null) continue;
      tokens[i] = w;
      edits++;
    }
    return edits ? replaceSameLength(ex, 0, ex.tokens.length, tokens, ex.spaces) : null;
  },
};
