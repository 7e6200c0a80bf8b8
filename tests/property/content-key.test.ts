import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentKey } from '../../src/core/content-key.js';
import { Hash53 } from '../../src/core/random.js';
import type { Example } from '../../src/core/model.js';
import { example } from '../support/arbitraries.js';

/** The key as it was first written, through `Hash53`: shard assignment and duplicate checks
 *  depend on these exact values, so the inlined form must give the same number. */
function reference(ex: Example): number {
  const h = new Hash53();
  const num = (n: number) => h.string(String(n)).code(0x2c);
  for (const t of ex.tokens) h.string(t).code(1);
  h.code(2);
  for (const e of ex.entities) (num(e.start), num(e.end), h.string(e.type).code(0x3b));
  h.code(2);
  for (const r of ex.relations) (num(r.head), num(r.tail), h.string(r.type).code(0x3b));
  return h.digest();
}

describe('contentKey', () => {
  it('is the Hash53 of tokens, spans and relations, value for value', () => {
    fc.assert(fc.property(example(), (ex) => contentKey(ex) === reference(ex)), { numRuns: 500 });
    // Any UTF-16 text in tokens and types (lone surrogates included).
    const odd = fc.record({ tokens: fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), type: fc.string({ unit: 'binary' }) });
    fc.assert(
      fc.property(odd, ({ tokens, type }) => {
        const ex: Example = { id: '1', tokens, entities: [{ start: 0, end: tokens.length, type }], relations: [{ head: 0, tail: 0, type }] };
        return contentKey(ex) === reference(ex);
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart examples that differ only in where a token or a span ends', () => {
    const ex = (tokens: string[], end: number): Example => ({ id: '1', tokens, entities: [{ start: 0, end, type: 'PER' }], relations: [] });
    expect(contentKey(ex(['ab', 'c'], 1))).not.toBe(contentKey(ex(['a', 'bc'], 1)));
    expect(contentKey(ex(['a', 'b', 'c'], 1))).not.toBe(contentKey(ex(['a', 'b', 'c'], 2)));
    // Ids and provenance are no part of the content.
    expect(contentKey({ ...ex(['a'], 1), id: '2', meta: { parent: '0' } as Example['meta'] })).toBe(contentKey(ex(['a'], 1)));
  });
});
