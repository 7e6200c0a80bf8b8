import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadRecipe } from '../../src/pipeline/recipe.js';
import { runAugment } from '../../src/pipeline/runner.js';
import { ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');

describe('a run whose output file cannot be opened', () => {
  // In a long-lived process (a library user, a server) the exit hook that removes temporary
  // files runs late: the files opened before the one that failed must be removed at once.
  it.each(['augmented.json', 'provenance.jsonl'])('says why and leaves no temporary file when %s is a directory', async (blocked) => {
    const out = tmpDir();
    mkdirSync(path.join(out, blocked));
    await expect(runAugment({ recipe: loadRecipe('noise'), input: SEEDS, out, force: true })).rejects.toThrow(/is a directory/);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('a run that fails before writing a file', () => {
  const relationSeeds = path.join(ROOT, 'recipes/examples/seeds.json');
  const run = (out: string) => runAugment({ recipe: loadRecipe('noise'), input: relationSeeds, out, to: 'conll' });

  it('leaves no folder it made (only its run marker would be in it)', async () => {
    const out = path.join(tmpDir(), 'new-run');
    await expect(run(out)).rejects.toThrow(/CoNLL cannot hold relations/);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves a folder the user made where it was', async () => {
    const out = path.join(tmpDir(), 'mine');
    mkdirSync(out);
    await expect(run(out)).rejects.toThrow(/CoNLL cannot hold relations/);
    expect(existsSync(out)).toBe(true);
  });
});
