import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import { dropOverlaps, encodeTags } from '../core/tags.js';
import { openInput } from '../formats/open.js';
import { Reporter } from '../formats/reporter.js';
import { contentKey } from '../core/content-key.js';
import { classificationReport, type Mode, type Report } from '../eval/seqeval.js';
import { PerceptronTagger } from '../eval/tagger.js';

export interface EvaluateOptions {
  train: string;
  augmented?: string;
  test: string;
  runs?: string;
  epochs?: string;
  mode?: string;
  from?: string;
  /** CoNLL: the tag's column in --train and --test. */
  tagColumn?: string;
}

export interface RunScores {
  seed: number;
  f1: number;
  report: Report;
}

export interface EvaluateResult {
  mode: Mode;
  runs: number;
  train: { sentences: number };
  augmented?: { sentences: number; added: number };
  test: { sentences: number };
  seedOnly: { mean: number; std: number; runs: RunScores[] };
  withAugmented?: { mean: number; std: number; runs: RunScores[] };
  difference?: { mean: number; std: number };
  trainSeconds: number;
}

async function readAll(file: string, from?: string, tagColumn?: string): Promise<Example[]> {
  const inp = await openInput(file, { from, tagColumn }, new Reporter('strict'));
  const out: Example[] = [];
  for await (const ex of inp.examples) out.push(ex);
  return out;
}

export const meanStd = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
};

/** Train the baseline tagger and score it on the test set (entity-level micro F1, seqeval). */
export function trainAndScore(train: readonly Example[], test: readonly Example[], seed: number, o: { epochs?: number; mode?: Mode } = {}): RunScores {
  const tagger = new PerceptronTagger();
  tagger.train(train, rngFor(seed, 'evaluate'), { epochs: o.epochs ?? 5 });
  const gold = test.map((ex) => encodeTags(ex.tokens.length, dropOverlaps(ex.entities).kept.map((i) => ex.entities[i]), 'IOB2').tags);
  const pred = test.map((ex) => tagger.tag(ex.tokens));
  const report = classificationReport(gold, pred, o.mode === 'strict' ? { mode: 'strict', scheme: 'IOB2' } : {});
  return { seed, f1: report.micro.f1 * 100, report };
}

/**
 * Did augmentation help? Train on the seeds alone and on seeds plus the augmented file, N
 * times with different seeds, and compare F1 on the test set. Exact duplicates (an augmented
 * file that repeats its seeds) are counted once.
 */
export async function evaluate(o: EvaluateOptions): Promise<EvaluateResult> {
  const runs = Number(o.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new UserError(`--runs must be a positive integer, got "${o.runs}"`);
  const epochs = Number(o.epochs ?? 5);
  if (!Number.isInteger(epochs) || epochs < 1) throw new UserError(`--epochs must be a positive integer, got "${o.epochs}"`);
  const mode: Mode = o.mode === 'strict' ? 'strict' : 'default';
  if (o.mode && o.mode !== 'strict' && o.mode !== 'default') throw new UserError(`--mode must be default or strict, got "${o.mode}"`);
  const train = await readAll(o.train, o.from, o.tagColumn);
  const test = await readAll(o.test, o.from, o.tagColumn);
  if (!test.some((e) => e.entities.length)) throw new UserError('the test set has no entities to score', { file: o.test });
  let combined: Example[] | undefined;
  let added = 0;
  if (o.augmented) {
    const aug = await readAll(o.augmented);
    const seen = new Set(train.map(contentKey));
    combined = [...train];
    for (const ex of aug) {
      const k = contentKey(ex);
      if (seen.has(k)) continue;
      seen.add(k);
      combined.push(ex);
      added++;
    }
  }
  const t0 = performance.now();
  const base: RunScores[] = [];
  const withAug: RunScores[] = [];
  for (let r = 1; r <= runs; r++) {
    base.push(trainAndScore(train, test, r, { epochs, mode }));
    if (combined) withAug.push(trainAndScore(combined, test, r, { epochs, mode }));
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  const result: EvaluateResult = {
    mode,
    runs,
    train: { sentences: train.length },
    test: { sentences: test.length },
    seedOnly: { ...meanStd(base.map((x) => x.f1)), runs: base },
    trainSeconds,
  };
  if (combined) {
    result.augmented = { sentences: combined.length, added };
    result.withAugmented = { ...meanStd(withAug.map((x) => x.f1)), runs: withAug };
    result.difference = meanStd(withAug.map((x, i) => x.f1 - base[i].f1));
  }
  return result;
}

export function formatEvaluation(r: EvaluateResult): string {
  const f = (x: { mean: number; std: number }) => `${x.mean.toFixed(2)} ± ${x.std.toFixed(2)}`;
  const lines = [
    `entity-level micro F1 (seqeval ${r.mode} mode), ${r.runs} run${r.runs === 1 ? '' : 's'}, test: ${r.test.sentences} sentences`,
    `  seeds only        (${r.train.sentences} sentences)  ${f(r.seedOnly)}`,
  ];
  if (r.withAugmented && r.augmented) {
    lines.push(`  seeds + augmented (${r.augmented.sentences} sentences, ${r.augmented.added} new)  ${f(r.withAugmented)}`);
    lines.push(`  difference                                  ${r.difference!.mean >= 0 ? '+' : ''}${f(r.difference!)}`);
  }
  const types = Object.entries(r.seedOnly.runs[0].report.types).map(([t, s]) => `${t} ${(s.f1 * 100).toFixed(1)}`);
  lines.push(`  per type (seeds only, run 1): ${types.join(', ')}`);
  return lines.join('\n');
}
