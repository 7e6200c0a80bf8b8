import type { Example } from './model.js';

/**
 * BM25 over lower-cased tokens: retrieves the seed examples most similar to an input, for
 * in-context demonstrations (in the spirit of GPT-RE's task-aware demonstration retrieval).
 */
export class Bm25 {
  private readonly docs: Array<Map<string, number>>;
  private readonly lengths: number[];
  private readonly df = new Map<string, number>();
  private readonly avg: number;
  constructor(
    examples: readonly Example[],
    private readonly k1 = 1.5,
    private readonly b = 0.75,
  ) {
    this.docs = examples.map((ex) => {
      const m = new Map<string, number>();
      for (const t of ex.tokens) {
        const w = t.toLowerCase();
        m.set(w, (m.get(w) ?? 0) + 1);
      }
      for (const w of m.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      return m;
    });
    this.lengths = examples.map((ex) => ex.tokens.length);
    this.avg = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  score(query: readonly string[], i: number): number {
    const n = this.docs.length;
    let s = 0;
    const doc = this.docs[i];
    for (const q of new Set(query.map((t) => t.toLowerCase()))) {
      const f = doc.get(q);
      if (!f) continue;
      const df = this.df.get(q) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      s += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * this.lengths[i]) / this.avg));
    }
    return s;
  }

  /** The k best documents for a query (ties by index), optionally among `allowed` and without `exclude` (one index or several). */
  top(query: readonly string[], k: number, allowed?: readonly number[], exclude?: number | ReadonlySet<number>): number[] {
    const pool = allowed ?? this.docs.map((_, i) => i);
    const out = typeof exclude === 'number' ? (i: number) => i === exclude : (i: number) => exclude?.has(i) ?? false;
    return pool
      .filter((i) => !out(i))
      .map((i) => [i, this.score(query, i)] as const)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([i]) => i);
  }
}
