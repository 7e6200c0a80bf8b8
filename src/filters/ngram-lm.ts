/**
 * A word trigram language model with interpolated modified Kneser-Ney smoothing (Chen &
 * Goodman 1998), small enough to build from a seed set in a moment. Words are lower-cased and
 * digits folded to 0; a word never seen gets the unigram level's leftover mass spread over
 * the vocabulary plus one unknown word.
 *
 * Leave-one-out: the model is built from the seeds, so a seed would be scored by a model that
 * has memorised it. `exclusion(tokens)` takes one sentence's counts back out of every
 * statistic the probabilities use (counts, continuation counts, count-of-count buckets), so a
 * seed and its candidates are scored as if that seed had not been seen. The discounts and the
 * vocabulary size stay those of the whole model.
 */

import { find, successorsOf, type Successors } from './ngram-tables.js';

const BOS = 0;
/** Keys of the sentence markers: no normalised word can spell them. */
const BOS_KEY = '\u0000<s>';
const EOS_KEY = '\u0000</s>';
/** Count buckets of one context: the total and how many successors have count 1, 2, 3+. */
interface Ctx {
  total: number;
  n: [number, number, number];
}
/** Count changes in one context's buckets: [old count, new count] per successor. */
type Changes = Array<[number, number]>;

export const normalizeWord = (w: string): string => w.toLowerCase().replace(/\d/g, '0');

const bucket = (c: number): 0 | 1 | 2 => (c >= 3 ? 2 : ((c - 1) as 0 | 1));
function addTo(ctx: Ctx, c: number): void {
  ctx.total += c;
  ctx.n[bucket(c)]++;
}
function changed(ctx: Ctx | undefined, ch: Changes | undefined): Ctx | undefined {
  if (!ctx || !ch) return ctx;
  const out: Ctx = { total: ctx.total, n: [...ctx.n] };
  for (const [from, to] of ch) {
    out.total -= from - to;
    out.n[bucket(from)]--;
    if (to > 0) out.n[bucket(to)]++;
  }
  return out;
}
function push<K>(m: Map<K, Changes>, k: K, from: number, to: number): void {
  let l = m.get(k);
  if (!l) m.set(k, (l = []));
  l.push([from, to]);
}
function inc<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** One sentence's counts, taken out of the model while it and its candidates are scored: by
 *  word id, trigram context, trigram and bigram (their positions in `Built`). */
export interface Exclusion {
  /** The sentence's own word counts (for the unigram frequencies) and their sum. */
  c1: Map<number, number>;
  n1: number;
  c3: Map<number, number>;
  ctx3: Map<number, Changes>;
  cont2: Map<number, number>;
  ctx2: Map<number, Changes>;
  cont1: Map<number, number>;
  ctx1: Changes;
  /** The unigram level's buckets with `ctx1` applied, made on first use. */
  ctx1Buckets?: Ctx;
}

/** Modified Kneser-Ney discounts from count-of-counts; usual values where data are too few (a
 *  discount equal to its count would leave a seen n-gram nothing). */
export function discountsFrom(counts: Iterable<number>): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (const c of counts) if (c <= 4) n[c]++;
  const y = n[1] + 2 * n[2] > 0 ? n[1] / (n[1] + 2 * n[2]) : 0;
  const fallback: [number, number, number] = [0.7, 1.0, 1.3];
  return fallback.map((f, i) => {
    const k = i + 1;
    const d = k - (k + 1) * y * (n[k + 1] / n[k]);
    return Number.isFinite(d) && d > 0 && d < k ? d : f;
  }) as [number, number, number];
}

export interface LmOptions {
  /** Words seen fewer times than this in training are learnt as their shape (`Xx`, `0.0`, `x-x`),
   *  and so is any unseen word when scoring: a rare name costs what a name costs. Default 2;
   *  1 keeps every training word (unseen words are then one unknown word). */
  minCount?: number;
  /** Fixed discounts per order (1, 2, 3), each [D1, D2, D3+]; tests use them. */
  discounts?: [[number, number, number], [number, number, number], [number, number, number]];
}

/** Word shape: letters to X / x, digits to 0, runs collapsed, at most 6 marks (`McDonald` -> `XxXx`). */
export function wordShape(w: string): string {
  const marks = w.replace(/\p{Lu}/gu, 'X').replace(/\p{Ll}|\p{Lo}|\p{Lm}|\p{Lt}/gu, 'x').replace(/\p{N}/gu, '0');
  return SHAPE + marks.replace(/(.)\1+/gu, '$1').slice(0, 6);
}
const SHAPE = '\u0002';

export class NgramLm {
  private readonly ids = new Map<string, number>([[BOS_KEY, BOS]]);
  private readonly sentences: string[][] = [];
  private built: Built | null = null;
  /** Word ids by token as written: candidates repeat their seed's tokens. */
  private readonly idCache = new Map<string, number>();

  constructor(private readonly opts: LmOptions = {}) {}

  /** Add a training sentence (tokens as written). */
  add(tokens: readonly string[]): void {
    if (this.built) throw new Error('NgramLm.add after scoring');
    this.sentences.push([...tokens]);
  }

  /** A token's id: the word, else its shape, else -1. */
  private idOf(t: string): number {
    let i = this.idCache.get(t);
    if (i === undefined) this.idCache.set(t, (i = this.ids.get(normalizeWord(t)) ?? this.ids.get(wordShape(t)) ?? -1));
    return i;
  }

  /** Word ids with <s> <s> before and </s> after. */
  private padded(tokens: readonly string[]): number[] {
    const out = [BOS, BOS];
    for (const t of tokens) out.push(this.idOf(t));
    out.push(this.ids.get(EOS_KEY)!);
    return out;
  }

  private get model(): Built {
    if (this.built) return this.built;
    const min = this.opts.minCount ?? 2;
    // Each distinct token looked up once by its string, then counted and normalised once: a
    // corpus repeats its words (CoNLL-2003 train: 200k tokens, 24k types), and normalising
    // every token, and a map per trigram, were most of the build.
    const index = new Map<string, number>();
    const distinct: string[] = [];
    let total = 0;
    for (const s of this.sentences) total += s.length;
    const seq = new Int32Array(total);
    let at = 0;
    for (const s of this.sentences) {
      for (const t of s) {
        let k = index.get(t);
        if (k === undefined) index.set(t, (k = distinct.push(t) - 1));
        seq[at++] = k;
      }
    }
    const uses = new Int32Array(distinct.length);
    for (let i = 0; i < seq.length; i++) uses[seq[i]]++;
    const norm = distinct.map(normalizeWord);
    const seen = new Map<string, number>();
    norm.forEach((n, k) => seen.set(n, (seen.get(n) ?? 0) + uses[k]));
    const id = (k: string) => {
      let i = this.ids.get(k);
      if (i === undefined) this.ids.set(k, (i = this.ids.size));
      return i;
    };
    // Every word has one id (its own or its shape's): ids stay below this, known before counting.
    const counts = new TrigramCounts(seen.size + 2, total + this.sentences.length);
    const eos = id(EOS_KEY);
    // Ids given in the order of first use, as each token was looked up before.
    const wordOf = new Int32Array(distinct.length).fill(-1);
    at = 0;
    for (const s of this.sentences) {
      counts.begin();
      for (let j = 0; j < s.length; j++) {
        const k = seq[at++];
        let w = wordOf[k];
        if (w < 0) wordOf[k] = w = seen.get(norm[k])! >= min ? id(norm[k]) : id(wordShape(distinct[k]));
        counts.add(w);
      }
      counts.add(eos);
    }
    this.sentences.length = 0;
    return (this.built = build(counts.done(), this.ids.size - 1, this.opts));
  }

  /** Build the model now (it is built on first use otherwise): before it is copied to worker
   *  threads, so that they do not each build it. */
  prepare(): void {
    void this.model;
  }

  /** Number of word types and shapes learnt (without <s>, with </s>). */
  get vocabularySize(): number {
    return this.model.vocab - 1;
  }

  /** The counts of one sentence, to score as if it had not been trained on. */
  exclusion(tokens: readonly string[]): Exclusion {
    const m = this.model; // ids are final only once built
    return exclusionOf(m, this.padded(tokens));
  }

  /** P(w | u v) by word; `u`, `v` may be '<s>', `w` may be '</s>'. */
  prob(u: string, v: string, w: string, ex?: Exclusion): number {
    const m = this.model;
    const id = (x: string) => (x === '<s>' ? BOS : x === '</s>' ? this.ids.get(EOS_KEY)! : this.padded([x])[2]);
    return prob3(m, id(u), id(v), id(w), ex);
  }

  /** Natural-log probability of the sentence, and how many tokens were predicted (with </s>). */
  logProb(tokens: readonly string[], ex?: Exclusion): { logProb: number; n: number } {
    const m = this.model; // ids are final only once built
    const s = this.padded(tokens);
    return { logProb: trigramLogProb(m, s, ex), n: s.length - 2 };
  }

  /** Natural-log probability of the sentence under plain word frequencies (add-one). */
  unigramLogProb(tokens: readonly string[], ex?: Exclusion): number {
    const m = this.model;
    return unigramLogProb(m, this.padded(tokens), ex);
  }

  /** `logProb` and `unigramLogProb` together, the tokens looked up once (fluency asks both of
   *  every candidate). */
  logProbs(tokens: readonly string[], ex?: Exclusion): { logProb: number; unigram: number; n: number } {
    const m = this.model; // before the ids are read
    const s = this.padded(tokens);
    return { logProb: trigramLogProb(m, s, ex), unigram: unigramLogProb(m, s, ex), n: s.length - 2 };
  }

  /** Per-token perplexity, </s> included. */
  perplexity(tokens: readonly string[], ex?: Exclusion): number {
    const { logProb, n } = this.logProb(tokens, ex);
    return Math.exp(-logProb / n);
  }
}


/** Log probability of padded word ids under the trigram model. */
function trigramLogProb(m: Built, s: readonly number[], ex?: Exclusion): number {
  let lp = 0;
  for (let i = 2; i < s.length; i++) lp += Math.log(prob3(m, s[i - 2], s[i - 1], s[i], ex));
  return lp;
}

/** Log probability of padded word ids under plain word frequencies (add-one). */
function unigramLogProb(m: Built, s: readonly number[], ex?: Exclusion): number {
  const total = m.n1 - (ex?.n1 ?? 0) + m.vocab;
  let lp = 0;
  for (let i = 2; i < s.length; i++) lp += Math.log(((s[i] < 0 ? 0 : m.c1[s[i]] - (ex?.c1.get(s[i]) ?? 0)) + 1) / total);
  return lp;
}

/**
 * Trigram counts while the model is built: each context (a pair of ids u v, numbered `u * M + v`,
 * M bounding the ids) gets an index in order of first use, and each trigram goes into one array
 * as `context index * M + w`; sorted, equal trigrams lie side by side and are counted in one pass
 * (a hash map per trigram was most of the build).
 */
class TrigramCounts {
  private readonly ctxIds = new Map<number, number>();
  /** Each context's pair, by its index. */
  readonly pairs: number[] = [];
  private readonly keys: Float64Array;
  private at = 0;
  private u = BOS;
  private v = BOS;
  /** `n`: how many trigrams will be added. */
  constructor(
    readonly M: number,
    n: number,
  ) {
    this.keys = new Float64Array(n);
  }

  /** A sentence starts: the context is <s> <s>. */
  begin(): void {
    this.u = BOS;
    this.v = BOS;
  }

  /** The next word of the sentence. */
  add(w: number): void {
    const pair = this.u * this.M + this.v;
    let x = this.ctxIds.get(pair);
    if (x === undefined) this.ctxIds.set(pair, (x = this.pairs.push(pair) - 1));
    this.keys[this.at++] = x * this.M + w;
    this.u = this.v;
    this.v = w;
  }

  /** The distinct trigrams (`context index * M + w`, ascending) and their counts. */
  done(): Counted {
    const keys = this.keys.subarray(0, this.at).sort();
    const distinct: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < keys.length; ) {
      let j = i + 1;
      while (j < keys.length && keys[j] === keys[i]) j++;
      distinct.push(keys[i]);
      counts.push(j - i);
      i = j;
    }
    return { M: this.M, pairs: this.pairs, keys: distinct, counts };
  }
}

interface Counted {
  M: number;
  pairs: number[];
  keys: number[];
  counts: number[];
}

/** The model's counts in typed arrays (ngram-tables.ts), by word id, trigram context (a pair
 *  u v, its position in `ctxs`), trigram (position in `tri`) and bigram (position in `bi`). */
interface Built {
  /** Trigram contexts: the v of each u. */
  ctxs: Successors;
  /** Trigrams: the w of each context. */
  tri: Successors;
  c3: Int32Array;
  /** Each context's count buckets: total, and successors with count 1, 2, 3+ (3 per context). */
  total3: Int32Array;
  n3: Int32Array;
  /** Bigrams: the w of each v; the v of each bigram. */
  bi: Successors;
  biV: Int32Array;
  c2: Int32Array;
  cont2: Int32Array;
  total2: Int32Array;
  n2: Int32Array;
  cont1: Int32Array;
  ctx1: Ctx;
  /** Plain word frequencies (the unigram model fluency is measured against) and their sum. */
  c1: Float64Array;
  n1: number;
  /** Word types that can be predicted, plus one for the unknown word. */
  vocab: number;
  d: [[number, number, number], [number, number, number], [number, number, number]];
}

/** Count buckets of each key, from the counts of its successors. */
function bucketsOf(t: Successors, counts: Int32Array): { total: Int32Array; n: Int32Array } {
  const keys = t.start.length - 1;
  const total = new Int32Array(keys);
  const n = new Int32Array(3 * keys);
  for (let k = 0; k < keys; k++) {
    for (let i = t.start[k]; i < t.start[k + 1]; i++) {
      total[k] += counts[i];
      n[3 * k + bucket(counts[i])]++;
    }
  }
  return { total, n };
}

function build({ M, pairs, keys, counts }: Counted, words: number, opts: LmOptions): Built {
  const W = words + 1;
  const ctxs = successorsOf(W, M, pairs.map((p) => Math.floor(p / M)), pairs.map((p) => p % M));
  const ctxOf = pairs.map((p) => find(ctxs, Math.floor(p / M), p % M));
  const ctx = keys.map((k) => ctxOf[Math.floor(k / M)]);
  const ws = keys.map((k) => k % M);
  const tri = successorsOf(ctxs.next.length, M, ctx, ws);
  const c3 = new Int32Array(keys.length);
  const bigrams = new Map<number, number>();
  const c1 = new Float64Array(W);
  let n1 = 0;
  keys.forEach((k, i) => {
    const c = counts[i];
    c3[find(tri, ctx[i], ws[i])] = c;
    inc(bigrams, (pairs[Math.floor(k / M)] % M) * M + ws[i]);
    c1[ws[i]] += c;
    n1 += c;
  });
  const biKeys = [...bigrams.keys()];
  const bi = successorsOf(W, M, biKeys.map((k) => Math.floor(k / M)), biKeys.map((k) => k % M));
  const biV = new Int32Array(bi.next.length);
  for (let v = 0; v < W; v++) biV.fill(v, bi.start[v], bi.start[v + 1]);
  // c2: occurrences of v w; cont2: how many words u were seen before it.
  const c2 = new Int32Array(bi.next.length);
  const cont2 = new Int32Array(bi.next.length);
  for (let x = 0; x < ctxs.next.length; x++) {
    const v = ctxs.next[x];
    for (let t = tri.start[x]; t < tri.start[x + 1]; t++) {
      const b = find(bi, v, tri.next[t]);
      c2[b] += c3[t];
      cont2[b]++;
    }
  }
  const { total: total3, n: n3 } = bucketsOf(tri, c3);
  const { total: total2, n: n2 } = bucketsOf(bi, cont2);
  const cont1 = new Int32Array(W);
  for (const w of bi.next) cont1[w]++;
  const seen1 = cont1.filter((c) => c > 0);
  const ctx1: Ctx = { total: 0, n: [0, 0, 0] };
  for (const c of seen1) addTo(ctx1, c);
  const d = opts.discounts ?? [discountsFrom(seen1), discountsFrom(cont2), discountsFrom(c3)];
  return { ctxs, tri, c3, total3, n3, bi, biV, c2, cont2, total2, n2, cont1, ctx1, c1, n1, vocab: words + 1, d };
}

/** What removing one sentence's trigrams changes: counts, and every count that vanishes to 0
 *  lowers the continuation count one order down. */
function exclusionOf(m: Built, s: number[]): Exclusion {
  // The sentence's trigrams the model has (a sentence not trained on may have others), in
  // order of first occurrence: each one's position, context, bigram and count here.
  const slot = new Map<number, number>();
  const tris: number[] = [];
  const ctxOf: number[] = [];
  const biOf: number[] = [];
  const times: number[] = [];
  for (let i = 2; i < s.length; i++) {
    if (s[i - 2] < 0 || s[i - 1] < 0 || s[i] < 0) continue;
    const x = find(m.ctxs, s[i - 2], s[i - 1]);
    const t = x < 0 ? -1 : find(m.tri, x, s[i]);
    if (t < 0) continue;
    const k = slot.get(t);
    if (k !== undefined) {
      times[k]++;
      continue;
    }
    slot.set(t, tris.length);
    tris.push(t);
    ctxOf.push(x);
    biOf.push(find(m.bi, s[i - 1], s[i]));
    times.push(1);
  }
  const ex: Exclusion = { c1: new Map(), n1: 0, c3: new Map(), ctx3: new Map(), cont2: new Map(), ctx2: new Map(), cont1: new Map(), ctx1: [], ctx1Buckets: undefined };
  for (let i = 2; i < s.length; i++) {
    if (s[i] < 0 || (ex.c1.get(s[i]) ?? 0) >= m.c1[s[i]]) continue;
    inc(ex.c1, s[i]);
    ex.n1++;
  }
  const own2 = new Map<number, number>();
  for (let k = 0; k < tris.length; k++) {
    const t = tris[k];
    const b = biOf[k];
    const c = m.c3[t];
    // A sentence that was not trained on (or only partly) takes out no more than is there.
    const n = Math.min(times[k], c);
    ex.c3.set(t, n);
    push(ex.ctx3, ctxOf[k], c, c - n);
    inc(own2, b, n);
    if (c === n) inc(ex.cont2, b);
  }
  for (const [b, drop] of ex.cont2) {
    const c = m.cont2[b];
    push(ex.ctx2, m.biV[b], c, c - drop);
  }
  // A bigram vanishes when the sentence held all its occurrences.
  for (const [b, n] of own2) {
    if (m.c2[b] === n) inc(ex.cont1, m.bi.next[b]);
  }
  for (const [w, drop] of ex.cont1) {
    const c = m.cont1[w];
    ex.ctx1.push([c, c - drop]);
  }
  return ex;
}

/** Interpolated level: discounted count over the total, plus the leftover mass times `lower`.
 *  The context's buckets come as numbers, and `lower` as its value: this runs for every word
 *  scored, three times, and an object or a closure each time was most of the scoring. */
function level(c: number, total: number, n0: number, n1: number, n2: number, d: [number, number, number], lower: number): number {
  const disc = c > 0 ? d[bucket(c)] : 0;
  const gamma = (d[0] * n0 + d[1] * n1 + d[2] * n2) / total;
  return Math.max(c - disc, 0) / total + gamma * lower;
}

/** Key k's buckets (total, n1, n2, n3+), less what the exclusion takes out of them, into `out`
 *  (one per order: a level's lower order is worked out before its own buckets are read). */
function ctxAt(out: Float64Array, total: Int32Array, n: Int32Array, k: number, ch: Changes | undefined): Float64Array {
  out[0] = total[k];
  out[1] = n[3 * k];
  out[2] = n[3 * k + 1];
  out[3] = n[3 * k + 2];
  if (ch) {
    for (const [from, to] of ch) {
      out[0] -= from - to;
      out[1 + bucket(from)]--;
      if (to > 0) out[1 + bucket(to)]++;
    }
  }
  return out;
}
const CTX2 = new Float64Array(4);
const CTX3 = new Float64Array(4);

/** The unigram level's buckets under an exclusion, worked out once per exclusion. */
function ctx1Of(m: Built, ex?: Exclusion): Ctx {
  if (!ex?.ctx1.length) return m.ctx1;
  return (ex.ctx1Buckets ??= changed(m.ctx1, ex.ctx1)!);
}

function prob1(m: Built, w: number, ex?: Exclusion): number {
  const ctx = ctx1Of(m, ex);
  if (ctx.total <= 0) return 1 / m.vocab;
  const c = w < 0 ? 0 : m.cont1[w] - (ex?.cont1.get(w) ?? 0);
  return level(c, ctx.total, ctx.n[0], ctx.n[1], ctx.n[2], m.d[0], 1 / m.vocab);
}

function prob2(m: Built, v: number, w: number, ex?: Exclusion): number {
  if (v < 0 || m.total2[v] === 0) return prob1(m, w, ex);
  const ctx = ctxAt(CTX2, m.total2, m.n2, v, ex?.ctx2.get(v));
  if (ctx[0] <= 0) return prob1(m, w, ex);
  const b = w < 0 ? -1 : find(m.bi, v, w);
  const c = b < 0 ? 0 : m.cont2[b] - (ex?.cont2.get(b) ?? 0);
  const total = ctx[0];
  const n0 = ctx[1];
  const n1 = ctx[2];
  const n2 = ctx[3];
  return level(c, total, n0, n1, n2, m.d[1], prob1(m, w, ex));
}

function prob3(m: Built, u: number, v: number, w: number, ex?: Exclusion): number {
  const x = u < 0 || v < 0 ? -1 : find(m.ctxs, u, v);
  if (x < 0) return prob2(m, v, w, ex);
  const ctx = ctxAt(CTX3, m.total3, m.n3, x, ex?.ctx3.get(x));
  if (ctx[0] <= 0) return prob2(m, v, w, ex);
  const t = w < 0 ? -1 : find(m.tri, x, w);
  const c = t < 0 ? 0 : m.c3[t] - (ex?.c3.get(t) ?? 0);
  const total = ctx[0];
  const n0 = ctx[1];
  const n1 = ctx[2];
  const n2 = ctx[3];
  return level(c, total, n0, n1, n2, m.d[2], prob2(m, v, w, ex));
}
