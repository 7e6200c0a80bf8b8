import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');

describe('a recipe path that is no readable file', () => {
  it('a directory: a clear error, exit 1, no internal error', async () => {
    const dir = tmpDir();
    const r = await cli('augment', dir, '--input', SEEDS, '--out', path.join(dir, 'run'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`spanforge: error: ${dir}: is a directory, expected a recipe file (YAML) or the name of a built-in recipe\n`);
  });

  it("a directory named like a built-in recipe: the built-in is meant", async () => {
    const dir = tmpDir();
    const cwd = process.cwd();
    mkdirSync(path.join(dir, 'noise'));
    process.chdir(dir);
    try {
      const r = await cli('augment', 'noise', '--input', SEEDS, '--out', path.join(dir, 'run'), '--dry-run');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^dry run: 36 seed examples/);
    } finally {
      process.chdir(cwd);
    }
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file: permission denied, exit 1', async () => {
    const file = path.join(tmpDir(), 'r.yaml');
    writeFileSync(file, 'operations: []\n');
    chmodSync(file, 0);
    const r = await cli('augment', file, '--input', SEEDS, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml: permission denied/);
  });
});
