import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/pipeline/recipe.js';
import { defaultWorkers } from '../../src/pipeline/pool-choice.js';
import { ROOT } from '../support/paths.js';

const recipe = (name: string) => loadRecipe(path.join(ROOT, 'recipes', name));

describe('the default number of worker threads', () => {
  it('is one thread for a recipe of noise operations only', () => {
    expect(defaultWorkers(8, recipe('noise.yaml'), false)).toBe(1);
  });
  it("is a worker per core but the main thread's for a recipe with costlier operations or a fluency model", () => {
    expect(defaultWorkers(8, recipe('sda.yaml'), false)).toBe(7);
    expect(defaultWorkers(8, recipe('noise.yaml'), true)).toBe(7);
    const noise = recipe('noise.yaml');
    expect(defaultWorkers(8, { ...noise, filters: { ...noise.filters, fluency: { factor: 2, mentions: 'type' } } }, false)).toBe(7);
    expect(defaultWorkers(3, { ...noise, operations: [...noise.operations, { ...noise.operations[0], op: 'synonym_replacement_v2' }] }, false)).toBe(2);
    // Two cores: no pool; one core: still one thread.
    expect(defaultWorkers(2, recipe('sda.yaml'), false)).toBe(1);
    expect(defaultWorkers(1, recipe('sda.yaml'), false)).toBe(1);
  });
});
