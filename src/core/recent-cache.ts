/**
 * The values worked out for the last few objects, by identity: what an operation reads of an
 * example, kept while the example's variants ask again. A WeakMap keyed by the example kept
 * each entry as long as the example, and the seeds live for the whole run: every entry of
 * every seed stayed in the heap for each garbage collection to walk. A value must be a pure
 * function of its key (a miss only works it out again).
 */
export class RecentCache<K extends object, V> {
  private readonly keys: Array<K | undefined>;
  private readonly values: Array<V | undefined>;
  private next = 0;

  constructor(private readonly size = 8) {
    this.keys = new Array<K | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
  }

  get(key: K): V | undefined {
    for (let i = 0; i < this.size; i++) if (this.keys[i] === key) return this.values[i];
    return undefined;
  }

  /** Remember `value` for `key`, in place of the oldest entry when full. */
  set(key: K, value: V): void {
    for (let i = 0; i < this.size; i++) {
      if (this.keys[i] === key) {
        this.values[i] = value;
        return;
      }
    }
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }
}
