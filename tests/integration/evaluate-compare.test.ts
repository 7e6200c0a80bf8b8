import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { evaluate, evaluationJson, formatEvaluation, type EvaluateResult } from '../../src/commands/evaluate.js';
import { countProgress } from '../../src/commands/progress.js';
import { taggerTrainings } from '../../src/eval/tagger.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
const DEV = data('conll04-spert/conll04_dev.json');
const TYPES = ['Loc', 'Org', 'Other', 'Peop'];

type Rec = { tokens: string[]; entities: unknown; relations: unknown };
const records = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Rec[];
const key = (x: Rec) => JSON.stringify([x.tokens, x.entities, x.relations]);
/** Examples a file adds to the seeds, each counted once. */
const addedBy = (file: string) => {
  const seen = new Set(records(SEEDS).map(key));
  return new Set(records(file).map(key).filter((k) => !seen.has(k))).size;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));

let A = '';
let B = '';
let result: EvaluateResult;
let trained = 0;
const progress: Array<[number, number, string]> = [];

beforeAll(async () => {
  const dir = tmpDir();
  for (const [recipe, name] of [['entity-swap', 'a'], ['sda', 'b']]) {
    const r = await cli('augment', recipe, '--input', SEEDS, '--out', path.join(dir, name), '--quiet');
    expect(r.code, r.stderr).toBe(0);
  }
  A = path.join(dir, 'a/augmented.json');
  B = path.join(dir, 'b/augmented.json');
  const before = taggerTrainings();
  result = await evaluate({ train: SEEDS, augmented: [A, B], test: DEV, runs: '2', resamples: '200' }, { onTraining: (...x) => progress.push(x) });
  trained = taggerTrainings() - before;
}, 120_000);

describe('evaluate --augmented a b', () => {
  it('trains the seeds-only baseline once per run: 2 runs x (baseline + 2 sets) = 6 taggers, counted where they are trained', () => {
    expect(trained).toBe(6);
    expect(result.taggerTrainings).toBe(6);
    expect(result.sets.map((s) => [s.name, s.kind])).toEqual([
      ['seeds only', 'seeds'],
      [`seeds + ${A}`, 'seeds+augmented'],
      [`seeds + ${B}`, 'seeds+augmented'],
    ]);
    // The progress hook saw every training, then the end.
    expect(progress.map((p) => p[0])).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p[1] === 6)).toBe(true);
    expect(progress[4][2]).toBe(`run 2/2: seeds + ${A}`);
  });

  it('counts each set from the files: seeds, plus what each augmented file adds (repeats once)', () => {
    const seeds = records(SEEDS).length;
    expect(result.train.sentences).toBe(seeds);
    expect(result.test.sentences).toBe(records(DEV).length);
    for (const [s, f] of [[result.sets[1], A], [result.sets[2], B]] as const) {
      expect(addedBy(f)).toBeGreaterThan(0);
      expect(s.added).toBe(addedBy(f));
      expect(s.sentences).toBe(seeds + addedBy(f));
    }
  });

  it('scores every set per run and per type: means and deviations over runs add up', () => {
    for (const s of result.sets) {
      expect(s.runs.map((r) => r.seed)).toEqual([1, 2]);
      const f1s = s.runs.map((r) => r.f1);
      expect(s.mean).toBeCloseTo(mean(f1s), 10);
      expect(s.std).toBeCloseTo(sd(f1s), 10);
      expect(Object.keys(s.perType)).toEqual(TYPES);
      for (const t of TYPES) {
        const per = s.runs.map((r) => r.report.types[t].f1 * 100);
        expect(s.perType[t].f1).toBeCloseTo(mean(per), 10);
        expect(s.perType[t].f1Std).toBeCloseTo(sd(per), 10);
        expect(s.perType[t].support).toBe(s.runs[0].report.types[t].support);
      }
    }
  });

  it('pairs each set with the baseline by run: differences, t statistic and bootstrap agree with the runs', () => {
    expect(result.comparisons.map((c) => c.set)).toEqual([result.sets[1].name, result.sets[2].name]);
    result.comparisons.forEach((c, k) => {
      const d = result.sets[k + 1].runs.map((r, i) => r.f1 - result.sets[0].runs[i].f1);
      expect(c.perRun).toEqual(d);
      expect(c.difference.mean).toBeCloseTo(mean(d), 10);
      expect(c.difference.std).toBeCloseTo(sd(d), 10);
      expect(c.pairedT!.df).toBe(1);
      if (sd(d) > 0) expect(c.pairedT!.t).toBeCloseTo(mean(d) / (sd(d) / Math.SQRT2), 8);
      expect(c.signTest.up + c.signTest.down + c.signTest.ties).toBe(2);
      for (const t of TYPES) expect(c.perTypeDifference[t]).toBeCloseTo(result.sets[k + 1].perType[t].f1 - result.sets[0].perType[t].f1, 10);
      // The bootstrap's observed difference comes from per-sentence counts: the same F1s.
      expect(c.bootstrap!.observed).toBeCloseTo(mean(d), 8);
      expect(c.bootstrap!.resamples).toBe(200);
      expect(c.bootstrap!.ci95[0]).toBeLessThanOrEqual(c.bootstrap!.ci95[1]);
      // Two runs can never show a gain at 5% unless the differences are identical.
      if (c.pairedT!.p >= 0.05) expect(c.verdict).toBe('not significant');
    });
  });

  it('prints a table with per-type F1 for every set and a significance statement per augmented file', () => {
    const text = formatEvaluation(result);
    const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
    for (const s of result.sets) {
      const row = text.split('\n').find((l) => l.startsWith(s.name))!;
      expect(row, s.name).toContain(`${f(s.mean)} ± ${f(s.std)}`);
      expect(row.trim().split(/\s+/).slice(-4)).toEqual(TYPES.map((t) => s.perType[t].f1.toFixed(1)));
    }
    expect(text).toMatch(/training set\s+sentences\s+F1\s+Loc\s+Org\s+Other\s+Peop/);
    for (const c of result.comparisons) {
      const sign = c.difference.mean >= 0 ? '+' : '';
      expect(text).toContain(`${c.set} vs seeds only: ${sign}${c.difference.mean.toFixed(2)} ± ${f(c.difference.std)}`);
      expect(text).toContain(`paired t(1) = `);
      expect(text).toContain(`  per type:            ${TYPES.map((t) => `${t} ${c.perTypeDifference[t] >= 0 ? '+' : ''}${c.perTypeDifference[t].toFixed(1)}`).join(', ')}`);
    }
    expect(text).toMatch(/over test sentences: paired bootstrap, 200 resamples: 95% CI [+-]\d+\.\d\d \.\. [+-]\d+\.\d\d, p (=|<|<=) /);
    expect(text).toMatch(/=> (gain|loss|not significant)/);
  });

  it('says when the bootstrap p sits at its floor 2/(B+1), and names the verdict', () => {
    const c = result.comparisons[0];
    const at = (p: number, verdict = c.verdict) => formatEvaluation({ ...result, comparisons: [{ ...c, verdict, bootstrap: { ...c.bootstrap!, p } }] });
    expect(at(2 / 201)).toContain('p <= 0.010 (every resample on one side)');
    expect(at(0.5)).toContain(', p = 0.500');
    expect(at(0.5, 'gain')).toContain('=> gain: significant at the 5% level over runs and test sentences');
  });

  it('--json carries every set, its runs and per-type scores, and every comparison', () => {
    const j = JSON.parse(JSON.stringify(evaluationJson(result)));
    expect(j.taggerTrainings).toBe(6);
    expect(j.sets[1].runs[0]).toEqual({ seed: 1, f1: result.sets[1].runs[0].f1, perType: Object.fromEntries(TYPES.map((t) => [t, result.sets[1].runs[0].report.types[t].f1 * 100])) });
    expect(j.sets[2].perType.Peop.f1).toBe(result.sets[2].perType.Peop.f1);
    expect(j.comparisons[1].pairedT.p).toBe(result.comparisons[1].pairedT!.p);
    expect(j.comparisons[0].bootstrap.ci95).toEqual(result.comparisons[0].bootstrap!.ci95);
    expect(JSON.stringify(j)).not.toContain('"counts"');
  });
});

describe('evaluate --runs 1 and --augmented-only, through the CLI', () => {
  it('--json: seeds only, seeds + a and a only side by side, deviation null (n/a), no t-test, same baseline as above', async () => {
    const before = taggerTrainings();
    const r = await cli('evaluate', '--train', SEEDS, '--augmented', A, '--augmented-only', '--test', DEV, '--runs', '1', '--resamples', '100', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(taggerTrainings() - before).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.sets.map((s: { name: string; sentences: number }) => [s.name, s.sentences])).toEqual([
      ['seeds only', records(SEEDS).length],
      [`seeds + ${A}`, records(SEEDS).length + addedBy(A)],
      [`${A} only`, addedBy(A)],
    ]);
    expect(j.sets.every((s: { std: unknown }) => s.std === null)).toBe(true);
    expect(j.sets[2].perType.Loc.f1Std).toBeNull();
    // Run seed 1 trains the same baseline whatever else is evaluated.
    expect(j.sets[0].runs[0].f1).toBe(result.sets[0].runs[0].f1);
    expect(j.sets[1].runs[0].f1).toBe(result.sets[1].runs[0].f1);
    expect(j.comparisons).toHaveLength(2);
    for (const c of j.comparisons) {
      expect(c.pairedT).toBeNull();
      expect(c.difference.std).toBeNull();
      expect(c.bootstrap.resamples).toBe(100);
    }
  }, 60_000);

  it('text: ± n/a, never ± 0.00, and says the run test could not be made', async () => {
    const r = await cli('evaluate', '--train', SEEDS, '--augmented', A, '--test', DEV, '--runs', '1', '--resamples', '50');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/seeds only\s+\d+\s+\d+\.\d\d ± n\/a/);
    expect(r.stdout).toMatch(/vs seeds only: [+-]\d+\.\d\d ± n\/a \(\d of 1 run up/);
    expect(r.stdout).toContain('over runs:           n/a (1 run');
    expect(r.stdout).not.toContain('± 0.00');
    expect(r.stdout).toContain('2 taggers trained');
  }, 60_000);

  it('refuses what it cannot do, before training', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--augmented', A, A], /--augmented names .* twice/],
      [['--augmented-only'], /--augmented-only needs --augmented/],
      [['--resamples', '-1'], /--resamples must be a non-negative integer/],
      [['--augmented', SEEDS, '--augmented-only'], /seeds\.json: --augmented-only: the file adds no example the seeds lack/],
    ];
    const before = taggerTrainings();
    for (const [args, msg] of cases) {
      const r = await cli('evaluate', '--train', SEEDS, '--test', DEV, ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(taggerTrainings()).toBe(before);
  });
});

describe('the training progress bar', () => {
  const sink = (tty: boolean) => {
    let text = '';
    const s = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) }) as Writable & { isTTY?: boolean; columns?: number };
    s.isTTY = tty;
    s.columns = 120;
    return { s, text: () => text };
  };
  const drive = (bar: ReturnType<typeof countProgress>) => {
    bar.update(0, 2, 'run 1/1: seeds only');
    bar.update(1, 2, 'run 1/1: seeds + a');
    bar.update(2, 2, 'done');
    bar.stop();
  };

  it('draws on a terminal: count, total and the set being trained', () => {
    const t = sink(true);
    drive(countProgress('evaluate', 'trainings', false, t.s));
    expect(t.text()).toContain('0/2 trainings');
    expect(t.text()).toContain('run 1/1: seeds only');
    expect(t.text()).toContain('2/2 trainings');
  });

  it('stays silent off a terminal and with --quiet', () => {
    for (const [tty, quiet] of [[false, false], [true, true]]) {
      const t = sink(tty);
      drive(countProgress('evaluate', 'trainings', quiet, t.s));
      expect(t.text()).toBe('');
    }
  });
});
