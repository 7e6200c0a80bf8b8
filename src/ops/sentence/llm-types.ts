import type { z } from 'zod';
import type { Example } from '../../core/model.js';
import type { Rng } from '../../core/random.js';
import type { LlmPort } from '../../llm/client.js';
import type { CorpusStats } from '../corpus.js';

export interface LlmOpContext {
  llm: LlmPort;
  rng: Rng;
  corpus: CorpusStats;
  variant: number;
  /** What `prepare` computed (planned LLM operations). */
  state?: unknown;
}

/** What an LLM operation returns for one request: candidates, and rejections with reasons. */
export type LlmOutcome = { example: Example; note?: string } | { reason: string; detail: string; raw?: string };

/** An operation that asks a language model; one call may give several candidates. */
export interface LlmOperation<P = Record<string, unknown>> {
  name: string;
  summary: string;
  params: z.ZodType<P>;
  llm: true;
  run(seed: Example, params: P, ctx: LlmOpContext): Promise<LlmOutcome[]>;
  /** Planned LLM operations: see the whole seed set first (like offline planned ones). */
  prepare?(seeds: readonly Example[], params: P, corpus: CorpusStats, runSeed: number): unknown;
}

/** One request with a system and a user prompt, answered as JSON fitting `schema`. */
export function askJson<T>(llm: LlmPort, prompt: { system: string; user: string }, schema: z.ZodType<T>, schemaName: string, o: { temperature: number; max_tokens: number; variant: number; op: string; sample?: string }) {
  return llm.generate({
    messages: [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ],
    schema,
    schemaName,
    temperature: o.temperature,
    maxTokens: o.max_tokens,
    variant: o.variant,
    ...(o.sample !== undefined ? { sample: o.sample } : {}),
    op: o.op,
  });
}
