import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, tmpDir } from '../support/paths.js';
import { getFormat } from '../../src/formats/registry.js';
import type { Example } from '../../src/core/model.js';

async function readConll(file: string): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of getFormat('conll').read(file)) out.push(ex);
  return out;
}
const counts = (exs: Example[]) => {
  const m: Record<string, number> = {};
  for (const ex of exs) for (const e of ex.entities) m[e.type] = (m[e.type] ?? 0) + 1;
  return m;
};

describe('fewshot: greedy K-shot pools (Yang & Katiyar; relaxed as in LLM-DA)', () => {
  it('--k 5 on CoNLL-2003: every type at least 5 times; same seed, same pool', async () => {
    const dir = tmpDir();
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    expect((await cli('fewshot', '--input', data('conll2003/train.txt'), '--k', '5', '--out', a)).code).toBe(0);
    expect((await cli('fewshot', '--input', data('conll2003/train.txt'), '--k', '5', '--out', b)).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const c = counts(await readConll(a));
    for (const t of ['PER', 'LOC', 'ORG', 'MISC']) expect(c[t]).toBeGreaterThanOrEqual(5);
    const report = JSON.parse(readFileSync(`${a}.report.json`, 'utf8'));
    expect(report.counts).toEqual(c);
    expect(report.unmet).toEqual([]);
    const other = path.join(dir, 'c.txt');
    await cli('fewshot', '--input', data('conll2003/train.txt'), '--k', '5', '--out', other, '--seed', '2');
    expect(readFileSync(other).equals(readFileSync(a))).toBe(false);
  });

  it('--relaxed keeps every type between 5 and 1.25 x 5', async () => {
    const out = path.join(tmpDir(), 'r.txt');
    expect((await cli('fewshot', '--input', data('conll2003/train.txt'), '--k', '5', '--relaxed', '--out', out)).code).toBe(0);
    const c = counts(await readConll(out));
    for (const t of ['PER', 'LOC', 'ORG', 'MISC']) {
      expect(c[t]).toBeGreaterThanOrEqual(5);
      expect(c[t]).toBeLessThanOrEqual(Math.floor(1.25 * 5));
    }
  });

  it('says which types could not reach K', async () => {
    const out = path.join(tmpDir(), 'big.txt');
    const r = await cli('fewshot', '--input', data('conll04/conll04_dev.json'), '--k', '100', '--unit', 'relation', '--out', out, '--to', 'spert');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/could not reach 100 for Kill: the data has 42/);
  });

  it('a pool of relation data as CoNLL: refused with the flag it names, --lossy drops the relations and counts them', async () => {
    const out = path.join(tmpDir(), 'rel.txt');
    const args = ['fewshot', '--input', data('conll04/conll04_dev.json'), '--k', '1', '--out', out, '--to', 'conll'];
    const refused = await cli(...args);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/CoNLL cannot hold relations .*pass --lossy/);
    const r = await cli(...args, '--lossy');
    expect(r.code, r.stderr).toBe(0);
    const pool = await readConll(out);
    const relations = JSON.parse(readFileSync(`${out}.report.json`, 'utf8')).sentences === pool.length;
    expect(relations).toBe(true);
    expect(r.stderr).toMatch(/\ndropped \d+ relations \(--lossy\)\n/);
  });
});

describe('fewshot: episodes', () => {
  it('FewRel: exactly N relations with K support instances each, queries disjoint; seeded', async () => {
    const dir = tmpDir();
    const a = path.join(dir, 'a.jsonl');
    const r = await cli('fewshot', '--input', data('fewrel/val_wiki.json'), '--n-way', '5', '--k', '3', '--queries', '2', '--episodes', '20', '--out', a);
    expect(r.code, r.stderr).toBe(0);
    const eps = readFileSync(a, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(eps).toHaveLength(20);
    const key = (inst: { tokens: string[]; h: unknown; t: unknown }) => JSON.stringify([inst.tokens, inst.h, inst.t]);
    for (const ep of eps) {
      expect(ep.relations).toHaveLength(5);
      expect(new Set(ep.relations).size).toBe(5);
      expect(ep.support).toHaveLength(5);
      for (const s of ep.support) expect(s).toHaveLength(3);
      for (const q of ep.query) expect(q).toHaveLength(2);
      const support = new Set(ep.support.flat().map(key));
      for (const q of ep.query.flat()) expect(support.has(key(q))).toBe(false);
    }
    const b = path.join(dir, 'b.jsonl');
    await cli('fewshot', '--input', data('fewrel/val_wiki.json'), '--n-way', '5', '--k', '3', '--queries', '2', '--episodes', '20', '--out', b);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('NER (Few-NERD style): K to 2K mentions per type in the support set, disjoint query set', async () => {
    const out = path.join(tmpDir(), 'ner.jsonl');
    const r = await cli('fewshot', '--input', data('conll2003/valid.txt'), '--n-way', '3', '--k', '2', '--queries', '2', '--episodes', '5', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const eps = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(eps).toHaveLength(5);
    for (const ep of eps) {
      expect(ep.types).toHaveLength(3);
      const mentions: Record<string, number> = {};
      for (const labels of ep.support.label) {
        let prev = 'O';
        for (const l of labels) {
          if (l !== 'O' && l !== prev) mentions[l] = (mentions[l] ?? 0) + 1;
          prev = l;
        }
      }
      for (const t of ep.types) {
        expect(mentions[t]).toBeGreaterThanOrEqual(2);
        expect(mentions[t]).toBeLessThanOrEqual(4);
      }
      const s = new Set(ep.support.word.map((w: string[]) => w.join(' ')));
      for (const w of ep.query.word) expect(s.has(w.join(' '))).toBe(false);
    }
  });
});

describe('fewshot: demonstration pools', () => {
  it('balanced pools and BM25 retrieval of the most similar seeds', async () => {
    const dir = tmpDir();
    const pool = path.join(dir, 'pool.jsonl');
    expect((await cli('fewshot', '--input', data('conll04-spert/conll04_dev.json'), '--k', '4', '--pool', 'balanced', '--out', pool)).code).toBe(0);
    const lines = readFileSync(pool, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['Kill', 'Live_In', 'Located_In', 'OrgBased_In', 'Work_For']);
    for (const l of lines) {
      expect(l.examples).toHaveLength(4);
      for (const ex of l.examples) expect(ex.relations.some((r: { type: string }) => r.type === l.type)).toBe(true);
    }
    const demos = path.join(dir, 'demos.jsonl');
    expect((await cli('fewshot', '--input', data('conll04-spert/conll04_train.json'), '--k', '3', '--retrieve-for', data('conll04-spert/conll04_dev.json'), '--out', demos)).code).toBe(0);
    const d = readFileSync(demos, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(d).toHaveLength(231);
    expect(d[0].demonstrations).toHaveLength(3);
    // The nearest demonstration shares words with its input.
    const shared = d[0].demonstrations[0].tokens.filter((t: string) => d[0].input.tokens.includes(t) && t.length > 3);
    expect(shared.length).toBeGreaterThan(0);
  });
});

describe('fewshot: flags of another mode are refused, not ignored', () => {
  const input = data('conll04/conll04_dev.json');
  const run = (...flags: string[]) => cli('fewshot', '--input', input, '--k', '1', '--out', path.join(tmpDir(), 'o.json'), ...flags);
  it.each([
    [['--n-way', '2', '--relaxed'], '--relaxed applies to K-shot pools only, not with --n-way'],
    [['--pool', 'balanced', '--n-way', '2'], '--pool and --n-way ask for different outputs: give one of them'],
    [['--queries', '2'], '--queries applies to episodes (--n-way) only, not with a K-shot pool'],
    [['--pool', 'balanced', '--to', 'conll'], '--to applies to K-shot pools only, not with --pool'],
  ])('%j', async (flags, message) => {
    const r = await run(...flags);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });
});
