import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import type { Item } from '../../src/pipeline/generate.js';
import { markSeedIdentity, restoreSeedIdentity } from '../../src/pipeline/seed-pool.js';

const seed: Example = { id: 's1', tokens: ['Ada', 'Brennan', 'visited', 'Ruritania', '.'], entities: [{ start: 0, end: 2, type: 'PER' }, { start: 3, end: 4, type: 'LOC' }], relations: [] };
const item = (example: Example, variant: number): Item => ({ kind: 'candidate', example, op: 'x', variant, id: `s1~${variant}`, trace: [] });

describe('seed pool: items sent back from a worker thread', () => {
  const items = [
    item(seed, 0),
    item({ ...seed, entities: [seed.entities[0]] }, 1), // the seed's tokens, other labels
    item({ ...seed, tokens: ['Ed', 'Brown', 'visited', 'Ruritania', '.'] }, 2),
  ];
  // What crosses to the main thread is a structured clone.
  const sent = structuredClone(markSeedIdentity(seed, items));

  it('leave out the seed and its tokens, which the main thread has', () => {
    expect(sent.items[0].example).toBeUndefined();
    expect(sent.items[1].example?.tokens).toBeUndefined();
    expect(sent.items[2].example?.tokens).toEqual(items[2].example.tokens);
  });

  it('come back whole, the seed and its tokens as the same objects', () => {
    const back = restoreSeedIdentity(seed, sent);
    expect(back[0].example).toBe(seed);
    expect(back[1].example.tokens).toBe(seed.tokens);
    back.forEach((it, k) => expect(it).toEqual(items[k]));
    expect(JSON.stringify(back)).toBe(JSON.stringify(items));
  });
});
