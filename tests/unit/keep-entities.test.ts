import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { flattenEntities, keepEntities } from '../../src/formats/limits.js';

const ex: Example = {
  id: 'k',
  tokens: ['Orla', 'Vance', 'of', 'Brightwell', 'Mills', 'met', 'Pell'],
  entities: [
    { start: 0, end: 2, type: 'PER' },
    { start: 3, end: 5, type: 'ORG' },
    { start: 3, end: 4, type: 'PER' },
    { start: 6, end: 7, type: 'PER' },
  ],
  relations: [
    { head: 0, tail: 1, type: 'Work_For' },
    { head: 2, tail: 1, type: 'Member' },
    { head: 0, tail: 3, type: 'Knows' },
  ],
};

describe('keeping some entities of an example', () => {
  it('drops the relations on the others, counted, and re-indexes the rest', () => {
    const dropped = {};
    const out = keepEntities(ex, [0, 1, 3], dropped);
    expect(out.entities.map((e) => e.type)).toEqual(['PER', 'ORG', 'PER']);
    expect(out.relations).toEqual([
      { head: 0, tail: 1, type: 'Work_For' },
      { head: 0, tail: 2, type: 'Knows' },
    ]);
    expect(dropped).toEqual({ 'relations on dropped entities': 1 });
  });

  it('flattening a nested entity (lossy) goes the same way', () => {
    const dropped = {};
    const out = flattenEntities(ex, { lossy: true }, dropped, 'test');
    expect(out.entities).toHaveLength(3);
    expect(out.relations.every((r) => r.head < 3 && r.tail < 3)).toBe(true);
    expect(dropped).toMatchObject({ 'overlapping entities': 1, 'relations on dropped entities': 1 });
  });
});
