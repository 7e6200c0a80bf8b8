import { UserError } from '../core/errors.js';
import { LlmClient, type ClientOptions } from './client.js';
import { OpenAIProvider, type StructuredMode } from './providers/openai.js';
import { LlamaCppProvider } from './providers/llama-cpp.js';
import type { Provider } from './types.js';

/** Everything needed to build a client, already parsed and merged (flags over recipe
 *  defaults) by the caller: the LLM layer knows neither recipes nor command-line strings. */
export interface LlmSettings extends Omit<ClientOptions, 'secrets' | 'onRetry' | 'backoffMs'> {
  provider: 'openai' | 'llama-cpp';
  model?: string;
  baseURL?: string;
  /** Handed to the SDK only, and kept in the client's secrets so no message can carry it. */
  apiKey?: string;
  structured?: StructuredMode;
  timeoutMs?: number;
  /** GGUF file (llama-cpp). */
  modelPath?: string;
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
  const { provider: _p, model: _m, baseURL: _b, apiKey, structured: _s, timeoutMs: _t, modelPath: _mp, onRetry, ...client } = s;
  return new LlmClient(providerFor(s), {
    ...client,
    concurrency: s.concurrency ?? 8,
    maxRetries: s.maxRetries ?? 5,
    maxReasks: s.maxReasks ?? 2,
    secrets: apiKey ? [apiKey] : [],
    onRetry: onRetry ? (i) => onRetry(`retry ${i.attempt}${i.status ? ` after HTTP ${i.status}` : ''} in ${i.waitMs} ms: ${i.message}`) : undefined,
  });
}
