import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/llm-test-server.js';

const SEEDS = data('conll04/conll04_train.json');
const LIMIT = '200';
const FAULTS = { invalid_json: 7, drop_entity: 5 };
const FILES = ['rejected.jsonl', 'provenance.jsonl'];
/** 200 seeds online, then rounds of the recipe over them: minutes on a loaded 2-core machine. */
const SLOW_MS = 240_000;
const augmentedName = (dir: string) => readdirSync(dir).find((f) => f.startsWith('augmented.'))!;

function expectSameOutputs(a: string, b: string): void {
  const aug = augmentedName(a);
  expect(augmentedName(b)).toBe(aug);
  for (const f of [aug, ...FILES]) expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f))), f).toBe(true);
}

/** Export, submit and collect until augment has nothing left to ask; returns the rounds taken. */
async function batchRounds(server: TestServer, args: string[], out: string, onSubmit?: () => Promise<void>, collected: string[] = []): Promise<number> {
  for (let round = 1; round <= 8; round++) {
    const e = await cli(...args, '--batch', 'export', '--out', out);
    expect(e.code, e.stderr).toBe(0);
    if (/no batch to export/.test(e.stderr)) return round;
    expect(e.stderr).toMatch(/\d+ request\(s\) exported/);
    const s = await cli('batch', 'submit', out, '--base-url', server.url);
    expect(s.code, s.stderr).toBe(0);
    await onSubmit?.();
    const st = await cli('batch', 'status', out, '--base-url', server.url);
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toMatch(/^batch-\d+  round-\d{3}\/requests-0001\.jsonl  in_progress 0\/\d+ answered, 0 failed$/m);
    for (let tries = 0; ; tries++) {
      expect(tries).toBeLessThan(5);
      const c = await cli('batch', 'collect', out, '--base-url', server.url);
      expect(c.code, c.stderr).toBe(0);
      collected.push(c.stderr);
      if (!/not finished yet/.test(c.stderr)) break;
    }
  }
  throw new Error('batch rounds did not end');
}

describe('llm-da in batch mode against the test server', () => {
  let server: TestServer;
  const root = tmpDir();
  const args = (url: string) => ['augment', 'llm-da', '--input', SEEDS, '--limit', LIMIT, '--base-url', url, '--model', 'test-model', '--quiet'];
  const online = path.join(root, 'online');
  beforeAll(async () => {
    // The online run on a server of its own: the batch servers start with nothing noted.
    const live = await startTestServer({ faults: FAULTS });
    const r = await cli(...args(live.url), '--out', online);
    await live.close();
    expect(r.code, r.stderr).toBe(0);
  }, SLOW_MS);
  afterAll(async () => {
    await server?.close();
  });

  it('export, submit, collect, augment: no live chat request, the online run byte for byte', async () => {
    server = await startTestServer({ faults: FAULTS });
    const out = path.join(root, 'batch');
    const rounds = await batchRounds(server, args(server.url), out);
    // Re-asks after invalid JSON and verification after generation take later rounds.
    expect(rounds).toBeGreaterThan(2);
    expect(server.stats.requests).toBe(0);
    // Exactly the requests the online run sent (no transport faults here: one per distinct request).
    const onlineRequests = JSON.parse(readFileSync(path.join(online, 'manifest.json'), 'utf8')).llm.requests;
    expect(onlineRequests).toBeGreaterThan(300);
    expect(server.batches.stats.answered.size).toBe(onlineRequests);
    expect([...server.batches.stats.answered.values()].every((n) => n === 1)).toBe(true);
    expectSameOutputs(online, out);
    const state = JSON.parse(readFileSync(path.join(out, 'batch', 'batches.json'), 'utf8'));
    expect(state.batches[0]).toMatchObject({ endpoint: '/v1/chat/completions', collected: true, status: 'completed' });
    expect(state.batches[0].keyFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
    await server.close();
  }, SLOW_MS);

  it('a batch expiring half answered, and failed lines, end after more rounds with the same output, no line answered twice', async () => {
    server = await startTestServer({ faults: FAULTS, batch: { expireHalf: (i) => i === 0, failLine: (id) => id.startsWith('0') } });
    const out = path.join(root, 'expired');
    const collected: string[] = [];
    await batchRounds(server, args(server.url), out, undefined, collected);
    const state = JSON.parse(readFileSync(path.join(out, 'batch', 'batches.json'), 'utf8'));
    expect(state.batches[0].status).toBe('expired');
    // Its unanswered half is told apart from the lines that failed.
    const [, failed, expired] = /(\d+) failed line\(s\), (\d+) of them unanswered as their batch expired/.exec(collected[0]) ?? [];
    expect(Number(expired)).toBe(state.batches[0].counts.total - Math.floor(state.batches[0].counts.total / 2));
    expect(Number(failed)).toBeGreaterThan(Number(expired));
    expect(server.stats.requests).toBe(0);
    expect([...server.batches.stats.answered.values()].every((n) => n === 1)).toBe(true);
    expectSameOutputs(online, out);
    await server.close();
  }, SLOW_MS);
});

describe('batch files, limits and credit', () => {
  let server: TestServer;
  const root = tmpDir();
  beforeAll(async () => {
    server = await startTestServer({ batch: { maxFileLines: 30, credit: 1 } });
  });
  afterAll(async () => {
    await server.close();
  });
  const args = () => ['augment', 'llm-da', '--input', SEEDS, '--limit', '20', '--base-url', server.url, '--model', 'test-model', '--quiet', '--batch', 'export'];

  it('splits at --batch-max-lines; a spent credit stops submit, resumable; a file over the limit is refused', async () => {
    const out = path.join(root, 'split');
    const e = await cli(...args(), '--out', out, '--batch-max-lines', '25');
    expect(e.code, e.stderr).toBe(0);
    const round = path.join(out, 'batch', 'round-001');
    const files = readdirSync(round).filter((f) => f.startsWith('requests-')).sort();
    expect(files.length).toBeGreaterThan(1);
    const lines = files.flatMap((f) => readFileSync(path.join(round, f), 'utf8').trim().split('\n'));
    for (const f of files) expect(readFileSync(path.join(round, f), 'utf8').trim().split('\n').length).toBeLessThanOrEqual(25);
    const first = JSON.parse(lines[0]);
    expect(first).toMatchObject({ method: 'POST', url: '/v1/chat/completions', body: { model: 'test-model' } });
    expect(first.custom_id).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(lines.map((l) => JSON.parse(l).custom_id)).size).toBe(lines.length);
    // Nothing final while answers are pending.
    expect(readdirSync(out).filter((f) => /^(augmented|rejected|provenance)/.test(f))).toEqual([]);
    const s1 = await cli('batch', 'submit', out, '--base-url', server.url);
    expect(s1.code).toBe(1);
    expect(s1.stderr).toMatch(/lack of credit.*1 file\(s\) were submitted.*batch submit/s);
    // Exporting again now would pay twice for the submitted file: refused.
    const again = await cli(...args(), '--out', out, '--batch-max-lines', '25');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not collected yet/);
    server.batches.options.credit = undefined;
    const s2 = await cli('batch', 'submit', out, '--base-url', server.url);
    expect(s2.code, s2.stderr).toBe(0);
    const state = JSON.parse(readFileSync(path.join(out, 'batch', 'batches.json'), 'utf8'));
    expect(state.batches.map((b: { file: string }) => b.file)).toEqual(files.map((f) => `round-001/${f}`));
    const big = path.join(root, 'big');
    expect((await cli(...args(), '--out', big)).code).toBe(0);
    const s3 = await cli('batch', 'submit', big, '--base-url', server.url);
    expect(s3.code).toBe(1);
    expect(s3.stderr).toMatch(/file over the limit/);
  });

  it('a second submit before collecting says what comes next; a later round goes to the recorded server', async () => {
    server.batches.options.credit = undefined;
    const out = path.join(root, 'rounds');
    // With verification: a second round of requests follows the first.
    const verified = path.join(root, 'llm-da-verified.yaml');
    writeFileSync(verified, readFileSync(path.join(ROOT, 'recipes/llm-da.yaml'), 'utf8').replace('  # llm_verify: {}', '  llm_verify: {}'));
    const vargs = () => args().map((a) => (a === 'llm-da' ? verified : a));
    expect((await cli(...vargs(), '--out', out, '--batch-max-lines', '25')).code).toBe(0);
    const s1 = await cli('batch', 'submit', out, '--base-url', server.url);
    expect(s1.code, s1.stderr).toBe(0);
    const twice = await cli('batch', 'submit', out, '--base-url', server.url);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/every exported file is submitted, and \d+ batch\(es\) wait to be collected: `spanforge batch status/);
    for (let tries = 0; ; tries++) {
      expect(tries).toBeLessThan(5);
      const c = await cli('batch', 'collect', out, '--base-url', server.url);
      expect(c.code, c.stderr).toBe(0);
      if (!/not finished yet/.test(c.stderr)) break;
    }
    // The verification round (or whatever is left) is exported; submit without --base-url
    // reaches the server the first round went to.
    const e2 = await cli(...vargs(), '--out', out, '--batch-max-lines', '25');
    expect(e2.code, e2.stderr).toBe(0);
    expect(e2.stderr).toMatch(/\d+ request\(s\) exported/);
    const s2 = await cli('batch', 'submit', out);
    expect(s2.code, s2.stderr).toBe(0);
  });

  it('anthropic format; import of an OpenAI batch output file (as vllm run-batch writes it)', async () => {
    const out = path.join(root, 'anthropic');
    expect((await cli(...args(), '--out', out, '--batch-format', 'anthropic')).code).toBe(0);
    const line = JSON.parse(readFileSync(path.join(out, 'batch', 'round-001', 'requests-0001.jsonl'), 'utf8').split('\n')[0]);
    expect(Object.keys(line).sort()).toEqual(['custom_id', 'params']);
    expect(line.params).toMatchObject({ model: 'test-model' });
    expect(line.params.messages.every((m: { role: string }) => m.role !== 'system')).toBe(true);
    const o2 = path.join(root, 'import');
    expect((await cli(...args(), '--out', o2)).code).toBe(0);
    const reqs = readFileSync(path.join(o2, 'batch', 'round-001', 'requests-0001.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const answers = await Promise.all(reqs.map(async (r) => ({ custom_id: r.custom_id, response: { status_code: 200, body: await (await fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify(r.body) })).json() }, error: null })));
    const file = path.join(root, 'vllm-output.jsonl');
    writeFileSync(file, answers.map((a) => JSON.stringify(a)).join('\n') + '\n');
    const i = await cli('batch', 'import', file, '--out', o2);
    expect(i.code, i.stderr).toBe(0);
    expect(i.stderr).toMatch(new RegExp(`^${reqs.length} answer\\(s\\) stored`));
    const again = await cli('batch', 'import', file, '--out', o2);
    expect(again.stderr).toMatch(new RegExp(`^0 answer\\(s\\) stored, ${reqs.length} already cached`));
    const bad = path.join(root, 'not-batch.jsonl');
    writeFileSync(bad, '{"a":1}\n');
    const b = await cli('batch', 'import', bad, '--out', o2);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/not a batch output file/);
  });
});
