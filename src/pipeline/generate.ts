import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import type { CorpusStats } from '../ops/corpus.js';
import { findLlmOperation, findOperation } from '../ops/registry.js';
import type { LlmOutcome } from '../ops/sentence/llm-types.js';
import type { LlmClient, LlmPort } from '../llm/client.js';
import type { ResolvedOp } from './recipe.js';
import { withSeedPlace } from '../formats/episode-place.js';

/** One operation as applied to a candidate: provenance lists these. */
export interface OpTrace {
  op: string;
  /** Position of the operation in the recipe (its random stream is derived from it). */
  step: number;
  params: Record<string, unknown>;
}

/** One outcome of working on a seed, before the filters. */
export interface Item {
  kind: 'candidate' | 'rejected';
  example: Example;
  /** Operation label for counts: one name, or names joined with `+` when chained. */
  op: string;
  variant: number;
  id: string;
  trace: OpTrace[];
  /** Operations applied to it, changing it or not (absent: those in `trace`). */
  tried?: string[];
  /** LLM operations: the strategy the prompt used and the cache keys of the answers used. */
  strategy?: string;
  cacheKeys?: string[];
  reason?: string;
  detail?: string;
  raw?: string;
  /** Scores the checks kept (the fluency filter's perplexities), written to provenance. */
  notes?: Record<string, unknown>;
  /** A candidate the checks rejected (not fluent, inconsistent): its operations did change it. */
  checked?: true;
}

/** What generating candidates needs, fixed for the run. */
export interface GenerateContext {
  ops: readonly ResolvedOp[];
  compose: 'sequence' | 'one_of' | 'each';
  runSeed: number;
  variants: number;
  corpus: CorpusStats;
  llm?: LlmClient;
  /** What each planned operation's `prepare` returned. */
  states: readonly unknown[];
}

/** The reason code of a candidate no operation changed (its rejected.jsonl row omits the
 *  example: it is the parent seed). */
export const UNCHANGED = 'unchanged';
const unchanged = { reason: UNCHANGED, detail: 'no operation changed the example' };

/** Run one candidate through the offline operations (all in sequence, or one drawn). */
function offlineCandidate(seed: Example, v: number, g: GenerateContext): Item {
  const chosen = g.compose === 'one_of' ? [g.ops[rngFor(g.runSeed, seed.id, 'compose', v).int(g.ops.length)]] : g.ops;
  return applyOps(seed, v, chosen, `${seed.id}~${v + 1}`, g);
}

/** What `applyOps` says of a list of operations, made once per list rather than per candidate
 *  (most of a light recipe's candidates change nothing, and these strings were their cost). */
interface ChainNames {
  /** Each operation's random stream name (`op#position` in the recipe). */
  streams: string[];
  /** The operations' names (an item's `tried`; shared, never changed). */
  tried: string[];
  /** The label of a candidate by which of the operations changed it (a bit each). */
  labels: Map<number, string>;
}
const chainNames = new WeakMap<object, ChainNames>();

function namesOf(chosen: readonly ResolvedOp[], g: GenerateContext): ChainNames {
  // A chain of one is a new list per candidate (compose each and one_of): kept by its operation.
  const key = chosen.length === 1 ? chosen[0] : chosen;
  let n = chainNames.get(key);
  if (!n) {
    n = { streams: chosen.map((spec) => `${spec.op}#${g.ops.indexOf(spec)}`), tried: chosen.map((o) => o.op), labels: new Map() };
    if (chosen.length === 1 || chosen === g.ops) chainNames.set(key, n);
  }
  return n;
}

/** `op` of an item: one name, the names of the operations that changed it joined with `+`, or
 *  all of them when none did. */
function opLabel(chosen: readonly ResolvedOp[], changed: number, names: ChainNames): string {
  if (chosen.length === 1) return chosen[0].op;
  let label = names.labels.get(changed);
  if (label === undefined) {
    label = (changed ? chosen.filter((_, k) => changed & (1 << k)) : chosen).map((o) => o.op).join('+');
    // Chains longer than a mask can say are labelled each time.
    if (chosen.length <= 30) names.labels.set(changed, label);
  }
  return label;
}

/** Apply the chosen operations in order; each draws from its own stream (run seed, example,
 *  operation and its position, variant), so the stream does not depend on the compose mode. */
function applyOps(seed: Example, v: number, chosen: readonly ResolvedOp[], id: string, g: GenerateContext): Item {
  const names = namesOf(chosen, g);
  let cur: Example = seed;
  const trace: OpTrace[] = [];
  let changed = 0;
  for (let k = 0; k < chosen.length; k++) {
    const spec = chosen[k];
    const rng = rngFor(g.runSeed, seed.id, names.streams[k], v);
    const next = findOperation(spec.op)!.apply(cur, spec.params, { rng, corpus: g.corpus });
    if (next) {
      cur = next;
      trace.push({ op: spec.op, step: g.ops.indexOf(spec), params: spec.params });
      changed |= 1 << k;
    }
  }
  const op = chosen.length > 30 && trace.length ? trace.map((t) => t.op).join('+') : opLabel(chosen, changed, names);
  const tried = names.tried;
  return trace.length ? { kind: 'candidate', example: cur, op, variant: v, id, trace, tried } : { kind: 'rejected', example: seed, op, variant: v, id, trace, tried, ...unchanged };
}

/** `compose: each` (Dai & Adel): every operation makes its own copy of the seed, per variant. */
function eachOpCandidates(seed: Example, g: GenerateContext): Item[] {
  const items: Item[] = [];
  for (let v = 0; v < g.variants; v++) for (const spec of g.ops) items.push(applyOps(seed, v, [spec], `${seed.id}~${items.length + 1}`, g));
  return items;
}

/** The client for one seed, recording the cache key of every answer an operation used. */
function recordingPort(llm: LlmClient, priority: number, keys: string[]): LlmPort {
  const port = llm.withPriority(priority);
  return {
    generate: async (req) => {
      const r = await port.generate(req);
      if (r.key) keys.push(r.key);
      return r;
    },
  };
}

function needModel(llm: LlmClient | undefined, op: string): LlmClient {
  if (!llm) throw new UserError(`operation ${op} needs a language model: pass --model (and --base-url for a local server)`);
  return llm;
}

function fromOutcome(out: LlmOutcome, seed: Example, spec: ResolvedOp, variant: number, id: string, keys: string[], g: GenerateContext): Item {
  const base = { op: spec.op, variant, id, trace: [{ op: spec.op, step: g.ops.indexOf(spec), params: spec.params }], cacheKeys: keys };
  return 'example' in out
    ? { kind: 'candidate', example: withSeedPlace(out.example, seed), ...base, ...(out.note ? { strategy: out.note } : {}) }
    : { kind: 'rejected', example: seed, ...base, reason: out.reason, detail: out.detail, ...(out.raw !== undefined ? { raw: out.raw } : {}) };
}

/** Planned operations: each says how many candidates this seed gets. */
async function plannedItems(seed: Example, index: number, g: GenerateContext): Promise<Item[]> {
  const items: Item[] = [];
  for (let k = 0; k < g.ops.length; k++) {
    const spec = g.ops[k];
    const rng = rngFor(g.runSeed, seed.id, `${spec.op}#${k}`, 0);
    if (spec.llm) {
      const keys: string[] = [];
      const llm = recordingPort(needModel(g.llm, spec.op), index, keys);
      const outcomes = await findLlmOperation(spec.op)!.run(seed, spec.params, { llm, rng, corpus: g.corpus, variant: 0, state: g.states[k] });
      outcomes.forEach((out, j) => items.push(fromOutcome(out, seed, spec, j, `${seed.id}~${items.length + 1}`, keys, g)));
    } else {
      findOperation(spec.op)!.expand!(seed, spec.params, { rng, corpus: g.corpus, state: g.states[k] }).forEach((example, j) => {
        items.push({ kind: 'candidate', example, op: spec.op, variant: j, id: `${seed.id}~${items.length + 1}`, trace: [{ op: spec.op, step: k, params: spec.params }] });
      });
    }
  }
  return items;
}

/** One variant of a recipe with LLM operations: one drawn operation, or the offline chain. */
async function llmVariant(seed: Example, index: number, v: number, g: GenerateContext): Promise<Item[]> {
  const spec = g.compose === 'one_of' || g.ops.length === 1 ? g.ops[g.ops.length === 1 ? 0 : rngFor(g.runSeed, seed.id, 'compose', v).int(g.ops.length)] : null;
  if (!spec?.llm) return [offlineCandidate(seed, v, g)];
  const keys: string[] = [];
  const llm = recordingPort(needModel(g.llm, spec.op), index, keys);
  const rng = rngFor(g.runSeed, seed.id, `${spec.op}#${g.ops.indexOf(spec)}`, v);
  const outcomes = await findLlmOperation(spec.op)!.run(seed, spec.params, { llm, rng, corpus: g.corpus, variant: v });
  const id = `${seed.id}~${v + 1}`;
  return outcomes.map((out, k) => fromOutcome(out, seed, spec, v, outcomes.length > 1 ? `${id}.${k + 1}` : id, keys, g));
}

/** A query sentence of a Few-NERD episode is the episode's test data: augmenting it would leak
 *  copies of the test into the episode (and break its N-way K-shot sizes). It is written as it
 *  is; only support sentences get copies. */
export function isEvaluationSet(seed: Example): boolean {
  return (seed.extra?.fewnerd as { set?: string } | undefined)?.set === 'query';
}

/** Every candidate (or rejection) the recipe makes from one seed, in a fixed order. */
export async function generateForSeed(seed: Example, index: number, g: GenerateContext): Promise<Item[]> {
  if (isEvaluationSet(seed)) return [];
  if (g.ops[0].planned) return plannedItems(seed, index, g);
  // Offline: no request to overlap, so no promise per variant.
  if (!g.ops.some((x) => x.llm)) return g.compose === 'each' ? eachOpCandidates(seed, g) : Array.from({ length: g.variants }, (_, v) => offlineCandidate(seed, v, g));
  // Variants of one seed run concurrently (their requests go out together), results in order.
  const perVariant = await Promise.all(Array.from({ length: g.variants }, (_, v) => llmVariant(seed, index, v, g)));
  return perVariant.flat();
}
