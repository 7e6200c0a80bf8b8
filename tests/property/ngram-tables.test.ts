import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { find, successorsOf } from '../../src/filters/ngram-tables.js';

describe('successor lists (ngram-tables.ts)', () => {
  it('find gives each pair a distinct position, holding its successor, and -1 for every pair not given', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 })), { selector: ([k, w]) => `${k} ${w}`, maxLength: 300 }), (pairs) => {
        const t = successorsOf(31, 41, pairs.map(([k]) => k), pairs.map(([, w]) => w));
        const given = new Set(pairs.map(([k, w]) => `${k} ${w}`));
        const positions = new Set<number>();
        for (let k = 0; k <= 30; k++) {
          for (let w = 0; w <= 40; w++) {
            const at = find(t, k, w);
            if (!given.has(`${k} ${w}`)) expect(at).toBe(-1);
            else {
              expect(t.next[at]).toBe(w);
              expect(at >= t.start[k] && at < t.start[k + 1]).toBe(true);
              positions.add(at);
            }
          }
        }
        expect(positions.size).toBe(pairs.length);
        expect(t.next.length).toBe(pairs.length);
      }),
      { numRuns: 50 },
    );
  });

  it('keys and successors past 2^31 together are kept apart (packed as doubles)', () => {
    const t = successorsOf(3, 2 ** 30, [2, 2, 0], [2 ** 30 - 1, 5, 2 ** 30 - 2]);
    expect(find(t, 2, 2 ** 30 - 1)).toBeGreaterThanOrEqual(0);
    expect(find(t, 2, 5)).toBeGreaterThanOrEqual(0);
    expect(find(t, 0, 2 ** 30 - 2)).toBe(0);
    expect(find(t, 1, 5)).toBe(-1);
  });
});
