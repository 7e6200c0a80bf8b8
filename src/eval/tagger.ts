import type { Example } from '../core/model.js';
import { decodeTags, encodeTags, dropOverlaps } from '../core/tags.js';
import type { Rng } from '../core/random.js';
import { sentenceIds, readingOrder } from './reading-order.js';

/**
 * The baseline tagger behind `evaluate`: an averaged structured perceptron (first-order
 * Viterbi) over standard word-shape, affix and context features (hashed), with transition
 * and previous-tag-with-word features, BIOES tags inside and valid transitions only. It trains in seconds on a CPU, so
 * "did augmentation help?" can be answered without leaving the tool.
 */
const BITS = 20;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

/** FNV-1a, 32 bits. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hash(s: string): number {
  return hash32(s) & MASK;
}

function shape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Features that do not depend on predicted tags, hashed once per token. */
function staticFeatures(tokens: readonly string[], i: number): number[] {
  const w = tokens[i];
  const lw = w.toLowerCase();
  const at = (k: number) => (k < 0 ? '<s>' : k >= tokens.length ? '</s>' : tokens[k].toLowerCase());
  const sh = (k: number) => (k < 0 ? '<s>' : k >= tokens.length ? '</s>' : shape(tokens[k]));
  const f = [
    'b',
    `w=${w}`,
    `lw=${lw}`,
    `sh=${shape(w)}`,
    `p1=${lw.slice(0, 1)}`,
    `p2=${lw.slice(0, 2)}`,
    `p3=${lw.slice(0, 3)}`,
    `s1=${lw.slice(-1)}`,
    `s2=${lw.slice(-2)}`,
    `s3=${lw.slice(-3)}`,
    `s4=${lw.slice(-4)}`,
    `w-1=${at(i - 1)}`,
    `w+1=${at(i + 1)}`,
    `w-2=${at(i - 2)}`,
    `w+2=${at(i + 2)}`,
    `sh-1=${sh(i - 1)}`,
    `sh+1=${sh(i + 1)}`,
    `w-1w=${at(i - 1)}|${lw}`,
    `ww+1=${lw}|${at(i + 1)}`,
    `sh-1sh=${sh(i - 1)}|${shape(w)}|${sh(i + 1)}`,
    `first=${i === 0}|${/^\p{Lu}/u.test(w)}`,
    `len=${Math.min(w.length, 8)}`,
    `p4=${lw.slice(0, 4)}`,
    `s5=${lw.slice(-5)}`,
    `W-1=${i > 0 ? tokens[i - 1] : '<s>'}`,
    `W+1=${i + 1 < tokens.length ? tokens[i + 1] : '</s>'}`,
    `caps=${w === w.toUpperCase() && /\p{L}/u.test(w)}|${tokens.every((t) => t === t.toUpperCase())}`,
  ];
  return f.map(hash);
}

let trainings = 0;
/** How many taggers have been trained in this process (lets tests count trainings, not time them). */
export const taggerTrainings = (): number => trainings;

export interface TaggerOptions {
  epochs?: number;
}

export class PerceptronTagger {
  labels: string[] = ['O'];
  private index = new Map<string, number>([['O', 0]]);
  private w = new Float32Array(0);
  private totals = new Float64Array(0);
  private stamps = new Int32Array(0);
  private t = 0;
  /** allowed[prev * L + y]: BIO validity of y after prev. */
  private allowed = new Uint8Array(0);

  private label(y: string): number {
    let k = this.index.get(y);
    if (k === undefined) {
      k = this.labels.length;
      this.labels.push(y);
      this.index.set(y, k);
    }
    return k;
  }

  private setup(): void {
    const L = this.labels.length;
    // A previous tag's key comes from its name (the sentence start's too), not its index.
    this.prevKeys = Array.from({ length: L + 1 }, (_, p) => Math.imul(hash32(`prev=${p === L ? '<s>' : this.labels[p]}`), 0x9e3779b1));
    this.w = new Float32Array(SIZE * L);
    this.totals = new Float64Array(SIZE * L);
    this.stamps = new Int32Array(SIZE * L);
    this.allowed = new Uint8Array((L + 1) * L);
    for (let p = 0; p <= L; p++) {
      const prev = p === L ? 'O' : this.labels[p];
      for (let y = 0; y < L; y++) {
        const lab = this.labels[y];
        // BIOES: after B-X or I-X only I-X or E-X; elsewhere only O, B-*, S-*.
        const open = prev.startsWith('B-') || prev.startsWith('I-');
        const cont = lab.startsWith('I-') || lab.startsWith('E-');
        const ok = open ? cont && lab.slice(2) === prev.slice(2) : !cont;
        this.allowed[p * L + y] = ok ? 1 : 0;
      }
    }
  }

  /** Features of (previous tag, this tag): the transition, and the previous tag with this word. */
  private pairFeatures(p: number, lwHash: number, s3Hash: number): [number, number, number] {
    const k = this.prevKeys[p];
    return [this.transitions[p], ((lwHash ^ k) >>> 0) & MASK, ((s3Hash ^ Math.imul(k, 31)) >>> 0) & MASK];
  }

  private transitions: number[] = [];
  private prevKeys: number[] = [];

  /** Best tag sequence under the BIOES constraints (first-order Viterbi). */
  private viterbi(feats: number[][], lw: number[], s3: number[]): number[] {
    const L = this.labels.length;
    const n = feats.length;
    const score = new Float64Array(n * L);
    const back = new Int32Array(n * L);
    const emit = new Float64Array(L);
    for (let i = 0; i < n; i++) {
      emit.fill(0);
      for (const f of feats[i]) {
        const base = f * L;
        for (let y = 0; y < L; y++) emit[y] += this.w[base + y];
      }
      const prevs = i === 0 ? [L] : Array.from({ length: L }, (_, k) => k);
      for (let y = 0; y < L; y++) {
        let best = -Infinity;
        let arg = -1;
        for (const p of prevs) {
          if (!this.allowed[p * L + y]) continue;
          const before = i === 0 ? 0 : score[(i - 1) * L + p];
          if (before === -Infinity) continue;
          let v = before;
          for (const f of this.pairFeatures(p, lw[i], s3[i])) v += this.w[f * L + y];
          if (v > best) [best, arg] = [v, p];
        }
        score[i * L + y] = arg < 0 ? -Infinity : best + emit[y];
        back[i * L + y] = arg;
      }
    }
    // An entity cannot stay open at the end: finish on O, E-* or S-*.
    let best = -Infinity;
    let y = 0;
    for (let k = 0; k < L; k++) {
      const lab = this.labels[k];
      if (lab.startsWith('B-') || lab.startsWith('I-')) continue;
      if (score[(n - 1) * L + k] > best) [best, y] = [score[(n - 1) * L + k], k];
    }
    const out = new Array<number>(n);
    for (let i = n - 1; i >= 0; i--) {
      out[i] = y;
      y = back[i * L + y];
    }
    return out;
  }

  private update(feats: number[], y: number, delta: number): void {
    const L = this.labels.length;
    for (const f of feats) {
      const k = f * L + y;
      this.totals[k] += (this.t - this.stamps[k]) * this.w[k];
      this.stamps[k] = this.t;
      this.w[k] += delta;
    }
  }

  private wordHashes(tokens: readonly string[]): { lw: number[]; s3: number[] } {
    const lw = tokens.map((t) => hash(`t-1w|${t.toLowerCase()}`));
    const s3 = tokens.map((t) => hash(`t-1s|${t.toLowerCase().slice(-3)}`));
    return { lw, s3 };
  }

  train(examples: readonly Example[], rng: Rng, o: TaggerOptions = {}): void {
    trainings++;
    // Labels in an order fixed by the types alone, not by where each first appears: training
    // sets with the same types (evaluate's arms) number them alike, whatever their order.
    for (const type of [...new Set(examples.flatMap((ex) => ex.entities.map((e) => e.type)))].sort()) for (const p of 'BIES') this.label(`${p}-${type}`);
    const data = examples.map((ex) => {
      const flat = dropOverlaps(ex.entities).kept.map((i) => ex.entities[i]);
      // BIOES inside (tells a linear model more than BIO), IOB2 outside.
      const tags = encodeTags(ex.tokens.length, flat, 'BIOES').tags;
      return { tokens: ex.tokens, tags, gold: tags.map((t) => this.label(t)), feats: ex.tokens.map((_, i) => staticFeatures(ex.tokens, i)), ...this.wordHashes(ex.tokens) };
    });
    this.setup();
    const L = this.labels.length;
    this.transitions = Array.from({ length: L + 1 }, (_, p) => hash(`t-1=${p === L ? '<s>' : this.labels[p]}`));
    const ids = sentenceIds(data);
    for (let epoch = 0; epoch < (o.epochs ?? 5); epoch++) {
      for (const s of readingOrder(ids, rng)) {
        const d = data[s];
        if (d.tokens.length === 0) continue;
        this.t++;
        const pred = this.viterbi(d.feats, d.lw, d.s3);
        for (let i = 0; i < pred.length; i++) {
          const g = d.gold[i];
          const y = pred[i];
          const gp = i === 0 ? L : d.gold[i - 1];
          const yp = i === 0 ? L : pred[i - 1];
          if (g !== y) {
            this.update(d.feats[i], g, 1);
            this.update(d.feats[i], y, -1);
          }
          if (g !== y || gp !== yp) {
            this.update(this.pairFeatures(gp, d.lw[i], d.s3[i]), g, 1);
            this.update(this.pairFeatures(yp, d.lw[i], d.s3[i]), y, -1);
          }
        }
      }
    }
    // Average the weights.
    for (let k = 0; k < this.w.length; k++) {
      const total = this.totals[k] + (this.t - this.stamps[k]) * this.w[k];
      this.w[k] = this.t ? total / this.t : 0;
    }
    this.totals = new Float64Array(0);
    this.stamps = new Int32Array(0);
  }

  /** IOB2 tags for a sentence. */
  tag(tokens: readonly string[]): string[] {
    const { entities } = decodeTags(this.tagBioes(tokens), 'BIOES');
    return encodeTags(tokens.length, entities, 'IOB2').tags;
  }

  private tagBioes(tokens: readonly string[]): string[] {
    if (tokens.length === 0) return [];
    const { lw, s3 } = this.wordHashes(tokens);
    return this.viterbi(tokens.map((_, i) => staticFeatures(tokens, i)), lw, s3).map((y) => this.labels[y]);
  }
}
