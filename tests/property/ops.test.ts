import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { entityText } from '../../src/core/model.js';
import { checkExample } from '../../src/core/check.js';
import { rngFor } from '../../src/core/random.js';
import { decodeTags, encodeTags, hasOverlap } from '../../src/core/tags.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { OPERATIONS, findOperation } from '../../src/ops/registry.js';
import { example } from '../support/arbitraries.js';

/** A small corpus of random examples; the example under test is one of them. */
const scenario = fc
  .tuple(fc.array(example({ spaces: true, columns: false }), { minLength: 1, maxLength: 6 }), fc.nat(), fc.integer({ min: 0, max: 1000 }))
  .map(([raw, pick, seed]) => {
    // Ids are unique within a corpus, as every reader makes them.
    const corpus = raw.map((e, i) => ({ ...e, id: `e${i}` }));
    return { corpus, ex: corpus[pick % corpus.length], seed };
  });

function corpusOf(examples: Example[]) {
  const b = new CorpusBuilder();
  for (const e of examples) b.add(e);
  return b.build();
}

const signatures = (ex: Example) => ex.relations.map((r) => `${ex.entities[r.head].type}|${r.type}|${ex.entities[r.tail].type}`).sort();
const texts = (ex: Example) => ex.entities.map((e) => `${entityText(ex, e)}:${e.type}`).sort();

/** Parameters that make every operation act often. */
const BUSY: Record<string, Record<string, unknown>> = {
  mention_replacement_v1: { p: 0.9 },
  mention_replacement_v2: { p: 0.9 },
  label_wise_token_replacement_v1: { p: 0.5 },
  synonym_replacement_v1: { p: 0.9 },
  shuffle_within_segments_v1: { p: 0.9 },
  char_noise_v1: { keyboard: 0.3, transpose: 0.3, delete: 0.3, insert: 0.3, case: 0.3, ocr: 0.3 },
  token_noise_v1: { insert: 0.2, delete: 0.2, swap: 0.2, punctuation: 0.2 },
  negatives_v1: { ratio: 5, label_corruption: 0.5 },
  negatives_v2: { ratio: 5, label_corruption: 0.5, kinds: ['cooccurring', 'reversed', 'type_violating'] },
  long_tail_v1: { target: 'max' },
  label_wise_token_replacement_v2: { p: 0.5 },
  synonym_replacement_v2: { p: 0.9 },
  shuffle_within_segments_v2: { p: 0.9, entities: true },
  token_noise_v2: { insert: 0.2, delete: 0.2, swap: 0.2, punctuation: 0.2 },
  char_noise_v2: { rate: 0.5, max_edits: 3, protect_entities: false },
};

/** Planned operations decide over the whole corpus, then expand each seed. */
function runOp(op: (typeof OPERATIONS)[number], params: Record<string, unknown>, corpus: Example[], ex: Example, seed: number): Example[] {
  const c = corpusOf(corpus);
  if (op.prepare && op.expand) {
    const state = op.prepare(corpus, params, c, seed);
    return op.expand(ex, params, { rng: rngFor(seed, ex.id, op.name, 0), corpus: c, state });
  }
  const out = op.apply(ex, params, { rng: rngFor(seed, ex.id, op.name, 0), corpus: c });
  return out ? [out] : [];
}

describe('every operation keeps spans, labels and relations consistent', () => {
  it('covers every registered operation', () => {
    expect(Object.keys(BUSY).sort()).toEqual(OPERATIONS.map((o) => o.name).sort());
  });

  for (const op of OPERATIONS) {
    const params = op.params.parse(BUSY[op.name]);
    it(`${op.name}: spans in bounds and non-empty, relations valid and of the same signatures`, () => {
      fc.assert(
        fc.property(scenario, ({ corpus, ex, seed }) => {
          const before = structuredClone(ex);
          const outs = runOp(op, params, corpus, ex, seed);
          expect(ex).toEqual(before); // pure: the input is not touched
          for (const out of outs) {
            expect(checkExample(out)).toEqual([]);
            if (out.meta?.negative === 'label_corruption') continue; // one type changed on purpose
            expect(out.entities.map((e) => e.type).sort()).toEqual(ex.entities.map((e) => e.type).sort());
            // Negative instances are additions with their own label; the positives keep their signatures.
            const positives = { ...out, relations: out.relations.filter((r) => !r.negative) };
            if (op.name.startsWith('negatives_')) expect(signatures(positives)).toEqual(signatures(ex));
            else expect(signatures(out)).toEqual(signatures(ex));
            // Flat input stays flat, and its tags are a valid sequence.
            if (!hasOverlap(ex.entities)) {
              expect(hasOverlap(out.entities)).toBe(false);
              const { tags } = encodeTags(out.tokens.length, out.entities, 'IOB2');
              expect(decodeTags(tags, 'IOB2').issues).toEqual([]);
            }
          }
        }),
        { numRuns: 150 },
      );
    });

    it(`${op.name}: the same seed gives the same output`, () => {
      fc.assert(
        fc.property(scenario, ({ corpus, ex, seed }) => {
          expect(runOp(op, params, corpus, ex, seed)).toEqual(runOp(op, params, corpus, ex, seed));
        }),
        { numRuns: 50 },
      );
    });
  }

  for (const name of ['synonym_replacement_v1', 'token_noise_v1', 'char_noise_v1', 'synonym_replacement_v2', 'token_noise_v2']) {
    it(`${name} leaves every entity's text as it was (entities are protected)`, () => {
      const op = findOperation(name)!;
      const params = op.params.parse(BUSY[name]);
      fc.assert(
        fc.property(scenario, ({ corpus, ex, seed }) => {
          const out = op.apply(ex, params, { rng: rngFor(seed, ex.id, name, 0), corpus: corpusOf(corpus) });
          if (out) expect(texts(out)).toEqual(texts(ex));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('label_wise_token_replacement_v1 and shuffle_within_segments_v1 keep every span where it was', () => {
    for (const name of ['label_wise_token_replacement_v1', 'shuffle_within_segments_v1', 'label_wise_token_replacement_v2', 'shuffle_within_segments_v2']) {
      const op = findOperation(name)!;
      const params = op.params.parse(BUSY[name]);
      fc.assert(
        fc.property(scenario, ({ corpus, ex, seed }) => {
          const out = op.apply(ex, params, { rng: rngFor(seed, ex.id, name, 0), corpus: corpusOf(corpus) });
          if (!out) return;
          const spans = (e: Example) => e.entities.map((x) => `${x.start}:${x.end}:${x.type}`).sort();
          expect(spans(out)).toEqual(spans(ex));
          expect(out.tokens.length).toBe(ex.tokens.length);
        }),
        { numRuns: 100 },
      );
    }
  });

  it('mention_replacement_v1 draws substitutes of the same type from the corpus, relation-aware', () => {
    const seeds: Example[] = [
      { id: 'a', tokens: ['Ann', 'works', 'for', 'Acme'], entities: [{ start: 0, end: 1, type: 'PER' }, { start: 3, end: 4, type: 'ORG' }], relations: [{ head: 0, tail: 1, type: 'Work_For' }] },
      { id: 'b', tokens: ['Bob', 'Smith', 'works', 'for', 'Globex', 'Corp'], entities: [{ start: 0, end: 2, type: 'PER' }, { start: 4, end: 6, type: 'ORG' }], relations: [{ head: 0, tail: 1, type: 'Work_For' }] },
      // An ORG never seen as a Work_For tail must not become one.
      { id: 'c', tokens: ['Initech', 'is', 'in', 'Paris'], entities: [{ start: 0, end: 1, type: 'ORG' }, { start: 3, end: 4, type: 'LOC' }], relations: [{ head: 0, tail: 1, type: 'OrgBased_In' }] },
    ];
    const corpus = corpusOf(seeds);
    const op = findOperation('mention_replacement_v1')!;
    const seen = new Set<string>();
    for (let s = 0; s < 200; s++) {
      const out = op.apply(seeds[0], op.params.parse({ p: 1 }), { rng: rngFor(s, 'a', 'mr', 0), corpus });
      if (!out) continue;
      const org = out.entities.find((e) => e.type === 'ORG')!;
      seen.add(entityText(out, org));
      expect(out.relations).toEqual([{ head: 0, tail: 1, type: 'Work_For' }]);
      expect(entityText(out, out.entities[0])).toMatch(/^(Ann|Bob Smith)$/);
    }
    expect(seen).toEqual(new Set(['Globex Corp']));
  });
});

describe('document-level examples keep their sentence boundaries', () => {
  // Token-for-token operations rewrite the whole example at once; a boundary must not move.
  for (const name of ['label_wise_token_replacement_v1', 'shuffle_within_segments_v1', 'char_noise_v1', 'label_wise_token_replacement_v2', 'shuffle_within_segments_v2']) {
    it(`${name} leaves sentenceStarts where they were`, () => {
      const op = findOperation(name)!;
      const params = op.params.parse(BUSY[name]);
      fc.assert(
        fc.property(scenario, fc.array(fc.nat(), { maxLength: 4 }), ({ corpus, ex, seed }, cuts) => {
          const starts = [...new Set([0, ...cuts.map((c) => c % ex.tokens.length)])].sort((a, b) => a - b);
          const doc: Example = { ...ex, sentenceStarts: starts };
          const out = runOp(op, params, corpus, doc, seed);
          for (const o of out) {
            expect(o.tokens.length).toBe(doc.tokens.length);
            expect(o.sentenceStarts).toEqual(starts);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
  for (const op of OPERATIONS) {
    const params = op.params.parse(BUSY[op.name]);
    it(`${op.name}: sentence boundaries stay valid, and no sentence is lost unless its tokens are`, () => {
      fc.assert(
        fc.property(scenario, fc.array(fc.nat(), { maxLength: 4 }), ({ corpus, ex, seed }, cuts) => {
          // Boundaries between sentences, as in real documents: never inside a mention.
          const inside = (c: number) => ex.entities.some((e) => e.start < c && c < e.end);
          const starts = [...new Set([0, ...cuts.map((c) => c % ex.tokens.length).filter((c) => !inside(c))])].sort((a, b) => a - b);
          const doc: Example = { ...ex, sentenceStarts: starts };
          const docs = corpus.map((e) => (e.id === ex.id ? doc : e));
          for (const o of runOp(op, params, docs, doc, seed)) {
            const s = o.sentenceStarts ?? [0];
            expect(s[0]).toBe(0);
            for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
            expect(s[s.length - 1]).toBeLessThan(Math.max(1, o.tokens.length));
            // Only deleting tokens can empty a sentence.
            if (!op.name.startsWith('token_noise_')) expect(s.length).toBe(starts.length);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
