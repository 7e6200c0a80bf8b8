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

describe('output.format in a recipe', () => {
  const withFormat = (format: string) => ({ name: 't', operations: [{ op: 'char_noise_v2' }], output: { format } });
  it('refuses a format spanforge does not write, naming the field and the near one', () => {
    expect(() => validateRecipe(withFormat('conl'), 'r.yaml')).toThrow(/unknown output format "conl"; did you mean "conll"\?/);
    try {
      validateRecipe(withFormat('xml'), 'r.yaml');
      expect.unreachable();
    } catch (e) {
      expect((e as { loc?: { path?: string } }).loc?.path).toBe('output.format');
    }
  });
  it('takes a known one', () => {
    expect(validateRecipe(withFormat('jsonl'), 'r.yaml').output.format).toBe('jsonl');
  });
});
