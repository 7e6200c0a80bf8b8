import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { getFormat } from '../../src/formats/registry.js';
import { formatEvaluation } from '../../src/commands/evaluate.js';
import { PerceptronTagger } from '../../src/eval/tagger.js';
import { classificationReport } from '../../src/eval/seqeval.js';
import { encodeTags } from '../../src/core/tags.js';
import { rngFor } from '../../src/core/random.js';
import type { Example } from '../../src/core/model.js';

/** The first `n` sentences of a CoNLL file (small data: the test must not depend on the machine's speed). */
async function firstSentences(file: string, n: number): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of getFormat('conll').read(file)) {
    out.push(ex);
    if (out.length >= n) break;
  }
  return out;
}

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
const DEV = data('conll04-spert/conll04_dev.json');

describe('evaluate with the built-in baseline tagger', () => {
  it('learns: trained on 1000 CoNLL-2003 sentences it tags 500 unseen ones at F1 >= 75 and its own training data at >= 98', async () => {
    const train = await firstSentences(data('conll2003/train.txt'), 1000);
    const test = await firstSentences(data('conll2003/valid.txt'), 500);
    const tagger = new PerceptronTagger();
    tagger.train(train, rngFor(1, 'evaluate'), { epochs: 5 });
    const score = (exs: Example[]) => {
      const gold = exs.map((ex) => encodeTags(ex.tokens.length, ex.entities, 'IOB2').tags);
      return classificationReport(gold, exs.map((ex) => tagger.tag(ex.tokens)));
    };
    const unseen = score(test);
    expect(unseen.micro.f1).toBeGreaterThanOrEqual(0.75);
    expect(Object.keys(unseen.types).sort()).toEqual(['LOC', 'MISC', 'ORG', 'PER']);
    // Seen sentences: almost all right (a tagger that learned little scores low here too).
    expect(score(train.slice(0, 200)).micro.f1).toBeGreaterThanOrEqual(0.98);
  });

  it('compares seeds alone with seeds + augmented over several runs: the counts, means and deviations add up', async () => {
    const out = path.join(tmpDir(), 'aug');
    expect((await cli('augment', 'entity-swap', '--input', SEEDS, '--out', out, '--quiet')).code).toBe(0);
    const augmented = path.join(out, 'augmented.json');
    const r = await cli('evaluate', '--train', SEEDS, '--augmented', augmented, '--test', DEV, '--runs', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);

    // Sentence counts, from the files themselves.
    const records = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Array<{ tokens: string[]; entities: unknown; relations: unknown }>;
    const seeds = records(SEEDS);
    const key = (x: { tokens: string[]; entities: unknown; relations: unknown }) => JSON.stringify([x.tokens, x.entities, x.relations]);
    const seen = new Set(seeds.map(key));
    const added = new Set(records(augmented).map(key).filter((k) => !seen.has(k))).size;
    expect(j.train.sentences).toBe(seeds.length);
    expect(j.test.sentences).toBe(records(DEV).length);
    // The augmented file repeats the seeds: they count once.
    expect(added).toBeGreaterThan(0);
    expect(j.augmented).toEqual({ sentences: seeds.length + added, added });

    // One score per run and seed, and the summaries are their mean and sample deviation.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));
    for (const side of [j.seedOnly, j.withAugmented]) {
      expect(side.runs.map((x: { seed: number }) => x.seed)).toEqual([1, 2]);
      const f1s: number[] = side.runs.map((x: { f1: number }) => x.f1);
      for (const f of f1s) expect(f).toBeGreaterThan(0);
      for (const f of f1s) expect(f).toBeLessThanOrEqual(100);
      expect(side.mean).toBeCloseTo(mean(f1s), 10);
      expect(side.std).toBeCloseTo(sd(f1s), 10);
    }
    // Per-type scores of the first run, over the test set's types.
    expect(Object.keys(j.perType).sort()).toEqual(['Loc', 'Org', 'Other', 'Peop']);
    const diffs = j.withAugmented.runs.map((x: { f1: number }, i: number) => x.f1 - j.seedOnly.runs[i].f1);
    expect(j.difference.mean).toBeCloseTo(mean(diffs), 10);
    expect(j.difference.std).toBeCloseTo(sd(diffs), 10);

    // The same evaluation printed for people shows the same numbers (formatted from this result,
    // not trained again).
    const text = formatEvaluation({ ...j, seedOnly: { ...j.seedOnly, runs: [{ ...j.seedOnly.runs[0], report: { types: j.perType } }] } });
    expect(text).toContain(`seeds only        (${seeds.length} sentences)  ${j.seedOnly.mean.toFixed(2)} ± ${j.seedOnly.std.toFixed(2)}`);
    expect(text).toContain(`seeds + augmented (${seeds.length + added} sentences, ${added} new)  ${j.withAugmented.mean.toFixed(2)} ± ${j.withAugmented.std.toFixed(2)}`);
    expect(text).toMatch(/difference\s+[+-]\d+\.\d\d ± \d+\.\d\d/);
  });

  it('refuses a test set without entities', async () => {
    const empty = path.join(tmpDir(), 'none.conll');
    writeFileSync(empty, 'Nothing O\nhere O\n\n');
    const r = await cli('evaluate', '--train', SEEDS, '--test', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/none\.conll: the test set has no entities to score/);
  });
});
