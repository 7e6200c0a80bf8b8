import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRecipe } from '../../src/pipeline/recipe.js';
import { runAugment } from '../../src/pipeline/runner.js';
import { data, tmpDir } from '../support/paths.js';

describe('report.json: how often each operation changed what it was given', () => {
  it('counts the changes the checks rejected (not fluent) too, as the files show them', async () => {
    const out = path.join(tmpDir(), 'sda');
    await runAugment({ recipe: loadRecipe('sda'), input: data('conll04/conll04_train.json'), out, limit: 200, workers: 1 });
    const lines = (f: string) => readFileSync(path.join(out, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const changed: Record<string, number> = {};
    for (const p of lines('provenance.jsonl')) for (const t of p.operations ?? []) changed[t.op] = (changed[t.op] ?? 0) + 1;
    for (const r of lines('rejected.jsonl')) if (r.reason !== 'unchanged') changed[r.op] = (changed[r.op] ?? 0) + 1;
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    const byOp = report.acceptance.changes_by_operation as Record<string, { changed: number }>;
    expect(Object.fromEntries(Object.entries(byOp).map(([op, c]) => [op, c.changed]))).toEqual(changed);
    // Some of them were rejected as not fluent: the case this counts.
    expect(lines('rejected.jsonl').some((r) => r.reason === 'not_fluent')).toBe(true);
  });
});
