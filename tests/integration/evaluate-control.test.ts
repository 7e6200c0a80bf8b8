import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { evaluate, formatEvaluation, type EvaluateResult } from '../../src/commands/evaluate.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
const DEV = data('conll04-spert/conll04_dev.json');

let A = '';
let B = '';
let result: EvaluateResult;

beforeAll(async () => {
  const dir = tmpDir();
  for (const [recipe, name] of [['noise', 'a'], ['entity-swap', 'b']]) {
    const r = await cli('augment', recipe, '--input', SEEDS, '--out', path.join(dir, name), '--quiet');
    expect(r.code, r.stderr).toBe(0);
  }
  A = path.join(dir, 'a/augmented.json');
  B = path.join(dir, 'b/augmented.json');
  result = await evaluate({ train: SEEDS, augmented: [A], test: DEV, runs: '2', resamples: '50', control: true });
}, 120_000);

describe('evaluate --control', () => {
  it('trains a control per file: the seeds plus as many seed copies as the file adds', () => {
    const seeds = (JSON.parse(readFileSync(SEEDS, 'utf8')) as unknown[]).length;
    const [base, aug, control] = result.sets;
    expect(result.sets.map((s) => s.kind)).toEqual(['seeds', 'seeds+augmented', 'control']);
    expect(aug.added).toBeGreaterThan(0);
    expect(control.added).toBe(aug.added);
    expect(control.sentences).toBe(seeds + aug.added!);
    expect(base.sentences).toBe(seeds);
    expect(control.name).toBe(`seeds + ${aug.added} seed copies (control for ${A})`);
    expect(result.taggerTrainings).toBe(6);
    // Seed copies, not the file's sentences: the two arms score differently.
    expect(control.runs.map((r) => r.f1)).not.toEqual(aug.runs.map((r) => r.f1));
  });

  it('compares the file with the seeds and with its control, each paired by run', () => {
    const [base, aug, control] = result.sets;
    expect(result.comparisons.map((c) => [c.set, c.against])).toEqual([
      [aug.name, base.name],
      [aug.name, control.name],
    ]);
    const vs = result.comparisons[1];
    expect(vs.perRun).toEqual(aug.runs.map((r, i) => r.f1 - control.runs[i].f1));
    const text = formatEvaluation(result);
    expect(text).toContain('paired with seeds only');
    expect(text).toContain('paired with the control (as many seed copies as the file adds');
    expect(text.indexOf(`${aug.name} vs ${control.name}`)).toBeGreaterThan(text.indexOf('paired with the control'));
  });

  it("draws a file's copies the same way whatever other files are given", async () => {
    const both = await evaluate({ train: SEEDS, augmented: [B, A], test: DEV, runs: '1', resamples: '0', control: true });
    const alone = await evaluate({ train: SEEDS, augmented: [A], test: DEV, runs: '1', resamples: '0', control: true });
    const controlOf = (r: EvaluateResult, f: string) => r.sets.find((s) => s.kind === 'control' && s.file === f)!;
    expect(controlOf(both, A).runs[0].f1).toBe(controlOf(alone, A).runs[0].f1);
    expect(both.comparisons.filter((c) => c.against.includes('control')).map((c) => c.set)).toEqual([`seeds + ${B}`, `seeds + ${A}`]);
  }, 120_000);

  it('needs an augmented file', async () => {
    const r = await cli('evaluate', '--train', SEEDS, '--test', DEV, '--control', '--quiet');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--control needs --augmented');
  });
});
