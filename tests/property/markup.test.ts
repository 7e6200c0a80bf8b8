import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { entityText } from '../../src/core/model.js';
import { checkExample } from '../../src/core/check.js';
import { exampleFromMarkup, markupCanHold, renderMarkup } from '../../src/llm/markup.js';
import { example } from '../support/arbitraries.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Each relation as its arguments' texts and types: what must survive a rewrite. */
const relationView = (ex: Example) =>
  ex.relations.map((r) => `${norm(entityText(ex, ex.entities[r.head]))}/${ex.entities[r.head].type} ${r.type} ${norm(entityText(ex, ex.entities[r.tail]))}/${ex.entities[r.tail].type}`).sort();
const entityView = (ex: Example) => ex.entities.map((e) => `${norm(entityText(ex, e))}/${e.type}`).sort();

describe('entity markup round trip (what a model reads and writes back)', () => {
  it('a rewrite that keeps every mark gives back every entity, type and relation, and a valid example', () => {
    fc.assert(
      fc.property(example({ nested: false, spaces: true }), fc.constantFrom('Reportedly, ', 'In short: ', ''), fc.constantFrom(' Really.', ' (update)', ''), (ex, before, after) => {
        fc.pre(markupCanHold(ex) && before + after !== '');
        const r = exampleFromMarkup(ex, before + renderMarkup(ex) + after, { sameText: true });
        expect('example' in r ? 'ok' : (r as { reason: string }).reason).toBe('ok');
        const out = (r as { example: Example }).example;
        expect(checkExample(out)).toEqual([]);
        expect(entityView(out)).toEqual(entityView(ex));
        expect(relationView(out)).toEqual(relationView(ex));
      }),
      { numRuns: 300 },
    );
  });
});
