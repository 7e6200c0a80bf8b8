import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/llm-test-server.js';
import { legacyFingerprint } from '../../src/pipeline/fingerprint.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
const MARKER = '.spanforge-run.json';

describe('a rerun into a run directory: --resume if-unchanged (the default), always', () => {
  const out = path.join(tmpDir(), 'run');
  const args = ['augment', 'sda', '--input', SEEDS, '--out', out, '--quiet'];
  beforeAll(async () => {
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(0);
  });

  it('the same configuration resumes; the marker records the configuration', async () => {
    expect((await cli(...args)).code).toBe(0);
    expect((await cli(...args, '--resume', 'if-unchanged')).code).toBe(0);
    const marker = JSON.parse(readFileSync(path.join(out, MARKER), 'utf8'));
    expect(marker.config).toMatchObject({ runSeed: 1, variants: 2, to: 'spert' });
  });

  it('another seed, variant count or recipe is refused, saying what differs', async () => {
    const seed = await cli(...args, '--seed', '2');
    expect(seed.code).toBe(1);
    expect(seed.stderr).toMatch(/holds a run of sda on this input with seed 1, now 2/);
    const variants = await cli(...args, '--variants', '3');
    expect(variants.stderr).toMatch(/with variants 2, now 3/);
    const recipe = path.join(tmpDir(), 'sda.yaml');
    writeFileSync(recipe, readFileSync(path.join(ROOT, 'recipes/sda.yaml'), 'utf8').replace('- op: synonym_replacement_v2\n    p: 0.3', '- op: synonym_replacement_v2\n    p: 0.5'));
    const changed = await cli('augment', recipe, '--input', SEEDS, '--out', out, '--quiet');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/with operations\[0\]\.params\.p 0\.3, now 0\.5/);
    expect(changed.stderr).not.toMatch(/seed:/);
  });

  it('--resume always writes into it and warns what differed', async () => {
    const r = await cli('augment', 'sda', '--input', SEEDS, '--out', out, '--seed', '2', '--resume', 'always');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/held a run of another configuration \(seed: 1 -> 2\)/);
    expect(JSON.parse(readFileSync(path.join(out, MARKER), 'utf8')).config.runSeed).toBe(2);
  });
});

describe('LLM runs: the model and answer-changing options are part of the configuration', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('another model or structured mode is refused; another concurrency or endpoint is not', async () => {
    const out = path.join(tmpDir(), 'llm');
    const args = (...more: string[]) => ['augment', 'llm-da', '--input', data('conll04/conll04_train.json'), '--limit', '3', '--base-url', server.url, '--out', out, '--quiet', ...more];
    expect((await cli(...args('--model', 'a'))).code).toBe(0);
    const model = await cli(...args('--model', 'b'));
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(/with model a, now b/);
    const structured = await cli(...args('--model', 'a', '--structured', 'text'));
    expect(structured.stderr).toMatch(/llm\.structured: "json_schema" -> "text"/);
    const before = server.stats.requests;
    expect((await cli(...args('--model', 'a', '--concurrency', '2', '--base-url', server.url + '/'))).code).toBe(0);
    expect(server.stats.requests).toBe(before);
  });

  it('a directory of an earlier version (its fingerprint alone, without model) still resumes', async () => {
    const out = path.join(tmpDir(), 'old');
    const args = ['augment', 'llm-da', '--input', data('conll04/conll04_train.json'), '--limit', '3', '--base-url', server.url, '--model', 'a', '--out', out, '--quiet'];
    expect((await cli(...args)).code).toBe(0);
    const { config } = JSON.parse(readFileSync(path.join(out, MARKER), 'utf8'));
    expect(config.llm).toBeDefined();
    writeFileSync(path.join(out, MARKER), JSON.stringify({ fingerprint: legacyFingerprint(config) }) + '\n');
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(path.join(out, MARKER), JSON.stringify({ fingerprint: 'f'.repeat(64) }) + '\n');
    const other = await cli(...args);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/holds an earlier run with other settings/);
  });
});
