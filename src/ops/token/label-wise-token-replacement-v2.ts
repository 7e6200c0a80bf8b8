import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { fillerRow } from '../../core/edit.js';
import { mentionKey, tokenLabels, type CorpusStats } from '../corpus.js';
import { relationCueMask } from '../relation-cues.js';
import { replaceSameLength } from '../util.js';
import type { Operation } from '../types.js';
import type { Rng } from '../../core/random.js';
import { calendarKind, digitShape, isFunctionWord, isHeadline, pennColumn, sentenceInitial, shapeOf } from './words.js';
import { formSignature } from './wordnet.js';

const params = z.strictObject({
  /** Probability that each word outside mentions, and each mention, is replaced. */
  p: z.number().min(0).max(1).default(0.3),
  /** Only tokens whose label is one of these (`O`, `PER`, ...; default: all). */
  labels: z.array(z.string()).optional(),
  /** Relation cue words: the words between a relation's arguments, and this many on either
   *  side of each argument, are never replaced. */
  cue_window: z.number().int().min(0).default(0),
});
type Params = z.infer<typeof params>;

/**
 * Shape key of a word outside mentions, or null when such a word is never replaced nor drawn:
 * punctuation, function words, and capitalised or odd words (mid-sentence they are often
 * names nobody labelled; drawing one would insert an unlabelled entity).
 */
function shapeKey(t: string): string | null {
  const s = shapeOf(t);
  if (s === 'num') return `num:${digitShape(t)}`;
  if (s === 'lower' && !isFunctionWord(t)) return 'w';
  return null;
}

/**
 * Pool key: the Penn tag and shape when the tag is known; else the shape and, for a word, the
 * ways WordNet reads it (a word it cannot read is kept).
 */
function wordKey(t: string, tag: string): string | null {
  const k = shapeKey(t);
  if (k === null) return null;
  if (tag && tag !== '_') return `${tag}|${k}`;
  if (k !== 'w') return k;
  const sig = formSignature(t);
  return sig ? `w:${sig}` : null;
}

const wordPools = new WeakMap<string[], { size: number; byKey: Map<string, string[]> }>();

/** The seed corpus's O tokens by pool key, each as often as seen (cached per pool). */
function wordsByKey(pool: string[], tags: string[] | undefined): Map<string, string[]> {
  const hit = wordPools.get(pool);
  if (hit && hit.size === pool.length) return hit.byKey;
  const byKey = new Map<string, string[]>();
  const add = (k: string | null, t: string) => {
    if (k === null) return;
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(t);
  };
  pool.forEach((t, i) => {
    const tag = tags?.[i] ?? '';
    add(wordKey(t, ''), t);
    if (tag) add(wordKey(t, tag), t);
  });
  wordPools.set(pool, { size: pool.length, byKey });
  return byKey;
}

const nextToCalendar = (toks: string[], i: number) => /\d/.test(toks[i]) && ((i > 0 && calendarKind(toks[i - 1]) !== '') || (i + 1 < toks.length && calendarKind(toks[i + 1]) !== ''));

const keySets = new WeakMap<string[], Set<string>>();

/** The distinct lower-cased words of a pool list (cached per list). */
function distinct(list: string[]): Set<string> {
  let set = keySets.get(list);
  if (!set) keySets.set(list, (set = new Set(list.map((w) => w.toLowerCase()))));
  return set;
}

/** The words around a token, lower-cased (undefined at an edge of the example). */
interface Neighbours {
  prev?: string;
  next?: string;
}

/**
 * A replacement for an O token: a seed word of the same shape and tag (or inflection) that was
 * seen between the same two words, so the three words it makes were read together somewhere
 * ("have long been" does not become "have economic been"); null to keep the token.
 */
function drawWord(t: string, tag: string, initial: boolean, headline: boolean, byKey: Map<string, string[]>, around: Neighbours, frames: Map<string, Set<string>>, rng: Rng): string | null {
  const s = shapeOf(t);
  // A capitalised word is replaced only where its capital comes from its place (sentence
  // start, a headline); the replacement is a lower-case word given the same case.
  const plain = (s === 'cap' && initial) || (s === 'upper' && headline) ? t.toLowerCase() : t;
  const key = wordKey(plain, tag);
  const list = key === null ? undefined : byKey.get(key);
  if (!list) return null;
  // A frame of function words or punctuation alone ("the _ of") says nothing of the meaning:
  // "the sheet of paper" became "the control of paper". One neighbour must be a content word.
  const empty = (w: string | undefined) => w === undefined || isFunctionWord(w) || !/\p{L}/u.test(w);
  if (empty(around.prev) && empty(around.next)) return null;
  const pool = distinct(list);
  const own = plain.toLowerCase();
  // The word's whole frame (word before, word after) seen around the replacement: "the notes
  // were" becomes "the guards were" only where "the guards were" was read.
  const frame = `${around.prev ?? ''}\u0000${around.next ?? ''}`;
  const options: string[] = [];
  for (const w of frames.get(frame) ?? []) if (w !== own && pool.has(w)) options.push(w);
  if (options.length === 0) return null;
  const w = rng.pick(options);
  if (s === 'upper') return w.toUpperCase();
  if (s === 'cap') return w[0].toUpperCase() + w.slice(1);
  return w;
}

/** Whether mention token `c` can stand where mention token `o` stood. */
function fits(o: string, c: string, headline: boolean): boolean {
  const so = shapeOf(o);
  const sc = shapeOf(c);
  // Punctuation and odd tokens ("'s", "&") are kept exactly: a mention never gains one.
  if (so === 'punct' || sc === 'punct' || so === 'other' || sc === 'other') return o === c;
  // A date stays a date: "[June]" is not replaced by "[Lordy]".
  if (calendarKind(o) !== calendarKind(c)) return false;
  // Capitalised for capitalised, capitals for capitals; in a headline every word is in capitals
  // and takes any name (`[ISRAEL]` -> `[SYRIA]` from "Syria").
  if (headline && so === 'upper') return sc === 'upper' || sc === 'cap';
  return so === sc;
}

const mentionPools = new WeakMap<string[][], Map<number, string[][]>>();

/** A corpus's mentions of one type, by token count (cached per pool). */
function byLength(pool: string[][]): Map<number, string[][]> {
  let m = mentionPools.get(pool);
  if (!m) {
    m = new Map();
    for (const toks of pool) {
      let list = m.get(toks.length);
      if (!list) m.set(toks.length, (list = []));
      list.push(toks);
    }
    mentionPools.set(pool, m);
  }
  return m;
}

const roleSets = new WeakMap<string[][], Set<string>>();
function roleSet(list: string[][]): Set<string> {
  let s = roleSets.get(list);
  if (!s) roleSets.set(list, (s = new Set(list.map(mentionKey))));
  return s;
}

/** The relation roles mention i plays (`relation|head|type`), positives only. */
function rolesOf(ex: Example, i: number): string[] {
  const type = ex.entities[i].type;
  const out: string[] = [];
  for (const r of ex.relations) {
    if (r.negative) continue;
    if (r.head === i) out.push(`${r.type}|head|${type}`);
    if (r.tail === i) out.push(`${r.type}|tail|${type}`);
  }
  return out;
}

/**
 * A whole other mention of the same type and length, token for token of the same shape, seen
 * in every relation role this mention plays, and not a name the example already uses.
 */
function drawMention(ex: Example, group: number[], corpus: CorpusStats, taken: Set<string>, pos: number, headline: boolean, rng: Rng): string[] | null {
  const e = ex.entities[group[0]];
  const own = ex.tokens.slice(e.start, e.end);
  const pool = corpus.mentions.get(e.type);
  const same = pool ? byLength(pool).get(own.length) : undefined;
  if (!same) return null;
  const roles = [...new Set(group.flatMap((i) => rolesOf(ex, i)))].map((r) => roleSet(corpus.roleMentions.get(r) ?? []));
  // With a POS column, the same tags too ("German" JJ is not replaced by "Africans" NNPS).
  const tagsFit = (m: string[]) => {
    if (pos < 0) return true;
    const rows = corpus.mentionColumns.get(mentionKey(m));
    return !!rows && rows.every((r, k) => r[pos] === ex.columns![e.start + k][pos]);
  };
  // Without tags, a lower-case head word reads the same way ("[models]" is not replaced by "[component]").
  const last = own.length - 1;
  const headFits = (m: string[]) => pos >= 0 || shapeOf(own[last]) !== 'lower' || formSignature(own[last]) === formSignature(m[last]);
  const ok = (m: string[]) => !taken.has(mentionKey(m)) && m.every((t, k) => fits(own[k], t, headline)) && roles.every((s) => s.has(mentionKey(m))) && tagsFit(m) && headFits(m);
  for (let tries = 0; tries < 8; tries++) {
    const m = rng.pick(same);
    if (ok(m)) return m;
  }
  return null;
}

/**
 * Label-wise token replacement, second version. Dai & Adel's LwTR draws each token from the
 * seed tokens with the same label; drawn token by token, mentions became fragments of other
 * names (`[Israel]` -> `[United]`, from "United States"), gained punctuation
 * (`[NEW YORK]` -> `[NEW ,]`), and the words that carry a relation were replaced. Here:
 * - a word outside mentions is replaced, with probability p, by a seed O word seen between the
 *   same two neighbouring words (each three-word frame the copy makes was read), of the same
 *   shape (numbers by numbers of the same digit pattern, lower-case words by lower-case words)
 *   and the same Penn tag when the data has a POS column (else the same WordNet readings:
 *   base forms and inflections, a cheap stand-in for a tag);
 *   punctuation, function words and mid-sentence capitalised words stay (the last are often
 *   names nobody labelled);
 * - a mention is replaced, with probability p, as a whole by another seed mention of its type
 *   with as many tokens, token for token of the same shape (its punctuation kept exactly) and
 *   POS tag, seen in the same relation roles: each token still gets a token with its B-/I- label, and no
 *   name is cut. Repeats of one name, and mentions of one coreference cluster, get the same
 *   replacement (or none); mentions that nest or overlap are kept;
 * - relation cue words (and mentions among them) are kept.
 */
export const labelWiseTokenReplacementV2: Operation<Params> = {
  name: 'label_wise_token_replacement_v2',
  summary: 'replace words by seed words of the same shape, mentions by whole seed mentions; relation cue words kept',
  params,
  apply(ex, p, { rng, corpus }) {
    const cue = relationCueMask(ex, p.cue_window);
    const labels = tokenLabels(ex);
    const wanted = (lab: string) => !p.labels || p.labels.includes(lab === 'O' ? 'O' : lab.slice(2));
    const tokens = ex.tokens.slice();
    const mentionRows: Array<string[] | undefined> = [];
    const byKey = wordsByKey(corpus.labelTokens.get('O') ?? [], corpus.outsideTags);
    const pos = pennColumn(ex);
    const tagged: boolean[] = [];
    const initial = sentenceInitial(ex);
    const headline = isHeadline(ex);
    for (let i = 0; i < tokens.length; i++) {
      if (labels[i] !== 'O' || cue[i] || !wanted('O') || !rng.chance(p.p)) continue;
      // A day or year beside a month ("June 28") is part of a date: "June 50" is none.
      if (nextToCalendar(ex.tokens, i)) continue;
      const tag = pos < 0 ? '' : ex.columns![i][pos];
      const around = { prev: i > 0 ? tokens[i - 1].toLowerCase() : undefined, next: i + 1 < tokens.length ? ex.tokens[i + 1].toLowerCase() : undefined };
      const w = drawWord(tokens[i], tag, initial[i], headline, byKey, around, corpus.frames, rng);
      if (w === null) continue;
      tokens[i] = w;
      tagged[i] = tag !== '' && tag !== '_';
    }
    replaceMentions(ex, p, rng, corpus, cue, tokens, mentionRows, headline, pos);
    let changed = false;
    for (let i = 0; i < tokens.length; i++) if (tokens[i] !== ex.tokens[i]) changed = true;
    if (!changed) return null;
    // A drawn mention brings the POS and chunk rows it was seen with; a word drawn by its tag
    // keeps the row of the word it replaces (same tag, same place); any other has none.
    const columns = ex.columns
      ? ex.columns.map((row, i) => (tokens[i] === ex.tokens[i] || tagged[i] ? row : (mentionRows[i] ?? fillerRow(row.length))))
      : undefined;
    return replaceSameLength(ex, 0, ex.tokens.length, tokens, ex.spaces, columns);
  },
};

/**
 * Mentions that must change together: the same name of the same type, and mentions of one
 * coreference cluster. A group is replaced as one, or kept when one of its members cannot be
 * (it nests, overlaps or holds cue words), when a cluster has several names, or when the name
 * also stands unlabelled in the example (replacing only the labelled copy would split them).
 */
function mentionGroups(ex: Example, cue: boolean[]): number[][] {
  const cover = new Array<number>(ex.tokens.length).fill(0);
  for (const e of ex.entities) for (let i = e.start; i < e.end; i++) cover[i]++;
  const surface = (i: number) => `${ex.entities[i].type}\u0000${mentionKey(ex.tokens.slice(ex.entities[i].start, ex.entities[i].end))}`;
  const groupOf = new Map<string, number[]>();
  const clusterKey = new Map<number, string>();
  const key = (i: number): string => {
    const c = ex.entities[i].cluster;
    if (c === undefined) return surface(i);
    const seen = clusterKey.get(c);
    if (seen !== undefined) return seen;
    clusterKey.set(c, surface(i));
    return surface(i);
  };
  ex.entities.forEach((_, i) => {
    const k = key(i);
    const g = groupOf.get(k);
    if (g) g.push(i);
    else groupOf.set(k, [i]);
  });
  const unlabelled = (toks: string[]) => {
    for (let s = 0; s + toks.length <= ex.tokens.length; s++) {
      if (cover[s] !== 0 || ex.tokens[s] !== toks[0]) continue;
      if (toks.every((t, k) => ex.tokens[s + k] === t && cover[s + k] === 0)) return true;
    }
    return false;
  };
  const out: number[][] = [];
  for (const g of groupOf.values()) {
    const first = surface(g[0]);
    if (g.some((i) => surface(i) !== first)) continue;
    if (g.some((i) => { const e = ex.entities[i]; for (let t = e.start; t < e.end; t++) if (cover[t] !== 1 || cue[t]) return true; return false; })) continue;
    const e = ex.entities[g[0]];
    if (unlabelled(ex.tokens.slice(e.start, e.end))) continue;
    out.push(g);
  }
  return out;
}

/** Mentions replaced whole, into `tokens`; `rows` gets the drawn mentions' column rows. */
function replaceMentions(ex: Example, p: Params, rng: Rng, corpus: CorpusStats, cue: boolean[], tokens: string[], rows: Array<string[] | undefined>, headline: boolean, pos: number): void {
  const taken = new Set(ex.entities.map((e) => mentionKey(ex.tokens.slice(e.start, e.end))));
  for (const group of mentionGroups(ex, cue)) {
    const e = ex.entities[group[0]];
    if (p.labels && !p.labels.includes(e.type)) continue;
    if (!rng.chance(p.p)) continue;
    // Every member's relation roles constrain the one name they all get.
    const m = drawMention(ex, group, corpus, taken, pos, headline, rng);
    if (!m) continue;
    taken.add(mentionKey(m));
    const cols = corpus.mentionColumns.get(mentionKey(m));
    for (const i of group) {
      const at = ex.entities[i].start;
      for (let k = 0; k < m.length; k++) {
        tokens[at + k] = headline && shapeOf(ex.tokens[at + k]) === 'upper' ? m[k].toUpperCase() : m[k];
        rows[at + k] = cols?.[k];
      }
    }
  }
}
