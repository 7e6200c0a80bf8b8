import { z } from 'zod';
import type { Example } from '../../core/model.js';
import type { Operation } from '../types.js';
import type { CorpusStats } from '../corpus.js';
import { coreferenceGroups, groupOverlapsOther, replaceMentions } from './replace-mentions.js';

/** The relation roles an entity plays: `relation|head|type` or `relation|tail|type`. */
export function rolesOf(ex: Example, i: number): string[] {
  const e = ex.entities[i];
  return ex.relations.flatMap((r) => [...(r.head === i ? [`${r.type}|head|${e.type}`] : []), ...(r.tail === i ? [`${r.type}|tail|${e.type}`] : [])]);
}

const pools = new WeakMap<CorpusStats, Map<string, string[][]>>();

/** Mentions of `type` seen in every one of `roles` (cached per corpus). */
export function candidatePool(corpus: CorpusStats, type: string, roles: string[]): string[][] {
  let cache = pools.get(corpus);
  if (!cache) pools.set(corpus, (cache = new Map()));
  const k = `${type}\u0000${[...new Set(roles)].sort().join('\u0000')}`;
  let pool = cache.get(k);
  if (!pool) {
    pool = corpus.mentions.get(type) ?? [];
    if (roles.length > 0) {
      const key = (t: string[]) => t.join('\u0001');
      const sets = [...new Set(roles)].map((role) => new Set((corpus.roleMentions.get(role) ?? []).map(key)));
      const allowed = sets.reduce((acc, s) => new Set([...acc].filter((x) => s.has(x))));
      pool = pool.filter((m) => allowed.has(key(m)));
    }
    cache.set(k, pool);
  }
  return pool;
}

const indexes = new WeakMap<string[][], Map<string, number>>();

/** Position of each mention in a pool, by its tokens. */
function poolIndex(pool: string[][]): Map<string, number> {
  let m = indexes.get(pool);
  if (!m) {
    m = new Map();
    pool.forEach((t, i) => m!.set(t.join('\u0001'), i));
    indexes.set(pool, m);
  }
  return m;
}

const params = z.strictObject({
  /** Probability that each mention is replaced. */
  p: z.number().min(0).max(1).default(0.5),
  /** Only mentions of these types (default: all). */
  labels: z.array(z.string()).optional(),
  /** A relation argument is replaced only by mentions seen in the same role of the same relation. */
  relation_aware: z.boolean().default(true),
});
type Params = z.infer<typeof params>;

/**
 * Mention replacement (Dai & Adel 2020, MR): each mention, with probability p, becomes another
 * mention of the same type from the seed corpus. Relations are kept; with `relation_aware`, an
 * argument's substitute comes from mentions seen as that argument of that relation, so every
 * (head type, relation, tail type) stays one seen in the data.
 */
export const mentionReplacement: Operation<Params> = {
  name: 'mention_replacement_v1',
  summary: 'replace mentions by other seed mentions of the same type (relation-aware)',
  params,
  apply(ex, p, { rng, corpus }) {
    const choices: Array<{ index: number; tokens: string[] }> = [];
    // Names the example already uses, or that an earlier replacement took: a new name never
    // makes two different entities of one example look like one.
    const taken = new Set(ex.entities.map((e) => ex.tokens.slice(e.start, e.end).join('\u0001')));
    for (const group of coreferenceGroups(ex)) {
      const e = ex.entities[group[0]];
      if (p.labels && !p.labels.includes(e.type)) continue;
      // Coreferent mentions are replaced together, by one mention, or not at all: a group with
      // mixed types or with a member that nests or overlaps another mention stays as it is.
      if (group.some((i) => ex.entities[i].type !== e.type)) continue;
      if (groupOverlapsOther(ex, group)) continue;
      if (!rng.chance(p.p)) continue;
      const roles = p.relation_aware ? group.flatMap((i) => rolesOf(ex, i)) : [];
      const pool = candidatePool(corpus, e.type, roles);
      if (pool.length === 0) continue;
      // Draw among the pool minus the names taken (found through the pool's index).
      const index = poolIndex(pool);
      const own = [...taken].map((k) => index.get(k)).filter((k): k is number => k !== undefined).sort((a, b) => a - b);
      const n = pool.length - own.length;
      if (n === 0) continue;
      let j = rng.int(n);
      for (const k of own) if (j >= k) j++;
      taken.add(pool[j].join('\u0001'));
      for (const i of group) choices.push({ index: i, tokens: pool[j] });
    }
    if (choices.length === 0) return null;
    return replaceMentions(ex, choices, corpus);
  },
};
