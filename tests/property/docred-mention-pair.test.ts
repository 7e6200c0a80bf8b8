import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Entity, Example, Relation } from '../../src/core/model.js';
import { mentionPair, type PlacedMention } from '../../src/core/mention-pair.js';
import { getFormat } from '../../src/formats/registry.js';
import { tmpDir } from '../support/paths.js';

const mention = fc.record({ sentence: fc.nat(3), start: fc.nat(4), len: fc.integer({ min: 1, max: 2 }) }).map(({ sentence, start, len }): PlacedMention => ({ sentence, start, end: start + len }));
const mentions = fc.array(mention, { minLength: 1, maxLength: 5 });
const evidence = fc.array(fc.nat(3), { maxLength: 2 });

/** The pair as spans, what a writer puts on the tokens (the indices differ for repeated spans). */
const spans = (hs: PlacedMention[], ts: PlacedMention[], [i, j]: [number, number]) => JSON.stringify([hs[i], ts[j]]);

describe('mentionPair: a relation between two entities goes on mentions that share a sentence', () => {
  it('shares a sentence whenever a pair can (never a mention with itself), an evidence one first, the earliest of those', () => {
    fc.assert(
      fc.property(mentions, mentions, evidence, fc.boolean(), (hs, tsIn, ev, same) => {
        const ts = same ? hs : tsIn;
        const [i, j] = mentionPair(hs, ts, ev, same);
        const pairs = hs.flatMap((h, a) => ts.map((t, b) => ({ h, t, a, b }))).filter(({ h, t, a, b }) => h.sentence === t.sentence && !(same && a === b));
        if (pairs.length === 0) {
          expect([i, j]).toEqual([0, 0]);
          return;
        }
        expect(hs[i].sentence).toBe(ts[j].sentence);
        if (same) expect(i).not.toBe(j);
        const cited = pairs.filter(({ h }) => ev.includes(h.sentence));
        const pool = cited.length > 0 ? cited : pairs;
        expect(pool.some(({ a, b }) => a === i && b === j)).toBe(true);
        // Earliest: no pair of the pool is in an earlier sentence or starts its head earlier there.
        for (const { h } of pool) {
          expect(h.sentence).toBeGreaterThanOrEqual(hs[i].sentence);
          if (h.sentence === hs[i].sentence) expect(h.start).toBeGreaterThanOrEqual(hs[i].start);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order the mentions are listed in (the spans chosen are the same)', () => {
    fc.assert(
      fc.property(mentions, mentions, evidence, fc.infiniteStream(fc.nat()), (hs, ts, ev, keys) => {
        const shuffle = <T>(xs: T[]) => xs.map((x) => [keys.next().value as number, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        const hs2 = shuffle(hs), ts2 = shuffle(ts);
        const shared = hs.some((h) => ts.some((t) => t.sentence === h.sentence));
        // With no shared sentence the answer is each list's first: order is all it has.
        fc.pre(shared);
        expect(spans(hs2, ts2, mentionPair(hs2, ts2, ev))).toBe(spans(hs, ts, mentionPair(hs, ts, ev)));
      }),
      { numRuns: 300 },
    );
  });
});

/** Documents of 1-3 sentences of 3-6 tokens; mentions anywhere (spans repeated at times), in
 *  clusters or not; relations between any two different mentions, on whichever mentions. */
const documents = fc
  .array(fc.integer({ min: 3, max: 6 }), { minLength: 1, maxLength: 3 })
  .chain((lengths) => {
    const starts = lengths.map((_, i) => lengths.slice(0, i).reduce((a, b) => a + b, 0));
    const ent = fc.tuple(fc.nat(lengths.length - 1), fc.nat(5), fc.option(fc.nat(2), { nil: undefined })).map(([k, s, cluster]): Entity => {
      const start = starts[k] + Math.min(s, lengths[k] - 1);
      return { start, end: start + 1, type: 'T', ...(cluster === undefined ? {} : { cluster }) };
    });
    return fc.tuple(fc.constant(lengths), fc.constant(starts), fc.array(ent, { minLength: 2, maxLength: 7 }));
  })
  .chain(([lengths, starts, entities]) =>
    fc
      .array(fc.tuple(fc.nat(entities.length - 1), fc.nat(entities.length - 1), fc.constantFrom('r1', 'r2')), { maxLength: 4 })
      .map((raw): Example => {
        const relations: Relation[] = raw.filter(([h, t]) => h !== t).map(([head, tail, type]) => ({ head, tail, type }));
        const tokens = lengths.flatMap((n, k) => Array.from({ length: n }, (_, i) => `w${k}_${i}`));
        return { id: 'd', tokens, entities, relations, sentenceStarts: starts };
      }),
  );

async function docredRoundTrip(ex: Example): Promise<Example> {
  const f = getFormat('docred');
  let text = '';
  await f.write([ex], { write: (s: string) => void (text += s) }, {});
  const file = path.join(tmpDir(), 'd.json');
  writeFileSync(file, text);
  for await (const back of f.read(file)) return back;
  throw new Error('nothing read back');
}

/** Each relation as the spans of its two mentions. */
const relationSpans = (ex: Example) => ex.relations.map((r) => [r.type, ex.entities[r.head], ex.entities[r.tail]].map((x) => (typeof x === 'string' ? x : `${x.start}:${x.end}`)).join('|')).sort();

describe('DocRED write -> read keeps every relation on the mentions it joined', () => {
  it('random documents, clusters and relations on any mentions', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (ex) => {
        const back = await docredRoundTrip(ex);
        expect(relationSpans(back)).toEqual(relationSpans(ex));
      }),
      { numRuns: 200 },
    );
  });
});
