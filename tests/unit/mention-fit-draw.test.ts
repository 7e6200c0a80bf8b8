import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { drawFitting, unionSorted } from '../../src/ops/span/mention-fit.js';
import { mentionReplacementV2 as op } from '../../src/ops/span/mention-replacement-v2.js';

// Made-up company names, all of one shape ("Korab", "Korac", ...).
const name = (i: number) => `Kor${'abcdefghij'[i % 10]}${'klmnopqrst'[Math.floor(i / 10) % 10]}`;
const sentence = (id: string, words: string, at: number): Example => ({ id, tokens: words.split(' '), entities: [{ start: at, end: at + 1, type: 'ORG' }], relations: [] });

describe('a draw that falls back to the whole pool', () => {
  // 100 names seen after "of", two after "daily": 24 random tries at a "daily [X]" slot almost
  // never hit one of the two, so the draw falls back and must still find exactly them.
  const b = new CorpusBuilder();
  for (let i = 0; i < 100; i++) b.add(sentence(`o${i}`, `shares of ${name(i)} rose .`, 2));
  b.add(sentence('d1', `the afternoon daily Dailyone said so .`, 3));
  b.add(sentence('d2', `the afternoon daily Dailytwo said so .`, 3));
  const corpus = b.build();
  const seed = sentence('s', 'the morning daily Seedpaper said so .', 3);

  it('draws only names seen beside the slot, each of them', () => {
    const got = new Set<string>();
    for (let v = 0; v < 40; v++) {
      const out = op.apply(seed, op.params.parse({ p: 1, kind_fit: false }), { rng: rngFor(3, seed.id, v), corpus });
      got.add(out ? out.tokens[3] : '(none)');
    }
    expect([...got].sort()).toEqual(['Dailyone', 'Dailytwo']);
  });
});

describe('drawFitting', () => {
  it('draws the same with a list of candidate positions as from the whole pool', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 199 }).map((x) => x === 0), { minLength: 1, maxLength: 2000, size: 'max' }), fc.array(fc.boolean(), { maxLength: 2000, size: 'max' }), fc.integer(), (fit, extra, s) => {
        // One in 200 fits: the 24 random tries mostly miss and the draw falls back.
        const pool = fit.map((_, k) => [`w${k}`]);
        const ok = (k: number) => fit[k];
        // Every position that fits, and some that do not, in pool order.
        const within = fit.map((f, k) => (f || extra[k] ? k : -1)).filter((k) => k >= 0);
        const a = drawFitting(pool, ok, rngFor(s, 'x', 0));
        const b = drawFitting(pool, ok, rngFor(s, 'x', 0), () => within);
        expect(b).toBe(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('unionSorted', () => {
  it('is the ascending union without repeats of two such lists', () => {
    const ascending = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(ascending, ascending, (a, b) => {
        expect(unionSorted(a, b)).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
      }),
      { numRuns: 300 },
    );
  });
});

describe('what is kept per example', () => {
  // Companies seen near their trade, places near a season: each group of one seed has its own
  // role words, so each is replaced by a name of its own type (and role), in every variant.
  const place = (i: number) => `Lyo${'abcdefghij'[i % 10]}${'klmnopqrst'[Math.floor(i / 10) % 10]}`;
  const trades = ['bankers', 'traders', 'brokers', 'miners', 'growers', 'bakers', 'makers', 'dealers', 'printers', 'shippers'];
  const seasons = ['spring', 'summer', 'autumn', 'winter', 'january', 'february', 'march', 'april', 'june', 'july'];
  const b = new CorpusBuilder();
  for (let i = 0; i < 20; i++) b.add(sentence(`o${i}`, `the ${trades[i % 10]} of ${name(i)} rose .`, 3));
  for (let i = 0; i < 20; i++) b.add({ ...sentence(`p${i}`, `tourists visited ${place(i)} in ${seasons[i % 10]} .`, 2), entities: [{ start: 2, end: 3, type: 'LOC' }] });
  const corpus = b.build();
  const seed: Example = {
    id: 's',
    tokens: 'the bankers of Korxx rose ; many tourists visited Lyoxx in spring .'.split(' '),
    entities: [{ start: 3, end: 4, type: 'ORG' }, { start: 9, end: 10, type: 'LOC' }],
    relations: [],
  };

  it('gives each group of an example its own role words and slots, variant after variant', () => {
    const got = new Set<string>();
    for (let v = 0; v < 8; v++) {
      const out = op.apply(seed, op.params.parse({ p: 1, kind_fit: false }), { rng: rngFor(5, seed.id, v), corpus });
      got.add(`${out?.tokens[3]} ${out?.tokens[9]}`);
    }
    // Seen near "bankers": names 0 and 10; near "spring": places 0 and 10.
    expect([...got].every((g) => /^Kora[kl] Lyoa[kl]$/.test(g))).toBe(true);
    expect(got.size).toBeGreaterThan(1);
  });
});
