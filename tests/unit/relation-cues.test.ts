import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { relationCueMask } from '../../src/ops/relation-cues.js';

const ex: Example = {
  id: 'x',
  tokens: ['Yesterday', 'Booth', 'shot', 'Lincoln', 'in', 'a', 'theatre', '.'],
  entities: [{ start: 1, end: 2, type: 'Peop' }, { start: 3, end: 4, type: 'Peop' }],
  relations: [{ head: 0, tail: 1, type: 'Kill' }],
};
const marked = (m: boolean[]) => ex.tokens.filter((_, i) => m[i]);

describe('relationCueMask', () => {
  it('marks the words between the arguments, and a window around them when asked', () => {
    expect(marked(relationCueMask(ex))).toEqual(['shot']);
    expect(marked(relationCueMask(ex, 1))).toEqual(['Yesterday', 'shot', 'in']);
    // Tail before head: the same words.
    expect(marked(relationCueMask({ ...ex, relations: [{ head: 1, tail: 0, type: 'Kill' }] }))).toEqual(['shot']);
  });
  it('marks nothing for a negative instance or an example without relations', () => {
    expect(marked(relationCueMask({ ...ex, relations: [{ head: 0, tail: 1, type: 'no_relation', negative: 'reversed' }] }, 2))).toEqual([]);
    expect(marked(relationCueMask({ ...ex, relations: [] }, 2))).toEqual([]);
  });
});
