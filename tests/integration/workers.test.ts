import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';

const CONLL = data('conll2003/train.txt');
const FILES = ['rejected.jsonl', 'provenance.jsonl', 'report.json'];

async function run(recipe: string, workers: number, extra: string[] = []): Promise<string> {
  const out = path.join(tmpDir(), `w${workers}`);
  const r = await cli('augment', path.join(ROOT, recipe), '--input', CONLL, '--out', out, '--quiet', '--workers', String(workers), ...extra);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

function expectSameFiles(a: string, b: string): void {
  const aug = readdirSync(a).find((f) => f.startsWith('augmented.'))!;
  for (const f of [aug, ...FILES]) expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f))), f).toBe(true);
}

describe('augment --workers: the output does not depend on the number of threads', () => {
  it('sda (fluency filter, dedup) on 300 CoNLL-2003 sentences: --workers 1 and 2 write the same bytes', async () => {
    const one = await run('recipes/sda.yaml', 1, ['--limit', '300', '--variants', '2']);
    const two = await run('recipes/sda.yaml', 2, ['--limit', '300', '--variants', '2']);
    expectSameFiles(one, two);
    const report = JSON.parse(readFileSync(path.join(two, 'report.json'), 'utf8'));
    // Not a vacuous comparison: candidates were made, some kept, some rejected for fluency.
    expect(report.acceptance.accepted).toBeGreaterThan(20);
    expect(JSON.stringify(report)).toContain('not_fluent');
  }, 60_000);

  it('noise with 3 threads writes what 1 writes', async () => {
    expectSameFiles(await run('recipes/noise.yaml', 1, ['--limit', '200']), await run('recipes/noise.yaml', 3, ['--limit', '200']));
  }, 60_000);

  it('--workers 0 is refused with a clear message', async () => {
    const r = await cli('augment', path.join(ROOT, 'recipes/noise.yaml'), '--input', CONLL, '--out', tmpDir(), '--workers', '0');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--workers/);
  });
});
