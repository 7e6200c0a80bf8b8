import { afterAll, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT } from '../support/paths.js';

/** A 64 KB tmpfs stands in for a full disk, where this machine lets us mount one. */
function tinyDisk(): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spanforge-full-'));
  try {
    execSync(`mount -t tmpfs -o size=64k tmpfs ${dir}`, { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const disk = tinyDisk();
afterAll(() => {
  if (disk) execSync(`umount ${disk}`, { stdio: 'ignore' });
});

describe.skipIf(!disk)(`a full disk (${disk ? '64 KB tmpfs' : 'skipped: cannot mount a tmpfs here'})`, () => {
  it('gives a clear error, exit 1, and leaves the earlier file at the target untouched', async () => {
    const target = path.join(disk!, 'out.conll');
    writeFileSync(target, 'earlier content\n');
    const r = await cli('convert', data('conll2003/valid.txt'), target);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/out\.conll: no space left on the device; nothing was written/);
    expect(readFileSync(target, 'utf8')).toBe('earlier content\n');
    expect(readdirSync(disk!)).toEqual(['out.conll']);
  });

  it('an augment run that fills the disk fails the same way', async () => {
    const out = path.join(disk!, 'run');
    const r = await cli('augment', 'sda', '--input', data('conll2003/valid.txt'), '--out', out, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no space left on the device/);
    // No temporary file; a folder the run made and left empty is gone.
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.includes('.tmp-')) : []).toEqual([]);
  });
});

/** A disk of its own, where a run's data files fit and its HTML report does not. */
const small = tinyDisk();
afterAll(() => {
  if (small) execSync(`umount ${small}`, { stdio: 'ignore' });
});

describe.skipIf(!small)('a disk that fills during the report stage', () => {
  it('says which files the run finished, not "nothing was written"; the same command then finishes it', async () => {
    const out = path.join(small!, 'run');
    const seeds = path.join(ROOT, 'recipes/examples/seeds.json');
    const r = await cli('augment', 'noise', '--input', seeds, '--out', out, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/nothing was written/);
    const m = /no space left on the device; the run is unfinished: it wrote (.*) \(no manifest\.json: it is written last, and marks a finished run\); make room and run the same command again to finish it in /.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const listed = m![1].split(', ');
    expect(listed).toContain('augmented.json');
    // What it lists is what the directory holds (complete files, no temporary ones).
    expect(readdirSync(out).filter((f) => f !== '.spanforge-run.json').sort()).toEqual(listed);
    execSync(`mount -o remount,size=1m ${small}`, { stdio: 'ignore' });
    const again = await cli('augment', 'noise', '--input', seeds, '--out', out, '--quiet');
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(out)).toContain('manifest.json');
  });
});
