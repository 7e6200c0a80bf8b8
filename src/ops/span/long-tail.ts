import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { rngFor } from '../../core/random.js';
import { replaceMentions, type MentionChoice } from './replace-mentions.js';
import { drawForGroup, drawState, groupRoles, mentionGroupOf } from './mention-fit.js';
import { contentKey } from '../../core/content-key.js';
import type { CorpusStats } from '../corpus.js';
import type { Operation } from '../types.js';

export const targetParam = z.union([z.literal('max'), z.literal('median'), z.number().int().positive()]).default('max');

const params = z.strictObject({
  /** Count every relation type should reach: the largest type's count, the median, or a number. */
  target: targetParam,
  /** Attempts per missing instance before a type is reported as not reachable. */
  max_attempts: z.number().int().positive().default(20),
  /** New examples made from one seed at most: a rare type held by few seeds is raised by many
   *  seeds' variants, not by 40 copies of one sentence. */
  max_per_seed: z.number().int().positive().default(10),
  /** `auto`: generate with the model when one is given (--model / --model-path), else swap offline. */
  mode: z.enum(['auto', 'offline', 'llm']).default('auto'),
  /** Settings of the model-based generation (see llm_long_tail_v1). */
  llm: z.record(z.string(), z.unknown()).default({}),
});
type Params = z.infer<typeof params>;

export function relationCounts(seeds: readonly Example[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const ex of seeds) for (const r of ex.relations) if (!r.negative) m.set(r.type, (m.get(r.type) ?? 0) + 1);
  return m;
}

export function resolveTarget(counts: Map<string, number>, target: 'max' | 'median' | number): number {
  const v = [...counts.values()].sort((a, b) => a - b);
  if (typeof target === 'number') return target;
  if (v.length === 0) return 0;
  if (target === 'max') return v[v.length - 1];
  return Math.round((v[(v.length - 1) >> 1] + v[v.length >> 1]) / 2);
}

export interface LongTailPlan {
  target: number;
  before: Record<string, number>;
  after: Record<string, number>;
  unreachable: string[];
  bySeed: Map<string, Example[]>;
}

/**
 * Swap the head and tail of one `rel` instance for mentions seen in those roles of `rel`, by
 * the rules of mention_replacement_v2 (mention-fit.ts): each argument's coreferent and
 * same-surface mentions and its unlabelled repeats get one substitute, of the slot's shape,
 * seen in every role the group plays; never a name the example already uses.
 */
function swapArguments(ex: Example, relIndex: number, corpus: CorpusStats, rng: ReturnType<typeof rngFor>): Example | null {
  const r = ex.relations[relIndex];
  const st = drawState(ex, corpus, rng);
  const heads = mentionGroupOf(ex, r.head);
  const choices: MentionChoice[] = [...(drawForGroup(ex, heads, groupRoles(ex, heads), st) ?? [])];
  if (!heads.includes(r.tail)) {
    const tails = mentionGroupOf(ex, r.tail);
    choices.push(...(drawForGroup(ex, tails, groupRoles(ex, tails), st) ?? []));
  }
  if (choices.length === 0) return null;
  return replaceMentions(ex, choices, corpus);
}

/**
 * Long-tail relations, offline: every relation type below the target gets new examples made
 * from its own seeds by relation-aware mention replacement (its head and tail swapped for
 * mentions seen as head and tail of that relation, of the same form: mention_replacement_v2's rules), until it reaches the target. Signatures
 * never change. The plan is made once, in input order, so a run repeats exactly.
 */
export const longTail: Operation<Params> = {
  name: 'long_tail_v1',
  summary: 'raise rare relation types to a target count with relation-aware argument swaps',
  params,
  prepare(seeds, p, corpus, runSeed): LongTailPlan {
    const counts = relationCounts(seeds);
    const target = resolveTarget(counts, p.target);
    const before = Object.fromEntries(counts);
    const seen = new Set(seeds.map(contentKey));
    const bySeed = new Map<string, Example[]>();
    const unreachable: string[] = [];
    const rare = [...counts.keys()].filter((t) => counts.get(t)! < target).sort((a, b) => counts.get(a)! - counts.get(b)! || a.localeCompare(b));
    for (const rel of rare) {
      const holders = seeds.filter((ex) => ex.relations.some((r) => r.type === rel && !r.negative));
      let attempts = 0;
      const budget = p.max_attempts * Math.max(1, target - counts.get(rel)!);
      let turn = 0;
      while (counts.get(rel)! < target && attempts < budget && holders.length) {
        const seed = holders[turn % holders.length];
        const rng = rngFor(runSeed, seed.id, 'long_tail_v1', rel, turn);
        turn++;
        attempts++;
        if ((bySeed.get(seed.id)?.length ?? 0) >= p.max_per_seed) continue;
        const instances = seed.relations.map((r, i) => [r, i] as const).filter(([r]) => r.type === rel && !r.negative);
        const [, ri] = rng.pick(instances);
        const cand = swapArguments(seed, ri, corpus, rng);
        if (!cand) continue;
        const k = contentKey(cand);
        if (seen.has(k)) continue;
        seen.add(k);
        let list = bySeed.get(seed.id);
        if (!list) bySeed.set(seed.id, (list = []));
        list.push(cand);
        for (const r of cand.relations) if (!r.negative) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
      }
      if (counts.get(rel)! < target) unreachable.push(rel);
    }
    return { target, before, after: Object.fromEntries(counts), unreachable, bySeed };
  },
  apply() {
    return null;
  },
  expand(ex, _p, { state }) {
    return (state as LongTailPlan).bySeed.get(ex.id) ?? [];
  },
};
