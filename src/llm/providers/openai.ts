import type OpenAI from 'openai';
import { TransportError } from '../errors.js';
import type { CompletionRequest, CompletionResponse, Provider } from '../types.js';

export type StructuredMode = 'json_schema' | 'json_object' | 'text';

export interface OpenAIProviderOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
  timeoutMs?: number;
  /** How structured output is asked for: a JSON schema (OpenAI, vLLM, recent llama.cpp
   *  servers), JSON mode, or plain text with the schema in the prompt. Validation is the same. */
  structured?: StructuredMode;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, string | undefined>)[name];
  return v ?? undefined;
}

/** Retry-After from `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: unknown): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms && !Number.isNaN(Number(ms))) return Number(ms);
  const s = headerValue(headers, 'retry-after');
  if (!s) return undefined;
  if (!Number.isNaN(Number(s))) return Number(s) * 1000;
  const d = Date.parse(s);
  return Number.isNaN(d) ? undefined : Math.max(0, d - Date.now());
}

/** "1s", "6m0s", "250ms", "0.5s" (OpenAI's reset durations) in milliseconds. */
export function durationMs(s: string | undefined): number | undefined {
  if (!s) return undefined;
  let ms = 0;
  let matched = false;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    matched = true;
    const v = Number(m[1]);
    ms += m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : m[2] === 'm' ? v * 60_000 : v * 3_600_000;
  }
  return matched ? ms : undefined;
}

/** When x-ratelimit-remaining-* says the window is spent, how long until it resets. */
export function rateLimitPause(headers: unknown): number | undefined {
  let pause: number | undefined;
  for (const kind of ['requests', 'tokens']) {
    const remaining = headerValue(headers, `x-ratelimit-remaining-${kind}`);
    if (remaining !== undefined && Number(remaining) <= 0) {
      const reset = durationMs(headerValue(headers, `x-ratelimit-reset-${kind}`)) ?? 1000;
      pause = Math.max(pause ?? 0, reset);
    }
  }
  return pause;
}

/** The `openai` SDK; with a base URL it serves any OpenAI-compatible server. */
export class OpenAIProvider implements Provider {
  readonly name = 'openai';
  readonly model: string;
  private readonly options: OpenAIProviderOptions;
  private readonly structured: StructuredMode;
  /** The SDK is loaded when a provider is made, not when the module is: commands that never
   *  ask a model (convert, stats, an offline augment) start without it. */
  private sdk: Promise<{ OpenAI: typeof OpenAI; client: OpenAI }> | null = null;

  constructor(o: OpenAIProviderOptions) {
    this.model = o.model;
    this.options = o;
    this.structured = o.structured ?? 'json_schema';
    // Start loading now, while the run reads its input; a failure shows on the first request.
    this.load().catch(() => undefined);
  }

  async warm(): Promise<void> {
    await this.load();
  }

  private load(): Promise<{ OpenAI: typeof OpenAI; client: OpenAI }> {
    this.sdk ??= import('openai').then(({ default: SDK }) => {
      const o = this.options;
      // Retries are ours (with the cache and limiter around them): the SDK's are off.
      return { OpenAI: SDK, client: new SDK({ apiKey: o.apiKey ?? 'unused', baseURL: o.baseURL, timeout: o.timeoutMs ?? 60_000, maxRetries: 0 }) };
    });
    return this.sdk;
  }

  /** The chat request `complete` sends, exactly (batch export writes it as a line's body). */
  requestBody(req: CompletionRequest): Record<string, unknown> {
    const messages = req.messages.map((m) => ({ role: m.role, content: m.content }));
    if (this.structured === 'text' || this.structured === 'json_object') {
      messages.unshift({ role: 'system', content: `Answer with one JSON object that fits this JSON schema, and nothing else: ${JSON.stringify(req.jsonSchema)}` });
    }
    const response_format =
      this.structured === 'json_schema'
        ? { type: 'json_schema' as const, json_schema: { name: req.schemaName, schema: req.jsonSchema, strict: true } }
        : this.structured === 'json_object'
          ? { type: 'json_object' as const }
          : undefined;
    return { model: this.model, messages, temperature: req.temperature, max_tokens: req.maxTokens, seed: req.seed, ...(response_format ? { response_format } : {}) };
  }

  async complete(req: CompletionRequest): Promise<CompletionResponse> {
    const body = this.requestBody(req) as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const { OpenAI, client } = await this.load();
    try {
      const { data: r, response } = await client.chat.completions
        .create(
          body,
          { signal: req.signal },
        )
        .withResponse();
      // A page from a wrong address (HTML, or JSON of another API) is no answer: failed, never
      // cached as an empty one (a later run with the right --base-url would reuse it).
      if (!r || typeof r !== 'object' || !Array.isArray(r.choices)) {
        throw new TransportError('the model server answered with something that is no chat completion (no "choices"; a web page?): check --base-url (an OpenAI-compatible endpoint, usually ending in /v1)', undefined, undefined, false);
      }
      const text = r.choices[0]?.message?.content ?? '';
      const pauseMs = rateLimitPause(response.headers);
      return { text, usage: { promptTokens: r.usage?.prompt_tokens ?? 0, completionTokens: r.usage?.completion_tokens ?? 0 }, ...(pauseMs !== undefined ? { pauseMs } : {}) };
    } catch (err) {
      if (err instanceof OpenAI.APIConnectionTimeoutError) throw new TransportError('request timed out', undefined);
      if (err instanceof OpenAI.APIConnectionError) throw new TransportError(`connection failed: ${err.message}`);
      if (err instanceof OpenAI.APIError) {
        const status = err.status;
        const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
        // Only the status and the server's own message: never the request or its headers.
        throw new TransportError(`HTTP ${status ?? '?'} from the model server${err.message ? `: ${err.message.replace(/^\d{3}\s*/, '').slice(0, 200)}` : ''}`, status, retryAfterMs(err.headers), retryable);
      }
      throw err;
    }
  }
}
