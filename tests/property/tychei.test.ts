import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { hashParts, rngFor } from '../../src/core/random.js';

// rngFor's generator is its own Tyche-i: every stream a run draws must stay seedrandom's, or
// every recipe's output would change.
const seedrandomDraws = (seed: number, n: number): number[] => {
  const prng = seedrandom.tychei(seed as unknown as string);
  return Array.from({ length: n }, () => prng());
};

describe('rngFor', () => {
  it("draws seedrandom's Tyche-i numbers for the same parts", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 60 }), (parts, n) => {
        const rng = rngFor(...parts);
        expect(Array.from({ length: n }, () => rng.next())).toEqual(seedrandomDraws(hashParts(parts), n));
      }),
    );
  });

  it('int, pick, chance and shuffle read the same numbers as next', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer(), { maxLength: 30 }), (id, items) => {
        const xs = seedrandomDraws(hashParts([7, id]), items.length + 4);
        const rng = rngFor(7, id);
        expect(rng.int(10)).toBe(Math.floor(xs[0] * 10));
        expect(rng.chance(0.5)).toBe(xs[1] < 0.5);
        expect(rng.chance(0)).toBe(false); // draws nothing
        expect(rng.pick(['a', 'b', 'c'])).toBe(['a', 'b', 'c'][Math.floor(xs[2] * 3)]);
        const want = items.slice();
        for (let i = want.length - 1, k = 3; i > 0; i--, k++) {
          const j = Math.floor(xs[k] * (i + 1));
          [want[i], want[j]] = [want[j], want[i]];
        }
        expect(rng.shuffle(items.slice())).toEqual(want);
      }),
    );
  });
});
