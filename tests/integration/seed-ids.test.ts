import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
type Row = { orig_id: string };
const readJson = <T>(f: string): T => JSON.parse(readFileSync(f, 'utf8'));
const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('example ids in and out of augment', () => {
  it('refuses an input whose ids repeat, naming them and where they are; writes nothing', async () => {
    const dir = tmpDir();
    const rows = readJson<Row[]>(SEEDS);
    rows[2].orig_id = rows[0].orig_id;
    rows[5].orig_id = rows[0].orig_id;
    rows[7].orig_id = rows[4].orig_id;
    const input = path.join(dir, 'dup.json');
    writeFileSync(input, JSON.stringify(rows));
    const out = path.join(dir, 'run');
    const r = await cli('augment', 'noise', '--input', input, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`2 example ids occur more than once: "${rows[0].orig_id}" (examples 1, 3, 6), "${rows[4].orig_id}" (examples 5, 8)`);
    expect(existsSync(out)).toBe(false);
    // Within --limit the repeats are not read: the run goes on.
    expect((await cli('augment', 'noise', '--input', input, '--out', out, '--limit', '2', '--quiet')).code).toBe(0);
  });

  it('an augmented file augmented again: every id written is unique, and provenance names real seeds', async () => {
    const dir = tmpDir();
    const first = path.join(dir, 'first');
    expect((await cli('augment', 'noise', '--input', SEEDS, '--out', first, '--quiet')).code).toBe(0);
    const input = path.join(first, 'augmented.json');
    const seedIds = new Set(readJson<Row[]>(input).map((r) => r.orig_id));
    // The first run's copies are named like the copies the second run makes of their seeds.
    expect([...seedIds].some((id) => /~\d+$/.test(id) && seedIds.has(id.replace(/~\d+$/, '')))).toBe(true);
    const second = path.join(dir, 'second');
    const r = await cli('augment', 'noise', '--input', input, '--out', second, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const ids = readJson<Row[]>(path.join(second, 'augmented.json')).map((x) => x.orig_id);
    expect(new Set(ids).size).toBe(ids.length);
    const prov = lines(path.join(second, 'provenance.jsonl'));
    const rejected = lines(path.join(second, 'rejected.jsonl'));
    const all = [...prov.map((p) => p.id), ...rejected.map((x) => x.id)];
    expect(new Set(all).size).toBe(all.length);
    for (const p of prov) expect(seedIds.has(p.seed), p.seed).toBe(true);
    // New copies never take a seed's id; the same run again names them alike.
    for (const p of prov.filter((x) => !x.original)) expect(seedIds.has(p.id), p.id).toBe(false);
    const again = path.join(dir, 'again');
    expect((await cli('augment', 'noise', '--input', input, '--out', again, '--quiet')).code).toBe(0);
    expect(readFileSync(path.join(again, 'provenance.jsonl')).equals(readFileSync(path.join(second, 'provenance.jsonl')))).toBe(true);
  });
});
