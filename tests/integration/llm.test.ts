import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { startTestServer, scriptedTypesOf, MIXED_FAULTS, FAULTS, type TestServer } from '../support/llm-test-server.js';
import { getFormat } from '../../src/formats/registry.js';
import type { Example } from '../../src/core/model.js';

const KEY = 'sk-spanforge-test-KEY-7f3a9c2e51';
const INPUT = data('conll04/conll04_train.json');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ faults: MIXED_FAULTS, slowMs: 1500, apiKey: KEY });
  process.env.OPENAI_API_KEY = KEY;
});
afterAll(async () => {
  await server.close();
  delete process.env.OPENAI_API_KEY;
});

const llmArgs = (out: string, ...more: string[]) => ['augment', 'llm-da', '--input', INPUT, '--limit', '50', '--base-url', server.url, '--model', 'test-model', '--out', out, '--timeout', '800', ...more];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const FIXED = ['augmented.json', 'rejected.jsonl', 'report.json', 'report.html'];

describe('LLM-DA against the test server, with every kind of fault', () => {
  const out = path.join(tmpDir(), 'run');
  let first: { code: number; stdout: string; stderr: string };
  let before: number;

  it('writes valid output; each fault is retried or rejected with its reason; exit 0', async () => {
    before = server.stats.requests;
    first = await cli(...llmArgs(out));
    expect(first.code, first.stderr).toBe(0);
    const v = await cli('validate', path.join(out, 'augmented.json'));
    expect(v.code, v.stdout).toBe(0);
    for (const f of FAULTS) expect(server.stats.faults[f] ?? 0, `fault ${f} was injected`).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    // 429, 500 and slow answers were retried; invalid JSON and wrong shapes re-asked.
    expect(manifest.llm.retries).toBeGreaterThanOrEqual((server.stats.faults['429'] ?? 0) + (server.stats.faults['500'] ?? 0) + (server.stats.faults.slow ?? 0));
    expect(manifest.llm.reasks).toBeGreaterThanOrEqual((server.stats.faults.invalid_json ?? 0) + (server.stats.faults.wrong_shape ?? 0));
    // Broken markup became rejections with reasons, and the model's raw answer is kept.
    const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const reasons = new Set(rejected.map((r) => r.reason));
    for (const r of ['missing_entity', 'invented_entity', 'retyped_entity']) expect(reasons.has(r), r).toBe(true);
    for (const r of rejected.filter((x) => x.reason === 'missing_entity')) expect(r.raw).toBeTruthy();
    expect(manifest.counts.accepted).toBeGreaterThan(50);
    // Every attempt the client sent is counted; on a busy machine an attempt can time out before
    // the server reads it (then only the client saw it, and it was retried).
    const seen = server.stats.requests - before;
    expect(manifest.llm.requests).toBeGreaterThanOrEqual(seen);
    expect(manifest.llm.requests).toBeLessThanOrEqual(seen + manifest.llm.retries);
  });

  it('running the same command again sends zero requests and writes byte-identical files', async () => {
    const snapshot = Object.fromEntries(FIXED.map((f) => [f, readFileSync(path.join(out, f))]));
    const count = server.stats.requests;
    const again = await cli(...llmArgs(out));
    expect(again.code, again.stderr).toBe(0);
    expect(server.stats.requests).toBe(count);
    for (const f of FIXED) expect(readFileSync(path.join(out, f)).equals(snapshot[f]), f).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).llm.requests).toBe(0);
  });

  it('no file the run writes, and nothing it prints, contains the API key', () => {
    for (const f of filesUnder(out)) expect(readFileSync(f, 'utf8').includes(KEY), f).toBe(false);
    expect(first.stdout + first.stderr).not.toContain(KEY);
    // The key did reach the server, as the Authorization header.
    expect(server.stats.seenAuthorization[0]).toBe(`Bearer ${KEY}`);
  });
});

describe('a run killed half-way resumes', () => {
  it('SIGKILL, then the same command: same output as an uninterrupted run, no answered request repeated', async () => {
    const slow = await startTestServer({ delayMs: 20 });
    try {
      const args = (out: string) => ['augment', 'llm-da', '--input', INPUT, '--limit', '40', '--base-url', slow.url, '--model', 'test-model', '--out', out, '--concurrency', '4', '--quiet'];
      // Reference: uninterrupted.
      const ref = path.join(tmpDir(), 'ref');
      const r0 = slow.stats.requests;
      expect((await cli(...args(ref))).code).toBe(0);
      const total = slow.stats.requests - r0;

      // The server answers a third of the requests, then holds the rest: the kill comes at an
      // exact count, however fast or slow the machine is.
      const out = path.join(tmpDir(), 'killed');
      const third = Math.floor(total / 3);
      slow.setAnswerLimit(slow.stats.answered + third);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli.ts'), ...args(out)], { cwd: ROOT, stdio: 'ignore', env: { ...process.env } });
      const cacheDir = path.join(out, 'llm-cache');
      const cached = () => (existsSync(cacheDir) ? filesUnder(cacheDir).filter((f) => f.endsWith('.json')).length : 0);
      const exited = new Promise((r) => child.on('exit', r));
      // Each answer is written to the cache as it arrives: wait until all of them are there.
      while (cached() < third && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      await exited;
      slow.setAnswerLimit(undefined);
      const answeredBeforeKill = cached();
      expect(answeredBeforeKill).toBe(third);
      expect(existsSync(path.join(out, 'manifest.json'))).toBe(false);

      const r1 = slow.stats.requests;
      const resumed = await cli(...args(out));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(slow.stats.requests - r1).toBe(total - answeredBeforeKill);
      for (const f of FIXED) expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(ref, f))), f).toBe(true);
      expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

describe('budget, limits and other recipes', () => {
  it('--max-requests stops cleanly, keeps what is finished, and a re-run goes on from the cache', async () => {
    const s = await startTestServer();
    try {
      const out = path.join(tmpDir(), 'budget');
      const args = ['augment', 'llm-da', '--input', INPUT, '--limit', '20', '--base-url', s.url, '--model', 'm', '--out', out];
      const r = await cli(...args, '--max-requests', '20');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/stopped early: request budget of 20 spent/);
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(m.stopped).toMatch(/budget/);
      expect(m.counts.seeds).toBe(20);
      expect(m.counts.written).toBeGreaterThan(0);
      expect(m.counts.written).toBeLessThan(20 * 3);
      expect(m.counts.rejected_by_reason.budget_exhausted).toBeGreaterThan(0);
      expect(s.stats.requests).toBeLessThanOrEqual(20);
      const v = await cli('validate', path.join(out, 'augmented.json'));
      expect(v.code).toBe(0);
      const done = s.stats.requests;
      const all = await cli(...args);
      expect(all.code).toBe(0);
      expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).stopped).toBeNull();
      expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).llm.cached_answers).toBe(done);
    } finally {
      await s.close();
    }
  });

  it('never has more requests in flight than --concurrency', async () => {
    const s = await startTestServer();
    try {
      const out = path.join(tmpDir(), 'conc');
      // Hold every answer until three requests wait at once: concurrency shown by a count, not a clock.
      s.setAnswerLimit(0);
      const run = cli('augment', 'llm-da', '--input', INPUT, '--limit', '30', '--base-url', s.url, '--model', 'm', '--out', out, '--concurrency', '3');
      for (let waited = 0; s.stats.requests < 3 && waited < 30_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      expect(s.stats.maxConcurrent).toBe(3);
      s.setAnswerLimit(undefined);
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      expect(s.stats.maxConcurrent).toBe(3);
      expect(s.stats.requests).toBeGreaterThanOrEqual(30);
    } finally {
      await s.close();
    }
  });

  it('melm.yaml fills masked slots with same-type entities and keeps relations', async () => {
    const s = await startTestServer();
    try {
      const out = path.join(tmpDir(), 'melm');
      const r = await cli('augment', 'melm', '--input', INPUT, '--limit', '20', '--base-url', s.url, '--model', 'm', '--out', out);
      expect(r.code, r.stderr).toBe(0);
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(m.counts.accepted).toBeGreaterThan(10);
      expect(m.counts.written).toBe(20 + m.counts.accepted);
      // Every slot the model filled holds a name the script gives for that slot's type.
      const written: Example[] = [];
      for await (const ex of getFormat('spert-tags').read(path.join(out, 'augmented.json'))) written.push(ex);
      let filled = 0;
      for (const ex of written.slice(20)) {
        for (const e of ex.entities) {
          const types = scriptedTypesOf(ex.tokens.slice(e.start, e.end).join(' '));
          if (!types.length) continue;
          filled++;
          expect(types).toContain(e.type);
        }
      }
      expect(filled).toBeGreaterThan(m.counts.accepted);
      const v = await cli('validate', path.join(out, 'augmented.json'));
      expect(v.code).toBe(0);
      const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
      expect(Object.keys(report.after.relations).sort()).toEqual(Object.keys(report.before.relations).sort());
    } finally {
      await s.close();
    }
  });

  it('without a model or key, says what to pass', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const r = await cli('augment', 'llm-da', '--input', INPUT, '--out', path.join(tmpDir(), 'x'), '--model', 'gpt-x');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no API key: set the OPENAI_API_KEY environment variable, or pass --base-url/);
      const r2 = await cli('augment', 'llm-da', '--input', INPUT, '--out', path.join(tmpDir(), 'x'));
      expect(r2.code).toBe(1);
      expect(r2.stderr).toMatch(/pass --model <name>/);
    } finally {
      process.env.OPENAI_API_KEY = saved;
    }
  });
});

describe('--resume', () => {
  it('never: asks again for every answer; always: writes into a directory that held another run', async () => {
    const s = await startTestServer();
    try {
      const out = path.join(tmpDir(), 'resume');
      const args = ['augment', 'llm-da', '--input', INPUT, '--limit', '5', '--base-url', s.url, '--model', 'm', '--out', out];
      expect((await cli(...args)).code).toBe(0);
      const first = s.stats.requests;
      expect((await cli(...args)).code).toBe(0);
      expect(s.stats.requests).toBe(first); // auto: all from the cache
      expect((await cli(...args, '--resume', 'never')).code).toBe(0);
      expect(s.stats.requests).toBe(2 * first);
      const other = ['augment', 'melm', '--input', INPUT, '--limit', '5', '--base-url', s.url, '--model', 'm', '--out', out];
      const refused = await cli(...other);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/holds a run of llm-da \(now melm\) on this input; use another --out, or --force/);
      expect((await cli(...other, '--resume', 'always')).code).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe('structured output modes', () => {
  for (const mode of ['json_object', 'text']) {
    it(`--structured ${mode}: the schema goes in the prompt and answers are validated the same way`, async () => {
      const prompts: string[] = [];
      const s = await startTestServer({ script: (body) => (prompts.push(JSON.stringify(body)), null) });
      try {
        const out = path.join(tmpDir(), mode);
        const r = await cli('augment', 'llm-da', '--input', INPUT, '--limit', '5', '--base-url', s.url, '--model', 'm', '--out', out, '--structured', mode);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).counts.accepted).toBeGreaterThan(0);
        const body = JSON.parse(prompts[0]);
        expect(body.messages[0].content).toMatch(/Answer with one JSON object that fits this JSON schema/);
        if (mode === 'json_object') expect(body.response_format).toEqual({ type: 'json_object' });
        else expect(body.response_format).toBeUndefined();
      } finally {
        await s.close();
      }
    });
  }
});
