import { describe, expect, it } from 'vitest';
import { SeedIds, withFreeIds } from '../../src/pipeline/seed-ids.js';
import type { Example } from '../../src/core/model.js';
import type { Item } from '../../src/pipeline/generate.js';

const ex = (id: string): Example => ({ id, tokens: ['x'], entities: [], relations: [] });
const item = (id: string, kind: 'candidate' | 'rejected' = 'candidate'): Item => ({ kind, example: ex(kind === 'candidate' ? id : 'A'), op: 'op', variant: 0, id, trace: [] });

describe('withFreeIds', () => {
  it('renames only copies named like a seed, to numbers no seed and no copy has', () => {
    const seeds = new Set(['A', 'A~1', 'A~2', 'A~3', 'A~5']);
    const out = withFreeIds(ex('A'), [item('A~1'), item('A~2', 'rejected'), item('A~4')], seeds);
    expect(out.map((i) => i.id)).toEqual(['A~6', 'A~7', 'A~4']);
    // A candidate's example carries its new id; a rejection's example stays the seed.
    expect(out[0].example.id).toBe('A~6');
    expect(out[1].example.id).toBe('A');
  });

  it('leaves the items as they are when nothing collides', () => {
    const items = [item('B~1'), item('B~2')];
    expect(withFreeIds(ex('B'), items, new Set(['A', 'B']))).toBe(items);
  });
});

describe('SeedIds', () => {
  it('names each repeated id with every position, in the order first seen', () => {
    const ids = new SeedIds();
    ['a', 'b', 'c', 'b', 'a', 'b'].forEach((id, i) => ids.add(ex(id), i + 1));
    expect(() => ids.check()).toThrow('2 example ids occur more than once: "a" (examples 1, 5), "b" (examples 2, 4, 6)');
  });

  it('says nothing of unique ids', () => {
    const ids = new SeedIds();
    ['a', 'b'].forEach((id, i) => ids.add(ex(id), i + 1));
    expect(() => ids.check()).not.toThrow();
  });
});
