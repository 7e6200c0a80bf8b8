/**
 * Sorted successor lists in typed arrays, for the counts of the word trigram model
 * (ngram-lm.ts): the successors of one key lie side by side, ascending, and are found by binary
 * search. A lookup touches a few cache lines rather than a hash table of a million entries, and
 * the tables go to a worker thread as a few buffers.
 */

/** The successors of key k are `next[start[k]]` .. `next[start[k + 1] - 1]`, ascending; an
 *  entry's position is its id (values about it go in arrays of that length). */
export interface Successors {
  start: Int32Array;
  next: Int32Array;
}

/** The position of successor `w` of key `k`, or -1. */
export function find(t: Successors, k: number, w: number): number {
  let lo = t.start[k];
  let hi = t.start[k + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = t.next[mid];
    if (x === w) return mid;
    if (x < w) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The successor lists of distinct pairs (keys[i], nexts[i]), keys below `keyCount` and successors
 * below `base`. Sorted as one array of `key * base + next` (exact below 2^53).
 */
export function successorsOf(keyCount: number, base: number, keys: ArrayLike<number>, nexts: ArrayLike<number>): Successors {
  const packed = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) packed[i] = keys[i] * base + nexts[i];
  packed.sort();
  const start = new Int32Array(keyCount + 1);
  const next = new Int32Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const k = Math.floor(packed[i] / base);
    next[i] = packed[i] - k * base;
    start[k + 1]++;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  return { start, next };
}
