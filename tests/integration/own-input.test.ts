import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');

/** A copy of the example seeds in a fresh directory. */
function seedsCopy(): { dir: string; file: string; bytes: Buffer } {
  const dir = tmpDir();
  const file = path.join(dir, 'in.json');
  copyFileSync(SEEDS, file);
  return { dir, file, bytes: readFileSync(file) };
}

describe('an output never overwrites its own input', () => {
  it('fewshot --out equal to --input (the same path spelt another way, or a link) is refused, input untouched', async () => {
    const { dir, file, bytes } = seedsCopy();
    const link = path.join(dir, 'link.json');
    symlinkSync(file, link);
    for (const out of [file, path.join(dir, '.', 'in.json'), link]) {
      const r = await cli('fewshot', '--input', file, '--k', '1', '--out', out);
      expect(r.code, out).toBe(1);
      expect(r.stderr).toMatch(/the output would overwrite the input/);
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.json', 'link.json']);
  });

  it('convert to a link to its input is refused as convert to the input itself', async () => {
    const { dir, file, bytes } = seedsCopy();
    const link = path.join(dir, 'link.json');
    symlinkSync(file, link);
    const r = await cli('convert', file, link, '--to', 'spert');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/link\.json: the output would overwrite the input/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("fewshot: the K-shot pool's report beside --out may not be the input either", async () => {
    const { dir, bytes } = seedsCopy();
    const file = path.join(dir, 'pool.report.json');
    copyFileSync(SEEDS, file);
    const r = await cli('fewshot', '--input', file, '--k', '1', '--from', 'spert-tags', '--out', path.join(dir, 'pool'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pool\.report\.json: the output would overwrite the input/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(path.join(dir, 'pool'))).toBe(false);
  });

  it('augment --force with the input at <out>/augmented.json (or a run file) is refused, input untouched', async () => {
    const { dir } = seedsCopy();
    const out = path.join(dir, 'run');
    const first = await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--quiet');
    expect(first.code, first.stderr).toBe(0);
    const input = path.join(out, 'augmented.json');
    const bytes = readFileSync(input);
    for (const more of [[], ['--to', 'jsonl']]) {
      const r = await cli('augment', 'noise', '--input', input, '--out', out, '--force', '--quiet', ...more);
      expect(r.code, more.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/the run would overwrite its input \(it writes or replaces augmented\.json in /);
      expect(readFileSync(input).equals(bytes)).toBe(true);
    }
    // Through a link from outside the run directory, the same.
    const link = path.join(dir, 'link.json');
    symlinkSync(input, link);
    const r = await cli('augment', 'noise', '--input', link, '--out', out, '--force', '--quiet');
    expect(r.code).toBe(1);
    expect(readFileSync(input).equals(bytes)).toBe(true);
  });

  it('augment --force in another output format removes the earlier run\'s dataset, and nothing else', async () => {
    const { dir } = seedsCopy();
    const out = path.join(dir, 'run');
    expect((await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--quiet')).code).toBe(0);
    expect(existsSync(path.join(out, 'augmented.json'))).toBe(true);
    // A file of the user's own, named like no run file, stays.
    copyFileSync(SEEDS, path.join(out, 'augmented-notes.json'));
    const r = await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--quiet', '--to', 'jsonl', '--force');
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(out).filter((f) => f.startsWith('augmented'));
    expect(files.sort()).toEqual(['augmented-notes.json', 'augmented.jsonl']);
    // The same format again keeps its one dataset.
    const again = await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--quiet', '--to', 'jsonl', '--force');
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('augmented')).sort()).toEqual(['augmented-notes.json', 'augmented.jsonl']);
  });
});

describe('sameFile', () => {
  it('a path through a file (ENOTDIR) or a missing one is no file, never an error', async () => {
    const { sameFile } = await import('../../src/core/same-file.js');
    const { file } = seedsCopy();
    expect(sameFile(file, path.join(file, 'x.json'))).toBe(false);
    expect(sameFile(file, path.join(path.dirname(file), 'missing.json'))).toBe(false);
    expect(sameFile(file, file)).toBe(true);
  });
});
