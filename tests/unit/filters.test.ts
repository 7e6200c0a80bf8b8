import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { tokenize } from '../../src/core/tokenize.js';
import { NearDuplicates, jaccard, shingles } from '../../src/filters/near-duplicates.js';
import { leakedChatter, lengthRatio } from '../../src/filters/text-checks.js';
import { agreement } from '../../src/filters/llm-verify.js';

const ex = (text: string): Example => {
  const t = tokenize(text);
  return { id: text, tokens: t.tokens, spaces: t.spaces, entities: [], relations: [] };
};

describe('near-duplicate filter', () => {
  const nd = new NearDuplicates(0.7, 3);
  nd.add(ex('Maria Lopez works for Acme Robotics , a firm based in Lyon .'));
  nd.add(ex('Kenji Watanabe , a chemist at Hokuto University , lives in Sapporo .'));

  it('rejects a candidate that changes one word of a long seed', () => {
    expect(nd.maxSimilarity(ex('Maria Lopez works for Acme Robotics , a company based in Lyon .'))).toBeGreaterThanOrEqual(0.5);
    expect(nd.maxSimilarity(ex('Maria Lopez works for Acme Robotics , a firm based in Lyon .'))).toBe(1);
  });

  it('keeps a genuinely different sentence', () => {
    expect(nd.maxSimilarity(ex('Police said the storm closed three roads near the coast on Sunday .'))).toBeLessThan(0.7);
  });

  it('matches exact n-gram Jaccard on its candidates', () => {
    const a = ex('a b c d e f');
    const b = ex('a b c d e g');
    expect(jaccard(shingles(a.tokens, 3), shingles(b.tokens, 3))).toBeCloseTo(3 / 5, 10);
  });
});

describe('leaked chatter filter', () => {
  for (const bad of [
    'As an AI language model, I rewrote it: Maria works in Lyon.',
    'Here is the rewritten sentence: Maria works in Lyon.',
    'Sure! Maria works in Lyon.',
    'Rewritten sentence: Maria works in Lyon.',
    "I can't help with that.",
  ]) it(`rejects: ${bad}`, () => expect(leakedChatter(ex(bad))?.reason).toBe('leaked_chatter'));

  it("keeps chatter-like text that the seed already has (EDITOR'S NOTE: in news data)", () => {
    const seed = ex("EDITOR'S NOTE: Maria works in Lyon.");
    expect(leakedChatter(ex("EDITOR'S NOTE: Maria now works in Lyon."), [], seed)).toBeNull();
    expect(leakedChatter(ex('Sure! Maria works in Lyon.'), [], seed)?.reason).toBe('leaked_chatter');
  });

  for (const good of ['Maria works in Lyon.', 'Here in Lyon, Maria works for Acme.', 'The AI lab of Acme is in Lyon.', 'Surely Maria works in Lyon.']) {
    it(`keeps: ${good}`, () => expect(leakedChatter(ex(good))).toBeNull());
  }
});

describe('length ratio and verification agreement', () => {
  it('bounds the candidate length by its seed', () => {
    const seed = ex('one two three four five six seven eight');
    expect(lengthRatio(ex('one two'), seed, 0.5, 2)?.reason).toBe('length_ratio');
    expect(lengthRatio(ex('one two three four five'), seed, 0.5, 2)).toBeNull();
  });

  it('agreement is F1 over (text, type), 1 when both sides are empty', () => {
    expect(agreement([], [])).toBe(1);
    expect(agreement([['Lyon', 'LOC']], [])).toBe(0);
    expect(agreement([['Lyon', 'LOC'], ['Acme', 'ORG']], [['lyon', 'LOC'], ['Acme', 'PER']])).toBeCloseTo(0.5, 10);
  });
});

describe('filters in a recipe run', () => {
  it('near_duplicates and chatter take part in augment, with their reasons', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { tmpDir, ROOT } = await import('../support/paths.js');
    const { cli } = await import('../support/cli.js');
    const dir = tmpDir();
    const recipe = path.join(dir, 'r.yaml');
    writeFileSync(recipe, 'variants: 3\noperations:\n  - op: char_noise_v1\n    keyboard: 0.05\nfilters:\n  near_duplicates:\n    threshold: 0.5\n  length_ratio:\n    min: 0.9\n    max: 1.1\n');
    const out = path.join(dir, 'out');
    const r = await cli('augment', recipe, '--input', path.join(ROOT, 'recipes/examples/seeds.json'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    // A typo or two keeps most 3-grams: such candidates are near-duplicates of their seed.
    expect(m.counts.rejected_by_reason.near_duplicate).toBeGreaterThan(0);
  });
});
