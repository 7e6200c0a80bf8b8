import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { tokenNoiseV2 as op } from '../../src/ops/token/token-noise-v2.js';

/** token_noise_v2's limits (issue 10 audit): no word salad from stacked edits, no silent loss of content words. */
const ex: Example = { id: 's', tokens: 'We attempt three ways of the automatic construction of a large dictionary for the task .'.split(' '), entities: [], relations: [] };
const corpus = (() => { const b = new CorpusBuilder(); b.add(ex); return b.build(); })();
const run = (params: Record<string, unknown>, v: number) => op.apply(ex, op.params.parse({ insert: 0, swap: 0, punctuation: 0, ...params }), { rng: rngFor(3, 's', v), corpus });

describe('token_noise_v2 limits', () => {
  it('max_edits caps the edits of one copy', () => {
    for (let v = 0; v < 30; v++) {
      const out = run({ delete: 1, max_edits: 2 }, v)!;
      expect(ex.tokens.length - out.tokens.length).toBe(2);
    }
    // Without a cap, deletion at rate 1 takes far more.
    expect(ex.tokens.length - run({ delete: 1 }, 0)!.tokens.length).toBeGreaterThan(5);
  });

  it('delete_words: function deletes only function words and punctuation', () => {
    const content = new Set(['attempt', 'three', 'ways', 'automatic', 'construction', 'large', 'dictionary', 'task']);
    for (let v = 0; v < 30; v++) {
      const out = run({ delete: 0.5, delete_words: 'function' }, v);
      if (!out) continue;
      for (const w of content) expect(out.tokens.filter((t) => t === w).length, w).toBe(ex.tokens.filter((t) => t === w).length);
    }
    const any = [...Array(30).keys()].map((v) => run({ delete: 0.5 }, v)).filter(Boolean);
    expect(any.some((o) => !o!.tokens.includes('attempt') || !o!.tokens.includes('three'))).toBe(true);
  });
});

describe('token_noise_v2 counts each edit once', () => {
  it('punctuation edits count one each toward max_edits', () => {
    for (let v = 0; v < 20; v++) {
      const out = op.apply(ex, op.params.parse({ insert: 0, delete: 0, swap: 0, punctuation: 1, max_edits: 2, mark_at: 'anywhere' }), { rng: rngFor(3, 's', v), corpus })!;
      // Two punctuation marks added (or dropped): the copy differs by two tokens, not one.
      expect(Math.abs(out.tokens.length - ex.tokens.length)).toBe(2);
    }
  });
});
