/** The pipeline's efficiency against the project's test server (200 ms per answer, run in its own process). */
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { loadRecipe } from '../src/pipeline/recipe.js';
import { runAugment } from '../src/pipeline/runner.js';
import { clientFromOptions } from '../src/commands/llm-options.js';
import { round } from './lib.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = path.resolve(ROOT, '../shared/data/conll04/conll04_train.json');

/**
 * The test server in a process of its own, as a real model server would be: its work then
 * does not share the pipeline's one thread.
 */
async function startServerProcess(delayMs: number): Promise<{ url: string; stats: () => Promise<{ requests: number; maxConcurrent: number; arrivals: number[] }>; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/llm-test-server.ts'), '--port', '0', '--delay-ms', String(delayMs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`test server exited with ${code}`)));
  });
  return {
    url,
    stats: async () => (await (await fetch(`${url}/stats`)).json()) as { requests: number; maxConcurrent: number; arrivals: number[] },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

async function run(seeds: number, flags: { concurrency: string; rpm?: string }) {
  const server = await startServerProcess(200);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-llm-'));
  try {
    // One request per candidate: context rewrites, two variants per seed.
    const recipeFile = path.join(dir, 'r.yaml');
    writeFileSync(recipeFile, 'variants: 2\noperations:\n  - op: llm_context_rewrite_v1\n    rewrites_per_request: 1\n');
    const recipe = loadRecipe(recipeFile);
    const out = path.join(dir, 'out');
    const llm = clientFromOptions(recipe, { baseUrl: server.url, model: 'bench', ...flags }, out, 1);
    // Loading the SDK is process start-up, not the pipeline's efficiency: done before the clock.
    await llm.provider.warm?.();
    const t0 = performance.now();
    await runAugment({ recipe, input: INPUT, out, limit: seeds, llm, window: 2 * Number(flags.concurrency) });
    const seconds = (performance.now() - t0) / 1000;
    const stats = await server.stats();
    const a = stats.arrivals;
    return { requests: stats.requests, seconds, maxConcurrent: stats.maxConcurrent, perMinute: a.length > 1 ? ((a.length - 1) / ((a[a.length - 1] - a[0]) / 1000)) * 60 : 0 };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLlm() {
  const c = await run(250, { concurrency: '16' });
  const ideal = (c.requests * 0.2) / 16;
  const r = await run(60, { concurrency: '16', rpm: '600' });
  return {
    concurrency: {
      requests: c.requests,
      answer_delay_ms: 200,
      concurrency: 16,
      seconds: round(c.seconds, 2),
      ideal_seconds: round(ideal, 2),
      ratio_to_ideal: round(c.seconds / ideal, 3),
      target_ratio: 1.15,
      max_in_flight_seen: c.maxConcurrent,
    },
    rate_limit: {
      requests: r.requests,
      limit_per_minute: 600,
      measured_per_minute: round(r.perMinute, 1),
      share_of_limit: round(r.perMinute / 600, 3),
      target: 'under 1.0 and above 0.9',
    },
  };
}
