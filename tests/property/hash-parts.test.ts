import { describe, it } from 'vitest';
import fc from 'fast-check';
import { hash53, hashParts } from '../../src/core/random.js';

// rngFor seeds every random stream from hashParts: it must equal the hash of the joined key it
// replaced, or every run's output changes.
describe('hashParts', () => {
  it('equals hash53 of the parts joined with U+241F', () => {
    const part = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.integer(), fc.double(), fc.constantFrom('char_noise_v2#0', 'compose', '\u241f', ''),
      // A JavaScript caller may pass a missing id: join makes it ''.
      fc.constantFrom(undefined, null) as unknown as fc.Arbitrary<string>,
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => hashParts(parts) === hash53(parts.join('\u241f'))),
      { numRuns: 3000 },
    );
  });
});
