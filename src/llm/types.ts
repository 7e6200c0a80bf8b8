import type { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** What a provider is asked: messages plus the JSON schema the answer must fit. */
export interface CompletionRequest {
  messages: ChatMessage[];
  /** JSON schema of the answer (from the zod schema). */
  jsonSchema: Record<string, unknown>;
  schemaName: string;
  temperature: number;
  maxTokens: number;
  /** Sampling seed where the provider supports one (from the run seed and variant). */
  seed?: number;
  signal?: AbortSignal;
}

export interface CompletionResponse {
  text: string;
  usage: Usage;
  /** The server said its window is spent (x-ratelimit-* headers): wait this long before the next request. */
  pauseMs?: number;
}

/** A provider adapter: one raw completion. Retries, cache and validation live around it. */
export interface Provider {
  readonly name: string;
  readonly model: string;
  complete(req: CompletionRequest): Promise<CompletionResponse>;
  /** The exact HTTP body `complete` would send (batch export writes it instead of sending). */
  requestBody?(req: CompletionRequest): Record<string, unknown>;
  /** Load what the first request needs (an SDK, a model file) ahead of time. */
  warm?(): Promise<void>;
  close?(): Promise<void>;
}

/** The port every LLM operation uses. */
export interface GenerateRequest<T> {
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  schemaName: string;
  temperature?: number;
  maxTokens?: number;
  /** Distinguishes otherwise identical requests (variant index): part of the cache key. */
  variant: number;
  /** Says which candidate an answer is for, where identical prompts must still give different
   *  candidates (MELM fills of different seeds whose masked sentences read the same): part of
   *  the cache key and of the sampling seed. Absent: identical requests share one answer. */
  sample?: string;
  /** Operation name, for token accounting. */
  op: string;
  /** Lower goes first when requests wait for a slot (the seed's position in the input). */
  priority?: number;
}

export interface GenerateResult<T> {
  value: T;
  usage: Usage;
  /** Raw text of the final answer. */
  raw: string;
  /** Requests actually sent (0 when every answer came from the cache). */
  requests: number;
  /** Cache key of the answer used (provenance names it). */
  key?: string;
}
