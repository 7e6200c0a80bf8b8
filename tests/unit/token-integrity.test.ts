import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { tokenIntegrity } from '../../src/filters/consistency.js';
import { makeCheck } from '../../src/pipeline/checks.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { loadRecipe } from '../../src/pipeline/recipe.js';

const seed: Example = { id: 's', tokens: ['Ann', 'left', '\n', '.'], entities: [], relations: [] };
const cand = (tokens: string[]): Example => ({ ...seed, tokens });

describe('tokenIntegrity: a candidate never brings a token no writer can hold', () => {
  it.each([
    ['a line break', ['Ann', 'left\nhome', '.']],
    ['a blank token', ['Ann', ' ', '.']],
    ['an empty token', ['Ann', '', '.']],
    ['a tab', ['Ann\tLee', 'left', '.']],
    ['a NUL', ['Ann', 'le\u0000ft', '.']],
    ['a line separator', ['Ann', 'left\u2028', '.']],
  ])('rejects %s with invalid_token', (_what, tokens) => {
    expect(tokenIntegrity(cand(tokens), seed)?.reason).toBe('invalid_token');
  });

  it('accepts ordinary tokens, and odd ones the seed itself has (its data, written as read)', () => {
    expect(tokenIntegrity(cand(['Ann', 'Lee', 'left', '.']), seed)).toBeNull();
    expect(tokenIntegrity(cand(['Ann', 'left', '\n', 'home', '.']), seed)).toBeNull();
  });
});

describe('the run checks every candidate for such tokens', () => {
  it('rejects a candidate with a line-break token before it can reach a writer', () => {
    const b = new CorpusBuilder();
    b.add(seed);
    const recipe = loadRecipe('noise');
    const check = makeCheck({ filters: recipe.filters, ops: recipe.operations, corpus: b.build(), allowOverlap: false });
    expect(check(cand(['Ann', 'left', '\n\n', '.']), seed, 'char_noise_v1', 0)).toMatchObject({ reason: 'invalid_token' });
    expect(check(cand(['Ann', 'left', '.']), seed, 'char_noise_v1', 0)).toBeNull();
  });
});
