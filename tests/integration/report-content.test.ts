import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, tmpDir } from '../support/paths.js';

const SEQUENCE = `name: seq
seed: 3
variants: 2
compose: sequence
include_original: true
operations:
  - op: synonym_replacement_v2
    p: 0.3
  - op: shuffle_within_segments_v2
    p: 0.5
filters:
  dedup: true
  label_consistency: true
`;

const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** A run with its input and recipe beside the run directory, as a user's project holds them. */
describe('report.html, report.json and manifest.json of a run', () => {
  let root: string;
  let out: string;
  let files: { html: string; manifest: string; report: string };
  beforeAll(async () => {
    root = tmpDir();
    mkdirSync(path.join(root, 'in'));
    mkdirSync(path.join(root, 'recipes'));
    copyFileSync(data('conll04/conll04_dev.json'), path.join(root, 'in/dev.json'));
    writeFileSync(path.join(root, 'recipes/seq.yaml'), SEQUENCE);
    out = path.join(root, 'runs/a');
    const r = await cli('augment', path.join(root, 'recipes/seq.yaml'), '--input', path.join(root, 'in/dev.json'), '--out', out, '--limit', '60', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(path.join(out, f), 'utf8');
    files = { html: read('report.html'), manifest: read('manifest.json'), report: read('report.json') };
  });

  it('names the input and recipe relative to the run directory, never by an absolute path', () => {
    const m = JSON.parse(files.manifest);
    expect(m.input.file).toBe('../../in/dev.json');
    expect(m.recipe.file).toBe('../../recipes/seq.yaml');
    expect(path.resolve(out, m.input.file)).toBe(path.join(root, 'in/dev.json'));
    expect(m.output.dir).toBeUndefined();
    expect(files.html).toContain('input ../../in/dev.json');
    for (const [name, text] of Object.entries(files)) expect(text.includes(root), `${name} holds ${root}`).toBe(false);
  });

  it('names a built-in recipe by its place in the package', async () => {
    const o = path.join(tmpDir(), 'run');
    const r = await cli('augment', 'noise', '--input', data('conll04/conll04_dev.json'), '--out', o, '--limit', '5', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(path.join(o, 'manifest.json'), 'utf8'));
    expect([m.recipe.file, m.recipe.builtin]).toEqual(['recipes/noise.yaml', true]);
    expect(path.isAbsolute(m.input.file)).toBe(false);
  });

  it('counts per operation how often it was tried, changed something, and was kept, from what the run wrote', () => {
    const changes = JSON.parse(files.report).acceptance.changes_by_operation as Record<string, { tried: number; changed: number; accepted: number }>;
    const m = JSON.parse(files.manifest);
    const prov = jsonl(path.join(out, 'provenance.jsonl')).filter((l) => !l.original);
    const rejected = jsonl(path.join(out, 'rejected.jsonl'));
    const ops = ['shuffle_within_segments_v2', 'synonym_replacement_v2'];
    expect(Object.keys(changes)).toEqual(ops);
    // Chained operations are counted under one label each; the per-operation counts split them.
    expect(Object.keys(m.counts.by_operation).some((k) => k.includes('+'))).toBe(true);
    for (const op of ops) {
      const c = changes[op];
      // compose: sequence tries every operation on every variant of every seed.
      expect(c.tried).toBe(m.counts.seeds * 2);
      expect(c.accepted).toBe(prov.filter((l) => l.operations.some((t: { op: string }) => t.op === op)).length);
      // A rejected candidate's label names the operations that changed it.
      const rejectedChanged = rejected.filter((r) => r.reason !== 'unchanged' && r.op.split('+').includes(op)).length;
      expect(c.changed).toBe(c.accepted + rejectedChanged);
      expect(c.changed).toBeGreaterThan(0);
      expect(c.changed).toBeLessThan(c.tried);
      const row = new RegExp(`<tr data-op="${op}"><td>${op}</td><td class="tried">${c.tried}</td><td class="changed">${c.changed}</td><td>[\\d.]+%</td><td class="accepted">${c.accepted}</td></tr>`);
      expect(files.html).toMatch(row);
    }
  });

  it('says for every diversity figure what it means and which way is better', () => {
    const figures = Object.keys(JSON.parse(files.report).diversity);
    const rows = [...files.html.matchAll(/<tr data-figure="([^"]+)"><td>[^<]*<\/td><td>[^<]*<\/td><td class="hint">([^<]*)<\/td><\/tr>/g)].map((r) => [r[1], r[2]]);
    expect(rows.map((r) => r[0])).toEqual(figures);
    for (const [, hint] of rows) expect(hint.length).toBeGreaterThan(10);
    const hint = Object.fromEntries(rows);
    expect(hint.distinct_2).toMatch(/higher is better/);
    expect(hint.self_bleu_4).toMatch(/lower is better/);
  });
});
