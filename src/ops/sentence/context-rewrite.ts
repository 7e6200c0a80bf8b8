import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { BudgetExceeded, SchemaError, TransportError } from '../../llm/errors.js';
import { exampleFromMarkup, markupCanHold, renderMarkup } from '../../llm/markup.js';
import { DEFAULT_STRATEGIES, labelGuide, noisePrompt, rewritePrompt, type Strategy } from '../../llm/prompts.js';
import type { LlmPort } from '../../llm/client.js';
import { askJson, type LlmOperation, type LlmOutcome } from './llm-types.js';

const strategy = z.strictObject({ name: z.string().min(1), dimension: z.string().min(1), instruction: z.string().min(1) });
export const commonLlmParams = {
  temperature: z.number().min(0).max(2).default(0.9),
  max_tokens: z.number().int().min(16).max(32768).default(800),
  /** One line per entity type, given to the model (guideline-style prompting). */
  label_definitions: z.record(z.string(), z.string()).default({}),
};
const params = z.strictObject({
  ...commonLlmParams,
  /** Rewriting strategies; each request uses one, picked by the seeded generator. */
  strategies: z.array(strategy).min(1).default(DEFAULT_STRATEGIES),
  /** Rewrites asked for in one request (saves prompt tokens). */
  rewrites_per_request: z.number().int().min(1).max(10).default(2),
});
type Params = z.infer<typeof params>;

const answer = z.object({ rewrites: z.array(z.string()).min(1) });

/** Failures of the request itself become rejections with a reason, never a lost row. */
export function requestFailure(err: unknown): LlmOutcome[] {
  if (err instanceof BudgetExceeded) return [{ reason: 'budget_exhausted', detail: err.message }];
  if (err instanceof SchemaError) return [{ reason: 'schema_invalid', detail: err.message, raw: err.raw }];
  if (err instanceof TransportError) return [{ reason: 'transport_failed', detail: err.message }];
  throw err;
}

export async function rewrite(seed: Example, llm: LlmPort, prompt: { system: string; user: string }, o: { temperature: number; max_tokens: number; variant: number; op: string; n: number }): Promise<LlmOutcome[]> {
  let value;
  let raw;
  try {
    ({ value, raw } = await askJson(llm, prompt, answer, 'context_rewrites', o));
  } catch (err) {
    return requestFailure(err);
  }
  return value.rewrites.slice(0, o.n).map((text) => {
    const r = exampleFromMarkup(seed, text, { sameText: true });
    return 'example' in r ? { example: r.example } : { ...r, raw: text || raw };
  });
}

/**
 * LLM-DA context-level augmentation: the model rewrites the context around the marked
 * entities following one of the rewriting strategies; entities must come back unchanged.
 */
export const llmContextRewrite: LlmOperation<Params> = {
  name: 'llm_context_rewrite_v1',
  summary: 'LLM-DA: rewrite the context around unchanged entities (14 strategies)',
  params,
  llm: true,
  async run(seed, p, { llm, rng, corpus, variant }) {
    if (!markupCanHold(seed)) return [{ reason: 'nested_entities_unsupported', detail: 'nested or overlapping entities cannot be shown in markup' }];
    const s: Strategy = p.strategies[rng.int(p.strategies.length)];
    const prompt = rewritePrompt(renderMarkup(seed), s, p.rewrites_per_request, labelGuide(corpus.schema.entityTypes, p.label_definitions));
    const out = await rewrite(seed, llm, prompt, { ...p, variant, op: this.name, n: p.rewrites_per_request });
    return out.map((o) => ('example' in o ? { ...o, note: s.name } : o));
  },
};

const noiseParams = z.strictObject({ ...commonLlmParams, rewrites_per_request: z.number().int().min(1).max(10).default(2) });

/** LLM-DA noise injection: realistic typos and punctuation noise around unchanged entities. */
export const llmNoise: LlmOperation<z.infer<typeof noiseParams>> = {
  name: 'llm_noise_v1',
  summary: 'LLM-DA: noisy copies (typos, punctuation) with entities unchanged',
  params: noiseParams,
  llm: true,
  async run(seed, p, { llm, corpus, variant }) {
    if (!markupCanHold(seed)) return [{ reason: 'nested_entities_unsupported', detail: 'nested or overlapping entities cannot be shown in markup' }];
    const prompt = noisePrompt(renderMarkup(seed), p.rewrites_per_request, labelGuide(corpus.schema.entityTypes, p.label_definitions));
    return rewrite(seed, llm, prompt, { ...p, variant, op: this.name, n: p.rewrites_per_request });
  },
};
