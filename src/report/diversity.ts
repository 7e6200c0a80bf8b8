import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rng } from '../core/random.js';

/**
 * Diversity of the accepted candidates, fed one at a time: distinct-1/2 and self-BLEU on a
 * seeded reservoir sample (a fixed-size sample also keeps distinct-n comparable between runs
 * of different sizes), the share of entity mentions never seen in the seeds, and how far the
 * entity type distribution moved from the seeds' (KL divergence), over all candidates.
 */
export class DiversityCollector {
  /** Type -> the seeds' mention texts of that type, lower-cased (no joined key per mention). */
  private readonly seedMentions = new Map<string, Set<string>>();
  private readonly seedTypes = new Map<string, number>();
  private readonly outTypes = new Map<string, number>();
  private mentions = 0;
  private novel = 0;
  private readonly sample: Array<readonly string[]> = [];
  private seen = 0;

  constructor(
    private readonly rng: Rng,
    private readonly sampleSize = 5000,
    private readonly bleuSize = 100,
  ) {}

  addSeed(ex: Example): void {
    for (const e of ex.entities) {
      let texts = this.seedMentions.get(e.type);
      if (!texts) this.seedMentions.set(e.type, (texts = new Set()));
      texts.add(entityText(ex, e).toLowerCase());
      this.seedTypes.set(e.type, (this.seedTypes.get(e.type) ?? 0) + 1);
    }
  }

  addOutput(ex: Example): void {
    for (const e of ex.entities) {
      this.mentions++;
      if (!this.seedMentions.get(e.type)?.has(entityText(ex, e).toLowerCase())) this.novel++;
      this.outTypes.set(e.type, (this.outTypes.get(e.type) ?? 0) + 1);
    }
    // Reservoir sample (seeded: the same run gives the same sample).
    this.seen++;
    if (this.sample.length < this.sampleSize) this.sample.push(ex.tokens);
    else {
      const j = this.rng.int(this.seen);
      if (j < this.sampleSize) this.sample[j] = ex.tokens;
    }
  }

  result() {
    const r4 = (x: number) => Math.round(x * 10000) / 10000;
    // Lower-cased tokens numbered once; a bigram is a pair of numbers (no string per bigram),
    // packed into one small integer when the vocabulary allows it (fast Set keys).
    const uni = new Map<string, number>();
    const idSeqs: number[][] = [];
    let uniTotal = 0;
    let biTotal = 0;
    for (const toks of this.sample) {
      const ids = new Array<number>(toks.length);
      for (let i = 0; i < toks.length; i++) {
        const low = toks[i].toLowerCase();
        let id = uni.get(low);
        if (id === undefined) uni.set(low, (id = uni.size));
        ids[i] = id;
      }
      uniTotal += ids.length;
      idSeqs.push(ids);
    }
    const v = uni.size;
    const small = v * v < 2 ** 30;
    const bi = new Set<number | string>();
    for (const ids of idSeqs) {
      for (let i = 1; i < ids.length; i++) {
        bi.add(small ? ids[i - 1] * v + ids[i] : `${ids[i - 1]},${ids[i]}`);
        biTotal++;
      }
    }
    const bleuSample = this.sample.slice(0, this.bleuSize).map((t) => t.map((x) => x.toLowerCase()));
    return {
      candidates: this.seen,
      sample: this.sample.length,
      distinct_1: r4(uniTotal ? uni.size / uniTotal : 0),
      distinct_2: r4(biTotal ? bi.size / biTotal : 0),
      self_bleu_4: r4(selfBleu(bleuSample)),
      self_bleu_sample: bleuSample.length,
      novel_mention_share: r4(this.mentions ? this.novel / this.mentions : 0),
      type_kl_divergence: r4(kl(this.outTypes, this.seedTypes)),
    };
  }
}

/** KL(P || Q) in nats over entity types, with add-one smoothing on both. */
export function kl(p: Map<string, number>, q: Map<string, number>): number {
  const types = new Set([...p.keys(), ...q.keys()]);
  if (types.size === 0) return 0;
  const tp = [...p.values()].reduce((a, b) => a + b, 0) + types.size;
  const tq = [...q.values()].reduce((a, b) => a + b, 0) + types.size;
  let d = 0;
  for (const t of types) {
    const pi = ((p.get(t) ?? 0) + 1) / tp;
    const qi = ((q.get(t) ?? 0) + 1) / tq;
    d += pi * Math.log(pi / qi);
  }
  return d;
}

function ngrams(t: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i++) {
    const k = t.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Sentence BLEU-4 (uniform weights, +1 smoothing of n-gram precisions, brevity penalty). */
export function bleu(hyp: string[], refs: string[][]): number {
  return bleuWith(hyp, [1, 2, 3, 4].map((n) => ngrams(hyp, n)), refs.map((r) => [1, 2, 3, 4].map((n) => ngrams(r, n))), refs.map((r) => r.length));
}

function bleuWith(hyp: string[], h: Array<Map<string, number>>, refs: Array<Array<Map<string, number>>>, refLens: number[]): number {
  if (hyp.length === 0 || refs.length === 0) return 0;
  let logp = 0;
  for (let n = 1; n <= 4; n++) {
    let clipped = 0;
    let total = 0;
    for (const [k, c] of h[n - 1]) {
      let max = 0;
      for (const r of refs) max = Math.max(max, r[n - 1].get(k) ?? 0);
      clipped += Math.min(c, max);
      total += c;
    }
    logp += Math.log((clipped + 1) / (total + 1)) / 4;
  }
  const closest = refLens.reduce((a, b) => (Math.abs(b - hyp.length) < Math.abs(a - hyp.length) ? b : a));
  const bp = hyp.length > closest ? 1 : Math.exp(1 - closest / hyp.length);
  return bp * Math.exp(logp);
}

/**
 * Mean BLEU of each sentence against all the others (higher: less diverse). The same value as
 * `bleu(sample[i], others)` averaged over i, in one pass over the n-grams rather than one per
 * pair: for each n-gram, the largest count in any sentence, which sentence has it, and the
 * largest count in any other sentence give the clipping count against "all the others".
 */
export function selfBleu(sample: string[][]): number {
  if (sample.length < 2) return 0;
  const grams = sample.map((t) => [1, 2, 3, 4].map((n) => ngrams(t, n)));
  const top = [0, 1, 2, 3].map((n) => {
    const m = new Map<string, { best: number; at: number; second: number }>();
    grams.forEach((g, i) => {
      for (const [k, c] of g[n]) {
        const e = m.get(k);
        if (!e) m.set(k, { best: c, at: i, second: 0 });
        else if (c > e.best) {
          e.second = e.best;
          e.best = c;
          e.at = i;
        } else if (c > e.second) e.second = c;
      }
    });
    return m;
  });
  const lens = sample.map((t) => t.length);
  let s = 0;
  for (let i = 0; i < sample.length; i++) {
    const hyp = sample[i];
    if (hyp.length === 0) continue;
    let logp = 0;
    for (let n = 0; n < 4; n++) {
      let clipped = 0;
      let total = 0;
      for (const [k, c] of grams[i][n]) {
        const e = top[n].get(k)!;
        clipped += Math.min(c, e.at === i ? e.second : e.best);
        total += c;
      }
      logp += Math.log((clipped + 1) / (total + 1)) / 4;
    }
    // Closest other length; ties go to the earlier sentence, as in bleu().
    let closest = -1;
    for (let j = 0; j < lens.length; j++) {
      if (j === i) continue;
      if (closest < 0 || Math.abs(lens[j] - hyp.length) < Math.abs(closest - hyp.length)) closest = lens[j];
    }
    const bp = hyp.length > closest ? 1 : Math.exp(1 - closest / hyp.length);
    s += bp * Math.exp(logp);
  }
  return s / sample.length;
}
