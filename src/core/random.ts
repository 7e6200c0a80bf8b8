import seedrandom from 'seedrandom';

/** A seeded generator: every random choice in spanforge comes from one of these. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(items: T[]): T[];
}

/** Derive a generator from the run seed and the parts that identify one decision
 *  (example id, operation, variant index): the same parts always give the same stream. */
export function rngFor(...parts: Array<string | number>): Rng {
  const prng = seedrandom(parts.map(String).join('\u241f'));
  const next = () => prng.quick();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => p > 0 && next() < p,
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
}
