import { z } from 'zod';
import { entityText, overlaps, sentenceOf, sentenceRanges, type Example, type Relation } from '../../core/model.js';
import type { LabelSchema } from '../../core/schema.js';
import type { Operation } from '../types.js';
import { mentionStringsOf, negativeQuotas, nerNegatives } from './negatives.js';

type Kind = 'cooccurring' | 'reversed' | 'type_violating';

const params = z.strictObject({
  /** Label of negative relation instances (`no_relation`, `NA`, `Other`, ...). */
  label: z.string().min(1).default('no_relation'),
  /** At most this many negatives per positive relation, over the whole output (and every prefix of it). */
  ratio: z.number().min(0).default(1),
  max_per_sentence: z.number().int().min(0).default(10),
  /**
   * Which kinds to make, in order of preference when the quota is short. `cooccurring`: two
   * entities of one sentence, no relation between them, whose types fit a relation of the
   * schema (hard: the types cannot rule it out). `reversed`: a gold pair the other way round,
   * only where the relation's argument types allow both directions. `type_violating`: types
   * that never go together (easy: a typed model needs no example); off by default.
   */
  kinds: z.array(z.enum(['cooccurring', 'reversed', 'type_violating'])).default(['cooccurring', 'reversed']),
  /** Relation types to treat as symmetric (besides those a --types file declares); matched ignoring case. */
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
  kind: Kind;
}

/** What the schema says about argument types, read once per run. */
interface Types {
  /** `head type|tail type` pairs some relation of the schema takes. */
  fitting: Set<string>;
  /** Relation types (lower case) whose gold pairs may not be reversed into negatives. */
  symmetric: Set<string>;
  signatures: ReadonlyMap<string, number>;
  /** `head text\0tail text` of every gold relation of the seeds: the same two names related in
   *  another sentence (or another copy of this one, as CoNLL04 has) make no negative. */
  relatedTexts: Set<string>;
}

const textPair = (a: string, b: string) => `${a}\u0000${b}`;

function typesOf(seeds: readonly Example[], schema: LabelSchema, symmetric: readonly string[]): Types {
  const fitting = new Set<string>();
  for (const k of schema.signatures.keys()) {
    const [h, , t] = k.split('|');
    fitting.add(`${h}|${t}`);
  }
  // A types file names relations in its own case (SciERC's `Conjunction`, DyGIE's `CONJUNCTION`).
  const sym = new Set([...symmetric, ...schema.symmetric].map((s) => s.toLowerCase()));
  const relatedTexts = new Set<string>();
  for (const ex of seeds) for (const r of ex.relations) if (!r.negative) relatedTexts.add(textPair(entityText(ex, ex.entities[r.head]), entityText(ex, ex.entities[r.tail])));
  return { fitting, symmetric: sym, signatures: schema.signatures, relatedTexts };
}

/**
 * A gold pair reversed is a useful negative only when the types leave the direction open: the
 * relation is not symmetric, and it takes its arguments the other way round too (same types,
 * or the reversed signature common). Otherwise (Peop Work_For Org) the types already tell.
 */
/** A reversed signature counts as open when seen at least a quarter as often as the forward one. */
const REVERSED_SHARE = 4;

function reversible(r: Relation, ex: Example, t: Types): boolean {
  if (t.symmetric.has(r.type.toLowerCase())) return false;
  const h = ex.entities[r.head].type, tl = ex.entities[r.tail].type;
  if (h === tl) return true;
  // The reversed signature must be common, not a stray (1 against 12 in SciERC): else the
  // types still tell the direction almost always.
  const forward = t.signatures.get(`${h}|${r.type}|${tl}`) ?? 0;
  const back = t.signatures.get(`${tl}|${r.type}|${h}`) ?? 0;
  return back > 0 && back * REVERSED_SHARE >= forward;
}

/** The gold pairs of an example reversed -> whether every relation on one may be reversed. */
function reversedPairs(ex: Example, t: Types): Map<string, boolean> {
  const reversed = new Map<string, boolean>();
  for (const r of ex.relations) {
    if (r.negative) continue;
    const k = `${r.tail},${r.head}`;
    reversed.set(k, (reversed.get(k) ?? true) && reversible(r, ex, t));
  }
  return reversed;
}

function candidates(ex: Example, t: Types): Candidate[] {
  const reversed = reversedPairs(ex, t);
  const text = ex.entities.map((e) => entityText(ex, e));
  const related = (i: number, j: number) => t.relatedTexts.has(textPair(text[i], text[j]));
  const ranges = sentenceRanges(ex);
  const out: Candidate[] = [];
  for (let i = 0; i < ex.entities.length; i++) {
    for (let j = 0; j < ex.entities.length; j++) {
      const a = ex.entities[i], b = ex.entities[j];
      // One span (or nested spans), or two sentences of a document: not a pair.
      if (i === j || overlaps(a, b) || sentenceOf(ranges, a.start) !== sentenceOf(ranges, b.start)) continue;
      const k = `${i},${j}`;
      // A gold pair is a related pair of names (below), never a candidate.
      if (reversed.has(k)) {
        if (reversed.get(k) && !related(i, j)) out.push({ head: i, tail: j, kind: 'reversed' });
        continue;
      }
      // A gold pair, or other mentions of one ("Weiss killed Huey Long ... when Weiss was"):
      // the same entities, so no negative either way round.
      if (related(i, j) || related(j, i)) continue;
      out.push({ head: i, tail: j, kind: t.fitting.has(`${a.type}|${b.type}`) ? 'cooccurring' : 'type_violating' });
    }
  }
  return out;
}

interface Plan {
  quota: Map<string, number>;
  types: Types;
  mentionStrings: Set<string>;
}

/**
 * Negative samples, hard ones first. RE: two entities of one sentence without a gold relation
 * whose types fit a relation of the schema (`cooccurring`), then gold pairs reversed where the
 * types leave the direction open (`reversed`); pairs the types alone rule out only on request
 * (`type_violating`). The total stays under `ratio` x positives at every point of the output,
 * and under `max_per_sentence`. NER: as negatives_v1.
 */
export const negativesV2: Operation<Params> = {
  name: 'negatives_v2',
  summary: 'RE hard negatives (co-occurring pairs whose types fit a relation; reversals only where types allow both directions) and NER negatives',
  params,
  prepare(seeds, p, corpus) {
    const types = typesOf(seeds, corpus.schema, p.symmetric);
    const quota = negativeQuotas(seeds, p, (ex) => candidates(ex, types).filter((c) => p.kinds.includes(c.kind)).length);
    return { quota, types, mentionStrings: mentionStringsOf(corpus) } satisfies Plan;
  },
  apply() {
    return null;
  },
  expand(ex, p, { rng, corpus, state }) {
    const plan = state as Plan;
    const q = plan.quota.get(ex.id) ?? 0;
    let base: Example = ex;
    if (q > 0) {
      const cands = rng.shuffle(candidates(ex, plan.types).filter((c) => p.kinds.includes(c.kind)));
      cands.sort((a, b) => p.kinds.indexOf(a.kind) - p.kinds.indexOf(b.kind));
      const negs: Relation[] = cands.slice(0, q).map((c) => ({ head: c.head, tail: c.tail, type: p.label, negative: c.kind }));
      base = { ...ex, relations: [...ex.relations, ...negs] };
    }
    return nerNegatives(ex, base, p, { rng, corpus, mentionStrings: plan.mentionStrings });
  },
};
