/**
 * The baseline tagger's training time on CoNLL-2003 train, and a low-resource study:
 * 5 random samples of 100 training sentences, each augmented with sda, entity-swap and noise, scored on
 * conll2003/test.txt with and without the augmented data, and with as many seeds copied as they are
 * instead (the control: more of the same data, no new sentence).
 */
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Example } from '../src/core/model.js';
import { rngFor } from '../src/core/random.js';
import { getFormat } from '../src/formats/registry.js';
import { withAtomicFile } from '../src/formats/atomic.js';
import { loadRecipe } from '../src/pipeline/recipe.js';
import { runAugment } from '../src/pipeline/runner.js';
import { meanStd, trainAndScore } from '../src/commands/evaluate.js';
import { contentKey } from '../src/core/content-key.js';
import { pairedT, signTest } from '../src/eval/paired.js';
import { round } from './lib.js';
import { copiesControl } from '../src/eval/copies-control.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.resolve(ROOT, '../shared/data/conll2003');

async function read(file: string): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of getFormat('conll').read(file)) out.push(ex);
  return out;
}

/** `first`: the first sample's number (each sample is drawn, and its run seeded, by its number):
 *  `--first-sample 6 --samples 5` gives five samples held out from the README's 1-5. */
export async function benchEvaluate(samples = 5, size = 100, first = 1) {
  const train = await read(path.join(DATA, 'train.txt'));
  const test = await read(path.join(DATA, 'test.txt'));
  const times: number[] = [];
  let full = 0;
  for (let r = 1; r <= 3; r++) {
    const t0 = performance.now();
    full = trainAndScore(train, test, r).f1;
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);

  const f = (x: { mean: number; std: number }) => ({ mean: round(x.mean, 2), std: round(x.std, 2) });
  // Every offline NER recipe, on the same samples: the differences are paired.
  const studies: Record<string, unknown> = {};
  for (const name of ['sda', 'entity-swap', 'noise']) studies[name] = await study(name, train, test, { first, samples, size }, f);
  return {
    tagger_full_train: { sentences: train.length, train_and_tag_seconds_median: round(times[1], 2), test_f1: round(full, 2) },
    low_resource: studies.sda,
    low_resource_entity_swap: studies['entity-swap'],
    low_resource_noise: studies.noise,
  };
}

/** Trainings per sample, with their own seeds: on 100 sentences the perceptron's reading order
 *  alone moves F1 by points. Adding one correct sentence to a sample moved the mean of 3
 *  trainings by -1.1 points; with 10 the two sentences of that sample moved it +0.26. Each arm
 *  averages the same trainings, and each training reads the sentences the arms share in the same
 *  relative order (eval/reading-order.ts), so the paired difference measures the data. Even so,
 *  one added sentence can move a sample's mean by most of a point: the perceptron's path is
 *  sensitive to every update. */
export const TRAININGS = 10;

export function meanF1(data: readonly Example[], test: readonly Example[], sample: number): number {
  let sum = 0;
  for (let t = 0; t < TRAININGS; t++) sum += trainAndScore(data, test, sample * 10 + t).f1;
  return sum / TRAININGS;
}

interface Samples {
  first: number;
  samples: number;
  size: number;
}

async function study(name: string, train: Example[], test: Example[], { first, samples, size }: Samples, f: (x: { mean: number; std: number }) => { mean: number; std: number }) {
  const recipe = loadRecipe(path.join(ROOT, `recipes/${name}.yaml`));
  const seedOnly: number[] = [];
  const withAug: number[] = [];
  const withCopies: number[] = [];
  const added: number[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-eval-'));
  try {
    const withEntities = train.filter((e) => e.entities.length > 0 || e.tokens.length > 3);
    for (let s = first; s < first + samples; s++) {
      const sample = rngFor(s, 'low-resource-sample').shuffle([...withEntities]).slice(0, size).map((e) => ({ ...e, docStart: undefined }));
      const seedFile = path.join(dir, `seed${s}.txt`);
      await withAtomicFile(seedFile, (sink) => getFormat('conll').write(sample, sink, { scheme: 'IOB2' }));
      const out = path.join(dir, `aug${s}`);
      await runAugment({ recipe, input: seedFile, out, seed: s });
      const augmented = await read(path.join(out, 'augmented.txt'));
      const seen = new Set(sample.map(contentKey));
      const combined = [...sample, ...augmented.filter((e) => !seen.has(contentKey(e)))];
      seedOnly.push(meanF1(sample, test, s));
      withAug.push(meanF1(combined, test, s));
      added.push(combined.length - sample.length);
      withCopies.push(meanF1([...sample, ...copiesControl(sample, combined.length - sample.length, rngFor(s, 'copies-control'))], test, s));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const d = seedOnly.map((x, i) => withAug[i] - x);
  const dc = seedOnly.map((x, i) => withCopies[i] - x);
  const dv = withCopies.map((x, i) => withAug[i] - x);
  return {
    samples,
    first_sample: first,
    sentences_per_sample: size,
    trainings_per_sample: TRAININGS,
    recipe: `recipes/${name}.yaml (${recipe.variants} variants per seed, compose: ${recipe.compose})`,
    f1_seed_only: f(meanStd(seedOnly)),
    f1_seed_plus_augmented: f(meanStd(withAug)),
    difference: f(meanStd(d)),
    // Paired over samples (each sample is its own seeds and run seed): is the difference beyond sampling noise?
    significance: significance(d),
    added_per_sample: added,
    // Control: as many seeds copied as they are as the recipe added; is the recipe's gain more
    // than more of the same data (and another reading order) gives?
    f1_seed_plus_copies: f(meanStd(withCopies)),
    difference_copies_control: f(meanStd(dc)),
    difference_augmented_vs_copies: f(meanStd(dv)),
    significance_vs_copies: significance(dv),
    per_sample: seedOnly.map((x, i) => ({ seed_only: round(x, 2), with_augmented: round(withAug[i], 2), with_copies: round(withCopies[i], 2) })),
  };
}

function significance(d: number[]) {
  const t = pairedT(d);
  const sign = signTest(d);
  return {
    paired_t: t && { t: round(t.t, 2), df: t.df, p: round(t.p, 3), ci95: t.ci95.map((x) => round(x, 2)) },
    sign_test: { up: sign.up, down: sign.down, p: round(sign.p, 3) },
  };
}
