import { describe, expect, it } from 'vitest';
import { trainAndScore } from '../../src/commands/evaluate.js';
import { firstSentences } from '../support/format-io.js';
import { data } from '../support/paths.js';


/**
 * `evaluate` pairs "seeds only" with "seeds + augmented" (eval/reading-order.ts): a training
 * depends on which sentences it reads, never on the order they come in, and a sentence with
 * nothing to learn from (no token) changes nothing. Each comparison is exact: one update in
 * another place moves F1.
 */
describe('the evaluate tagger is a function of its training sentences, not of their order', () => {
  it('trains to the same scores on the seeds in any order, with their entities listed in any order, with relations, and with an empty sentence added', async () => {
    const seeds = (await firstSentences(data('conll2003/train.txt'), 80)).map((ex) => ({ ...ex, docStart: undefined }));
    const test = await firstSentences(data('conll2003/valid.txt'), 150);
    const base = trainAndScore(seeds, test, 3);
    expect(base.f1).toBeGreaterThan(0);
    // Reversed, the first entity type and the first BIOES label the tagger meets change too.
    const reversed = trainAndScore([...seeds].reverse(), test, 3);
    expect(reversed.f1).toBe(base.f1);
    expect(reversed.counts).toEqual(base.counts);
    const rotated = trainAndScore([...seeds.slice(37), ...seeds.slice(0, 37)], test, 3);
    expect(rotated.f1).toBe(base.f1);
    const withEmpty = trainAndScore([...seeds.slice(0, 10), { id: 'empty', tokens: [], entities: [], relations: [] }, ...seeds.slice(10)], test, 3);
    expect(withEmpty.f1).toBe(base.f1);
    // What the tagger does not read: the order entities are listed in, relations.
    const listedBackwards = seeds.map((ex) => ({ ...ex, entities: [...ex.entities].reverse() }));
    expect(trainAndScore(listedBackwards, test, 3).f1).toBe(base.f1);
    const related = seeds.map((ex) => (ex.entities.length >= 2 ? { ...ex, relations: [{ head: 0, tail: 1, type: 'Near' }] } : ex));
    expect(trainAndScore(related, test, 3).f1).toBe(base.f1);
    // Another run seed is another training.
    expect(trainAndScore(seeds, test, 4).f1).not.toBe(base.f1);
  });
});
