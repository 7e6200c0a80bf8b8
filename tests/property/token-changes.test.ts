import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { longestIncreasing, tokenChanges } from '../../src/report/token-changes.js';

/** Length of a longest strictly increasing subsequence, the slow sure way. */
function lisLength(xs: number[]): number {
  const best = xs.map(() => 1);
  for (let i = 0; i < xs.length; i++) for (let j = 0; j < i; j++) if (xs[j] < xs[i]) best[i] = Math.max(best[i], best[j] + 1);
  return Math.max(0, ...best);
}

/** An origin map over a seed of `n` tokens: each seed token used at most once, some new (-1). */
const originMap = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()]), fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 4 })).map(([seedLen, kept, news]) => {
    const origin = [...kept];
    for (const at of news) origin.splice(Math.min(at, origin.length), 0, -1);
    return { seedLen, origin };
  }),
);

describe('tokenChanges', () => {
  it('marks new tokens as changed, the fewest kept tokens as moved, and unreferenced seed tokens as dropped', () => {
    fc.assert(
      fc.property(originMap, ({ seedLen, origin }) => {
        const seedOrigin = [...Array(seedLen).keys()];
        const c = tokenChanges(origin, seedOrigin);
        expect(c.changed).toEqual(origin.flatMap((o, i) => (o < 0 ? [i] : [])));
        const kept = origin.flatMap((o, i) => (o >= 0 ? [i] : []));
        const stay = kept.filter((i) => !c.moved.includes(i)).map((i) => origin[i]);
        // What is not marked moved reads in the seed's order, and no smaller set of moves would do.
        expect(stay).toEqual([...stay].sort((a, b) => a - b));
        expect(c.moved.length).toBe(kept.length - lisLength(kept.map((i) => origin[i])));
        expect(c.dropped).toEqual(seedOrigin.filter((j) => !origin.includes(j)));
      }),
    );
  });

  it('marks nothing for tokens as read, and an identity map changes nothing', () => {
    expect(tokenChanges(undefined, [0, 1, 2])).toEqual({ changed: [], moved: [], dropped: [] });
    expect(tokenChanges([0, 1, 2], [0, 1, 2])).toEqual({ changed: [], moved: [], dropped: [] });
    // A swap of two words: one of them moved; a replaced word: changed here, dropped in the seed.
    expect(tokenChanges([1, 0, 2], [0, 1, 2]).moved).toHaveLength(1);
    expect(tokenChanges([0, -1, 2], [0, 1, 2])).toEqual({ changed: [1], moved: [], dropped: [1] });
  });

  it('compares through the seed\'s own origin map when the seed was itself edited', () => {
    // Seed tokens 0 and 2 are read tokens 0 and 2; seed token 1 is not as read, so no candidate
    // token can be unchanged from it (a copy of it has origin -1 too, and is marked changed).
    expect(tokenChanges([0, 2], [0, -1, 2]).dropped).toEqual([1]);
    expect(tokenChanges([2], [0, -1, 2]).dropped).toEqual([0, 1]);
  });

  it('longestIncreasing returns positions of a strictly increasing run of the longest length', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 15 }), (xs) => {
        const pos = longestIncreasing(xs);
        expect(pos.length).toBe(lisLength(xs));
        for (let k = 1; k < pos.length; k++) {
          expect(pos[k]).toBeGreaterThan(pos[k - 1]);
          expect(xs[pos[k]]).toBeGreaterThan(xs[pos[k - 1]]);
        }
      }),
    );
  });
});
