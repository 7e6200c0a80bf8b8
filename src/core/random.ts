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

class SeededRng implements Rng {
  constructor(private readonly prng: () => number) {}
  next(): number {
    return this.prng();
  }
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.prng() * items.length)];
  }
  chance(p: number): boolean {
    return p > 0 && this.prng() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}

/**
 * Derive a generator from the run seed and the parts that identify one decision (example id,
 * operation, variant index): the same parts always give the same stream, whatever the order
 * or concurrency of the run. seedrandom's Tyche-i: of seedrandom's generators it is the
 * cheapest to seed, and a run seeds one per (example, operation, variant).
 */
export function rngFor(...parts: Array<string | number>): Rng {
  // The parts are hashed to a 53-bit integer: an integer seeds Tyche-i directly, far cheaper
  // than a string key, and 53 bits keep distinct keys on distinct streams.
  // seedrandom's types say string; its Tyche-i takes an integer seed as its two state words.
  return new SeededRng(seedrandom.tychei(hash53(parts.join('\u241f')) as unknown as string));
}

/** cyrb53-style string hash (53 bits). */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
