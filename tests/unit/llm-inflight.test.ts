import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LlmClient, samplingSeed } from '../../src/llm/client.js';
import { ResponseCache } from '../../src/llm/cache.js';
import type { CompletionRequest, CompletionResponse, Provider } from '../../src/llm/types.js';
import { llmBothLevels } from '../../src/ops/sentence/entity-replacement.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import type { LlmPort } from '../../src/llm/client.js';
import { tmpDir } from '../support/paths.js';

/** Answers each request with its own number, after a tick, so that requests overlap. */
class CountingProvider implements Provider {
  readonly name = 'count';
  readonly model = 'count-model';
  calls: CompletionRequest[] = [];
  async complete(req: CompletionRequest): Promise<CompletionResponse> {
    this.calls.push(req);
    const n = this.calls.length;
    await new Promise((r) => setTimeout(r, 5));
    return { text: JSON.stringify({ rewrites: [`answer ${n}`] }), usage: { promptTokens: 1, completionTokens: 1 } };
  }
}

const schema = z.object({ rewrites: z.array(z.string()).min(1) });
const req = { messages: [{ role: 'user' as const, content: 'rewrite this' }], schema, schemaName: 'context_rewrites', variant: 0, op: 't' };

describe('one request in flight per cache key', () => {
  it('identical requests asked at the same time share one answer, with or without a cache', async () => {
    for (const cache of [undefined, new ResponseCache(tmpDir())]) {
      const p = new CountingProvider();
      const c = new LlmClient(p, { concurrency: 4, cache });
      const rs = await Promise.all([c.generate(req), c.generate(req), c.generate(req)]);
      expect(p.calls).toHaveLength(1);
      expect(rs.map((r) => r.value.rewrites[0])).toEqual(['answer 1', 'answer 1', 'answer 1']);
      expect(c.accounting.requests).toBe(1);
    }
  });

  it('a request that says which candidate it is for gets its own answer and sampling seed', async () => {
    const p = new CountingProvider();
    const c = new LlmClient(p, { concurrency: 4, runSeed: 3 });
    const rs = await Promise.all([c.generate({ ...req, sample: 'seed A' }), c.generate({ ...req, sample: 'seed B' }), c.generate({ ...req, sample: 'seed A' })]);
    expect(p.calls).toHaveLength(2);
    expect(rs[0].value).toEqual(rs[2].value);
    expect(rs[0].value).not.toEqual(rs[1].value);
    expect(p.calls[0].seed).not.toBe(p.calls[1].seed);
  });

  it('without `sample`, the sampling seed and cache key stay what they were (old caches still hit)', () => {
    expect(samplingSeed(3, 1)).toBe((3 * 1000003 + 1) >>> 0);
    expect(samplingSeed(3, 1, 'x')).not.toBe(samplingSeed(3, 1));
    const base = { provider: 'p', model: 'm', messages: [], schema: {}, temperature: 1, maxTokens: 10, variant: 0 };
    expect(ResponseCache.key({ ...base, sample: undefined, seed: null })).toBe(ResponseCache.key({ ...base, seed: null }));
  });
});

describe('no request with nothing to ask', () => {
  it('both levels on a seed without entities sends no request', async () => {
    let calls = 0;
    const llm: LlmPort = {
      generate: async () => {
        calls++;
        throw new Error('no request expected');
      },
    };
    const seed = { id: 'e', tokens: ['It', 'rained', '.'], entities: [], relations: [] };
    const b = new CorpusBuilder();
    b.add(seed);
    const out = await llmBothLevels.run(seed, llmBothLevels.params.parse({}), { llm, rng: rngFor(1, 'e', 'x', 0), corpus: b.build([]), variant: 0 });
    expect(calls).toBe(0);
    expect(out).toEqual([{ reason: 'no_entities', detail: 'the seed has no entity to replace' }]);
  });
});
