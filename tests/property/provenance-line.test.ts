import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProvenanceLines } from '../../src/pipeline/provenance-line.js';
import type { ProvenanceRecord } from '../../src/pipeline/outputs.js';

// Two operations at fixed positions, each with its own parameters (as in one run).
const PARAMS = [{ rate: 0.1, kinds: ['keyboard', 'swap'], words: 'lower' }, { punctuation: 0.02, marks: [',', '"\\'] }];
const OPS = ['char_noise_v2', 'token_noise_v2'];
const trace = fc.subarray([0, 1], { minLength: 1 }).map((steps) => steps.map((step) => ({ op: OPS[step], step, params: PARAMS[step] })));

const candidate = fc.record({ id: fc.string({ unit: 'binary' }), seed: fc.string({ unit: 'binary' }), operations: trace, variant: fc.nat(50) });
const other = fc.oneof(
  fc.record({ id: fc.string({ unit: 'binary' }), seed: fc.string({ unit: 'binary' }), original: fc.constant(true as const) }),
  // An original's keys in another order, or with a note.
  fc.record({ seed: fc.string(), id: fc.string(), original: fc.constant(true as const) }),
  fc.record({ id: fc.string(), original: fc.constant(true as const), seed: fc.string() }),
  fc.record({ original: fc.constant(true as const), seed: fc.string(), id: fc.string() }),
  // Three keys, the third not `original`.
  fc.record({ id: fc.string(), seed: fc.string(), note: fc.oneof(fc.string(), fc.boolean()) }),
  fc.record({ id: fc.string(), seed: fc.string(), original: fc.constant(true as const), fluency: fc.double({ noNaN: true }) }),
  fc.record({ id: fc.string(), seed: fc.string(), operations: trace, variant: fc.nat(50), model: fc.option(fc.string()), strategy: fc.constant(null), cache_keys: fc.array(fc.string()) }),
  fc.record({ id: fc.string(), seed: fc.string(), operations: trace, variant: fc.nat(50), perplexity: fc.double({ noNaN: true }) }),
  // The same keys in another order.
  fc.record({ seed: fc.string(), id: fc.string(), operations: trace, variant: fc.nat(50) }),
);

describe('ProvenanceLines', () => {
  it('writes every line as JSON.stringify does, the cached chains included', () => {
    const lines = new ProvenanceLines();
    fc.assert(
      fc.property(fc.array(fc.oneof(candidate, other), { maxLength: 20 }), (recs) => {
        for (const rec of recs) expect(lines.line(rec as ProvenanceRecord)).toBe(JSON.stringify(rec));
      }),
    );
  });
});
