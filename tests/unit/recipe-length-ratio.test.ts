import { describe, expect, it } from 'vitest';
import { validateRecipe } from '../../src/pipeline/recipe.js';

const recipe = (length_ratio: unknown) => ({ name: 't', operations: [{ op: 'char_noise_v2' }], filters: { length_ratio } });

describe('length_ratio in a recipe', () => {
  it('refuses a minimum above the maximum, which would reject every candidate', () => {
    expect(() => validateRecipe(recipe({ min: 2, max: 0.5 }), 'r.yaml')).toThrow(/min must not exceed max/);
  });
  it('takes an ordered pair, an equal pair and the defaults', () => {
    expect(validateRecipe(recipe({ min: 0.5, max: 2 }), 'r.yaml').filters.length_ratio).toEqual({ min: 0.5, max: 2 });
    expect(validateRecipe(recipe({ min: 1, max: 1 }), 'r.yaml').filters.length_ratio).toEqual({ min: 1, max: 1 });
    expect(validateRecipe(recipe({}), 'r.yaml').filters.length_ratio).toEqual({ min: 0.5, max: 2 });
  });
});
