import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../src/core/recent-cache.js';

describe('RecentCache', () => {
  it('finds a value by the identity of its key, not by an equal object', () => {
    const c = new RecentCache<object, number>(4);
    const a = { id: 1 };
    c.set(a, 10);
    expect(c.get(a)).toBe(10);
    expect(c.get({ id: 1 })).toBeUndefined();
  });

  it('keeps the last `size` keys and forgets the oldest', () => {
    const c = new RecentCache<object, number>(3);
    const keys = [{}, {}, {}, {}];
    keys.forEach((k, i) => c.set(k, i));
    expect(c.get(keys[0])).toBeUndefined();
    expect(keys.slice(1).map((k) => c.get(k))).toEqual([1, 2, 3]);
  });

  it('replaces the value of a key it holds without forgetting another', () => {
    const c = new RecentCache<object, string>(4);
    const [a, b, d] = [{}, {}, {}];
    c.set(a, 'a');
    c.set(b, 'b');
    c.set(a, 'a2');
    c.set(d, 'd');
    expect([c.get(a), c.get(b), c.get(d)]).toEqual(['a2', 'b', 'd']);
  });
});
