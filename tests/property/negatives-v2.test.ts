import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { entityText, overlaps } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { negativesV2 } from '../../src/ops/span/negatives-v2.js';
import { example } from '../support/arbitraries.js';

const RELS = ['Work_For', 'Live_In', 'part-of'];

/** A corpus of random examples, some relation types declared symmetric. */
const scenario = fc.tuple(fc.array(example({ spaces: true }), { minLength: 1, maxLength: 6 }), fc.subarray(RELS), fc.subarray(RELS), fc.integer({ min: 0, max: 1000 })).map(([raw, declared, inRecipe, seed]) => ({
  corpus: raw.map((e, i) => ({ ...e, id: `e${i}` })),
  declared,
  inRecipe,
  seed,
}));

function negativesOf(corpus: Example[], declared: string[], inRecipe: string[], seed: number, kinds = ['cooccurring', 'reversed', 'type_violating']) {
  const b = new CorpusBuilder();
  corpus.forEach((e) => b.add(e));
  const stats = b.build(declared);
  // The recipe may spell a symmetric type in another case than the data.
  const p = negativesV2.params.parse({ ratio: 10, max_per_sentence: 50, kinds, symmetric: inRecipe.map((t) => t.toUpperCase()) });
  const state = negativesV2.prepare!(corpus, p, stats, seed);
  return { stats, out: corpus.map((ex) => negativesV2.expand!(ex, p, { rng: rngFor(seed, ex.id), corpus: stats, state })[0]) };
}

describe('negatives_v2', () => {
  it('no negative pair is a gold pair, nor the reverse of a symmetric one, nor two names related anywhere in the corpus', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, declared, inRecipe, seed }) => {
        const symmetric = new Set([...declared, ...inRecipe]);
        const { out } = negativesOf(corpus, declared, inRecipe, seed);
        // Names related anywhere in the corpus (another sentence, another copy of this one).
        const relatedTexts = new Set(corpus.flatMap((ex) => ex.relations.map((g) => `${entityText(ex, ex.entities[g.head])}|${entityText(ex, ex.entities[g.tail])}`)));
        corpus.forEach((ex, k) => {
          const gold = ex.relations;
          const text = (i: number) => entityText(ex, ex.entities[i]);
          const negs = out[k].relations.filter((r) => r.negative);
          expect(out[k].relations.filter((r) => !r.negative)).toEqual(gold);
          for (const n of negs) {
            expect(n.head).not.toBe(n.tail);
            expect(overlaps(ex.entities[n.head], ex.entities[n.tail])).toBe(false);
            for (const g of gold) {
              expect([n.head, n.tail]).not.toEqual([g.head, g.tail]);
              if (symmetric.has(g.type)) expect([n.head, n.tail]).not.toEqual([g.tail, g.head]);
            }
            expect(relatedTexts.has(`${text(n.head)}|${text(n.tail)}`)).toBe(false);
            if (n.negative !== 'reversed') expect(relatedTexts.has(`${text(n.tail)}|${text(n.head)}`)).toBe(false);
          }
          // One negative per pair at most.
          expect(new Set(negs.map((n) => `${n.head},${n.tail}`)).size).toBe(negs.length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('by default, every negative is one the types alone cannot decide', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, declared, inRecipe, seed }) => {
        const { stats, out } = negativesOf(corpus, declared, inRecipe, seed, negativesV2.params.parse({}).kinds);
        const sigs = [...stats.schema.signatures.keys()].map((k) => k.split('|'));
        corpus.forEach((ex, k) => {
          for (const n of out[k].relations.filter((r) => r.negative)) {
            const h = ex.entities[n.head].type, t = ex.entities[n.tail].type;
            if (n.negative === 'cooccurring') expect(sigs.some(([a, , b]) => a === h && b === t)).toBe(true);
            else {
              expect(n.negative).toBe('reversed');
              // Every gold relation it reverses takes its arguments this way round too.
              for (const g of ex.relations.filter((x) => x.head === n.tail && x.tail === n.head)) expect(stats.schema.signatures.has(`${h}|${g.type}|${t}`)).toBe(true);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('pairs stay within a sentence of a document', () => {
    const ex: Example = {
      id: 'd',
      tokens: ['Ann', 'lives', 'in', 'Rome', '.', 'Bob', 'works', 'in', 'Oslo', '.'],
      sentenceStarts: [0, 5],
      entities: [
        { start: 0, end: 1, type: 'PER' },
        { start: 3, end: 4, type: 'LOC' },
        { start: 5, end: 6, type: 'PER' },
        { start: 8, end: 9, type: 'LOC' },
      ],
      relations: [{ head: 0, tail: 1, type: 'Live_In' }],
    };
    const { out } = negativesOf([ex], [], [], 1);
    const pairs = out[0].relations.filter((r) => r.negative).map((r) => `${r.head},${r.tail}:${r.negative}`).sort();
    // Ann-Rome is gold (PER->LOC only: no reversal); Bob-Oslo fits Live_In; Oslo->Bob fits nothing.
    expect(pairs).toEqual(['2,3:cooccurring', '3,2:type_violating']);
  });
});
