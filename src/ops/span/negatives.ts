import { z } from 'zod';
import type { Example, Relation } from '../../core/model.js';
import type { CorpusStats } from '../corpus.js';
import type { Operation } from '../types.js';
import type { Rng } from '../../core/random.js';

const params = z.strictObject({
  /** Label of negative relation instances (`no_relation`, `NA`, `Other`, ...). */
  label: z.string().min(1).default('no_relation'),
  /** At most this many negatives per positive relation, over the whole output (and every prefix of it). */
  ratio: z.number().min(0).default(1),
  max_per_sentence: z.number().int().min(0).default(10),
  /** Which kinds to make, in order of preference when the quota is short. */
  kinds: z.array(z.enum(['reversed', 'type_violating', 'cooccurring'])).default(['reversed', 'type_violating', 'cooccurring']),
  /** Relation types to treat as symmetric (besides those a --types file declares). */
  symmetric: z.array(z.string()).default([]),
  /** NER: flag entity-free seed sentences (`entity_free`, or `hard` when they hold capitalised words or strings that are mentions elsewhere). */
  entity_free: z.boolean().default(true),
  /** NER: probability of adding a label-corruption copy (one entity re-typed), flagged negative, for training verifiers. */
  label_corruption: z.number().min(0).max(1).default(0),
});
type Params = z.infer<typeof params>;

interface Candidate {
  head: number;
  tail: number;
  kind: 'reversed' | 'type_violating' | 'cooccurring';
}

function candidates(ex: Example, corpus: CorpusStats, symmetric: Set<string>): Candidate[] {
  const gold = new Set<string>();
  for (const r of ex.relations) {
    if (r.negative) continue;
    gold.add(`${r.head},${r.tail}`);
    if (symmetric.has(r.type)) gold.add(`${r.tail},${r.head}`);
  }
  const seenTypePairs = new Set([...corpus.schema.signatures.keys()].map((k) => {
    const [h, , t] = k.split('|');
    return `${h}|${t}`;
  }));
  const out: Candidate[] = [];
  const taken = new Set<string>();
  for (const r of ex.relations) {
    if (r.negative || symmetric.has(r.type)) continue;
    const k = `${r.tail},${r.head}`;
    if (!gold.has(k) && !taken.has(k)) {
      taken.add(k);
      out.push({ head: r.tail, tail: r.head, kind: 'reversed' });
    }
  }
  for (let i = 0; i < ex.entities.length; i++) {
    for (let j = 0; j < ex.entities.length; j++) {
      if (i === j) continue;
      const k = `${i},${j}`;
      if (gold.has(k) || taken.has(k)) continue;
      const a = ex.entities[i], b = ex.entities[j];
      if (a.start === b.start && a.end === b.end) continue; // one span, two labels: not a pair
      taken.add(k);
      out.push({ head: i, tail: j, kind: seenTypePairs.has(`${a.type}|${b.type}`) ? 'cooccurring' : 'type_violating' });
    }
  }
  return out;
}

/**
 * Negatives per seed, in input order: the running total never exceeds ratio x the positives
 * seen so far, nor `max_per_sentence`, nor what the seed offers.
 */
export function negativeQuotas(seeds: readonly Example[], p: { ratio: number; max_per_sentence: number }, available: (ex: Example) => number): Map<string, number> {
  const quota = new Map<string, number>();
  let positives = 0;
  let used = 0;
  for (const ex of seeds) {
    positives += ex.relations.filter((r) => !r.negative).length;
    const q = Math.max(0, Math.min(available(ex), p.max_per_sentence, Math.floor(p.ratio * positives + 1e-9) - used));
    quota.set(ex.id, q);
    used += q;
  }
  return quota;
}

interface Plan {
  quota: Map<string, number>;
  symmetric: Set<string>;
  mentionStrings: Set<string>;
}

/**
 * Negative samples. RE: every co-occurring entity pair without a gold relation can become a
 * negative instance (`label`): reversed pairs of non-symmetric relations, pairs whose types
 * never go together (hard negatives), other co-occurring pairs; the total stays under
 * `ratio` x positives at every point of the output, and under `max_per_sentence`. NER:
 * entity-free sentences are flagged, and optional label-corruption copies are added.
 */
export const negatives: Operation<Params> = {
  name: 'negatives_v1',
  summary: 'RE negatives (no_relation pairs: reversed, type-violating, co-occurring) and NER negatives',
  params,
  prepare(seeds, p, corpus) {
    const symmetric = new Set([...p.symmetric, ...corpus.schema.symmetric]);
    const quota = negativeQuotas(seeds, p, (ex) => candidates(ex, corpus, symmetric).filter((c) => p.kinds.includes(c.kind)).length);
    const mentionStrings = mentionStringsOf(corpus);
    return { quota, symmetric, mentionStrings } satisfies Plan;
  },
  apply() {
    return null;
  },
  expand(ex, p, { rng, corpus, state }) {
    const plan = state as Plan;
    const q = plan.quota.get(ex.id) ?? 0;
    let base: Example = ex;
    if (q > 0) {
      const cands = rng.shuffle(candidates(ex, corpus, plan.symmetric).filter((c) => p.kinds.includes(c.kind)));
      cands.sort((a, b) => p.kinds.indexOf(a.kind) - p.kinds.indexOf(b.kind));
      const negs: Relation[] = cands.slice(0, q).map((c) => ({ head: c.head, tail: c.tail, type: p.label, negative: c.kind }));
      base = { ...ex, relations: [...ex.relations, ...negs] };
    }
    return nerNegatives(ex, base, p, { rng, corpus, mentionStrings: plan.mentionStrings });
  },
};

/**
 * NER negatives of a seed (`base` is the seed with its relation negatives added): the seed
 * flagged when it has no entity (`entity_free`, or `hard` when it holds entity-like strings),
 * and with probability `label_corruption` a copy with one entity re-typed, flagged.
 */
export function nerNegatives(
  ex: Example,
  base: Example,
  p: { entity_free: boolean; label_corruption: number },
  { rng, corpus, mentionStrings }: { rng: Rng; corpus: CorpusStats; mentionStrings: ReadonlySet<string> },
): Example[] {
  const out: Example[] = [];
  let flagged = base;
  if (p.entity_free && ex.entities.length === 0) {
    const capitalised = ex.tokens.some((t, i) => i > 0 && /^\p{Lu}\p{Ll}+/u.test(t));
    const text = ex.tokens.join(' ');
    const entityLike = capitalised || [...mentionStrings].some((m) => m.length > 3 && ` ${text} `.includes(` ${m} `));
    flagged = { ...base, meta: { ...base.meta, negative: entityLike ? 'hard' : 'entity_free' } };
  }
  out.push(flagged);
  if (p.label_corruption > 0 && ex.entities.length > 0 && rng.chance(p.label_corruption)) {
    const types = [...corpus.schema.entityTypes].sort();
    const i = rng.int(ex.entities.length);
    const others = types.filter((t) => t !== ex.entities[i].type);
    if (others.length) {
      const entities = ex.entities.map((e, k) => (k === i ? { ...e, type: rng.pick(others) } : e));
      // Relations would carry the wrong type into their signatures: a verifier example has none.
      out.push({ ...ex, entities, relations: [], meta: { ...ex.meta, negative: 'label_corruption' } });
    }
  }
  return out;
}

/** Every mention string of the corpus, for telling `hard` entity-free sentences. */
export function mentionStringsOf(corpus: CorpusStats): Set<string> {
  const mentionStrings = new Set<string>();
  for (const list of corpus.mentions.values()) for (const m of list) mentionStrings.add(m.join(' '));
  return mentionStrings;
}
