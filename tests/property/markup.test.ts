import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { entityText, exampleText, tokenCharOffsets } from '../../src/core/model.js';
import { checkExample } from '../../src/core/check.js';
import { exampleFromMarkup, markupCanHold, renderMarkup } from '../../src/llm/markup.js';
import { example } from '../support/arbitraries.js';

// A mark that ends a mention and that the tokenizer splits off its word ("Commission." ->
// "Commission" ".") is left out of the entity (markup.ts `trimmedEnd`): compared without it.
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/[ .,;:]+$/, '');
/** Each relation as its arguments' texts and types: what must survive a rewrite. */
const relationView = (ex: Example) =>
  ex.relations.map((r) => `${norm(entityText(ex, ex.entities[r.head]))}/${ex.entities[r.head].type} ${r.type} ${norm(entityText(ex, ex.entities[r.tail]))}/${ex.entities[r.tail].type}`).sort();
const entityView = (ex: Example) => ex.entities.map((e) => `${norm(entityText(ex, e))}/${e.type}`).sort();

/** The seed with whitespace at every entity edge, so no mark starts or ends inside a word. */
function spacedEdges(ex: Example): Example {
  const spaces = [...(ex.spaces ?? ex.tokens.map(() => true))];
  for (const e of ex.entities) {
    if (e.start > 0) spaces[e.start - 1] = true;
    spaces[e.end - 1] = true;
  }
  return { ...ex, spaces };
}

/** Independent of the aligner: some entity edge of the seed has a letter or digit on both sides. */
function gluedEdge(ex: Example): boolean {
  const text = exampleText(ex);
  const off = tokenCharOffsets(ex);
  const alnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  return ex.entities.some((e) => [off[e.start][0], off[e.end - 1][1]].some((i) => alnum(text[i - 1]) && alnum(text[i])));
}

describe('entity markup round trip (what a model reads and writes back)', () => {
  it('a rewrite that keeps every mark gives back every entity, type and relation, and a valid example', () => {
    fc.assert(
      fc.property(example({ nested: false, spaces: true }).map(spacedEdges), fc.constantFrom('Reportedly, ', 'In short: ', ''), fc.constantFrom(' Really.', ' (update)', ''), (ex, before, after) => {
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

  it('a seed whose entity edge is glued to a word comes back as mention_inside_word, any other as an example', () => {
    fc.assert(
      fc.property(example({ nested: false, spaces: true }), (ex) => {
        fc.pre(markupCanHold(ex));
        const r = exampleFromMarkup(ex, 'Reportedly, ' + renderMarkup(ex), { sameText: true });
        expect('example' in r ? 'ok' : (r as { reason: string }).reason).toBe(gluedEdge(ex) ? 'mention_inside_word' : 'ok');
      }),
      { numRuns: 300 },
    );
  });

  it('whitespace and line breaks in an answer never become tokens', () => {
    const gap = fc.stringMatching(/^[ \t\n\r\u00a0\u2028]{1,4}$/);
    fc.assert(
      fc.property(example({ nested: false, spaces: true }).map(spacedEdges), gap, (ex, g) => {
        fc.pre(markupCanHold(ex));
        const marked = renderMarkup(ex).split(' ').join(g);
        const r = exampleFromMarkup(ex, 'Reportedly,' + g + marked, { sameText: true });
        expect('example' in r ? 'ok' : (r as { reason: string }).reason).toBe('ok');
        const out = (r as { example: Example }).example;
        for (const t of out.tokens) expect(t.trim()).toBe(t);
        expect(out.tokens.every((t) => t.length > 0)).toBe(true);
        expect(entityView(out)).toEqual(entityView(ex));
      }),
      { numRuns: 300 },
    );
  });
});
