import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { cli } from '../support/cli.js';
import { firstSentences } from '../support/format-io.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { PerceptronTagger } from '../../src/eval/tagger.js';
import { classificationReport } from '../../src/eval/seqeval.js';
import { encodeTags } from '../../src/core/tags.js';
import { rngFor } from '../../src/core/random.js';
import type { Example } from '../../src/core/model.js';


const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');

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

  it('refuses a test set without entities', async () => {
    const empty = path.join(tmpDir(), 'none.conll');
    writeFileSync(empty, 'Nothing O\nhere O\n\n');
    const r = await cli('evaluate', '--train', SEEDS, '--test', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/none\.conll: the test set has no entities to score/);
  });
});
