import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

describe('a predicted entity counts only when its type and both boundaries match', () => {
  const gold = [['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC']];
  const cases: Array<[string, string[]]> = [
    ['same type and start, shorter', ['B-PER', 'I-PER', 'O', 'O', 'B-LOC']],
    ['same type and start, longer', ['B-PER', 'I-PER', 'I-PER', 'I-PER', 'B-LOC']],
    ['same type and end, later start', ['O', 'B-PER', 'I-PER', 'O', 'B-LOC']],
    ['same boundaries, other type', ['B-ORG', 'I-ORG', 'I-ORG', 'O', 'B-LOC']],
  ];
  for (const [what, pred] of cases) {
    for (const mode of ['default', 'strict'] as const) {
      it(`${what} (${mode} mode): PER scores 0, LOC scores 1`, () => {
        const r = classificationReport(gold, [pred], mode === 'strict' ? { mode, scheme: 'IOB2' } : {});
        expect(r.types.PER).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
        expect(r.types.LOC.f1).toBe(1);
        expect(r.micro.recall).toBe(0.5);
      });
    }
  }

  /** Entities as (type, start, end), encoded here on their own as IOB2 tags. */
  type Span = [string, number, number];
  const iob2 = (n: number, spans: Span[]) => {
    const tags = new Array<string>(n).fill('O');
    for (const [t, s, e] of spans) for (let i = s; i < e; i++) tags[i] = `${i === s ? 'B' : 'I'}-${t}`;
    return tags;
  };
  const spans = (n: number) =>
    fc.array(fc.tuple(fc.constantFrom('PER', 'LOC', 'ORG'), fc.nat(n - 1), fc.integer({ min: 1, max: 3 })), { maxLength: 4 }).map((xs) => {
      // Non-overlapping, in order: what a tag sequence can hold.
      const out: Span[] = [];
      for (const [t, s, len] of xs.sort((a, b) => a[1] - b[1])) if (!out.length || s >= out[out.length - 1][2]) out.push([t, s, Math.min(n, s + len)]);
      return out;
    });
  // A prediction close to the gold: each entity kept, re-typed, moved at one edge or dropped.
  const sentence = fc.integer({ min: 1, max: 12 }).chain((n) =>
    spans(n).chain((g) =>
      fc.tuple(fc.constant(n), fc.constant(g), fc.array(fc.constantFrom('keep', 'type', 'end-1', 'end+1', 'start+1', 'drop'), { minLength: g.length, maxLength: g.length })),
    ),
  );

  it('on random sentences, true positives are exactly the (type, start, end) triples both sides share', () => {
    let partial = 0;
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), (sents) => {
        const gold: string[][] = [];
        const pred: string[][] = [];
        let tp = 0;
        let nGold = 0;
        let nPred = 0;
        for (const [n, g, how] of sents) {
          const p: Span[] = [];
          g.forEach(([t, s, e], i) => {
            const next = g[i + 1]?.[1] ?? n;
            const m = how[i];
            if (m === 'keep') p.push([t, s, e]);
            if (m === 'type') p.push([t === 'PER' ? 'ORG' : 'PER', s, e]);
            if (m === 'end-1' && e - s > 1) p.push([t, s, e - 1]);
            if (m === 'end+1' && e < next) p.push([t, s, e + 1]);
            if (m === 'start+1' && e - s > 1) p.push([t, s + 1, e]);
            if (m !== 'keep' && m !== 'type' && m !== 'drop' && p.length && p[p.length - 1][1] === s && p[p.length - 1][0] === t) partial++;
          });
          const key = (x: Span) => x.join('|');
          const gs = new Set(g.map(key));
          tp += p.filter((x) => gs.has(key(x))).length;
          nGold += g.length;
          nPred += p.length;
          gold.push(iob2(n, g));
          pred.push(iob2(n, p));
        }
        for (const o of [{}, { mode: 'strict' as const, scheme: 'IOB2' as const }]) {
          const r = classificationReport(gold, pred, o);
          expect(r.micro.precision).toBeCloseTo(nPred ? tp / nPred : 0, 12);
          expect(r.micro.recall).toBeCloseTo(nGold ? tp / nGold : 0, 12);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
    // Predictions that share type and start but not the end came up.
    expect(partial).toBeGreaterThan(20);
  });
});
