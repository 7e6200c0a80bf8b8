import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';

describe('evaluate with the built-in baseline tagger', () => {
  it('reaches F1 >= 80 on CoNLL-2003 test when trained on CoNLL-2003 train (sanity anchor)', async () => {
    const r = await cli('evaluate', '--train', data('conll2003/train.txt'), '--test', data('conll2003/test.txt'), '--runs', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.seedOnly.mean).toBeGreaterThanOrEqual(80);
    expect(j.mode).toBe('default');
    expect(Object.keys(j.perType).sort()).toEqual(['LOC', 'MISC', 'ORG', 'PER']);
  });

  it('compares seeds alone with seeds + augmented over several runs, mean and standard deviation', async () => {
    const out = path.join(tmpDir(), 'aug');
    expect((await cli('augment', 'entity-swap', '--input', path.join(ROOT, 'recipes/examples/seeds.json'), '--out', out)).code).toBe(0);
    const r = await cli('evaluate', '--train', path.join(ROOT, 'recipes/examples/seeds.json'), '--augmented', path.join(out, 'augmented.json'), '--test', data('conll04-spert/conll04_dev.json'), '--runs', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/seeds only\s+\(36 sentences\)\s+\d+\.\d\d ± \d+\.\d\d/);
    // The augmented file repeats the 36 seeds: they count once.
    expect(r.stdout).toMatch(/seeds \+ augmented \(\d+ sentences, \d+ new\)/);
    expect(r.stdout).toMatch(/difference\s+[+-]\d+\.\d\d ± \d+\.\d\d/);
  });

  it('refuses a test set without entities', async () => {
    const empty = path.join(tmpDir(), 'none.conll');
    writeFileSync(empty, 'Nothing O\nhere O\n\n');
    const r = await cli('evaluate', '--train', data('conll2003/valid.txt'), '--test', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/none\.conll: the test set has no entities to score/);
  });
});
