/** Exporting 100,000 requests in batch mode: each one through the client (cache key, cache
 *  lookup, the exact chat body) as `augment --batch export` makes it, then split and written
 *  as OpenAI Batch JSONL. Prompts are of the size an llm-da context rewrite asks. */
import path from 'node:path';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { LlmClient } from '../src/llm/client.js';
import { ResponseCache } from '../src/llm/cache.js';
import { OpenAIProvider } from '../src/llm/providers/openai.js';
import { BatchExporter, BatchPending, DEFAULT_LIMITS, writeRound } from '../src/llm/batch/export.js';
import { round } from './lib.js';

const SYSTEM = 'You rewrite sentences for NER training data. Keep every marked entity exactly, with its type and id; change the context around them. '.repeat(4);

export async function benchBatch(requests = 100_000) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-batch-'));
  try {
    const exporter = new BatchExporter('openai');
    const client = new LlmClient(new OpenAIProvider({ model: 'bench-model', baseURL: 'http://127.0.0.1:9/v1' }), { cache: new ResponseCache(path.join(dir, 'llm-cache')), deferMiss: exporter.defer, runSeed: 1 });
    const schema = z.object({ rewrites: z.array(z.string()).min(1) });
    const t0 = performance.now();
    for (let i = 0; i < requests; i++) {
      const user = `Rewrite this sentence in 2 ways (strategy ${i % 14}): [John Smith]{Peop#1} works for [Acme Corp]{Org#2} in [Boston]{Loc#3}, said the report number ${i}.`;
      await client.generate({ messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }], schema, schemaName: 'context_rewrites', variant: i % 2, op: 'bench' }).catch((e) => {
        if (!(e instanceof BatchPending)) throw e;
      });
    }
    const collectMs = performance.now() - t0;
    const files = await writeRound(dir, exporter.sorted(), 'openai', DEFAULT_LIMITS.openai);
    const totalMs = performance.now() - t0;
    const bytes = files.reduce((a, f) => a + statSync(path.join(dir, 'batch', f)).size, 0);
    return {
      requests: exporter.lines.size,
      files: files.length,
      mb: round(bytes / 1e6, 1),
      note: 'in process: client (key, cache miss, chat body) and writing the JSONL; an augment run adds the recipe itself',
      collect_ms: Math.round(collectMs),
      export_ms: Math.round(totalMs),
      requests_per_s: Math.round(exporter.lines.size / (totalMs / 1000)),
      rounds: readdirSync(path.join(dir, 'batch')).filter((d) => d.startsWith('round-')).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
