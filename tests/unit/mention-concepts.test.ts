import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { corpusOf, ex, outputs } from '../support/mention-draws.js';
import { CorpusBuilder, type CorpusStats } from '../../src/ops/corpus.js';
import { conceptsKeptNote, untypedPairsNote } from '../../src/ops/span/mention-concepts.js';
import { mentionReplacementV2 as op } from '../../src/ops/span/mention-replacement-v2.js';
import { whyShort } from '../../src/pipeline/long-tail-report.js';

/** `ex` with relations [head, tail, type]. */
const rel = (e: Example, rels: Array<[number, number, string]>): Example => ({ ...e, relations: rels.map(([head, tail, type]) => ({ head, tail, type })) });

// Invented concepts: which metric measures which system is a fact of the pair, not of the types.
const seed = rel(ex('s1', 'we measure recall rate of the graph parser here .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);
const sameSystem = rel(ex('s2', 'we measure error rate of the graph parser too .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);
const otherSystem = rel(ex('s3', 'we measure noise rate of the tree parser too .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);

describe('partner_fit: a relation between concepts keeps a partner the seeds state it of', () => {
  const corpus = corpusOf(seed, sameSystem, otherSystem);
  // Concept phrases swapped by type (as `outputs` does; the op keeps them), so that the partner rule decides.
  const byType = { concept_phrases: 'any' };

  it('draws only a metric the seeds state of the same system, and keeps the system', () => {
    expect(outputs(seed, corpus, byType)).toEqual(new Set(['we measure error rate of the graph parser here .']));
  });

  it('draws any metric or system of the role with the rule off', () => {
    const got = [...outputs(seed, corpus, { ...byType, partner_fit: false })].join('\n');
    expect(got).toContain('noise rate');
    expect(got).toContain('tree parser');
  });

  it('never swaps both arguments of one relation: the new pair is stated nowhere', () => {
    const sameMetric = rel(ex('s4', 'we measure recall rate of the tree parser too .', [[2, 4, 'Metric'], [6, 8, 'Method']]), [[0, 1, 'Evaluate-for']]);
    const got = outputs(seed, corpusOf(seed, sameSystem, otherSystem, sameMetric), byType);
    expect(got.size).toBeGreaterThan(0);
    for (const text of got) expect(text.includes('error rate') && text.includes('tree parser')).toBe(false);
  });

  it('a symmetric relation is stated either way round (role pools off: the substitute was only ever a tail)', () => {
    const s = rel(ex('y1', 'we compare graph parser with tree tagger here .', [[2, 4, 'Method'], [5, 7, 'Method']]), [[0, 1, 'Compare']]);
    const t = rel(ex('y2', 'we compare tree tagger with chunk parser too .', [[2, 4, 'Method'], [5, 7, 'Method']]), [[0, 1, 'Compare']]);
    const build = (symmetric: string[]) => {
      const b = new CorpusBuilder();
      for (const e of [s, t]) b.add(e);
      return b.build(symmetric);
    };
    const draws = (c: CorpusStats) => [...outputs(s, c, { ...byType, labels: ['Method'], relation_aware: false })].join('\n');
    expect(draws(build(['Compare']))).toContain('we compare chunk parser with tree tagger here .');
    expect(draws(build([]))).not.toContain('chunk parser');
  });

  it('a one-word lower-case partner ("it") anchors nothing: its argument keeps its name', () => {
    const s = rel(ex('p1', 'we measure recall rate of it here .', [[2, 4, 'Metric'], [5, 6, 'Generic']]), [[0, 1, 'Evaluate-for']]);
    const t = rel(ex('p2', 'we measure error rate of it too .', [[2, 4, 'Metric'], [5, 6, 'Generic']]), [[0, 1, 'Evaluate-for']]);
    const c = corpusOf(s, t, sameSystem, otherSystem);
    expect(outputs(s, c, byType)).toEqual(new Set(['(none)']));
    expect(outputs(s, c, { ...byType, partner_fit: false })).toContain('we measure error rate of it here .');
  });

  it("judges a relation between an organisation and a place: a firm's city is a fact of the pair", () => {
    const a = rel(ex('o1', 'the Acme Corp office in Springfield opened .', [[1, 3, 'Org'], [5, 6, 'Loc']]), [[0, 1, 'OrgBased_In']]);
    const b = rel(ex('o2', 'the Zeta Labs office in Shelbyville opened .', [[1, 3, 'Org'], [5, 6, 'Loc']]), [[0, 1, 'OrgBased_In']]);
    const c = corpusOf(a, b);
    expect(outputs(a, c)).toEqual(new Set(['(none)']));
    expect([...outputs(a, c, { partner_fit: false })].join('\n')).toContain('Shelbyville');
  });

  it('judges every relation where one type covers every entity (the types say nothing)', () => {
    const a = rel(ex('u1', 'Ada Brennan works for Acme Corp here .', [[0, 2, 'ENTITY'], [4, 6, 'ENTITY']]), [[0, 1, 'Work_For']]);
    const b = rel(ex('u2', 'Bo Chen works for Zeta Labs too .', [[0, 2, 'ENTITY'], [4, 6, 'ENTITY']]), [[0, 1, 'Work_For']]);
    const c = rel(ex('u3', 'Cy Dunn works for Acme Corp too .', [[0, 2, 'ENTITY'], [4, 6, 'ENTITY']]), [[0, 1, 'Work_For']]);
    expect(outputs(a, corpusOf(a, b))).toEqual(new Set(['(none)']));
    expect(outputs(a, corpusOf(a, b, c))).toEqual(new Set(['Cy Dunn works for Acme Corp here .']));
    expect([...outputs(a, corpusOf(a, b), { partner_fit: false })].join('\n')).toContain('Bo Chen');
  });

  it('does not judge relations between names: any person of the role may work anywhere', () => {
    const a = rel(ex('n1', 'Ada Brennan works for Acme Corp here .', [[0, 2, 'Peop'], [4, 6, 'Org']]), [[0, 1, 'Work_For']]);
    const b = rel(ex('n2', 'Bo Chen works for Zeta Labs too .', [[0, 2, 'Peop'], [4, 6, 'Org']]), [[0, 1, 'Work_For']]);
    expect(outputs(a, corpusOf(a, b))).toContain('Bo Chen works for Zeta Labs here .');
  });
});

describe('concept_phrases: what mention replacement does with concepts', () => {
  const a = ex('c1', 'we train a statistical chunker on the data .', [[3, 5, 'Method']]);
  const b = ex('c2', 'we train a dependency chunker on the data .', [[3, 5, 'Method']]);
  const c = ex('c3', 'we train a neural recognizer on the data .', [[3, 5, 'Method']]);
  const corpus = corpusOf(a, b, c);

  it('keeps them by default', () => {
    expect(op.params.parse({}).concept_phrases).toBe('keep');
    expect(outputs(a, corpus, { concept_phrases: 'keep' })).toEqual(new Set(['(none)']));
  });

  it('same_head: a phrase takes only one with the same head word', () => {
    expect(outputs(a, corpus, { concept_phrases: 'same_head' })).toEqual(new Set(['we train a dependency chunker on the data .']));
    expect([...outputs(a, corpus, { concept_phrases: 'any' })].join('\n')).toContain('neural recognizer');
  });

  it('same_head: a concept whose words the sentence uses elsewhere keeps them', () => {
    const echo = ex('c4', 'we train a statistical chunker and other chunkers .', [[3, 5, 'Method']]);
    expect(outputs(echo, corpusOf(echo, a, b, c), { concept_phrases: 'same_head' })).toEqual(new Set(['(none)']));
  });

  it('says which types it kept, and only for a recipe that keeps them', () => {
    const ops = [{ op: 'mention_replacement_v2', params: {} }];
    expect(conceptsKeptNote(ops, corpus)).toMatch(/^note: mention_replacement_v2 left the mentions of Method as they are/);
    expect(conceptsKeptNote([{ op: 'mention_replacement_v2', params: { concept_phrases: 'same_head' } }], corpus)).toBeNull();
    const names = corpusOf(ex('n1', 'Ada Brennan met Bo Chen .', [[0, 2, 'Peop'], [3, 5, 'Peop']]));
    expect(conceptsKeptNote(ops, names)).toBeNull();
  });

  it('says so where one type covers every entity and relations tie them, unless they are concepts', () => {
    const ops = [{ op: 'mention_replacement_v2', params: {} }];
    const pair = (type: string) => rel(ex('t1', 'Ada Brennan works for Acme Corp here .', [[0, 2, type], [4, 6, type]]), [[0, 1, 'Work_For']]);
    expect(untypedPairsNote(ops, corpusOf(pair('ENTITY')))).toMatch(/^note: the seeds give every entity one type \(ENTITY\)/);
    expect(untypedPairsNote([{ op: 'mention_replacement_v2', params: { partner_fit: false } }], corpusOf(pair('ENTITY')))).toBeNull();
    expect(untypedPairsNote(ops, corpusOf(rel(ex('t2', 'Ada Brennan works for Acme Corp .', [[0, 2, 'Peop'], [4, 6, 'Org']]), [[0, 1, 'Work_For']])))).toBeNull();
    expect(untypedPairsNote(ops, corpusOf(ex('t3', 'Ada Brennan met Bo Chen .', [[0, 2, 'ENTITY'], [3, 5, 'ENTITY']])))).toBeNull();
    const nominals = rel(ex('t4', 'the burst was caused by the pressure .', [[1, 2, 'ENTITY'], [6, 7, 'ENTITY']]), [[0, 1, 'Cause-Effect']]);
    expect(untypedPairsNote(ops, corpusOf(nominals))).toBeNull();
  });

  it('the long-tail report says which concept rule stopped a type', () => {
    const summary = (concepts?: 'keep' | 'partner') => ({ target: 9, before: { R: 2 }, after_plan: { R: 2 }, unreachable: ['R'], short: { R: { no_substitute: 5, duplicate: 0, seed_limit: 0, overshoot: 0, ran_out: 'attempts' as const, ...(concepts ? { concepts } : {}) } } });
    expect(whyShort('R', summary('keep'))).toMatch(/concepts, which keep their words/);
    expect(whyShort('R', summary('partner'))).toMatch(/same partner/);
    expect(whyShort('R', summary())).toMatch(/same role and form/);
  });
});

describe('seeds written in lower case throughout (Few-NERD episodes)', () => {
  // Twenty-odd words of invented lower-case text: enough for the case to say something.
  const lower = [
    ex('l1', 'the strelsau public library opened a reading room for the town in the spring .', [[1, 4, 'building-library']]),
    ex('l2', 'the elbonia city library closed its old reading room for the town last year .', [[1, 4, 'building-library']]),
    ex('l3', 'strelsau public library holds maps .', [[0, 3, 'building-library']]),
    ex('l4', 'elbonia city library lends books .', [[0, 3, 'building-library']]),
  ];
  const cased = lower.map((e) => ({ ...e, tokens: e.tokens.map((t, i) => (i < 4 && t !== 'the' ? t.charAt(0).toUpperCase() + t.slice(1) : t)) }));

  it('the corpus knows it, from enough words and not from a stray capital', () => {
    expect(corpusOf(...lower).uncased).toBe(true);
    expect(corpusOf(...cased).uncased).toBe(false);
    expect(corpusOf(lower[2]).uncased).toBe(false);
    const oneCapital = { ...lower[0], tokens: lower[0].tokens.map((t) => (t === 'spring' ? 'Spring' : t)) };
    expect(corpusOf(oneCapital, lower[1], lower[2]).uncased).toBe(false);
    expect(corpusOf(oneCapital, lower[1], lower[2], lower[3], ...lower.slice(0, 2)).uncased).toBe(false);
  });

  it('the note says the case cannot tell names from concepts, not that they are concepts', () => {
    const ops = [{ op: 'mention_replacement_v2', params: {} }];
    expect(conceptsKeptNote(ops, corpusOf(...lower))).toMatch(/written in lower case throughout/);
    expect(conceptsKeptNote(ops, corpusOf(...lower))).not.toMatch(/mostly lower-case phrases/);
  });

  it('a swap at a sentence start stays in lower case', () => {
    const got = outputs(lower[2], corpusOf(...lower), { concept_phrases: 'any' });
    expect(got).toEqual(new Set(['elbonia city library holds maps .']));
  });
});
