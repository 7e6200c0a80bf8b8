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

/**
 * seedrandom's Tyche-i (Neves and Araujo), seeded by an integer, as one small class: the same
 * numbers as `seedrandom.tychei(seed)` (a test holds them equal), without the four closures
 * and two objects seedrandom makes per generator. A run makes one per example, operation and
 * variant, and most of them draw a few numbers.
 */
class TycheI implements Rng {
  private a: number;
  private b: number;
  private c = 2654435769 | 0;
  private d = 1367130551;

  constructor(seed: number) {
    this.a = (seed / 0x100000000) | 0;
    this.b = seed | 0;
    // seedrandom discards the first 20 outputs.
    for (let k = 0; k < 20; k++) this.step();
  }

  private step(): number {
    let b = this.b, c = this.c, d = this.d, a = this.a;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    this.b = b = (b << 20) ^ (b >>> 12) ^ c;
    this.c = c = (c - d) | 0;
    this.d = (d << 16) ^ (c >>> 16) ^ a;
    return (this.a = (a - b) | 0);
  }

  next(): number {
    return (this.step() >>> 0) / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
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
 * or concurrency of the run. Tyche-i (as seedrandom's): of seedrandom's generators it is the
 * cheapest to seed, and a run seeds one per (example, operation, variant).
 */
export function rngFor(...parts: Array<string | number>): Rng {
  // The parts are hashed to a 53-bit integer: an integer seeds Tyche-i directly, far cheaper
  // than a string key, and 53 bits keep distinct keys on distinct streams.
  return new TycheI(hashParts(parts));
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
