import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import type { CorpusStats } from '../ops/corpus.js';
import { findLlmOperation, findOperation } from '../ops/registry.js';
import type { ResolvedOp } from './recipe.js';

/**
 * The operations as this run executes them: the recipe's, except that `long_tail_v1`
 * generates with the model when one is configured (mode auto) or asked for (mode llm). New
 * objects: the loaded recipe is never changed.
 */
export async function resolveOperations(ops: readonly ResolvedOp[], haveModel: boolean): Promise<ResolvedOp[]> {
  const out: ResolvedOp[] = [];
  for (const spec of ops) {
    const mode = spec.params.mode;
    if (spec.op !== 'long_tail_v1' || !(mode === 'llm' || (mode === 'auto' && haveModel))) {
      out.push(spec);
      continue;
    }
    if (!haveModel) throw new UserError('long_tail_v1 with mode: llm needs a language model: pass --model (and --base-url) or --model-path');
    const { llmLongTailParams } = await import('../ops/sentence/llm-long-tail.js');
    const params = llmLongTailParams.parse({ target: spec.params.target, ...(spec.params.llm as object) }) as Record<string, unknown>;
    out.push({ ...spec, op: 'llm_long_tail_v1', params, llm: true });
  }
  return out;
}

export interface Plans {
  /** What each planned operation's `prepare` returned (undefined for the others). */
  states: unknown[];
  /** The plans for the manifest (long-tail targets and counts). */
  summary: unknown[] | null;
}

/** Planned operations see the whole seed set once, before any candidate is made. */
export async function preparePlans(ops: readonly ResolvedOp[], seeds: () => Promise<Example[]>, corpus: CorpusStats, runSeed: number): Promise<Plans> {
  if (!ops.some((op) => op.planned)) return { states: [], summary: null };
  const all = await seeds();
  const states: unknown[] = [];
  for (const spec of ops) {
    const op = findOperation(spec.op) ?? findLlmOperation(spec.op);
    states.push(op && 'prepare' in op && op.prepare ? await op.prepare(all, spec.params as never, corpus, runSeed) : undefined);
  }
  const summary = states.map((st) => {
    const plan = st as { target?: number; before?: unknown; after?: unknown; unreachable?: unknown; ceiling?: unknown; short?: unknown; holders?: unknown; max_per_seed?: unknown } | undefined;
    if (!plan || typeof plan !== 'object' || plan.target === undefined) return null;
    // The offline plan also says how far swaps may go and what stopped each short type.
    const detail = plan.short ? { ceiling: plan.ceiling, short: plan.short, holders: plan.holders, max_per_seed: plan.max_per_seed } : {};
    return { target: plan.target, before: plan.before, after_plan: plan.after, unreachable: plan.unreachable, ...detail };
  });
  return { states, summary };
}
