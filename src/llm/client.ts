import { z } from 'zod';
import { createHash } from 'node:crypto';
import { rngFor } from '../core/random.js';
import { ResponseCache } from './cache.js';
import { BudgetExceeded, SchemaError, TransportError, redact } from './errors.js';
import { Limiter } from './limiter.js';
import type { ChatMessage, CompletionRequest, CompletionResponse, GenerateRequest, GenerateResult, Provider, Usage } from './types.js';

export interface ClientOptions {
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  /** Transport retries per request (429, 5xx, timeouts). */
  maxRetries?: number;
  /** Re-asks, with the validation error, when the answer does not fit the schema. */
  maxReasks?: number;
  maxRequests?: number;
  maxTokens?: number;
  /** Base of the exponential backoff, ms. */
  backoffMs?: number;
  cache?: ResponseCache;
  /** Secrets to keep out of every message this client produces. */
  secrets?: string[];
  runSeed?: number;
  /** Batch export: a request the cache cannot answer is handed here instead of being sent;
   *  it records the request and throws (a BudgetExceeded), so the candidate waits for a later round. */
  deferMiss?: (key: string, req: CompletionRequest, provider: Provider) => never;
  /** Called for each retry (for logs): never receives request objects or headers. */
  onRetry?: (info: { attempt: number; status?: number; waitMs: number; message: string }) => void;
}

export interface Accounting {
  /** Answers the run used, fresh or cached, and their tokens: the cost of the output itself,
   *  the same however often the run was resumed. */
  answersUsed: number;
  promptTokensUsed: number;
  completionTokensUsed: number;
  requests: number;
  cachedAnswers: number;
  promptTokens: number;
  completionTokens: number;
  retries: number;
  reasks: number;
  byOperation: Record<string, { requests: number; cached: number; promptTokens: number; completionTokens: number }>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Parse a model's answer as JSON, tolerating a fenced block or prose around one object. */
export function extractJson(text: string): unknown {
  const t = text.trim();
  try {
    return JSON.parse(t);
  } catch {
    const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(t);
    if (fenced) return JSON.parse(fenced[1]);
    const a = t.indexOf('{');
    const b = t.lastIndexOf('}');
    if (a >= 0 && b > a) return JSON.parse(t.slice(a, b + 1));
    throw new Error('the answer is not JSON');
  }
}

/**
 * The one LLM port: generate(request with a zod schema) -> typed value + usage. Around the
 * provider: the persistent cache (a re-run pays nothing twice), the limiter, transport retries
 * with backoff and jitter honouring Retry-After, re-asks on schema-invalid answers, the budget
 * guard and token accounting.
 */
export class LlmClient {
  readonly accounting: Accounting = { answersUsed: 0, promptTokensUsed: 0, completionTokensUsed: 0, requests: 0, cachedAnswers: 0, promptTokens: 0, completionTokens: 0, retries: 0, reasks: 0, byOperation: {} };
  private readonly limiter: Limiter;
  private readonly o: Required<Pick<ClientOptions, 'maxRetries' | 'maxReasks' | 'backoffMs'>> & ClientOptions;
  private spentTokens = 0;
  private sent = 0;
  /** Set once the request or token budget is spent: why. */
  exhausted: string | null = null;
  /** Requests that failed for good (transport or HTTP, after their retries), and the last
   *  failure's message and status: a run where every request failed is no success. */
  readonly failures: { count: number; last: string | null; status?: number } = { count: 0, last: null };

  constructor(
    readonly provider: Provider,
    options: ClientOptions = {},
  ) {
    this.o = { maxRetries: 5, maxReasks: 2, backoffMs: 500, ...options };
    this.limiter = new Limiter({ concurrency: options.concurrency ?? 8, rpm: options.rpm, tpm: options.tpm });
  }

  private opAccount(op: string) {
    return (this.accounting.byOperation[op] ??= { requests: 0, cached: 0, promptTokens: 0, completionTokens: 0 });
  }

  /** Requests on their way, by cache key: an identical request asked meanwhile waits for the
   *  same answer instead of sending its own (else each copy gets its own answer, the cache keeps
   *  one, and a rerun differs from the run). */
  private readonly inFlight = new Map<string, Promise<CompletionResponse>>();

  /** One answer for exactly these messages: from the cache, from an identical request on its
   *  way, or from the provider with retries. */
  private async answer(messages: ChatMessage[], req: GenerateRequest<unknown>, jsonSchema: Record<string, unknown>): Promise<{ resp: CompletionResponse; fresh: boolean; key: string }> {
    const temperature = req.temperature ?? 0.8;
    const maxTokens = req.maxTokens ?? 1024;
    const key = ResponseCache.key({ provider: this.provider.name, model: this.provider.model, messages, schema: jsonSchema, temperature, maxTokens, variant: req.variant, sample: req.sample, seed: this.o.runSeed ?? null });
    const hit = this.o.cache?.get(key);
    const pending = hit ? undefined : this.inFlight.get(key);
    if (hit || pending) {
      const resp = hit ?? (await pending!);
      this.accounting.cachedAnswers++;
      this.opAccount(req.op).cached++;
      return { resp, fresh: false, key };
    }
    const sent = this.send(key, messages, req, jsonSchema, temperature, maxTokens);
    this.inFlight.set(key, sent);
    try {
      return { resp: await sent, fresh: true, key };
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** The provider's answer with retries; stored in the cache before it is returned. */
  private async send(key: string, messages: ChatMessage[], req: GenerateRequest<unknown>, jsonSchema: Record<string, unknown>, temperature: number, maxTokens: number): Promise<CompletionResponse> {
    const estimate = Math.ceil(messages.reduce((a, m) => a + m.content.length, 0) / 4) + maxTokens;
    const jitter = rngFor(this.o.runSeed ?? 0, key, 'backoff');
    const request: CompletionRequest = { messages, jsonSchema, schemaName: req.schemaName, temperature, maxTokens, seed: samplingSeed(this.o.runSeed ?? 0, req.variant, req.sample) };
    if (this.o.deferMiss) this.o.deferMiss(key, request, this.provider);
    for (let attempt = 0; ; attempt++) {
      try {
        const resp = await this.limiter.run(
          estimate,
          () => {
            // The budget is checked when a request is about to go out, in seed order.
            if (this.o.maxRequests !== undefined && this.sent >= this.o.maxRequests) this.exhausted ??= `request budget of ${this.o.maxRequests} spent`;
            if (this.o.maxTokens !== undefined && this.spentTokens >= this.o.maxTokens) this.exhausted ??= `token budget of ${this.o.maxTokens} spent`;
            if (this.exhausted) throw new BudgetExceeded(this.exhausted);
            this.sent++;
            // Every attempt sent counts as a request (that is what a server bills and counts).
            this.accounting.requests++;
            this.opAccount(req.op).requests++;
            return this.provider.complete(request);
          },
          req.priority ?? 0,
        );
        // The server's rate-limit headers say its window is spent: everyone waits for the reset.
        if (resp.pauseMs) this.limiter.pause(resp.pauseMs);
        this.accounting.promptTokens += resp.usage.promptTokens;
        this.accounting.completionTokens += resp.usage.completionTokens;
        const acc = this.opAccount(req.op);
        acc.promptTokens += resp.usage.promptTokens;
        acc.completionTokens += resp.usage.completionTokens;
        this.spentTokens += resp.usage.promptTokens + resp.usage.completionTokens;
        await this.o.cache?.put(key, { text: resp.text, usage: resp.usage });
        return resp;
      } catch (err) {
        if (err instanceof BudgetExceeded) throw err;
        const te = err instanceof TransportError ? err : new TransportError((err as Error).message);
        if (!te.retryable || attempt >= this.o.maxRetries) {
          const failed = new TransportError(redact(`${te.message} (after ${attempt + 1} attempt${attempt ? 's' : ''})`, this.o.secrets ?? []), te.status, undefined, false);
          Object.assign(this.failures, { count: this.failures.count + 1, last: failed.message, status: te.status });
          throw failed;
        }
        const backoff = Math.min(30_000, this.o.backoffMs * 2 ** attempt) * (0.5 + jitter.next());
        const waitMs = te.retryAfterMs !== undefined ? te.retryAfterMs : backoff;
        if (te.retryAfterMs !== undefined) this.limiter.pause(te.retryAfterMs);
        this.accounting.retries++;
        this.o.onRetry?.({ attempt: attempt + 1, status: te.status, waitMs: Math.round(waitMs), message: redact(te.message, this.o.secrets ?? []) });
        await sleep(waitMs);
      }
    }
  }

  async generate<T>(req: GenerateRequest<T>): Promise<GenerateResult<T>> {
    const jsonSchema = z.toJSONSchema(req.schema, { target: 'draft-7' }) as Record<string, unknown>;
    let messages = req.messages;
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    let requests = 0;
    let lastRaw = '';
    let lastError = '';
    for (let ask = 0; ask <= this.o.maxReasks; ask++) {
      const { resp, fresh, key } = await this.answer(messages, req as GenerateRequest<unknown>, jsonSchema);
      if (fresh) requests++;
      this.accounting.answersUsed++;
      this.accounting.promptTokensUsed += resp.usage.promptTokens;
      this.accounting.completionTokensUsed += resp.usage.completionTokens;
      usage.promptTokens += resp.usage.promptTokens;
      usage.completionTokens += resp.usage.completionTokens;
      lastRaw = resp.text;
      let parsed: unknown;
      try {
        parsed = extractJson(resp.text);
      } catch (e) {
        lastError = (e as Error).message;
        parsed = undefined;
      }
      if (parsed !== undefined) {
        const r = req.schema.safeParse(parsed);
        if (r.success) return { value: r.data, usage, raw: resp.text, requests, key };
        lastError = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).slice(0, 3).join('; ');
      }
      if (ask < this.o.maxReasks) {
        this.accounting.reasks++;
        messages = [
          ...req.messages,
          { role: 'assistant', content: resp.text },
          { role: 'user', content: `That answer does not fit the required JSON schema (${lastError}). Answer again with only a JSON object that fits: ${JSON.stringify(jsonSchema)}` },
        ];
      }
    }
    throw new SchemaError(redact(`answer did not fit the schema after ${this.o.maxReasks} re-ask(s): ${lastError}`, this.o.secrets ?? []), lastRaw);
  }

  /** The same client for one seed: its requests wait in line by the seed's position. */
  withPriority(priority: number): LlmPort {
    return { generate: <T>(req: GenerateRequest<T>) => this.generate({ ...req, priority }) };
  }

  async close(): Promise<void> {
    await this.provider.close?.();
  }
}

/** The provider's sampling seed: from the run seed and variant, and from `sample` when the
 *  request says which candidate it is for (unchanged without one, so old caches still hit). */
export function samplingSeed(runSeed: number, variant: number, sample?: string): number {
  const base = (runSeed * 1000003 + variant) >>> 0;
  if (sample === undefined) return base;
  return (base ^ parseInt(createHash('sha256').update(sample).digest('hex').slice(0, 8), 16)) >>> 0;
}

/** What operations see of the client. */
export interface LlmPort {
  generate<T>(req: GenerateRequest<T>): Promise<GenerateResult<T>>;
}
