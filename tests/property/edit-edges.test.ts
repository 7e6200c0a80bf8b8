import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replaceRange } from '../../src/core/edit.js';
import { checkExample } from '../../src/core/check.js';
import type { Example } from '../../src/core/model.js';
import { example, word } from '../support/arbitraries.js';

/**
 * Edits that start or end exactly on an entity's edge. An edit inside an entity (touching an
 * edge or not) rewrites part of its name: the entity stretches over the new tokens. An
 * insertion at an edge adds tokens beside the entity: it stays as it was. An edit that
 * replaces the whole entity, or crosses an edge, removes it (unless the caller re-places it).
 */
const seed = (): Example => ({
  id: 'e1',
  tokens: ['I', 'visited', 'New', 'York', 'City', 'with', 'Ana', '.'],
  entities: [
    { start: 2, end: 5, type: 'LOC' },
    { start: 6, end: 7, type: 'PER' },
  ],
  relations: [{ head: 1, tail: 0, type: 'Live_In' }],
});
const texts = (ex: Example) => ex.entities.map((e) => `${ex.tokens.slice(e.start, e.end).join(' ')}/${e.type}`);

describe('an edit on an entity edge', () => {
  const cases: Array<[string, number, number, string[], string[]]> = [
    ['replacing the first token stretches the entity over the new one', 2, 3, ['Old'], ['Old York City/LOC', 'Ana/PER']],
    ['replacing the first token with two stretches it by one', 2, 3, ['Old', 'Grand'], ['Old Grand York City/LOC', 'Ana/PER']],
    ['replacing the first two tokens with one shrinks it', 2, 4, ['Jersey'], ['Jersey City/LOC', 'Ana/PER']],
    ['replacing the last token stretches the entity', 4, 5, ['Harbour', 'Front'], ['New York Harbour Front/LOC', 'Ana/PER']],
    ['deleting the first token keeps the rest of the entity', 2, 3, [], ['York City/LOC', 'Ana/PER']],
    ['deleting the last token keeps the rest of the entity', 4, 5, [], ['New York/LOC', 'Ana/PER']],
    ['inserting inside the entity stretches it', 3, 3, ['Big'], ['New Big York City/LOC', 'Ana/PER']],
    ['inserting right before the entity leaves it as it was', 2, 2, ['old'], ['New York City/LOC', 'Ana/PER']],
    ['inserting right after the entity leaves it as it was', 5, 5, ['again'], ['New York City/LOC', 'Ana/PER']],
    ['replacing the whole entity removes it', 2, 5, ['Paris'], ['Ana/PER']],
    ['an edit that crosses the start edge removes it', 1, 3, ['saw', 'Old'], ['Ana/PER']],
    ['an edit that crosses the end edge removes it', 4, 6, ['Hall', 'and'], ['Ana/PER']],
  ];
  for (const [what, start, end, toks, expected] of cases) {
    it(what, () => {
      const r = replaceRange(seed(), start, end, toks);
      expect(texts(r.example)).toEqual(expected);
      expect(checkExample(r.example)).toEqual([]);
      // The relation lives exactly as long as its location argument.
      const kept = expected.some((t) => t.endsWith('/LOC'));
      expect(r.example.relations).toEqual(kept ? [{ head: 1, tail: 0, type: 'Live_In' }] : []);
      expect(r.droppedEntities).toEqual(kept ? [] : [0]);
    });
  }

  it("with covering: 'drop', an edit inside the entity removes it instead", () => {
    for (const [start, end] of [[2, 3], [4, 5], [3, 3]]) {
      const r = replaceRange(seed(), start, end, ['X'], { covering: 'drop' });
      expect(texts(r.example)).toEqual(['Ana/PER']);
      expect(r.example.relations).toEqual([]);
    }
    // An insertion at an edge does not touch the entity, whatever `covering` says.
    expect(texts(replaceRange(seed(), 2, 2, ['old'], { covering: 'drop' }).example)).toEqual(['New York City/LOC', 'Ana/PER']);
  });
});

/** An example, one of its entities, and an edit range inside it that touches an edge. */
const edgeEdit = example({ spaces: true })
  .filter((ex) => ex.entities.some((e) => e.end - e.start >= 2))
  .chain((ex) => {
    const candidates = ex.entities.map((e, i) => [e, i] as const).filter(([e]) => e.end - e.start >= 2);
    return fc.tuple(fc.constantFrom(...candidates), fc.nat(), fc.boolean(), fc.array(word, { maxLength: 3 })).map(([[e, i], k, atStart, toks]) => {
      const len = e.end - e.start;
      // At the start edge: [s, s+1 .. t-1]; at the end edge: [s+1 .. t-1, t]. Never the whole entity, never empty.
      const [start, end] = atStart ? [e.start, e.start + 1 + (k % (len - 1))] : [e.end - 1 - (k % (len - 1)), e.end];
      return { ex, i, start, end, toks };
    });
  });

describe('edits that start or end on an entity edge (property)', () => {
  it('stretch the entity: it keeps its type and relations and names its old tokens around the new ones', () => {
    fc.assert(
      fc.property(edgeEdit, ({ ex, i, start, end, toks }) => {
        const e = ex.entities[i];
        const r = replaceRange(ex, start, end, toks);
        const j = r.entityMap[i];
        expect(j).toBeGreaterThanOrEqual(0);
        const ne = r.example.entities[j];
        expect(ne.type).toBe(e.type);
        expect(r.example.tokens.slice(ne.start, ne.end)).toEqual([...ex.tokens.slice(e.start, start), ...toks, ...ex.tokens.slice(end, e.end)]);
        expect(ne.start).toBe(e.start);
        for (const rel of ex.relations) {
          if (rel.head !== i && rel.tail !== i) continue;
          const other = rel.head === i ? rel.tail : rel.head;
          const survives = r.entityMap[other] >= 0;
          expect(r.example.relations.some((o) => o.type === rel.type && o.head === r.entityMap[rel.head] && o.tail === r.entityMap[rel.tail])).toBe(survives);
        }
        expect(checkExample(r.example)).toEqual([]);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("are dropped with covering: 'drop', and their relations with them", () => {
    fc.assert(
      fc.property(edgeEdit, ({ ex, i, start, end, toks }) => {
        const r = replaceRange(ex, start, end, toks, { covering: 'drop' });
        expect(r.entityMap[i]).toBe(-1);
        expect(r.droppedEntities).toContain(i);
        for (const k of ex.relations.keys()) if (ex.relations[k].head === i || ex.relations[k].tail === i) expect(r.droppedRelations).toContain(k);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('an insertion at either edge leaves the entity, its text and its type as they were', () => {
    fc.assert(
      fc.property(edgeEdit, fc.boolean(), fc.array(word, { minLength: 1, maxLength: 3 }), ({ ex, i }, atStart, toks) => {
        const e = ex.entities[i];
        const at = atStart ? e.start : e.end;
        for (const covering of ['stretch', 'drop'] as const) {
          const r = replaceRange(ex, at, at, toks, { covering });
          const ne = r.example.entities[r.entityMap[i]];
          expect(ne).toBeDefined();
          expect(r.example.tokens.slice(ne.start, ne.end)).toEqual(ex.tokens.slice(e.start, e.end));
          expect(ne.type).toBe(e.type);
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
