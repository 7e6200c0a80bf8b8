import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { LlmClient, extractJson, type ClientOptions } from '../../src/llm/client.js';
import { ResponseCache } from '../../src/llm/cache.js';
import { SchemaError, TransportError, redact } from '../../src/llm/errors.js';
import { LangChainProvider } from '../../src/llm/providers/langchain.js';
import { retryAfterMs } from '../../src/llm/providers/openai.js';
import type { CompletionRequest, CompletionResponse, GenerateRequest, Provider } from '../../src/llm/types.js';
import { tmpDir } from '../support/paths.js';

/** A provider that answers from a list and records what it was asked. */
class ListProvider implements Provider {
  readonly name = 'list';
  readonly model = 'list-model';
  calls: CompletionRequest[] = [];
  times: number[] = [];
  constructor(private readonly answers: Array<string | Error>) {}
  async complete(req: CompletionRequest): Promise<CompletionResponse> {
    this.calls.push(req);
    this.times.push(Date.now());
    const a = this.answers.shift();
    if (a === undefined) throw new Error('no more answers');
    if (a instanceof Error) throw a;
    return { text: a, usage: { promptTokens: 10, completionTokens: 5 } };
  }
}

const schema = z.object({ rewrites: z.array(z.string()).min(1) });
const req = { messages: [{ role: 'user' as const, content: 'hi' }], schema, schemaName: 'context_rewrites', variant: 0, op: 't' };

describe('the LLM port', () => {
  it('validates the answer against the zod schema and returns a typed value with usage', async () => {
    const c = new LlmClient(new ListProvider(['{"rewrites": ["a", "b"]}']));
    const r = await c.generate(req);
    expect(r.value.rewrites).toEqual(['a', 'b']);
    expect(r.usage).toEqual({ promptTokens: 10, completionTokens: 5 });
  });

  it('re-asks with the validation error, then gives up with SchemaError keeping the raw answer', async () => {
    const p = new ListProvider(['{"text": 1}', 'not json', '{"rewrites": []}']);
    const c = new LlmClient(p, { maxReasks: 2 });
    const err = await c.generate(req).catch((e) => e);
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.raw).toBe('{"rewrites": []}');
    expect(p.calls).toHaveLength(3);
    expect(p.calls[1].messages.at(-1)!.content).toMatch(/does not fit the required JSON schema \(rewrites: .*expected array/);
    expect(c.accounting.reasks).toBe(2);
  });

  it('retries transport errors with backoff and honours Retry-After', async () => {
    const p = new ListProvider([new TransportError('HTTP 429', 429, 250), new TransportError('HTTP 500', 500), '{"rewrites": ["ok"]}']);
    const c = new LlmClient(p, { backoffMs: 20 });
    const r = await c.generate(req);
    expect(r.value.rewrites).toEqual(['ok']);
    expect(p.times[1] - p.times[0]).toBeGreaterThanOrEqual(240);
    expect(c.accounting.retries).toBe(2);
    expect(c.accounting.requests).toBe(3);
  });

  it('does not retry a non-retryable error, and gives up after maxRetries', async () => {
    const c1 = new LlmClient(new ListProvider([new TransportError('HTTP 401', 401, undefined, false)]));
    await expect(c1.generate(req)).rejects.toThrow(/HTTP 401/);
    const c2 = new LlmClient(new ListProvider([new TransportError('x', 500), new TransportError('x', 500), new TransportError('x', 500)]), { maxRetries: 2, backoffMs: 1 });
    await expect(c2.generate(req)).rejects.toThrow(/after 3 attempts/);
  });

  it('answers from the persistent cache: a second client pays nothing', async () => {
    const dir = tmpDir();
    const p1 = new ListProvider(['{"rewrites": ["x"]}']);
    await new LlmClient(p1, { cache: new ResponseCache(dir) }).generate(req);
    const p2 = new ListProvider(['{"rewrites": ["y"]}']);
    const c2 = new LlmClient(p2, { cache: new ResponseCache(dir) });
    expect((await c2.generate(req)).value.rewrites).toEqual(['x']);
    expect(p2.calls).toHaveLength(0);
    expect(c2.accounting.cachedAnswers).toBe(1);
    // Another variant is another request.
    expect((await c2.generate({ ...req, variant: 1 })).value.rewrites).toEqual(['y']);
    expect(p2.calls).toHaveLength(1);
  });

  describe('the cache key holds what changes the answer, and nothing operational', () => {
    /** Asks `first`, then `second` through a fresh client on the same cache: was the second sent? */
    async function sentAgain(first: GenerateRequest<unknown>, second: GenerateRequest<unknown>, o: { seeds?: [number, number]; options?: ClientOptions } = {}): Promise<boolean> {
      const dir = tmpDir();
      const ok = '{"rewrites": ["x"], "label": "y"}';
      await new LlmClient(new ListProvider([ok]), { cache: new ResponseCache(dir), runSeed: o.seeds?.[0] }).generate(first);
      const p = new ListProvider([ok]);
      await new LlmClient(p, { cache: new ResponseCache(dir), runSeed: o.seeds?.[1], ...o.options }).generate(second);
      return p.calls.length === 1;
    }
    const base: GenerateRequest<unknown> = { ...req, temperature: 0.7, maxTokens: 200 };

    it('the same request is answered from the cache', async () => {
      expect(await sentAgain(base, { ...base })).toBe(false);
    });
    const changes: Array<[string, GenerateRequest<unknown>]> = [
      ['the schema', { ...base, schema: z.object({ rewrites: z.array(z.string()).min(1), label: z.string() }) }],
      ['the temperature', { ...base, temperature: 0.2 }],
      ['the token limit', { ...base, maxTokens: 64 }],
      ['the messages', { ...base, messages: [{ role: 'user', content: 'hello' }] }],
      ['the variant', { ...base, variant: 3 }],
    ];
    for (const [what, changed] of changes) {
      it(`another ${what.replace(/^the /, '')} is asked again`, async () => {
        expect(await sentAgain(base, changed)).toBe(true);
      });
    }
    it('another run seed is asked again', async () => {
      expect(await sentAgain(base, base, { seeds: [1, 2] })).toBe(true);
    });
    it('the default temperature and token limit count as given', async () => {
      expect(await sentAgain({ ...req }, { ...req, temperature: 0.8, maxTokens: 1024 })).toBe(false);
      expect(await sentAgain({ ...req }, { ...req, temperature: 0.3 })).toBe(true);
    });
    it('concurrency, limits, priority and the operation name are not part of it', async () => {
      expect(await sentAgain(base, { ...base, priority: 9, op: 'other_op' }, { options: { concurrency: 1, maxRetries: 0, maxReasks: 0, rpm: 1000 } })).toBe(false);
    });
  });

  it('keeps API keys out of error messages', () => {
    expect(redact('failed with key sk-abcdefghijklmnop and Authorization: Bearer xyz123', ['sk-abcdefghijklmnop'])).toBe('failed with key [redacted] and Authorization: Bearer [redacted]');
  });

  it('reads Retry-After in milliseconds, seconds or as a date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '40' }))).toBe(40);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs({})).toBeUndefined();
  });

  it('extracts JSON from fenced or chatty answers', () => {
    expect(extractJson('Here you go:\n```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(extractJson('Sure! {"a": 2} Hope it helps')).toEqual({ a: 2 });
  });

  it('wraps a LangChain chat model (the langchain adapter)', async () => {
    const model = new FakeListChatModel({ responses: ['{"rewrites": ["from langchain"]}'] });
    const c = new LlmClient(new LangChainProvider(model, 'fake'));
    const r = await c.generate(req);
    expect(r.value.rewrites).toEqual(['from langchain']);
    expect(c.provider.name).toBe('langchain');
  });
});

describe('rate-limit headers', () => {
  it('x-ratelimit-remaining-requests: 0 pauses every request until the reset', async () => {
    const { startTestServer } = await import('../support/llm-test-server.js');
    const { OpenAIProvider, durationMs } = await import('../../src/llm/providers/openai.js');
    expect(durationMs('6m0s')).toBe(360_000);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('1.5s')).toBe(1500);
    const server = await startTestServer({ rateLimitEvery: 1, resetMs: 300 });
    try {
      const c = new LlmClient(new OpenAIProvider({ model: 'm', baseURL: server.url, apiKey: 'x' }), { concurrency: 4 });
      await c.generate({ ...req, messages: [{ role: 'user', content: '<sentence>[A]{X#1} b</sentence> Write 1 different' }] });
      const t0 = Date.now();
      await c.generate({ ...req, variant: 1, messages: [{ role: 'user', content: '<sentence>[A]{X#1} b</sentence> Write 1 different' }] });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    } finally {
      await server.close();
    }
  });
});
