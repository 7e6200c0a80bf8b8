import type { Example } from '../core/model.js';
import { signatureKey } from '../core/schema.js';
import type { CorpusStats } from '../ops/corpus.js';
import type { LlmClient } from '../llm/client.js';
import { labelConsistency, spanConsistency, tokenIntegrity, type Rejection } from '../filters/consistency.js';
import { Deduplicator } from '../filters/dedup.js';
import { NearDuplicates } from '../filters/near-duplicates.js';
import { leakedChatter, lengthRatio } from '../filters/text-checks.js';
import { structuralChatter } from '../filters/chatter-structure.js';
import { SeedIndex } from '../filters/copies.js';
import { verifyEntities, verifyRelation } from '../filters/llm-verify.js';
import type { FluencyModel } from '../filters/fluency.js';
import { modelOutputCheck } from '../filters/model-output.js';
import { isCommonWord, properNounClasses } from '../ops/token/wordnet.js';
import { TypeGazetteer } from '../filters/type-fit.js';
import { verifyMentions } from '../filters/verify-mentions.js';
import type { VerifyStats } from '../filters/verify-stats.js';
import type { LoadedRecipe, ResolvedOp } from './recipe.js';

/** A filter that needs no output order: run while working on a seed (LLM verification
 *  included; it alone is asynchronous, so offline runs stay synchronous). Scores worth keeping
 *  go into `notes`, which provenance writes for accepted candidates. */
export type Check = (cand: Example, seed: Example, op: string, index: number, notes?: Record<string, unknown>) => Rejection | null | Promise<Rejection | null>;

export interface CheckContext {
  filters: LoadedRecipe['filters'];
  ops: readonly ResolvedOp[];
  corpus: CorpusStats;
  /** Whether outputs may hold nested or overlapping entities. */
  allowOverlap: boolean;
  llm?: LlmClient;
  /** The fluency model, built from the seeds (when the recipe or the command line asks for it). */
  fluency?: FluencyModel;
  /** Seed texts and marked mentions (`OrderedFilters.seeds`), for copies and named negatives. */
  seeds?: SeedIndex;
  /** Where LLM verification counts its questions and verdicts (report.json). */
  verifyStats?: VerifyStats;
}

/** The recipe's order-independent filters, in a fixed order; the first reason wins. */
export function makeCheck(c: CheckContext): Check {
  const f = c.filters;
  const declared = new Set(f.declared_signatures.map(([h, r, t]) => signatureKey(h, r, t)));
  const negativeLabels = new Set(c.ops.map((op) => op.params.label).filter((l): l is string => typeof l === 'string'));
  const chatterExtra = typeof f.chatter === 'object' ? f.chatter.extra_patterns : [];
  const llmOps = new Set(c.ops.filter((x) => x.llm).map((x) => x.op));
  // Model output only: an offline recipe never builds the seed profile these checks need.
  const modelOutput = llmOps.size ? modelOutputCheck(f, c.corpus, properNounClasses, undefined, isCommonWord) : null;
  return (cand, seed, op, index, notes) => {
    let why: Rejection | null = spanConsistency(cand, { allowOverlap: c.allowOverlap }) ?? tokenIntegrity(cand, seed);
    if (!why && f.label_consistency) why = labelConsistency(cand, c.corpus.schema, declared, negativeLabels);
    // Chatter leaks from models only: offline operations cannot write it.
    if (!why && f.chatter !== false && llmOps.has(op)) why = leakedChatter(cand, chatterExtra, seed) ?? structuralChatter(cand, seed);
    // A model may give a seed or a demonstration back, or name known entities in a negative.
    if (!why && c.seeds && llmOps.has(op)) {
      if (f.dedup && f.dedup_against_seeds) why = c.seeds.copyOfSeed(cand);
      why ??= c.seeds.knownMention(cand, seed);
    }
    if (!why && f.length_ratio) why = lengthRatio(cand, seed, f.length_ratio.min, f.length_ratio.max);
    if (!why && c.fluency) {
      const fl = c.fluency.check(cand, seed);
      if (notes) notes.fluency = fl.score;
      why = fl.rejection;
    }
    if (why) return why;
    // Language, script, type fit and unmarked names: model output only, before any question.
    if (modelOutput && llmOps.has(op)) return modelOutput(cand, seed).then((w) => w ?? verifyIfAsked(cand, seed, op, index, c));
    return verifyIfAsked(cand, seed, op, index, c);
  };
}

function verifyIfAsked(cand: Example, seed: Example, op: string, index: number, c: CheckContext): Rejection | null | Promise<Rejection | null> {
  if (!c.filters.llm_verify || !c.llm) return null;
  return verifyWithModel(cand, seed, op, index, c).then((why) => {
    c.verifyStats?.verdict(why?.reason ?? null);
    return why;
  });
}

/** Label definitions for verification questions: the operations', then the filter's own. */
function definitions(c: CheckContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const op of c.ops) Object.assign(out, op.params.label_definitions ?? {});
  return Object.assign(out, c.filters.llm_verify?.label_definitions ?? {});
}

async function verifyWithModel(cand: Example, seed: Example, op: string, index: number, c: CheckContext): Promise<Rejection | null> {
  const v = c.filters.llm_verify!;
  const port = c.llm!.withPriority(index);
  const llm = c.verifyStats ? c.verifyStats.counting(port) : port;
  let why: Rejection | null = null;
  if (v.entities && v.mode === 'agreement') {
    why = await verifyEntities(cand, llm, c.corpus.schema.entityTypes, { threshold: v.threshold, definitions: v.label_definitions, op, variant: 0 });
  } else if (v.entities) {
    const types = [...c.corpus.schema.entityTypes].sort();
    try {
      why = await verifyMentions(cand, seed, llm, { types, definitions: definitions(c), op, agree: v.agree, unmarked: v.unmarked });
    } catch (err) {
      why = { reason: 'verification_error', detail: (err as Error).message };
    }
  }
  if (!why && v.relations) {
    const types = [...c.corpus.schema.relationTypes].sort();
    for (let k = 0; k < cand.relations.length && !why; k++) {
      if (!cand.relations[k].negative) why = await verifyRelation(cand, k, llm, types, { op });
    }
  }
  return why;
}

/**
 * Filters that depend on what came before (near and exact duplicates against the seeds and
 * earlier outputs): run in input order, so output does not depend on timing. The seeds are
 * indexed while they are read, whatever the input's size.
 */
export class OrderedFilters {
  readonly dedup = new Deduplicator();
  readonly near: NearDuplicates | null;
  /** What the checks of model output compare with (every seed, read before any candidate);
   *  null for a recipe with no model operation, which never asks. */
  readonly seeds: SeedIndex | null;
  /** Mentions by type, of the seeds and then of accepted model outputs, in output order; null
   *  for a recipe with no model operation. */
  readonly gazetteer: TypeGazetteer | null;
  /** `modelOutput`: whether the run may make model output (only then are the seeds indexed for it). */
  constructor(
    private readonly filters: LoadedRecipe['filters'],
    modelOutput = true,
  ) {
    this.seeds = modelOutput ? new SeedIndex() : null;
    const nd = filters.near_duplicates;
    this.near = nd ? new NearDuplicates(nd.threshold, nd.n) : null;
    // Asked of model output only (`check`): a recipe that cannot make any never fills it.
    this.gazetteer = filters.type_fit && modelOutput ? new TypeGazetteer() : null;
  }

  addSeed(ex: Example): void {
    this.dedup.addSeed(ex);
    this.seeds?.add(ex);
    this.near?.add(ex);
    this.gazetteer?.add(ex);
  }

  /** Why the candidate is a duplicate, or null (then it is remembered as an output). */
  check(cand: Example): Rejection | null {
    const near = this.near;
    // Model outputs only (they carry the model's name): a mention known under another type.
    const fromModel = cand.meta?.model !== undefined;
    const conflict = fromModel ? this.gazetteer?.conflict(cand) : null;
    if (conflict) return conflict;
    if (near) {
      const sim = near.maxSimilarity(cand);
      if (sim >= near.threshold) return { reason: 'near_duplicate', detail: `n-gram Jaccard ${sim.toFixed(2)} with a seed or an earlier output (threshold ${near.threshold})` };
    }
    if (this.filters.dedup) {
      const d = this.dedup.check(cand, this.filters.dedup_against_seeds);
      if (d) return { reason: d, detail: d === 'duplicate_of_seed' ? 'identical to a seed example' : 'identical to an earlier output' };
    }
    near?.add(cand);
    if (fromModel) this.gazetteer?.add(cand);
    return null;
  }
}
