import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { rngFor } from '../../core/random.js';
import { replaceMentions, type MentionChoice } from './replace-mentions.js';
import { ALL_RULES, drawForGroup, drawState, groupRoles, mentionGroupOf } from './mention-fit.js';
import { contentKey } from '../../core/content-key.js';
import { CONCEPT_PHRASES, factOfPair, isConceptType } from './mention-concepts.js';
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
  /** An argument takes only names seen near a telling word seen near it (mention_replacement_v2's
   *  `role_fit`). */
  role_fit: z.boolean().default(true),
  /** An argument takes only a name of its kind: a city for a city, a council for a council
   *  (mention_replacement_v2's `kind_fit`). */
  kind_fit: z.boolean().default(true),
  /** Names of facts the seeds repeat, of office holders and of people in public roles, and the
   *  names of a sentence that states a birth, keep their names (mention_replacement_v2's
   *  `keep_facts`). */
  keep_facts: z.boolean().default(true),
  /** An argument takes only names of its own world (mention_replacement_v2's `same_world`). */
  same_world: z.boolean().default(true),
  /** An argument of a relation that is a fact of the pair (places and organisations, or
   *  concepts) takes only a substitute the seeds state it of with the same partner
   *  (mention_replacement_v2's `partner_fit`). */
  partner_fit: z.boolean().default(true),
  /** What a concept phrase takes (mention_replacement_v2's `concept_phrases`). */
  concept_phrases: z.enum(CONCEPT_PHRASES).default('keep'),
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

/** How far past its target a swap may push a type: 10% of the target. */
export const OVERSHOOT = 0.1;

/** Why a rare type stopped short: each refused attempt, counted by cause. */
export interface ShortOf {
  /** No substitute mention was seen in an argument's role (too few instances to swap). */
  no_substitute: number;
  /** The swap only repeated an example already made. */
  duplicate: number;
  /** Seeds that had given max_per_seed new examples. */
  seed_limit: number;
  /** Seeds whose copy would have pushed a type past its ceiling. */
  overshoot: number;
  /** Its arguments are concepts, which keep their words (`concept_phrases: keep`), or the
   *  relation is a fact of the pair (mention-concepts.ts `factOfPair`): an argument takes only
   *  a substitute the seeds state it of with the same partner (`partner`). */
  concepts?: 'keep' | 'partner';
  /** The type whose ceiling refused the most swaps. */
  blocked_by?: string;
  /** What ran out: every seed was full or blocked (seeds), or the attempt budget (attempts). */
  ran_out: 'seeds' | 'attempts';
}

export interface LongTailPlan {
  target: number;
  /** The most a swap may bring a type to: max(target, its seed count) + 10% of the target. */
  ceiling: Record<string, number>;
  before: Record<string, number>;
  after: Record<string, number>;
  unreachable: string[];
  /** For each unreachable type, what refused its attempts. */
  short: Record<string, ShortOf>;
  /** Seeds that held each rare type. */
  holders: Record<string, number>;
  max_per_seed: number;
  bySeed: Map<string, Example[]>;
}

/**
 * Swap the head and tail of one `rel` instance for mentions seen in those roles of `rel`, by
 * the rules of mention_replacement_v2 (mention-fit.ts): each argument's coreferent and
 * same-surface mentions and its unlabelled repeats get one substitute, of the slot's shape,
 * seen in every role the group plays; never a name the example already uses.
 */
function swapArguments(ex: Example, relIndex: number, corpus: CorpusStats, rng: ReturnType<typeof rngFor>, p: Pick<Params, 'role_fit' | 'kind_fit' | 'keep_facts' | 'same_world' | 'partner_fit' | 'concept_phrases'>): Example | null {
  const r = ex.relations[relIndex];
  const st = drawState(ex, corpus, rng, { ...ALL_RULES, role: p.role_fit, kind: p.kind_fit, keepFacts: p.keep_facts, world: p.same_world, partner: p.partner_fit, conceptPhrases: p.concept_phrases });
  const heads = mentionGroupOf(ex, r.head);
  const choices: MentionChoice[] = [...(drawForGroup(ex, heads, groupRoles(ex, heads), st) ?? [])];
  if (!heads.includes(r.tail)) {
    const tails = mentionGroupOf(ex, r.tail);
    choices.push(...(drawForGroup(ex, tails, groupRoles(ex, tails), st) ?? []));
  }
  if (choices.length === 0) return null;
  return replaceMentions(ex, choices, corpus);
}

/** Relation counts of one example (its swapped copy keeps every relation, types unchanged). */
function countsOf(ex: Example): Map<string, number> {
  return relationCounts([ex]);
}

/** The type a copy of `seed` would push past its ceiling, if any. */
function overshoots(seed: Example, counts: Map<string, number>, ceiling: (t: string) => number): string | undefined {
  for (const [t, n] of countsOf(seed)) if ((counts.get(t) ?? 0) + n > ceiling(t)) return t;
  return undefined;
}

interface Planning {
  seeds: readonly Example[];
  p: Params;
  corpus: CorpusStats;
  runSeed: number;
  target: number;
  counts: Map<string, number>;
  ceiling: (t: string) => number;
  seen: Set<ReturnType<typeof contentKey>>;
  bySeed: Map<string, Example[]>;
}

/** Raise one rare type by swaps over its seeds, in turn; returns what refused its attempts. */
function raise(rel: string, s: Planning): ShortOf {
  const short: ShortOf = { no_substitute: 0, duplicate: 0, seed_limit: 0, overshoot: 0, ran_out: 'attempts' };
  const blockers = new Map<string, number>();
  const holders = s.seeds.filter((ex) => ex.relations.some((r) => r.type === rel && !r.negative));
  const active = [...holders];
  const budget = s.p.max_attempts * Math.max(1, s.target - s.counts.get(rel)!);
  let at = 0;
  // Three rounds over the seeds left without a new example: the swaps are used up; stop
  // rather than spend the whole budget on repeats.
  let stalled = 0;
  for (let attempts = 0; s.counts.get(rel)! < s.target && attempts < budget && active.length && stalled < 3 * active.length; attempts++, stalled++) {
    at %= active.length;
    const seed = active[at];
    const rng = rngFor(s.runSeed, seed.id, 'long_tail_v1', rel, attempts);
    at++;
    // Counts only grow: a seed that is full or would overshoot stays so; drop it from the turn.
    const over = overshoots(seed, s.counts, s.ceiling);
    if ((s.bySeed.get(seed.id)?.length ?? 0) >= s.p.max_per_seed || over) {
      if (over) {
        short.overshoot++;
        blockers.set(over, (blockers.get(over) ?? 0) + 1);
      } else short.seed_limit++;
      active.splice(--at, 1);
      continue;
    }
    const instances = seed.relations.map((r, i) => [r, i] as const).filter(([r]) => r.type === rel && !r.negative);
    const [, ri] = rng.pick(instances);
    const cand = swapArguments(seed, ri, s.corpus, rng, s.p);
    if (!cand) {
      short.no_substitute++;
      continue;
    }
    const k = contentKey(cand);
    if (s.seen.has(k)) {
      short.duplicate++;
      continue;
    }
    s.seen.add(k);
    stalled = 0;
    let list = s.bySeed.get(seed.id);
    if (!list) s.bySeed.set(seed.id, (list = []));
    list.push(cand);
    for (const r of cand.relations) if (!r.negative) s.counts.set(r.type, (s.counts.get(r.type) ?? 0) + 1);
  }
  if (active.length === 0) short.ran_out = 'seeds';
  const top = [...blockers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (top) short.blocked_by = top[0];
  const instances = holders.flatMap((ex) => ex.relations.filter((r) => r.type === rel).map((r) => [ex.entities[r.head].type, ex.entities[r.tail].type]));
  if (s.p.concept_phrases === 'keep' && instances.some((types) => types.some((t) => isConceptType(t, s.corpus)))) short.concepts = 'keep';
  else if (s.p.partner_fit && instances.some((types) => factOfPair(types, s.corpus))) short.concepts = 'partner';
  return short;
}

/**
 * Long-tail relations, offline: every relation type below the target gets new examples made
 * from its own seeds by relation-aware mention replacement (its head and tail swapped for
 * mentions seen as head and tail of that relation, of the same form: mention_replacement_v2's rules), until it reaches the target. Signatures
 * never change. A copy keeps every relation of its seed, so it raises the types beside the
 * rare one too: a copy that would push any type more than 10% of the target past
 * max(target, its seed count) is not made. The plan is made once, in input order, so a run
 * repeats exactly.
 */
export const longTail: Operation<Params> = {
  name: 'long_tail_v1',
  summary: 'raise rare relation types to a target count with relation-aware argument swaps',
  params,
  prepare(seeds, p, corpus, runSeed): LongTailPlan {
    const counts = relationCounts(seeds);
    const target = resolveTarget(counts, p.target);
    const before = Object.fromEntries(counts);
    const ceilings = Object.fromEntries([...counts].map(([t, n]) => [t, Math.max(target, n) + Math.floor(target * OVERSHOOT)]));
    const s: Planning = { seeds, p, corpus, runSeed, target, counts, ceiling: (t) => ceilings[t] ?? target, seen: new Set(seeds.map(contentKey)), bySeed: new Map() };
    const unreachable: string[] = [];
    const short: Record<string, ShortOf> = {};
    const holders: Record<string, number> = {};
    const rare = [...counts.keys()].filter((t) => counts.get(t)! < target).sort((a, b) => counts.get(a)! - counts.get(b)! || a.localeCompare(b));
    for (const rel of rare) {
      holders[rel] = seeds.filter((ex) => ex.relations.some((r) => r.type === rel && !r.negative)).length;
      const why = raise(rel, s);
      if (counts.get(rel)! < target) {
        unreachable.push(rel);
        short[rel] = why;
      }
    }
    return { target, ceiling: ceilings, before, after: Object.fromEntries(counts), unreachable, short, holders, max_per_seed: p.max_per_seed, bySeed: s.bySeed };
  },
  apply() {
    return null;
  },
  expand(ex, _p, { state }) {
    return (state as LongTailPlan).bySeed.get(ex.id) ?? [];
  },
};
