import { describe, expect, it } from 'vitest';
import { chunksStrict, classificationReport, relationScores } from '../../src/eval/seqeval.js';

/** The examples seqeval documents (README and its scheme tests). */
describe('seqeval compatibility', () => {
  const yTrue = [['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];
  const yPred = [['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];

  it('README: f1 0.50, accuracy 0.80, per-type and averaged scores (default mode)', () => {
    const r = classificationReport(yTrue, yPred);
    expect(r.micro.f1).toBeCloseTo(0.5, 10);
    expect(r.micro.precision).toBeCloseTo(0.5, 10);
    expect(r.micro.recall).toBeCloseTo(0.5, 10);
    expect(r.accuracy).toBeCloseTo(0.8, 10);
    expect(r.types.MISC).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.types.PER).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(r.macro.f1).toBeCloseTo(0.5, 10);
    expect(r.weighted.f1).toBeCloseTo(0.5, 10);
  });

  it('README: the same report in strict mode with IOB2', () => {
    const r = classificationReport(yTrue, yPred, { mode: 'strict', scheme: 'IOB2' });
    expect(r.micro.f1).toBeCloseTo(0.5, 10);
    expect(r.types.MISC.f1).toBe(0);
    expect(r.types.PER.f1).toBe(1);
  });

  it('default mode is tolerant: an I- after O starts an entity (conlleval); strict IOB2 drops it', () => {
    const gold = [['B-NP', 'I-NP', 'O']];
    const pred = [['I-NP', 'I-NP', 'O']];
    expect(classificationReport(gold, pred).micro.f1).toBe(1);
    expect(classificationReport(gold, pred, { mode: 'strict', scheme: 'IOB2' }).micro.f1).toBe(0);
  });

  const table = (scheme: 'IOB1' | 'IOB2' | 'IOBES', rows: Array<[string[], Array<[string, number, number]>]>) =>
    rows.forEach(([tags, expected]) =>
      it(`${scheme} strict chunks of ${JSON.stringify(tags)}`, () => {
        expect(chunksStrict(tags, scheme).map((c) => [c.type, c.start, c.end])).toEqual(expected);
      }),
    );

  table('IOB1', [
    [['B-PER'], []],
    [['I-PER'], [['PER', 0, 1]]],
    [['O', 'B-PER'], []],
    [['I-PER', 'I-PER'], [['PER', 0, 2]]],
    [['I-PER', 'I-ORG'], [['PER', 0, 1], ['ORG', 1, 2]]],
    [['I-PER', 'B-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    [['I-PER', 'B-ORG'], [['PER', 0, 1]]],
    [['B-PER', 'I-PER'], [['PER', 1, 2]]],
    [['B-PER', 'I-ORG'], [['ORG', 1, 2]]],
    [['B-PER', 'B-PER'], [['PER', 1, 2]]],
    [['B-PER', 'B-ORG'], []],
  ]);
  table('IOB2', [
    [['B-PER'], [['PER', 0, 1]]],
    [['I-PER'], []],
    [['O', 'I-PER'], []],
    [['I-PER', 'B-ORG'], [['ORG', 1, 2]]],
    [['B-PER', 'I-PER'], [['PER', 0, 2]]],
    [['B-PER', 'I-ORG'], [['PER', 0, 1]]],
    [['B-PER', 'B-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    [['B-PER', 'B-ORG'], [['PER', 0, 1], ['ORG', 1, 2]]],
  ]);
  table('IOBES', [
    [['S-PER'], [['PER', 0, 1]]],
    [['B-PER'], []],
    [['B-PER', 'E-PER'], [['PER', 0, 2]]],
    [['B-PER', 'E-ORG'], []],
    [['B-PER', 'S-PER'], [['PER', 1, 2]]],
    [['I-PER', 'E-PER'], []],
    [['S-PER', 'I-PER'], [['PER', 0, 1]]],
    [['S-PER', 'S-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
  ]);

  it('relation extraction: strict needs entity types, boundaries does not; no_relation never scores', () => {
    const gold = [[{ head: [0, 1, 'PER'] as [number, number, string], tail: [3, 4, 'ORG'] as [number, number, string], type: 'Work_For' }]];
    const pred = [[
      { head: [0, 1, 'ORG'] as [number, number, string], tail: [3, 4, 'ORG'] as [number, number, string], type: 'Work_For' },
      { head: [3, 4, 'ORG'] as [number, number, string], tail: [0, 1, 'PER'] as [number, number, string], type: 'no_relation' },
    ]];
    expect(relationScores(gold, pred, { mode: 'strict' }).f1).toBe(0);
    expect(relationScores(gold, pred, { mode: 'boundaries' }).f1).toBe(1);
  });
});
