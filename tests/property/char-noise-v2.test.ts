import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { checkExample } from '../../src/core/check.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { findOperation } from '../../src/ops/registry.js';
import { relationCueMask } from '../../src/ops/relation-cues.js';
import { inEntityMask } from '../../src/ops/util.js';
import { example } from '../support/arbitraries.js';

/**
 * Issue 10's promises for char_noise_v2: numbers, number words, relation cue words, short
 * words and mentions are never touched; spans, types and relations stay exactly as they were;
 * each copy holds at most `max_edits` typos, each one keyboard-neighbour letter or one swap of
 * inner letters, and never another word.
 */

// Long and short words, numbers and number words, capitalised words, words a typo could turn
// into another word ("from" -> "form", "trail" -> "trial"), mixed into the random tokens.
const VOCAB = [
  'market', 'reported', 'government', 'officials', 'from', 'form', 'trail', 'trial', 'use', 'sue', 'the', 'said', 'with',
  '1990', '30,000', '12.5', '+3,831', 'three', 'million', 'second', 'never', 'nothing', 'Thursday', 'LEAGUE', 'Market',
  'weapons', 'interview', 'company', 'prices', 'analysts', 'ca', 'in', ',', '.', 'well-known', "don't",
  'HPSG', 'NATO', 'HMMs', 'BRUSSELS', 'Mary', 'Vorax', 'Mitsubishi', 'WordNet', 'AdaBoost', 'EuroWordNet',
];

const wordy = example({ spaces: true }).chain((ex) =>
  fc.array(fc.option(fc.constantFrom(...VOCAB), { nil: undefined }), { minLength: 25, maxLength: 25 }).map((words): Example => ({ ...ex, tokens: ex.tokens.map((t, i) => words[i] ?? t) })),
);

const settings = fc.record({
  rate: fc.constantFrom(0.3, 1),
  max_edits: fc.integer({ min: 1, max: 4 }),
  min_length: fc.integer({ min: 3, max: 6 }),
  cue_window: fc.integer({ min: 0, max: 2 }),
  words: fc.constantFrom('lower', 'any'),
  kinds: fc.constantFrom(['keyboard'], ['swap'], ['keyboard', 'swap']),
  protect_entities: fc.boolean(),
  name_min_length: fc.integer({ min: 3, max: 8 }),
});

const scenario = fc.tuple(fc.array(wordy, { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer({ min: 0, max: 1000 }), settings).map(([raw, pick, seed, params]) => {
  const corpus = raw.map((e, i) => ({ ...e, id: `e${i}` }));
  return { corpus, ex: corpus[pick % corpus.length], seed, params };
});

function run(params: Record<string, unknown>, corpus: Example[], ex: Example, seed: number): Example | null {
  const op = findOperation('char_noise_v2')!;
  const b = new CorpusBuilder();
  for (const e of corpus) b.add(e);
  return op.apply(ex, op.params.parse(params), { rng: rngFor(seed, ex.id, 'char_noise_v2', 0), corpus: b.build() });
}

/** Indices of the tokens `out` changed. */
const changed = (ex: Example, out: Example) => ex.tokens.flatMap((t, i) => (out.tokens[i] !== t ? [i] : []));

const key = (e: { start: number; end: number; type: string }) => `${e.start}:${e.end}:${e.type}`;
const spans = (ex: Example) => ex.entities.map(key).sort();
const relations = (ex: Example) => ex.relations.map((r) => `${key(ex.entities[r.head])}|${r.type}|${key(ex.entities[r.tail])}|${r.negative ?? ''}`).sort();

const NUMBER_WORDS = new Set(['three', 'million', 'second']);
const NEGATIONS = new Set(['never', 'nothing']);

// Letters next to each other on a keyboard (rows offset as typed).
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbours(a: string, b: string): boolean {
  const at = (c: string) => ROWS.flatMap((row, r) => (row.includes(c) ? [[r, row.indexOf(c)]] : []))[0];
  const [p, q] = [at(a.toLowerCase()), at(b.toLowerCase())];
  if (!p || !q) return false;
  const [dr, dc] = [q[0] - p[0], q[1] - p[1]];
  return (dr === 0 && Math.abs(dc) === 1) || (dr === -1 && (dc === 0 || dc === 1)) || (dr === 1 && (dc === 0 || dc === -1));
}

/** Whether `b` is `a` with one inner letter replaced by its keyboard neighbour, or two inner letters swapped. */
function oneTypo(a: string, b: string): boolean {
  if (a.length !== b.length || a[0] !== b[0] || a.at(-1) !== b.at(-1)) return false;
  const diff = [...a].flatMap((c, i) => (b[i] !== c ? [i] : []));
  if (diff.length === 1) return neighbours(a[diff[0]], b[diff[0]]);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/** More than half the words of two or more letters are in capitals (a headline, a dateline). */
function shouts(tokens: readonly string[]): boolean {
  const words = tokens.filter((t) => t.length >= 2 && /^\p{L}+$/u.test(t));
  return words.filter((t) => /^\p{Lu}{2,}s?$/u.test(t)).length * 2 > words.length;
}

describe('char_noise_v2', () => {
  it('never changes a number, a number word or a negation', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, ex, seed, params }) => {
        const out = run(params, corpus, ex, seed);
        if (!out) return;
        for (const i of changed(ex, out)) {
          expect(ex.tokens[i]).not.toMatch(/\d/);
          expect(NUMBER_WORDS.has(ex.tokens[i].toLowerCase())).toBe(false);
          expect(NEGATIONS.has(ex.tokens[i].toLowerCase())).toBe(false);
          expect(out.tokens[i]).not.toMatch(/\d/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never changes a relation cue word (between the arguments, and the window)', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, ex, seed, params }) => {
        const out = run(params, corpus, ex, seed);
        if (!out) return;
        const cue = relationCueMask(ex, params.cue_window);
        for (const i of changed(ex, out)) expect(cue[i]).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never changes a mention token unless protect_entities is false', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, ex, seed, params }) => {
        const out = run({ ...params, protect_entities: true }, corpus, ex, seed);
        if (!out) return;
        const mention = inEntityMask(ex);
        for (const i of changed(ex, out)) expect(mention[i]).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every span, type, relation and whitespace flag; the example stays valid', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, ex, seed, params }) => {
        const out = run(params, corpus, ex, seed);
        if (!out) return;
        expect(checkExample(out)).toEqual([]);
        expect(out.tokens.length).toBe(ex.tokens.length);
        // Entities may come back in text order; relations are compared through their arguments.
        expect(spans(out)).toEqual(spans(ex));
        expect(relations(out)).toEqual(relations(ex));
        expect(out.spaces).toEqual(ex.spaces);
      }),
      { numRuns: 300 },
    );
  });

  it('makes at most max_edits typos, each one readable slip in a long enough word, never another word', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, ex, seed, params }) => {
        const out = run(params, corpus, ex, seed);
        if (!out) return;
        const edits = changed(ex, out);
        expect(edits.length).toBeGreaterThan(0);
        expect(edits.length).toBeLessThanOrEqual(params.max_edits);
        const seen = new Set(corpus.flatMap((e) => e.tokens.map((t) => t.toLowerCase())));
        for (const i of edits) {
          const [a, b] = [ex.tokens[i], out.tokens[i]];
          expect(a.length).toBeGreaterThanOrEqual(params.min_length);
          expect(a).toMatch(params.words === 'lower' ? /^\p{Ll}+$/u : /^\p{L}+$/u);
          // A name or a mention's word: longer still. Capitals in running text: an acronym, left alone.
          if (/^\p{Lu}/u.test(a) || (!params.protect_entities && inEntityMask(ex)[i])) expect(a.length).toBeGreaterThanOrEqual(params.name_min_length);
          if (/^\p{Lu}{2,}s?$/u.test(a)) expect(shouts(ex.tokens), `${a} in ${ex.tokens.join(' ')}`).toBe(true);
          expect(oneTypo(a, b), `${a} -> ${b}`).toBe(true);
          // Capitals stay where they were ("WordNet" never "WorNdet").
          expect([...b].map((c) => c !== c.toLowerCase()), `${a} -> ${b}`).toEqual([...a].map((c) => c !== c.toLowerCase()));
          expect(seen.has(b.toLowerCase()), `${a} -> ${b}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('spells each name one way: no typo in a clustered mention, nor in a name or mention word the example repeats', () => {
    const clustered = fc.tuple(scenario, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 12, maxLength: 12 })).map(([sc, cs]) => {
      const ex = { ...sc.ex, entities: sc.ex.entities.map((e, k) => (cs[k] === 0 ? e : { ...e, cluster: cs[k] })) };
      return { ...sc, ex, corpus: [ex], params: { ...sc.params, words: 'any' as const, protect_entities: false, rate: 1 } };
    });
    fc.assert(
      fc.property(clustered, ({ corpus, ex, seed, params }) => {
        const out = run(params, corpus, ex, seed);
        if (!out) return;
        const mention = inEntityMask(ex);
        for (const i of changed(ex, out)) {
          const t = ex.tokens[i];
          const repeats = ex.tokens.filter((u, k) => k !== i && u.toLowerCase() === t.toLowerCase()).length;
          if (mention[i] || /^\p{Lu}/u.test(t)) expect(repeats, t).toBe(0);
          for (const e of ex.entities) {
            if (i < e.start || i >= e.end || e.cluster === undefined) continue;
            expect(ex.entities.filter((o) => o.cluster === e.cluster).length, t).toBe(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same seed gives the same copy', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, ex, seed, params }) => {
        expect(run(params, corpus, ex, seed)).toEqual(run(params, corpus, ex, seed));
      }),
      { numRuns: 100 },
    );
  });
});

describe('char_noise_v2 examples', () => {
  const ex: Example = {
    id: 'a',
    tokens: ['Officials', 'use', 'the', 'market', 'from', '1990', 'to', 'report', 'three', 'million', 'prices', '.'],
    entities: [{ start: 10, end: 11, type: 'Other' }],
    relations: [],
  };

  it('spares short words, numbers and capitalised words; a typo lands on a long lower-case word', () => {
    for (let seed = 0; seed < 40; seed++) {
      const out = run({ rate: 1, max_edits: 3 }, [ex], ex, seed)!;
      const edits = changed(ex, out).map((i) => ex.tokens[i]);
      expect(edits.length).toBeGreaterThan(0);
      for (const w of edits) expect(['market', 'from', 'report']).toContain(w);
    }
  });

  it('never turns "from" into "form" nor "trail" into "trial" (another word)', () => {
    const words: Example = { id: 'b', tokens: ['from', 'trail', 'form'], entities: [], relations: [] };
    for (let seed = 0; seed < 60; seed++) {
      const out = run({ rate: 1, max_edits: 3, kinds: ['swap'] }, [words], words, seed);
      // "from" has one inner swap ("form"), a word: left alone. "trail" -> "taril" or "trial" (a word).
      expect(out?.tokens[0] ?? 'from').toBe('from');
      expect(out?.tokens[1] ?? 'taril').toBe('taril');
    }
  });

  it('with protect_entities false, a mention may get a typo too', () => {
    const outs = Array.from({ length: 20 }, (_, seed) => run({ rate: 1, max_edits: 5, protect_entities: false }, [ex], ex, seed)!);
    expect(outs.some((o) => o.tokens[10] !== 'prices')).toBe(true);
    expect(outs.every((o) => o.entities[0].start === 10 && o.entities[0].end === 11)).toBe(true);
  });

  it('leaves an acronym in running text alone, but edits a word in a headline in capitals', () => {
    const text: Example = { id: 'd', tokens: ['the', 'HPSG', 'parser', 'and', 'QRMLP', 'models'], entities: [{ start: 1, end: 2, type: 'Method' }], relations: [] };
    const head: Example = { id: 'e', tokens: ['SOCCER', '-', 'BRUSSELS', 'RESULTS', 'TODAY'], entities: [{ start: 2, end: 3, type: 'LOC' }], relations: [] };
    const outs = (e: Example) => Array.from({ length: 30 }, (_, seed) => run({ rate: 1, max_edits: 5, words: 'any', protect_entities: false, name_min_length: 4 }, [e], e, seed));
    for (const o of outs(text)) if (o) expect([o.tokens[1], o.tokens[4]]).toEqual(['HPSG', 'QRMLP']);
    expect(outs(text).some((o) => o !== null)).toBe(true);
    expect(outs(head).some((o) => o !== null && o.tokens[2] !== 'BRUSSELS')).toBe(true);
  });

  it('gives a name or a mention word a typo only from name_min_length letters', () => {
    const names: Example = { id: 'f', tokens: ['Mary', 'met', 'Vorax', 'traders', 'and', 'Mitsubishi', 'ranks'], entities: [{ start: 2, end: 3, type: 'ORG' }, { start: 6, end: 7, type: 'Other' }], relations: [] };
    const outs = Array.from({ length: 40 }, (_, seed) => run({ rate: 1, max_edits: 5, words: 'any', protect_entities: false }, [names], names, seed)!);
    for (const o of outs) expect([o.tokens[0], o.tokens[2], o.tokens[6]]).toEqual(['Mary', 'Vorax', 'ranks']);
    expect(outs.some((o) => o.tokens[5] !== 'Mitsubishi')).toBe(true);
    expect(outs.some((o) => o.tokens[3] !== 'traders')).toBe(true);
  });

  it('leaves a mention alone where the example spells its name twice or names it by coreferent mentions', () => {
    const twice: Example = { id: 'g', tokens: ['Bradshaw', 'visited', 'Ogdenville', 'where', 'Bradshaw', 'lectured'], entities: [{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'LOC' }, { start: 4, end: 5, type: 'PER' }], relations: [] };
    const outs = Array.from({ length: 40 }, (_, seed) => run({ rate: 1, max_edits: 5, words: 'any', protect_entities: false }, [twice], twice, seed)!);
    for (const o of outs) expect([o.tokens[0], o.tokens[4]]).toEqual(['Bradshaw', 'Bradshaw']);
    expect(outs.some((o) => o.tokens[2] !== 'Ogdenville')).toBe(true);
    const coref: Example = { ...twice, id: 'h', tokens: ['Bradshaw', 'visited', 'Ogdenville', 'where', 'Professor', 'lectured'], entities: twice.entities.map((e, k) => (k === 1 ? e : { ...e, cluster: 1 })) };
    const cs = Array.from({ length: 40 }, (_, seed) => run({ rate: 1, max_edits: 5, words: 'any', protect_entities: false }, [coref], coref, seed)!);
    for (const o of cs) expect([o.tokens[0], o.tokens[4]]).toEqual(['Bradshaw', 'Professor']);
    const alone: Example = { ...coref, id: 'i', entities: coref.entities.map((e, k) => (k === 0 ? { ...e, cluster: 2 } : e)) };
    const as = Array.from({ length: 40 }, (_, seed) => run({ rate: 1, max_edits: 5, words: 'any', protect_entities: false }, [alone], alone, seed)!);
    expect(as.some((o) => o.tokens[0] !== 'Bradshaw')).toBe(true);
  });

  it('leaves an unlabelled name the example repeats alone, but not a repeated lower-case word', () => {
    const cite: Example = { id: 'k', tokens: ['the', 'review', 'by', 'Brannigan', '(', 'Brannigan', ',', '1992', ')', 'review', 'methods'], entities: [], relations: [] };
    const outs = Array.from({ length: 40 }, (_, seed) => run({ rate: 1, max_edits: 5, words: 'any' }, [cite], cite, seed)!);
    for (const o of outs) expect([o.tokens[3], o.tokens[5]]).toEqual(['Brannigan', 'Brannigan']);
    expect(outs.some((o) => o.tokens[1] !== 'review')).toBe(true);
  });

  it('swaps two letters of one case only: a capital stays where it was', () => {
    const camel: Example = { id: 'j', tokens: ['the', 'WordNet', 'and', 'AdaBoost', 'tools'], entities: [{ start: 1, end: 2, type: 'Material' }], relations: [] };
    const caps = (t: string) => [...t].map((c) => c !== c.toLowerCase()).join();
    const outs = Array.from({ length: 60 }, (_, seed) => run({ rate: 1, max_edits: 5, words: 'any', protect_entities: false, kinds: ['swap'] }, [camel], camel, seed)!);
    for (const o of outs) for (const k of [1, 3]) expect(caps(o.tokens[k]), o.tokens[k]).toBe(caps(camel.tokens[k]));
    expect(outs.some((o) => o.tokens[1] !== 'WordNet') && outs.some((o) => o.tokens[3] !== 'AdaBoost')).toBe(true);
  });

  it('returns null when no word may be edited', () => {
    const none: Example = { id: 'c', tokens: ['use', 'the', '1990', 'three', 'Market'], entities: [], relations: [] };
    expect(run({ rate: 1 }, [none], none, 1)).toBeNull();
  });

  it('rejects unknown settings with a reason', () => {
    const op = findOperation('char_noise_v2')!;
    expect(op.params.safeParse({ ocr: 0.1 }).success).toBe(false);
    expect(op.params.safeParse({ min_length: 2 }).success).toBe(false);
    expect(op.params.safeParse({ kinds: [] }).success).toBe(false);
  });
});
