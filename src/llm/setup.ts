import { UserError } from '../core/errors.js';
import { LlmClient } from './client.js';
import type { ResponseCache } from './cache.js';
import { OpenAIProvider, type StructuredMode } from './providers/openai.js';
import { LlamaCppProvider } from './providers/llama-cpp.js';
import type { Provider } from './types.js';

/** Everything needed to build a client, already parsed and merged (flags over recipe
 *  defaults) by the caller: the LLM layer knows neither recipes nor command-line strings. */
export interface LlmSettings {
  provider: 'openai' | 'llama-cpp';
  model?: string;
  baseURL?: string;
  /** Handed to the SDK only, and kept in the client's secrets so no message can carry it. */
  apiKey?: string;
  structured?: StructuredMode;
  timeoutMs?: number;
  /** GGUF file (llama-cpp). */
  modelPath?: string;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  maxRetries?: number;
  maxReasks?: number;
  maxRequests?: number;
  maxTokens?: number;
  cache?: ResponseCache;
  runSeed?: number;
  /** One readable line per retry (never a request object or a header). */
  onRetry?: (line: string) => void;
}

function providerFor(s: LlmSettings): Provider {
  if (s.provider === 'llama-cpp') {
    if (!s.modelPath) throw new UserError('the llama-cpp provider needs a GGUF model file');
    return new LlamaCppProvider(s.modelPath);
  }
  if (!s.model) throw new UserError('the openai provider needs a model name');
  return new OpenAIProvider({ model: s.model, apiKey: s.apiKey, baseURL: s.baseURL, timeoutMs: s.timeoutMs ?? 60_000, structured: s.structured ?? 'json_schema' });
}

/** Build the LLM client (provider, cache, limiter, retries) from resolved settings. */
export function createLlmClient(s: LlmSettings): LlmClient {
  const onRetry = s.onRetry;
  return new LlmClient(providerFor(s), {
    concurrency: s.concurrency ?? 8,
    rpm: s.rpm,
    tpm: s.tpm,
    maxRetries: s.maxRetries ?? 5,
    maxReasks: s.maxReasks ?? 2,
    maxRequests: s.maxRequests,
    maxTokens: s.maxTokens,
    cache: s.cache,
    secrets: s.apiKey ? [s.apiKey] : [],
    runSeed: s.runSeed,
    onRetry: onRetry ? (i) => onRetry(`retry ${i.attempt}${i.status ? ` after HTTP ${i.status}` : ''} in ${i.waitMs} ms: ${i.message}`) : undefined,
  });
}
