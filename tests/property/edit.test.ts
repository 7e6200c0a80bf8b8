import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replaceRange } from '../../src/core/edit.js';
import { checkExample } from '../../src/core/check.js';
import { entityText, exampleText } from '../../src/core/model.js';
import { example, word } from '../support/arbitraries.js';

/** An example plus a valid edit range and replacement tokens. */
const edit = example({ spaces: true, columns: true }).chain((ex) =>
  fc
    .tuple(fc.nat(ex.tokens.length), fc.nat(ex.tokens.length), fc.array(word, { maxLength: 4 }), fc.constantFrom<'stretch' | 'drop'>('stretch', 'drop'))
    .map(([a, b, toks, covering]) => ({ ex, start: Math.min(a, b), end: Math.max(a, b), toks, covering })),
);

describe('replaceRange, the one span-safe edit', () => {
  it('keeps spans in bounds and non-empty, relation indices valid, per-token arrays aligned', () => {
    fc.assert(
      fc.property(edit, ({ ex, start, end, toks, covering }) => {
        const { example: out } = replaceRange(ex, start, end, toks, { covering });
        if (out.tokens.length === 0) return; // deleting everything leaves nothing to check
        expect(checkExample(out)).toEqual([]);
        expect(out.tokens.length).toBe(ex.tokens.length - (end - start) + toks.length);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves the exact text of every entity outside the edited range untouched', () => {
    fc.assert(
      fc.property(edit, ({ ex, start, end, toks }) => {
        const r = replaceRange(ex, start, end, toks);
        ex.entities.forEach((e, i) => {
          const untouched = e.end <= start || e.start >= end;
          if (start === end && e.start < start && start < e.end) return; // insertion inside: stretched
          if (!untouched) return;
          const j = r.entityMap[i];
          expect(j).toBeGreaterThanOrEqual(0);
          expect(entityText(r.example, r.example.entities[j])).toBe(entityText(ex, e));
          expect(r.example.entities[j].type).toBe(e.type);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('drops a relation exactly when one of its arguments is dropped, and keeps the others on the same entities', () => {
    fc.assert(
      fc.property(edit, ({ ex, start, end, toks, covering }) => {
        const r = replaceRange(ex, start, end, toks, { covering });
        const kept = ex.relations.filter((rel) => r.entityMap[rel.head] >= 0 && r.entityMap[rel.tail] >= 0);
        expect(r.example.relations).toHaveLength(kept.length);
        kept.forEach((rel, k) => {
          const out = r.example.relations[k];
          expect(out.type).toBe(rel.type);
          expect(out.head).toBe(r.entityMap[rel.head]);
          expect(out.tail).toBe(r.entityMap[rel.tail]);
        });
        expect(r.droppedRelations.length + kept.length).toBe(ex.relations.length);
      }),
      { numRuns: 500 },
    );
  });

  it('re-places an entity over its replacement (mention replacement) and keeps its relations', () => {
    fc.assert(
      fc.property(
        example().filter((ex) => ex.entities.length > 0),
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (ex, toks, pick) => {
          const i = pick % ex.entities.length;
          const e = ex.entities[i];
          const r = replaceRange(ex, e.start, e.end, toks, { place: [{ start: 0, end: toks.length, from: i }] });
          const j = r.entityMap[i];
          expect(j).toBeGreaterThanOrEqual(0);
          expect(r.example.entities[j].type).toBe(e.type);
          expect(r.example.tokens.slice(r.example.entities[j].start, r.example.entities[j].end)).toEqual(toks);
          const rels = ex.relations.filter((rel) => rel.head === i || rel.tail === i);
          for (const rel of rels) {
            if (r.entityMap[rel.head] < 0 || r.entityMap[rel.tail] < 0) continue; // other argument overlapped the edit
            expect(r.example.relations.some((o) => o.type === rel.type && o.head === r.entityMap[rel.head] && o.tail === r.entityMap[rel.tail])).toBe(true);
          }
          expect(checkExample(r.example)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps whitespace outside the edit: text before and after is unchanged', () => {
    fc.assert(
      fc.property(edit, ({ ex, start, end, toks }) => {
        const r = replaceRange(ex, start, end, toks);
        const before = exampleText({ tokens: ex.tokens.slice(0, start), spaces: ex.spaces!.slice(0, start) });
        const text = exampleText(r.example);
        // Deleting the tail: the text ends as the old text ended (no space left dangling).
        const tail = end === ex.tokens.length && toks.length === 0 && start > 0;
        expect(text.startsWith(tail ? before.trimEnd() : before)).toBe(true);
        if (tail) expect(text.endsWith(' ')).toBe(exampleText(ex).endsWith(' '));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a range outside the example', () => {
    const ex = { id: 'a', tokens: ['a', 'b'], entities: [], relations: [] };
    expect(() => replaceRange(ex, 1, 3, ['x'])).toThrow(/outside the example/);
    expect(() => replaceRange(ex, 2, 1, ['x'])).toThrow(/outside the example/);
  });
});
