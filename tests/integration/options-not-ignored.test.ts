import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';
import { shardOf } from '../../src/pipeline/shard.js';
import type { Example } from '../../src/core/model.js';

// An option a command would silently ignore is refused (or the run says why it did nothing):
// a run that skipped it looks like one that honoured it. Sentences are invented.
const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');

describe('options that would do nothing are refused', () => {
  it('augment --target with a recipe that has no target', async () => {
    const out = path.join(tmpDir(), 'o');
    const r = await cli('augment', 'recipes/noise.yaml', '--input', SEEDS, '--target', '5', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--target sets the count a long-tail recipe raises each relation type to; no operation of noise has one (char_noise_v2, token_noise_v2)');
    expect(existsSync(out)).toBe(false);
  });

  it('augment --target with the long-tail recipe is taken', async () => {
    const r = await cli('augment', 'recipes/long-tail.yaml', '--input', SEEDS, '--target', '5', '--out', path.join(tmpDir(), 'o'), '--dry-run');
    expect(r.code).toBe(0);
  });

  it('convert --csv-layout with an output that is not CSV', async () => {
    const r = await cli('convert', SEEDS, path.join(tmpDir(), 'x.dygie'), '--to', 'dygie', '--csv-layout', 'entities');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--csv-layout is for CSV output; this convert writes dygie');
    const csv = await cli('convert', SEEDS, path.join(tmpDir(), 'x.csv'), '--csv-layout', 'relations', '--lossy');
    expect(csv.code).toBe(0);
  });
});

describe('a relation recipe on seeds without relations', () => {
  it('says why it made nothing', async () => {
    const file = path.join(tmpDir(), 'ner.conll');
    writeFileSync(file, 'Orla B-PER\nVance I-PER\nspoke O\n. O\n\nPell B-PER\nleft O\n. O\n\n');
    const r = await cli('augment', 'recipes/long-tail.yaml', '--input', file, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: long_tail_v1 works on relations, and the seeds hold none: no candidate was made');
    // An NER recipe on the same seeds, and negatives (entity-free ones are made from NER
    // seeds): no such note.
    const ner = await cli('augment', 'recipes/noise.yaml', '--input', file, '--out', path.join(tmpDir(), 'n'));
    expect(ner.stderr).not.toContain('the seeds hold none');
    const neg = await cli('augment', 'recipes/negatives.yaml', '--input', file, '--out', path.join(tmpDir(), 'g'));
    expect(neg.stderr).not.toContain('the seeds hold none');
    // With relations, no such note.
    const rel = await cli('augment', 'recipes/long-tail.yaml', '--input', SEEDS, '--out', path.join(tmpDir(), 'p'));
    expect(rel.stderr).not.toContain('the seeds hold none');
  });
});

describe('--dry-run', () => {
  it('fails where the run would: an output format that cannot hold the seeds\' relations', async () => {
    const out = path.join(tmpDir(), 'd');
    const r = await cli('augment', 'recipes/noise.yaml', '--input', SEEDS, '--out', out, '--to', 'conll', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CoNLL cannot hold relations (example demo-01); pass --lossy');
    expect(existsSync(out)).toBe(false);
    const lossy = await cli('augment', 'recipes/noise.yaml', '--input', SEEDS, '--out', out, '--to', 'conll', '--dry-run', '--lossy');
    expect(lossy.code).toBe(0);
    expect(lossy.stdout + lossy.stderr).toContain('dry run: 36 seed examples, 72 candidates would be made; nothing written');
    expect(existsSync(out)).toBe(false);
  });
});

describe('--dry-run of a shard', () => {
  it('checks only the shard\'s own seeds', async () => {
    const withRel = { tokens: ['Orla', 'works', 'for', 'Brightwell', '.'], entities: [{ type: 'PER', start: 0, end: 1 }, { type: 'ORG', start: 3, end: 4 }], relations: [{ type: 'Work_For', head: 0, tail: 1 }] };
    const plain = { tokens: ['Pell', 'left', '.'], entities: [{ type: 'PER', start: 0, end: 1 }], relations: [] };
    const file = path.join(tmpDir(), 'two.json');
    writeFileSync(file, JSON.stringify([withRel, plain]));
    // Two shards that split the two seeds (the shard of a seed is its content hash mod N).
    const asExample = (r: object) => ({ id: '', ...r }) as Example;
    const n = [2, 3, 4, 5, 6, 7].find((k) => shardOf(asExample(withRel), k) !== shardOf(asExample(plain), k))!;
    const dry = (i: number) => cli('augment', 'recipes/noise.yaml', '--input', file, '--out', path.join(tmpDir(), 's'), '--to', 'conll', '--dry-run', '--shard', `${i}/${n}`);
    expect((await dry(shardOf(asExample(withRel), n))).code).toBe(1);
    expect((await dry(shardOf(asExample(plain), n))).code).toBe(0);
  });
});
