import path from 'node:path';
import { UserError } from '../core/errors.js';
import { writeFileAtomic } from '../formats/atomic.js';
import { ResponseCache } from '../llm/cache.js';
import type { StructuredMode } from '../llm/providers/openai.js';
import { createLlmClient, type LlmSettings } from '../llm/setup.js';
import type { LlmClient } from '../llm/client.js';
import type { LoadedRecipe } from '../pipeline/recipe.js';

/** The LLM flags as commander hands them over: strings, unparsed. */
export interface LlmCliOptions {
  provider?: string;
  model?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  /** The run sends no request (`--batch export`: answers come from the cache or are exported),
   *  so it needs no API key. */
  sendsNothing?: boolean;
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
 * LLM settings from flags, environment and the recipe's `llm` defaults (flags win). The API
 * key is read from the environment only.
 */
export function llmSettings(recipe: LoadedRecipe, o: LlmCliOptions, outDir: string, runSeed: number, onRetry?: (line: string) => void): LlmSettings {
  const r = recipe.llm;
  const provider = o.provider ?? r.provider ?? (o.modelPath ? 'llama-cpp' : 'openai');
  const keyEnv = o.apiKeyEnv ?? 'OPENAI_API_KEY';
  const apiKey = process.env[keyEnv];
  const common = {
    apiKey,
    concurrency: num(o.concurrency, '--concurrency', 1) ?? r.concurrency,
    rpm: num(o.rpm, '--rpm', 0) ?? r.rpm,
    tpm: num(o.tpm, '--tpm', 0) ?? r.tpm,
    maxRetries: num(o.maxRetries, '--max-retries', 0) ?? r.max_retries,
    maxReasks: num(o.maxReasks, '--max-reasks', 0) ?? r.max_reasks,
    maxRequests: num(o.maxRequests, '--max-requests', 0),
    maxTokens: num(o.maxTokens, '--max-tokens', 0),
    // The command's writer: atomic, and its temp files are removed on Ctrl-C.
    cache: new ResponseCache(o.cacheDir ?? path.join(outDir, 'llm-cache'), o.readCache ?? true, writeFileAtomic),
    runSeed,
    onRetry,
  };
  if (provider === 'llama-cpp') {
    if (!o.modelPath) throw new UserError('the llama-cpp provider needs --model-path <file.gguf>');
    return { provider, modelPath: o.modelPath, ...common };
  }
  if (provider !== 'openai') throw new UserError(`unknown provider "${provider}" (openai, llama-cpp; library users can pass a LangChain model)`);
  const baseURL = o.baseUrl ?? r.base_url ?? process.env.OPENAI_BASE_URL;
  const model = o.model ?? r.model;
  if (!model) throw new UserError('this recipe asks a language model: pass --model <name> (and --base-url for an OpenAI-compatible server such as vLLM, Ollama or llama.cpp)');
  if (!apiKey && !baseURL && !o.sendsNothing) throw new UserError(`no API key: set the ${keyEnv} environment variable, or pass --base-url for a local OpenAI-compatible server`);
  const structured = o.structured ?? r.structured ?? 'json_schema';
  if (!['json_schema', 'json_object', 'text'].includes(structured)) throw new UserError(`--structured must be json_schema, json_object or text, got "${structured}"`);
  return { provider, model, baseURL, structured: structured as StructuredMode, timeoutMs: num(o.timeout, '--timeout', 1) ?? r.timeout_ms, ...common };
}

/** The client for a recipe run, from the command's flags. */
export function clientFromOptions(recipe: LoadedRecipe, o: LlmCliOptions, outDir: string, runSeed: number, onRetry?: (line: string) => void): LlmClient {
  return createLlmClient(llmSettings(recipe, o, outDir, runSeed, onRetry));
}
