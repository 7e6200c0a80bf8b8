import { describe, expect, it } from 'vitest';
import { copiesControl as draw } from '../../src/eval/copies-control.js';
import { rngFor } from '../../src/core/random.js';
import type { Example } from '../../src/core/model.js';

const copiesControl = (seeds: Example[], n: number, s: number) => draw(seeds, n, rngFor(s, 'copies-control'));

const ex = (w: string): Example => ({ id: w, tokens: [w], entities: [], relations: [] }) as unknown as Example;
const sample = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(ex);

describe('the copies control of the low-resource study', () => {
  it('adds as many sentences as asked, each a seed as it is', () => {
    const got = copiesControl(sample, 5, 1);
    expect(got).toHaveLength(5);
    expect(new Set(got).size).toBe(5);
    for (const e of got) expect(sample).toContain(e);
  });
  it('copies every seed before any twice when asked for more than the sample', () => {
    const got = copiesControl(sample, 19, 2);
    expect(got).toHaveLength(19);
    const counts = sample.map((e) => got.filter((g) => g === e).length);
    expect(Math.min(...counts)).toBe(2);
    expect(Math.max(...counts)).toBe(3);
  });
  it('draws the same copies for the same sample number, others for another', () => {
    expect(copiesControl(sample, 4, 3)).toEqual(copiesControl(sample, 4, 3));
    const draws = new Set([1, 2, 3, 4, 5, 6].map((s) => copiesControl(sample, 4, s).map((e) => e.id).join()));
    expect(draws.size).toBeGreaterThan(1);
  });
  it('adds nothing for nothing, and nothing from no seeds', () => {
    expect(copiesControl(sample, 0, 1)).toEqual([]);
    expect(copiesControl([], 3, 1)).toEqual([]);
  });
});
