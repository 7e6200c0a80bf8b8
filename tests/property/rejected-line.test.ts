import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RejectedLines } from '../../src/pipeline/rejected-line.js';
import type { RejectionRecord } from '../../src/pipeline/outputs.js';

// Repeated values (as in one run) and any string, escapes and lone surrogates included.
const word = fc.oneof(fc.constantFrom('unchanged', 'char_noise_v2+token_noise_v2', 'no operation changed the example (no example: it is the parent seed)', 'a "quoted" \\ detail'), fc.string({ unit: 'binary' }));
const slim = fc.record({ id: fc.string({ unit: 'binary' }), parent: fc.string({ unit: 'binary' }), op: word, variant: fc.nat(50), reason: word, detail: word });
const other = fc.oneof(
  fc.record({ id: fc.string(), parent: fc.string(), op: word, variant: fc.nat(50), reason: word, detail: word, example: fc.record({ tokens: fc.array(fc.string()), entities: fc.constant([]), relations: fc.constant([]) }) }),
  fc.record({ id: fc.string(), parent: fc.string(), op: word, variant: fc.nat(50), reason: word, detail: word, raw: fc.string() }),
  // The same keys in another order, and a variant that is not an integer.
  fc.record({ parent: fc.string(), id: fc.string(), op: word, variant: fc.nat(50), reason: word, detail: word }),
  fc.record({ id: fc.string(), parent: fc.string(), op: word, variant: fc.double(), reason: word, detail: word }),
);

describe('RejectedLines', () => {
  it('writes every row as JSON.stringify does, the cached strings included', () => {
    const lines = new RejectedLines();
    fc.assert(
      fc.property(fc.array(fc.oneof(slim, other), { maxLength: 20 }), (recs) => {
        for (const rec of recs) expect(lines.line(rec as RejectionRecord)).toBe(JSON.stringify(rec));
      }),
    );
  });
});
