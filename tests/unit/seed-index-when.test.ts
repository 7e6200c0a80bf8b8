import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { Augmentation } from '../../src/pipeline/augmentation.js';
import { loadRecipe } from '../../src/pipeline/recipe.js';

const seed: Example = { id: 's1', tokens: ['Maria', 'works', 'in', 'Lyon', '.'], entities: [{ start: 0, end: 1, type: 'PER' }], relations: [] };

// The seed index serves the checks of model output (copy_of_seed, known_mention_in_negative):
// indexed for a recipe that may make model output, skipped for an offline one (it costs time).
describe('OrderedFilters.seeds', () => {
  it('is filled for recipes with a model operation (long_tail_v1 included) and absent for offline ones', async () => {
    for (const name of ['llm-da', 'llm-negatives', 'long-tail']) {
      const aug = await Augmentation.prepare([seed], loadRecipe(name));
      expect(aug.filters.seeds?.copyOfSeed({ ...seed, id: 'c' })?.reason, name).toBe('copy_of_seed');
    }
    for (const name of ['noise', 'sda']) expect((await Augmentation.prepare([seed], loadRecipe(name))).filters.seeds, name).toBeNull();
  });
});

// The type gazetteer is asked of model output only: an offline recipe skips filling it.
describe('OrderedFilters.gazetteer', () => {
  it('holds the seeds for recipes with a model operation and is absent for offline ones', async () => {
    for (const name of ['llm-da', 'long-tail']) {
      const aug = await Augmentation.prepare([seed], loadRecipe(name));
      expect(aug.filters.gazetteer?.known('Maria'), name).toEqual(new Set(['PER']));
    }
    for (const name of ['noise', 'sda']) expect((await Augmentation.prepare([seed], loadRecipe(name))).filters.gazetteer, name).toBeNull();
  });
});
