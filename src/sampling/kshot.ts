import type { Example } from '../core/model.js';
import type { Rng } from '../core/random.js';

export interface KShotOptions {
  k: number;
  /** LLM-DA's relaxed variant: skip a sentence that would push a type above cap * k, where the data allows. */
  relaxed?: boolean;
  cap?: number;
  /** What a sentence counts: entity types (NER) or relation types (RE). */
  unit?: 'entity' | 'relation';
}

export interface KShotResult {
  /** Indices into the input, in the order they were added. */
  chosen: number[];
  counts: Record<string, number>;
  /** Types that could not reach k (too few in the data), and types pushed over the relaxed cap. */
  unmet: Array<{ type: string; count: number; available: number }>;
  overCap: Array<{ type: string; count: number; cap: number }>;
}

export function unitTypes(ex: Example, unit: 'entity' | 'relation'): string[] {
  return unit === 'relation' ? ex.relations.map((r) => r.type) : ex.entities.map((e) => e.type);
}

function countsOf(ex: Example, unit: 'entity' | 'relation'): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of unitTypes(ex, unit)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/**
 * Greedy K-shot sampling (Yang & Katiyar, EMNLP 2020): types in turn, rarest first; while a
 * type has fewer than k mentions in the set, add a random not-yet-chosen sentence containing
 * it, counting every mention of every type it brings. Every type ends with at least k (where
 * the data has k); some exceed k. With `relaxed` (LLM-DA), a sentence that would push any type
 * above cap*k is skipped while another candidate exists.
 */
export function greedyKShot(examples: readonly Example[], o: KShotOptions, rng: Rng): KShotResult {
  const unit = o.unit ?? 'entity';
  const capK = Math.floor((o.cap ?? 1.25) * o.k);
  const per = examples.map((ex) => countsOf(ex, unit));
  const total = new Map<string, number>();
  for (const m of per) for (const [t, c] of m) total.set(t, (total.get(t) ?? 0) + c);
  const types = [...total.keys()].sort((a, b) => total.get(a)! - total.get(b)! || a.localeCompare(b));
  // One seeded random order of the sentences, shared by every type.
  const order = rng.shuffle(examples.map((_, i) => i));
  const inSet = new Set<number>();
  const counts = new Map<string, number>(types.map((t) => [t, 0]));
  const chosen: number[] = [];
  const add = (i: number) => {
    inSet.add(i);
    chosen.push(i);
    for (const [t, c] of per[i]) counts.set(t, (counts.get(t) ?? 0) + c);
  };
  for (const t of types) {
    while (counts.get(t)! < o.k) {
      const candidates = order.filter((i) => !inSet.has(i) && per[i].has(t));
      if (candidates.length === 0) break;
      let pick = candidates[0];
      if (o.relaxed) {
        const fits = candidates.find((i) => [...per[i]].every(([u, c]) => counts.get(u)! + c <= capK));
        if (fits !== undefined) pick = fits;
        else {
          // The data does not allow staying under the cap: take the smallest overshoot.
          let best = Infinity;
          for (const i of candidates) {
            const over = [...per[i]].reduce((a, [u, c]) => a + Math.max(0, counts.get(u)! + c - capK), 0);
            if (over < best) [best, pick] = [over, i];
          }
        }
      }
      add(pick);
    }
  }
  return {
    chosen,
    counts: Object.fromEntries([...counts].sort((a, b) => a[0].localeCompare(b[0]))),
    unmet: types.filter((t) => counts.get(t)! < o.k).map((t) => ({ type: t, count: counts.get(t)!, available: total.get(t)! })),
    overCap: o.relaxed ? types.filter((t) => counts.get(t)! > capK).map((t) => ({ type: t, count: counts.get(t)!, cap: capK })) : [],
  };
}
