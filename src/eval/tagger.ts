import type { Example } from '../core/model.js';
import { decodeTags, encodeTags, dropOverlaps } from '../core/tags.js';
import type { Rng } from '../core/random.js';

/**
 * The baseline tagger behind `evaluate`: a greedy left-to-right averaged perceptron over
 * standard word-shape, affix and context features (hashed), with the previous tags as
 * features and BIO transitions kept valid at decoding time. It trains in seconds on a CPU, so
 * "did augmentation help?" can be answered without leaving the tool.
 */
const BITS = 20;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
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

  private dynamic(prev1: number, prev2: number, lw: string): number[] {
    const p1 = prev1 < 0 ? '<s>' : this.labels[prev1];
    const p2 = prev2 < 0 ? '<s>' : this.labels[prev2];
    return [hash(`t-1=${p1}`), hash(`t-2t-1=${p2}|${p1}`), hash(`t-1w=${p1}|${lw}`), hash(`t-1s=${p1}|${lw.length > 3 ? lw.slice(-3) : lw}`)];
  }

  private best(feats: number[], prev: number, scores: Float64Array): number {
    const L = this.labels.length;
    scores.fill(0);
    for (const f of feats) {
      const base = f * L;
      for (let y = 0; y < L; y++) scores[y] += this.w[base + y];
    }
    const row = (prev < 0 ? L : prev) * L;
    let best = -1;
    for (let y = 0; y < L; y++) if (this.allowed[row + y] && (best < 0 || scores[y] > scores[best])) best = y;
    return best;
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

  train(examples: readonly Example[], rng: Rng, o: TaggerOptions = {}): void {
    const data = examples.map((ex) => {
      const flat = dropOverlaps(ex.entities).kept.map((i) => ex.entities[i]);
      // BIOES inside (tells a linear model more than BIO), IOB2 outside.
      const tags = encodeTags(ex.tokens.length, flat, 'BIOES').tags;
      return { tokens: ex.tokens, gold: tags.map((t) => this.label(t)), feats: ex.tokens.map((_, i) => staticFeatures(ex.tokens, i)) };
    });
    this.setup();
    const scores = new Float64Array(this.labels.length);
    const order = data.map((_, i) => i);
    for (let epoch = 0; epoch < (o.epochs ?? 5); epoch++) {
      rng.shuffle(order);
      for (const s of order) {
        const d = data[s];
        let p1 = -1;
        let p2 = -1;
        for (let i = 0; i < d.tokens.length; i++) {
          this.t++;
          const feats = d.feats[i].concat(this.dynamic(p1, p2, d.tokens[i].toLowerCase()));
          const y = this.best(feats, p1, scores);
          const g = d.gold[i];
          if (y !== g) {
            this.update(feats, g, 1);
            this.update(feats, y, -1);
          }
          p2 = p1;
          p1 = y;
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
    const scores = new Float64Array(this.labels.length);
    const out: string[] = [];
    let p1 = -1;
    let p2 = -1;
    for (let i = 0; i < tokens.length; i++) {
      const feats = staticFeatures(tokens, i).concat(this.dynamic(p1, p2, tokens[i].toLowerCase()));
      const y = this.best(feats, p1, scores);
      out.push(this.labels[y]);
      p2 = p1;
      p1 = y;
    }
    return out;
  }
}
