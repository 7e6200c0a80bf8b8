import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, tmpDir } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/llm-test-server.js';
import { measure } from '../../bench/bad-answers.js';

/** The first `n` sentences of CoNLL-2003 train, then the first `dup` of them again (written at test time, never kept). */
function conllSlice(n: number, dup: number): string {
  const blocks = readFileSync(data('conll2003/train.txt'), 'utf8').split(/\n\s*\n/).filter((b) => b.trim() && !b.startsWith('-DOCSTART-'));
  const f = path.join(tmpDir(), 'slice.txt');
  writeFileSync(f, [...blocks.slice(0, n), ...blocks.slice(0, dup)].join('\n\n') + '\n');
  return f;
}

const files = (dir: string) => Object.fromEntries(readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && d.name !== 'manifest.json').map((d) => [d.name, readFileSync(path.join(dir, d.name), 'utf8')]));

describe('llm-da on CoNLL-2003 against a server that writes line breaks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ badAnswers: { rate: 0.5, classes: ['newline', 'chatter'] } });
  });
  afterAll(() => server.close());

  it('exits 0, validate accepts the output; the same command again writes the same bytes and sends nothing', async () => {
    const input = conllSlice(30, 8);
    const out = path.join(tmpDir(), 'out');
    const args = ['augment', 'llm-da', '--input', input, '--out', out, '--base-url', server.url, '--model', 'm', '--concurrency', '4', '--quiet'];
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(0);
    expect(server.stats.faults['bad:newline']).toBeGreaterThan(5);
    const v = await cli('validate', path.join(out, 'augmented.txt'));
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const tokens = readFileSync(path.join(out, 'augmented.txt'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => l.split(' ')[0]);
    for (const t of tokens) expect(t, JSON.stringify(t)).toMatch(/^\S+$/);
    // Duplicate seeds asked the same questions at the same time: one request each.
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.llm.requests).toBe(server.stats.requests);
    const before = files(out);
    const sent = server.stats.requests;
    const again = await cli(...args);
    expect(again.code, again.stderr).toBe(0);
    expect(server.stats.requests).toBe(sent);
    expect(files(out)).toEqual(before);
  });
});

describe('requests', () => {
  it('the same seed text three times, asked at once, costs one request', async () => {
    const server = await startTestServer({});
    try {
      const dir = tmpDir();
      const input = path.join(dir, 's.conll');
      writeFileSync(input, Array(3).fill('Maria B-PER\nLopez I-PER\nvisited O\nLyon B-LOC\n. O').join('\n\n') + '\n');
      const recipe = path.join(dir, 'r.yaml');
      // One strategy, so that the three prompts are the same.
      writeFileSync(recipe, 'variants: 1\ninclude_original: false\noperations:\n  - op: llm_context_rewrite_v1\n    rewrites_per_request: 1\n    strategies: [{ name: formal, dimension: style, instruction: Rewrite it formally. }]\n');
      const r = await cli('augment', recipe, '--input', input, '--out', path.join(dir, 'out'), '--base-url', server.url, '--model', 'm', '--concurrency', '4', '--quiet');
      expect(r.code, r.stderr).toBe(0);
      expect(server.stats.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('MELM: two seeds that mask to the same prompt get fills of their own', async () => {
    const server = await startTestServer({});
    try {
      const dir = tmpDir();
      const input = path.join(dir, 's.conll');
      writeFileSync(input, 'Leeds B-ORG\nbeat O\nChelsea B-ORG\n3-1 O\n. O\n\nArsenal B-ORG\nbeat O\nFulham B-ORG\n3-1 O\n. O\n');
      const recipe = path.join(dir, 'r.yaml');
      writeFileSync(recipe, 'variants: 1\ninclude_original: false\noperations:\n  - op: melm_fill_v1\n    mask_rate: 1\n');
      const out = path.join(dir, 'out');
      const r = await cli('augment', recipe, '--input', input, '--out', out, '--base-url', server.url, '--model', 'm', '--quiet');
      expect(r.code, r.stderr).toBe(0);
      expect(server.stats.requests).toBe(2);
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(m.counts.accepted).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('bad answer classes at 40% of items (llm_verify off), CoNLL04', () => {
  for (const recipe of ['llm-da', 'melm', 'llm-negatives']) {
    it(`${recipe}: chatter and seed copies are rejected, good answers kept, newlines never crash; rerun identical`, async () => {
      const m = await measure('conll04', recipe, { rate: 0.4, classes: ['chatter', 'seed_copy', 'newline'], limit: 40, verify: false });
      expect(m.exit).toBe(0);
      expect(m.untraced).toBe(0);
      expect(m.items.chatter.sent).toBeGreaterThan(5);
      expect(m.items.chatter.accepted).toBe(0);
      if (m.items.seed_copy) expect(m.items.seed_copy.accepted).toBe(0);
      expect(m.items.good.rate).toBeGreaterThanOrEqual(90);
      expect(m.items.newline.rate).toBeGreaterThanOrEqual(85);
      expect(m.rerun).toEqual({ identical: true, requests: 0 });
    });
  }
});
