import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';
import { evaluate } from '../../src/commands/evaluate.js';

// Invented sentences as JSON records.
const ent = (start: number, end: number, type: string) => ({ start, end, type });
const rec = (tokens: string[], entities: Array<ReturnType<typeof ent>>) => ({ tokens, entities, relations: [] });
const TRAIN = [
  rec(['Quillen', 'visited', 'Ogdenville', '.'], [ent(0, 1, 'PER'), ent(2, 3, 'LOC')]),
  rec(['Bradshaw', 'joined', 'Rovan', 'Systems', '.'], [ent(0, 1, 'PER'), ent(2, 4, 'ORG')]),
  rec(['Ferrante', 'left', 'Ogdenville', 'in', 'May', '.'], [ent(0, 1, 'PER'), ent(2, 3, 'LOC')]),
];
const UNSEEN = [
  rec(['Marlow', 'praised', 'Rovan', 'Systems', '.'], [ent(0, 1, 'PER'), ent(2, 4, 'ORG')]),
  rec(['Ostrander', 'moved', 'to', 'Kelbridge', '.'], [ent(0, 1, 'PER'), ent(3, 4, 'LOC')]),
];
// Same tokens as a training sentence, other labels: still a training sentence for the count.
const RELABELLED = rec(['Quillen', 'visited', 'Ogdenville', '.'], [ent(0, 1, 'ORG')]);

const dir = tmpDir('eval-overlap-');
const file = (name: string, records: unknown[]) => {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(records));
  return p;
};
const train = file('train.json', TRAIN);
const fast = ['--runs', '1', '--epochs', '1', '--resamples', '0', '--quiet'];

describe('evaluate counts test sentences that are also training sentences', () => {
  it('disjoint sets: a count of 0, nothing said', async () => {
    const test = file('unseen.json', UNSEEN);
    const r = await cli('evaluate', '--train', train, '--test', test, ...fast);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse((await cli('evaluate', '--train', train, '--test', test, ...fast, '--json')).stdout);
    expect(j.testOverlap).toEqual({ testSentences: 2, inTraining: 0, testEntities: 4, entitiesInTraining: 0, bySource: [{ role: 'train', file: train, sentences: 0 }] });
  });

  it('some in --train (one with other labels): a note with the counts; the table is unchanged', async () => {
    const test = file('half.json', [...UNSEEN, TRAIN[1], RELABELLED]);
    const r = await cli('evaluate', '--train', train, '--test', test, ...fast);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `note: 2 of 4 test sentences (50.0%) are also training sentences, same tokens (2 in --train ${train}); they hold 3 of the test set's 7 gold entities, whose F1 may be inflated (the tagger trained on them)\n`,
    );
    expect(r.stdout).not.toMatch(/inflated|training sentences/);
    const j = JSON.parse((await cli('evaluate', '--train', train, '--test', test, ...fast, '--json')).stdout);
    expect(j.testOverlap).toEqual({ testSentences: 4, inTraining: 2, testEntities: 7, entitiesInTraining: 3, bySource: [{ role: 'train', file: train, sentences: 2 }] });
  });

  it('a test sentence only an augmented file adds is counted under that file', async () => {
    const aug = file('aug.json', [...TRAIN, UNSEEN[1]]);
    const test = file('unseen2.json', UNSEEN);
    const r = await evaluate({ train, augmented: aug, test, runs: '1', epochs: '1', resamples: '0' });
    expect(r.testOverlap).toEqual({
      testSentences: 2,
      inTraining: 1,
      testEntities: 4,
      entitiesInTraining: 2,
      bySource: [
        { role: 'train', file: train, sentences: 0 },
        { role: 'augmented', file: aug, sentences: 1 },
      ],
    });
    const printed = await cli('evaluate', '--train', train, '--augmented', aug, '--test', test, ...fast);
    expect(printed.stderr).toContain(`note: 1 of 2 test sentences (50.0%) are also training sentences, same tokens (1 in what --augmented ${aug} adds)`);
  });

  it('counts sentences inside documents: a DyGIE document holding the test sentences', async () => {
    // Each sentence's entities, at document offsets (DyGIE: [start, end] inclusive).
    let at = 0;
    const ner = TRAIN.map((r) => {
      const list = r.entities.map((e) => [at + e.start, at + e.end - 1, e.type]);
      at += r.tokens.length;
      return list;
    });
    const doc = { doc_key: 'd1', sentences: TRAIN.map((r) => r.tokens), ner, relations: TRAIN.map(() => []) };
    const p = path.join(dir, 'docs.jsonl');
    writeFileSync(p, JSON.stringify(doc) + '\n');
    const r = await evaluate({ train: p, test: file('two.json', [TRAIN[0], UNSEEN[0]]), runs: '1', epochs: '1', resamples: '0' });
    expect(r.testOverlap.inTraining).toBe(1);
    expect(r.testOverlap.testSentences).toBe(2);
    // The document as the test set: its one sentence in training holds 2 of its 6 entities.
    const back = await evaluate({ train: file('first.json', [TRAIN[0], UNSEEN[0]]), test: p, runs: '1', epochs: '1', resamples: '0' });
    expect(back.testOverlap).toMatchObject({ testSentences: 3, inTraining: 1, testEntities: 6, entitiesInTraining: 2 });
  });

  it('every test sentence trained on: a warning, still scored', async () => {
    const r = await cli('evaluate', '--train', train, '--test', train, ...fast);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `warning: every test sentence (3 of 3) is also a training sentence, same tokens (3 in --train ${train}): these F1 scores measure the tagger on sentences it trained on, not on unseen text; is --test part of the training data?\n`,
    );
    expect(r.stdout).toContain('seeds only');
  });
});
