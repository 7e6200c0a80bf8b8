import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { augmentExamples, readExamples, type Example } from '../../src/index.js';
import { ROOT } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');

describe('rejected.jsonl rows', () => {
  it('an unchanged candidate names its parent and carries no example; every other row carries its candidate', async () => {
    const seeds = await readExamples(SEEDS);
    const byId = new Map<string, Example>(seeds.map((s) => [s.id, s]));
    // sda on its seeds: many copies come out unchanged, some are rejected for other reasons.
    const r = await augmentExamples(seeds, 'sda', { seed: 1, variants: 3 });
    const unchanged = r.rejections.filter((x) => x.reason === 'unchanged');
    const others = r.rejections.filter((x) => x.reason !== 'unchanged');
    expect(unchanged.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    for (const x of unchanged) {
      expect(x).not.toHaveProperty('example');
      expect(x.detail).toMatch(/parent seed/);
      expect(byId.has(x.parent)).toBe(true);
    }
    for (const x of others) {
      expect(x.example?.tokens.length).toBeGreaterThan(0);
      // A changed candidate: not its parent as it was.
      const parent = byId.get(x.parent)!;
      expect([x.example!.tokens, x.example!.entities]).not.toEqual([parent.tokens, parent.entities.map(({ start, end, type }) => ({ start, end, type }))]);
    }
  });
});
