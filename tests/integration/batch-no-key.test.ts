import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
// No key under this name, and no server: export sends nothing, so it needs neither.
const NO_KEY = ['--api-key-env', 'SPANFORGE_TEST_NO_SUCH_KEY'];

describe('augment --batch export needs no API key', () => {
  let baseUrl: string | undefined;
  beforeAll(() => {
    baseUrl = process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_BASE_URL;
  });
  afterAll(() => {
    if (baseUrl !== undefined) process.env.OPENAI_BASE_URL = baseUrl;
  });

  it('exports the requests without a key or a server (vllm run-batch users have neither)', async () => {
    const out = path.join(tmpDir('batch-no-key'), 'run');
    const r = await cli('augment', 'llm-da', '--input', SEEDS, '--limit', '2', '--model', 'local-model', ...NO_KEY, '--quiet', '--batch', 'export', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\d+ request\(s\) exported/);
    expect(readdirSync(path.join(out, 'batch'))).toEqual(['round-001']);
  });

  it('an online run still asks for a key or a server', async () => {
    const r = await cli('augment', 'llm-da', '--input', SEEDS, '--limit', '2', '--model', 'local-model', ...NO_KEY, '--quiet', '--out', path.join(tmpDir('online-no-key'), 'run'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no API key: set the SPANFORGE_TEST_NO_SUCH_KEY environment variable/);
  });
});
