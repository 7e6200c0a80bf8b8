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
  return new SeededRng(seedrandom.tychei(hashParts(parts) as unknown as string));
}


/** cyrb53-style 53-bit hash, fed piece by piece: callers need not join their parts first. */
export class Hash53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  reset(): this {
    this.h1 = 0xdeadbeef;
    this.h2 = 0x41c6ce57;
    return this;
  }

  code(c: number): this {
    this.h1 = Math.imul(this.h1 ^ c, 2654435761);
    this.h2 = Math.imul(this.h2 ^ c, 1597334677);
    return this;
  }

  string(s: string): this {
    for (let i = 0; i < s.length; i++) this.code(s.charCodeAt(i));
    return this;
  }

  digest(): number {
    const h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507) ^ Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    const h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

const shared = new Hash53();

/** cyrb53-style string hash (53 bits). */
export function hash53(s: string): number {
  return shared.reset().string(s).digest();
}

const SEP = 0x241f;
const partsHash = new Hash53();

/** `hash53(parts.join('\u241f'))`, without making the joined string (a run derives a stream per
 *  example, operation and variant). */
export function hashParts(parts: ReadonlyArray<string | number>): number {
  const h = partsHash.reset();
  for (let k = 0; k < parts.length; k++) {
    if (k > 0) h.code(SEP);
    const p = parts[k];
    // As join: a missing part is the empty string.
    h.string(typeof p === 'string' ? p : p == null ? '' : String(p));
  }
  return h.digest();
}
