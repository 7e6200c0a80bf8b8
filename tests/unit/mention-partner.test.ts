import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { corpusOf, ex, outputs } from '../support/mention-draws.js';

/** `ex` with relations [head, tail, type]. */
const rel = (e: Example, rels: Array<[number, number, string]>): Example => ({ ...e, relations: rels.map(([head, tail, type]) => ({ head, tail, type })) });

// Invented concepts: which metric measures which system is a fact of the pair, not of the types.
const seed = rel(ex('s1', 'we measure recall rate of the graph parser here .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);
const sameSystem = rel(ex('s2', 'we measure error rate of the graph parser too .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);
const otherSystem = rel(ex('s3', 'we measure noise rate of the tree parser too .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);

describe('partner_fit: a relation between concepts keeps a partner the seeds state it of', () => {
  const corpus = corpusOf(seed, sameSystem, otherSystem);

  it('draws only a metric the seeds state of the same system, and keeps the system', () => {
    expect(outputs(seed, corpus)).toEqual(new Set(['we measure error rate of the graph parser here .']));
  });

  it('draws any metric or system of the role with the rule off', () => {
    const got = [...outputs(seed, corpus, { partner_fit: false })].join('\n');
    expect(got).toContain('noise rate');
    expect(got).toContain('tree parser');
  });

  it('never swaps both arguments of one relation: the new pair is stated nowhere', () => {
    const sameMetric = rel(ex('s4', 'we measure recall rate of the tree parser too .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);
    const got = outputs(seed, corpusOf(seed, sameSystem, otherSystem, sameMetric));
    expect(got.size).toBeGreaterThan(0);
    for (const text of got) expect(text.includes('error rate') && text.includes('tree parser')).toBe(false);
  });

  it('a one-word lower-case partner ("it") anchors nothing: its argument keeps its name', () => {
    const s = rel(ex('p1', 'we measure recall rate of it here .', [[2, 4, 'Metric'], [5, 6, 'Generic']]), [[0, 1, 'Evaluate-for']]);
    const t = rel(ex('p2', 'we measure error rate of it too .', [[2, 4, 'Metric'], [5, 6, 'Generic']]), [[0, 1, 'Evaluate-for']]);
    const c = corpusOf(s, t, sameSystem, otherSystem);
    expect(outputs(s, c)).toEqual(new Set(['(none)']));
    expect(outputs(s, c, { partner_fit: false })).toContain('we measure error rate of it here .');
  });

  it('does not judge relations between names: any person of the role may work anywhere', () => {
    const a = rel(ex('n1', 'Ada Brennan works for Acme Corp here .', [[0, 2, 'Peop'], [4, 6, 'Org']]), [[0, 1, 'Work_For']]);
    const b = rel(ex('n2', 'Bo Chen works for Zeta Labs too .', [[0, 2, 'Peop'], [4, 6, 'Org']]), [[0, 1, 'Work_For']]);
    expect(outputs(a, corpusOf(a, b))).toContain('Bo Chen works for Zeta Labs here .');
  });
});
