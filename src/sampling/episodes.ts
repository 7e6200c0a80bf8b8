import type { Example } from '../core/model.js';
import type { Rng } from '../core/random.js';

export interface Episode {
  types: string[];
  support: number[];
  query: number[];
}

/**
 * FewRel-style RE episodes: N relations; for each, K support and Q query instances drawn
 * without replacement, so support and query are disjoint. Relations with fewer than K+Q
 * instances are not drawn.
 */
export function relationEpisodes(examples: readonly Example[], o: { n: number; k: number; q: number; episodes: number }, rng: Rng): { episodes: Episode[]; eligible: string[] } {
  const byRel = new Map<string, number[]>();
  examples.forEach((ex, i) => {
    const types = new Set(ex.relations.map((r) => r.type));
    for (const t of types) {
      let l = byRel.get(t);
      if (!l) byRel.set(t, (l = []));
      l.push(i);
    }
  });
  const eligible = [...byRel.keys()].filter((t) => byRel.get(t)!.length >= o.k + o.q).sort();
  const episodes: Episode[] = [];
  if (eligible.length < o.n) return { episodes, eligible };
  for (let e = 0; e < o.episodes; e++) {
    const types = rng.shuffle([...eligible]).slice(0, o.n);
    const used = new Set<number>();
    const support: number[] = [];
    const query: number[] = [];
    for (const t of types) {
      const pool = rng.shuffle(byRel.get(t)!.filter((i) => !used.has(i)));
      const s = pool.slice(0, o.k);
      const qq = pool.slice(o.k, o.k + o.q);
      for (const i of [...s, ...qq]) used.add(i);
      support.push(...s);
      query.push(...qq);
    }
    episodes.push({ types, support, query });
  }
  return { episodes, eligible };
}

/**
 * Few-NERD-style NER episodes: N entity types; the support set is drawn greedily so each type
 * has K to 2K mentions (types outside the episode are treated as O), and a disjoint query set
 * the same way with Q per type.
 */
export function nerEpisodes(examples: readonly Example[], o: { n: number; k: number; q: number; episodes: number }, rng: Rng): { episodes: Episode[]; eligible: string[] } {
  const total = new Map<string, number>();
  for (const ex of examples) for (const e of ex.entities) total.set(e.type, (total.get(e.type) ?? 0) + 1);
  const eligible = [...total.keys()].filter((t) => total.get(t)! >= 2 * (o.k + o.q)).sort();
  const episodes: Episode[] = [];
  if (eligible.length < o.n) return { episodes, eligible };
  const draw = (types: string[], k: number, used: Set<number>): number[] => {
    const counts = new Map(types.map((t) => [t, 0]));
    const out: number[] = [];
    const order = rng.shuffle(examples.map((_, i) => i).filter((i) => !used.has(i)));
    for (const t of types) {
      for (const i of order) {
        if (counts.get(t)! >= k) break;
        if (used.has(i)) continue;
        const c = new Map<string, number>();
        for (const e of examples[i].entities) if (counts.has(e.type)) c.set(e.type, (c.get(e.type) ?? 0) + 1);
        if (!c.has(t)) continue;
        if ([...c].some(([u, n]) => counts.get(u)! + n > 2 * k)) continue;
        used.add(i);
        out.push(i);
        for (const [u, n] of c) counts.set(u, counts.get(u)! + n);
      }
    }
    return out;
  };
  for (let e = 0; e < o.episodes; e++) {
    const types = rng.shuffle([...eligible]).slice(0, o.n).sort();
    const used = new Set<number>();
    const support = draw(types, o.k, used);
    const query = draw(types, o.q, used);
    episodes.push({ types, support, query });
  }
  return { episodes, eligible };
}
