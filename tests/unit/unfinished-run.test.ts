import { describe, expect, it } from 'vitest';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/core/errors.js';
import { fileIds, unfinishedRun } from '../../src/pipeline/run-dir.js';
import { tmpDir } from '../support/paths.js';

const full = (file: string) => new UserError('no space left on the device; nothing was written', { file });

describe('unfinishedRun', () => {
  it('lists the files the run replaced or made, not those an earlier run left', async () => {
    const dir = tmpDir();
    for (const f of ['augmented.json', 'rejected.jsonl', 'report.json']) writeFileSync(path.join(dir, f), 'earlier\n');
    const before = await fileIds(dir);
    // Written atomically, as a run writes: a new file renamed over the old one.
    writeFileSync(path.join(dir, '.tmp'), 'new\n');
    renameSync(path.join(dir, '.tmp'), path.join(dir, 'augmented.json'));
    writeFileSync(path.join(dir, 'provenance.jsonl'), 'new\n');
    const err = (await unfinishedRun(full(path.join(dir, 'report.html')), dir, before)) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(`no space left on the device; the run is unfinished: it wrote augmented.json, provenance.jsonl (no manifest.json: it is written last, and marks a finished run); make room and run the same command again to finish it in ${dir}`);
    expect(err.loc.file).toBe(path.join(dir, 'report.html'));
  });

  it('leaves the error as it is when the run wrote nothing, or when it is no user error', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'augmented.json'), 'earlier\n');
    const before = await fileIds(dir);
    const e = full(path.join(dir, 'augmented.json'));
    expect(await unfinishedRun(e, dir, before)).toBe(e);
    writeFileSync(path.join(dir, 'rejected.jsonl'), 'new\n');
    const bug = new TypeError('x');
    expect(await unfinishedRun(bug, dir, before)).toBe(bug);
  });
});
