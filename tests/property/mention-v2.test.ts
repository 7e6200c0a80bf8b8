import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Entity, Example } from '../../src/core/model.js';
import { checkExample } from '../../src/core/check.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder, mentionKey } from '../../src/ops/corpus.js';
import { recase, shapeClass, startsSentence } from '../../src/ops/mention-shape.js';
import { mentionReplacementV2 as op } from '../../src/ops/span/mention-replacement-v2.js';
import { longTail } from '../../src/ops/span/long-tail.js';

/** Mentions of every shape class, some surfaces under two types ("Washington"). */
const MENTIONS: Array<[string, string[]]> = [
  ['PER', ['Ann', 'Lee']], ['PER', ['Bo']], ['PER', ['Cy', 'Wu']], ['PER', ['Washington']], ['PER', ['he']], ['PER', ['she']],
  ['LOC', ['Paris']], ['LOC', ['New', 'York']], ['LOC', ['Kabul']], ['LOC', ['North.']], ['LOC', ['Calif.']], ['LOC', ['U.S.']], ['LOC', ['Washington']],
  ['Other', ['Saturday']], ['Other', ['Monday']], ['Other', ['4', ':', '45', 'a.m.']], ['Other', ['10', 'p.m.']], ['Other', ['1988']], ['Other', ['1977']], ['Other', ['1985']],
  ['Other', ['9', 'percent']], ['Other', ['15', 'percent']], ['Other', ['trees']], ['Other', ['chicken', 'soup']], ['Other', ['Renaissance']],
  ['Other', ['German']], ['Other', ['French']], ['Other', ['Germans']], ['Other', ['Dec.']], ['Other', ['May', '9', ',', '1945']], ['Other', ['Jan.', '4']], ['Other', ['Aug.', '15', ',', '1969']], ['Other', ['Feb.', '2']],
  ['ORG', ['EU']], ['ORG', ['NATO']], ['ORG', ['NEW', 'YORK']], ['ORG', ['Acme', 'Corp.']], ['ORG', ['Machine', 'learning']], ['ORG', ['machine', 'learning']],
  ['ORG', ['IBM']], ['ORG', ['BIG', 'BANK']], ['ORG', ['Globex']], ['ORG', ['deep', 'parsing']], ['PER', ['Dee']], ['LOC', ['Rome']], ['LOC', ['Texas.']],
];

/** Every mention seen in plain contexts (with and without "the", as head and tail of `rel`). */
const CATALOGUE: Example[] = MENTIONS.flatMap(([type, toks], i) => {
  const [type2, toks2] = MENTIONS[(i + 1) % MENTIONS.length];
  const pair = (before: string, mid: string, after: string[]): Example => ({
    id: '',
    tokens: [before, ...toks, mid, ...toks2, ...after],
    entities: [{ start: 1, end: 1 + toks.length, type }, { start: 2 + toks.length, end: 2 + toks.length + toks2.length, type: type2 }],
    relations: [{ head: 0, tail: 1, type: 'rel' }, { head: 1, tail: 0, type: 'rel' }],
  });
  return [pair('the', 'met', ['.']), pair('in', ',', ['said', 'so', '.']), pair('said', 'and', [])];
});
const CONTEXT = ['the', 'a', 'an', 'said', 'in', '.', ',', 'was', 'The', 'Post', '``', "''", 'met', 'of', 'THE'];

type Segment = { mention: number; labelled: boolean } | { word: string };
const segment: fc.Arbitrary<Segment> = fc.oneof(
  fc.record({ mention: fc.nat(), labelled: fc.boolean() }),
  fc.record({ mention: fc.nat(), labelled: fc.constant(true) }),
  fc.record({ word: fc.constantFrom(...CONTEXT) }),
);

/** An example made of context words and mentions (labelled or not), some in clusters. */
const sentence = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 12 }), fc.array(fc.option(fc.nat(2)), { maxLength: 12 }), fc.array(fc.nat(MENTIONS.length - 1), { minLength: 1, maxLength: 4 }))
  .map(([segs, clusters, palette]): Example => {
    // A few mentions per example, so names repeat (labelled or not) as they do in real text.
    const tokens: string[] = [];
    const entities: Entity[] = [];
    for (const s of segs) {
      if ('word' in s) tokens.push(s.word);
      else {
        const [type, toks] = MENTIONS[palette[s.mention % palette.length]];
        if (s.labelled) entities.push({ start: tokens.length, end: tokens.length + toks.length, type });
        tokens.push(...toks);
      }
    }
    // Clusters only join mentions of one type (as in real data).
    entities.forEach((e, i) => {
      const c = clusters[i];
      if (c !== undefined && c !== null) e.cluster = c * 10 + MENTIONS.findIndex(([t]) => t === e.type);
    });
    const relations = entities.length >= 2 ? [{ head: 0, tail: entities.length - 1, type: 'rel' }] : [];
    return { id: 'x', tokens, entities, relations };
  });

const scenario = fc.tuple(fc.array(sentence, { minLength: 1, maxLength: 6 }), fc.nat(), fc.integer({ min: 0, max: 10000 }), fc.boolean(), fc.constantFrom(1, 2));

function corpusOf(examples: Example[]) {
  const b = new CorpusBuilder();
  for (const e of examples) b.add(e);
  return b.build();
}

/** What the corpus knows of a substitute: as written, or (a recased lower-case phrase) as seen. */
function seenAs(corpus: ReturnType<typeof corpusOf>, toks: string[], shape: string) {
  const found = [toks, recase(toks, false)].map((t) => corpus.mentionInfo.get(mentionKey(t))).filter((i) => i !== undefined);
  return found.find((i) => i.shape === shape) ?? found[0];
}

const text = (ex: Example, e: Entity) => ex.tokens.slice(e.start, e.end).join(' ');
/** Surfaces compared without the case of a first letter (a lower-case phrase takes its slot's). */
const fold = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function run(examples: Example[], pick: number, seed: number, relationAware: boolean, minCount: number) {
  const seeds = [...examples, ...CATALOGUE].map((e, i) => ({ ...e, id: `e${i}` }));
  const ex = seeds[pick % examples.length];
  const corpus = corpusOf(seeds);
  const out = op.apply(ex, op.params.parse({ p: 1, relation_aware: relationAware, min_count: minCount, context_fit: false, kind_fit: false, role_fit: false, keep_facts: false }), { rng: rngFor(seed, ex.id), corpus });
  return { ex, out, corpus };
}

describe('mention_replacement_v2 (properties)', () => {
  it('coreferent mentions are replaced consistently: one substitute for a whole cluster, or none', () => {
    let replacedClusters = 0;
    fc.assert(
      fc.property(scenario, ([examples, pick, seed, ra, mc]) => {
        const { ex, out } = run(examples, pick, seed, ra, mc);
        if (!out) return;
        expect(checkExample(out)).toEqual([]);
        expect(out.entities.length).toBe(ex.entities.length);
        const clusters = new Map<number, number[]>();
        ex.entities.forEach((e, i) => e.cluster !== undefined && clusters.set(e.cluster, [...(clusters.get(e.cluster) ?? []), i]));
        for (const members of clusters.values()) {
          const changed = members.map((i) => text(out, out.entities[i]) !== text(ex, ex.entities[i]));
          const after = new Set(members.map((i) => fold(text(out, out.entities[i]))));
          if (changed.some(Boolean)) {
            expect(changed.every(Boolean)).toBe(true);
            expect(after.size).toBe(1);
            if (members.length > 1) replacedClusters++;
          }
          expect(new Set(members.map((i) => out.entities[i].cluster)).size).toBe(1);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    // Not vacuous: clusters of several mentions were replaced.
    expect(replacedClusters).toBeGreaterThan(10);
  });

  it('the same surface gets the same replacement, and its unlabelled repeats are replaced too', () => {
    let repeats = 0;
    fc.assert(
      fc.property(scenario, ([examples, pick, seed, ra, mc]) => {
        const { ex, out } = run(examples, pick, seed, ra, mc);
        if (!out) return;
        const bySurface = new Map<string, Set<string>>();
        ex.entities.forEach((e, i) => {
          const k = text(ex, e);
          bySurface.set(k, (bySurface.get(k) ?? new Set()).add(fold(text(out, out.entities[i]))));
        });
        for (const got of bySurface.values()) expect(got.size).toBe(1);
        const outsideBefore = ex.tokens.filter((_, t) => !ex.entities.some((e) => e.start <= t && t < e.end)).join(' ');
        const outsideAfter = out.tokens.filter((_, t) => !out.entities.some((e) => e.start <= t && t < e.end)).join(' ');
        if (outsideBefore !== outsideAfter) repeats++;
        // A replaced surface stands nowhere outside the entities any more.
        const outside = (t: number) => !out.entities.some((e) => e.start <= t && t < e.end);
        ex.entities.forEach((e, i) => {
          const old = ex.tokens.slice(e.start, e.end);
          if (text(out, out.entities[i]) === old.join(' ')) return;
          for (let s = 0; s + old.length <= out.tokens.length; s++) {
            const here = old.every((t, j) => out.tokens[s + j] === t && outside(s + j));
            expect(here, `"${old.join(' ')}" left unlabelled at ${s} in "${out.tokens.join(' ')}"`).toBe(false);
          }
        });
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(repeats).toBeGreaterThan(12);
  });

  it('a replacement has the shape class of its slot, and a pronoun is never replaced', () => {
    const shapes = new Set<string>();
    fc.assert(
      fc.property(scenario, ([examples, pick, seed, ra, mc]) => {
        const { ex, out, corpus } = run(examples, pick, seed, ra, mc);
        if (!out) return;
        ex.entities.forEach((e, i) => {
          const o = out.entities[i];
          const before = ex.tokens.slice(e.start, e.end);
          const after = out.tokens.slice(o.start, o.end);
          if (before.join(' ') === after.join(' ')) return;
          const slotShape = shapeClass(before, startsSentence(ex.tokens, e.start, 0));
          expect(slotShape).not.toBe('pronoun');
          // The substitute as the corpus saw it (a lower-case phrase may have been recased).
          const seen = seenAs(corpus, after, slotShape);
          expect(seen, `"${after.join(' ')}" is not a seed mention`).toBeDefined();
          expect(seen!.shape).toBe(slotShape);
          shapes.add(slotShape);
          expect(seen!.counts.get(e.type) ?? 0).toBeGreaterThanOrEqual(mc);
          // Never a name the example already used.
          expect(ex.entities.map((x) => fold(text(ex, x)))).not.toContain(fold(after.join(' ')));
        });
      }),
      { numRuns: 300, seed: 42 },
    );
    // Replacements of many classes happened (dates, amounts, names, capitals, ...).
    expect(shapes.size).toBeGreaterThan(8);
  });

  it('long_tail_v1 swaps arguments by the same rules: shape kept, same surface replaced together', () => {
    let made = 0;
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 10000 }), (examples, seed) => {
        // `rare`: every other catalogue seed's second relation, and the examples' own.
        const seeds = [...examples, ...CATALOGUE].map((e, i) => ({ ...e, id: `e${i}`, relations: e.relations.map((r, k) => ({ ...r, type: i < examples.length || (k === 1 && i % 2) ? 'rare' : 'rel' })) }));
        const corpus = corpusOf(seeds);
        const params = longTail.params.parse({ target: 'median', mode: 'offline', role_fit: false, keep_facts: false });
        const state = longTail.prepare!(seeds, params, corpus, seed);
        for (const ex of seeds) {
          for (const out of longTail.expand!(ex, params, { rng: rngFor(seed, ex.id), corpus, state })) {
            expect(checkExample(out)).toEqual([]);
            made++;
            const bySurface = new Map<string, Set<string>>();
            ex.entities.forEach((e, i) => {
              const o = out.entities[i];
              const before = ex.tokens.slice(e.start, e.end);
              const after = out.tokens.slice(o.start, o.end);
              bySurface.set(before.join(' '), (bySurface.get(before.join(' ')) ?? new Set()).add(fold(after.join(' '))));
              if (before.join(' ') === after.join(' ')) return;
              const slotShape = shapeClass(before, startsSentence(ex.tokens, e.start, 0));
              expect(seenAs(corpus, after, slotShape)!.shape).toBe(slotShape);
            });
            for (const got of bySurface.values()) expect(got.size).toBe(1);
          }
        }
      }),
      { numRuns: 40, seed: 42 },
    );
    expect(made).toBeGreaterThan(20);
  });
});
