import path from 'node:path';
import { UserError } from '../core/errors.js';
import { LlmClient } from './client.js';
import { ResponseCache } from './cache.js';
import { OpenAIProvider, type StructuredMode } from './providers/openai.js';
import { LlamaCppProvider } from './providers/llama-cpp.js';
import type { LoadedRecipe } from '../pipeline/recipe.js';

export interface LlmCliOptions {
  provider?: string;
  model?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  structured?: string;
  concurrency?: string;
  rpm?: string;
  tpm?: string;
  timeout?: string;
  maxRetries?: string;
  maxReasks?: string;
  maxRequests?: string;
  maxTokens?: string;
  cacheDir?: string;
  modelPath?: string;
  /** Read answers from the cache (false: ask again, but still store the answers). */
  readCache?: boolean;
}

function num(v: string | undefined, name: string, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new UserError(`${name} must be a number of at least ${min}, got "${v}"`);
  return n;
}

/**
 * Build the LLM client for a recipe from flags, environment and the recipe's `llm` defaults.
 * The API key is read from the environment only and handed to the SDK; it is kept in the
 * client's list of secrets so no message, log or file can carry it.
 */
export function clientFromOptions(recipe: LoadedRecipe, o: LlmCliOptions, outDir: string, runSeed: number, onRetry?: (s: string) => void): LlmClient {
  const r = recipe.llm;
  const providerName = o.provider ?? r.provider ?? (o.modelPath ? 'llama-cpp' : 'openai');
  const keyEnv = o.apiKeyEnv ?? 'OPENAI_API_KEY';
  const apiKey = process.env[keyEnv];
  const secrets = apiKey ? [apiKey] : [];
  let provider;
  if (providerName === 'llama-cpp') {
    if (!o.modelPath) throw new UserError('the llama-cpp provider needs --model-path <file.gguf>');
    provider = new LlamaCppProvider(o.modelPath);
  } else if (providerName === 'openai') {
    const baseURL = o.baseUrl ?? r.base_url ?? process.env.OPENAI_BASE_URL;
    const model = o.model ?? r.model;
    if (!model) throw new UserError('this recipe asks a language model: pass --model <name> (and --base-url for an OpenAI-compatible server such as vLLM, Ollama or llama.cpp)');
    if (!apiKey && !baseURL) throw new UserError(`no API key: set the ${keyEnv} environment variable, or pass --base-url for a local OpenAI-compatible server`);
    const structured = (o.structured ?? r.structured ?? 'json_schema') as StructuredMode;
    if (!['json_schema', 'json_object', 'text'].includes(structured)) throw new UserError(`--structured must be json_schema, json_object or text, got "${structured}"`);
    provider = new OpenAIProvider({ model, apiKey, baseURL, timeoutMs: num(o.timeout, '--timeout', 1) ?? r.timeout_ms ?? 60_000, structured });
  } else {
    throw new UserError(`unknown provider "${providerName}" (openai, llama-cpp; library users can pass a LangChain model)`);
  }
  return new LlmClient(provider, {
    concurrency: num(o.concurrency, '--concurrency', 1) ?? r.concurrency ?? 8,
    rpm: num(o.rpm, '--rpm', 0) ?? r.rpm,
    tpm: num(o.tpm, '--tpm', 0) ?? r.tpm,
    maxRetries: num(o.maxRetries, '--max-retries', 0) ?? r.max_retries ?? 5,
    maxReasks: num(o.maxReasks, '--max-reasks', 0) ?? r.max_reasks ?? 2,
    maxRequests: num(o.maxRequests, '--max-requests', 0),
    maxTokens: num(o.maxTokens, '--max-tokens', 0),
    cache: new ResponseCache(o.cacheDir ?? path.join(outDir, 'llm-cache'), o.readCache ?? true),
    secrets,
    runSeed,
    onRetry: onRetry ? (i) => onRetry(`retry ${i.attempt}${i.status ? ` after HTTP ${i.status}` : ''} in ${i.waitMs} ms: ${i.message}`) : undefined,
  });
}
