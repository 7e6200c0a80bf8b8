import type { Example } from '../core/model.js';
import { hash53 } from '../core/random.js';

/** Token n-gram shingles of an example (lower-cased). */
export function shingles(tokens: readonly string[], n: number): Set<string> {
  const t = tokens.map((x) => x.toLowerCase());
  const out = new Set<string>();
  if (t.length < n) {
    out.add(t.join(' '));
    return out;
  }
  for (let i = 0; i + n <= t.length; i++) out.add(t.slice(i, i + n).join(' '));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 1;
}

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;

/**
 * Near-duplicate filter: n-gram Jaccard similarity against the seeds and the outputs kept so
 * far, with MinHash + LSH banding to find candidate pairs quickly and the exact Jaccard to
 * decide. Deterministic (fixed hash seeds).
 */
export class NearDuplicates {
  private readonly items: Array<Set<string>> = [];
  private readonly buckets = new Map<string, number[]>();
  constructor(
    readonly threshold: number,
    readonly n = 3,
  ) {}

  private signature(sh: Set<string>): number[] {
    const sig = new Array<number>(HASHES).fill(Number.MAX_SAFE_INTEGER);
    for (const s of sh) {
      const base = hash53(s);
      for (let k = 0; k < HASHES; k++) {
        // Cheap per-k variants of one hash: multiply-xorshift with a per-k constant.
        const v = (Math.imul((base % 4294967296) ^ (k * 0x9e3779b1), 0x85ebca6b) ^ Math.floor(base / 4294967296)) >>> 0;
        if (v < sig[k]) sig[k] = v;
      }
    }
    return sig;
  }

  private bandKeys(sig: number[]): string[] {
    const keys: string[] = [];
    for (let b = 0; b < BANDS; b++) keys.push(`${b}:${sig.slice(b * ROWS, (b + 1) * ROWS).join(',')}`);
    return keys;
  }

  add(ex: Example): void {
    const sh = shingles(ex.tokens, this.n);
    const id = this.items.length;
    this.items.push(sh);
    for (const k of this.bandKeys(this.signature(sh))) {
      let l = this.buckets.get(k);
      if (!l) this.buckets.set(k, (l = []));
      l.push(id);
    }
  }

  /** The highest similarity to a stored example among the LSH candidates (0 when none). */
  maxSimilarity(ex: Example): number {
    const sh = shingles(ex.tokens, this.n);
    const seen = new Set<number>();
    let best = 0;
    for (const k of this.bandKeys(this.signature(sh))) {
      for (const id of this.buckets.get(k) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        best = Math.max(best, jaccard(sh, this.items[id]));
      }
    }
    return best;
  }
}
