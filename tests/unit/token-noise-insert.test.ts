import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { tokenNoiseV2 } from '../../src/ops/token/token-noise-v2.js';

describe('token_noise_v2 inserts nothing that could be an unlabelled entity', () => {
  it('draws inserted words from the lower-case unlabelled words only', () => {
    const seed: Example = { id: 's', tokens: ['Ann', 'saw', 'a', 'cat', 'on', 'Monday', 'in', '1955.', 'for', '$5', 'in', 'april', 'or', 'May', '.'], entities: [{ start: 0, end: 1, type: 'PER' }], relations: [] };
    const b = new CorpusBuilder();
    b.add(seed);
    const corpus = b.build();
    const inserted = new Set<string>();
    for (let v = 0; v < 200; v++) {
      const out = tokenNoiseV2.apply(seed, tokenNoiseV2.params.parse({ insert: 0.5, delete: 0, swap: 0, punctuation: 0 }), { rng: rngFor(1, 's', 'tn', v), corpus });
      if (out) for (const t of out.tokens) if (!seed.tokens.includes(t) || out.tokens.filter((x) => x === t).length > seed.tokens.filter((x) => x === t).length) inserted.add(t);
    }
    expect(inserted.size).toBeGreaterThan(2);
    for (const t of inserted) expect(t).toMatch(/^[a-z]+$/);
    expect(inserted.has('april')).toBe(false);
  });
});
