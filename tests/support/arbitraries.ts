import fc from 'fast-check';
import type { Entity, Example, Relation } from '../../src/core/model.js';

const TYPES = ['PER', 'LOC', 'ORG', 'B-X', 'Other-Thing'];
const RELS = ['Work_For', 'Live_In', 'part-of'];
export const word = fc.stringMatching(/^[A-Za-z0-9.,'-]{1,8}$/);

/** Random examples: any tokens, entities anywhere (nesting allowed), relations between them. */
export const example = (opts: { nested?: boolean; spaces?: boolean; columns?: boolean } = {}): fc.Arbitrary<Example> =>
  fc
    .array(word, { minLength: 1, maxLength: 25 })
    .chain((tokens) => {
      const n = tokens.length;
      const span = fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: Math.min(4, n) }), fc.constantFrom(...TYPES)).map(
        ([s, len, type]): Entity => ({ start: s, end: Math.min(n, s + len), type }),
      );
      return fc.record({
        tokens: fc.constant(tokens),
        entities: fc.array(span, { maxLength: 6 }).map((es) => (opts.nested === false ? flat(es) : es)),
        spaces: opts.spaces ? fc.array(fc.boolean(), { minLength: n, maxLength: n }) : fc.constant(undefined),
        columns: opts.columns ? fc.constant(tokens.map((t) => [`P${t.length}`, 'X'])) : fc.constant(undefined),
      });
    })
    .chain((base) =>
      fc
        .array(
          fc.tuple(fc.nat(Math.max(0, base.entities.length - 1)), fc.nat(Math.max(0, base.entities.length - 1)), fc.constantFrom(...RELS)),
          { maxLength: base.entities.length ? 5 : 0 },
        )
        .map((rs): Example => {
          // A relation from an entity to itself is invalid data (checkExample refuses it).
          const relations: Relation[] = rs.filter(([h, t]) => h !== t).map(([h, t, type]) => ({ head: h, tail: t, type }));
          const ex: Example = { id: 'x', tokens: base.tokens, entities: base.entities, relations };
          if (base.spaces) ex.spaces = base.spaces;
          if (base.columns) ex.columns = base.columns;
          return ex;
        }),
    );

function flat(es: Entity[]): Entity[] {
  const out: Entity[] = [];
  for (const e of es.sort((a, b) => a.start - b.start)) if (!out.length || e.start >= out[out.length - 1].end) out.push(e);
  return out;
}
