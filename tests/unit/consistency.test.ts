import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { schemaOf } from '../../src/core/schema.js';
import { labelConsistency, spanConsistency } from '../../src/filters/consistency.js';
import { example } from '../support/arbitraries.js';

const base = (): Example => ({
  id: 's1',
  tokens: ['Maria', 'Lopez', 'works', 'for', 'Acme', 'in', 'Lyon', '.'],
  entities: [
    { start: 0, end: 2, type: 'PER' },
    { start: 4, end: 5, type: 'ORG' },
    { start: 6, end: 7, type: 'LOC' },
  ],
  relations: [{ head: 0, tail: 1, type: 'Work_For' }],
});

describe('spanConsistency', () => {
  it('accepts a well-formed example', () => {
    expect(spanConsistency(base(), { allowOverlap: false })).toBeNull();
  });

  const broken: Array<[string, (ex: Example) => void, RegExp]> = [
    ['a span past the last token', (ex) => (ex.entities[2].end = 9), /entities\[2\].*out of range/],
    ['a negative start', (ex) => (ex.entities[0].start = -1), /entities\[0\].*out of range/],
    ['an empty span', (ex) => (ex.entities[1].end = 4), /entities\[1\].*empty/],
    ['a reversed span', (ex) => Object.assign(ex.entities[1], { start: 5, end: 4 }), /entities\[1\].*reversed/],
    ['a fractional offset', (ex) => (ex.entities[0].end = 1.5), /entities\[0\].*integers/],
    ['a relation on a missing entity', (ex) => (ex.relations[0].tail = 3), /relations\[0\]\.tail.*3 entities/],
    ['an empty token', (ex) => (ex.tokens[3] = ''), /tokens\[3\].*empty/],
    ['no tokens at all', (ex) => Object.assign(ex, { tokens: [], entities: [], relations: [] }), /tokens.*no tokens/],
    ['whitespace flags of the wrong length', (ex) => (ex.spaces = [true]), /spaces/],
    ['an entity without a type', (ex) => (ex.entities[0].type = ''), /entities\[0\]\.type/],
  ];
  for (const [what, breakIt, detail] of broken) {
    it(`rejects ${what} as span_inconsistent, saying where`, () => {
      const ex = base();
      breakIt(ex);
      const r = spanConsistency(ex, { allowOverlap: true });
      expect(r?.reason).toBe('span_inconsistent');
      expect(r?.detail).toMatch(detail);
    });
  }

  it('rejects overlapping entities unless overlap is allowed', () => {
    const ex = base();
    ex.entities.push({ start: 1, end: 3, type: 'ORG' });
    expect(spanConsistency(ex, { allowOverlap: false })?.reason).toBe('overlapping_entities');
    expect(spanConsistency(ex, { allowOverlap: true })).toBeNull();
    // Touching spans do not overlap.
    const touching = base();
    touching.entities.push({ start: 2, end: 4, type: 'MISC' });
    expect(spanConsistency(touching, { allowOverlap: false })).toBeNull();
  });

  /** The invariant written out again, independently of core/check.ts. */
  const sound = (ex: Example) =>
    ex.tokens.length > 0 &&
    ex.tokens.every((t) => t.length > 0) &&
    ex.entities.every((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start < e.end && e.end <= ex.tokens.length && e.type !== '') &&
    ex.relations.every((r) => [r.head, r.tail].every((i) => Number.isInteger(i) && i >= 0 && i < ex.entities.length) && r.type !== '');

  it('on random examples, some of them corrupted, rejects exactly the unsound ones', () => {
    const corrupt = fc.constantFrom('none', 'end+1', 'start=end', 'head', 'tail', 'shift');
    let rejected = 0;
    let accepted = 0;
    fc.assert(
      fc.property(example(), corrupt, fc.nat(), (ex, how, k) => {
        const e = ex.entities.length ? ex.entities[k % ex.entities.length] : undefined;
        const r = ex.relations.length ? ex.relations[k % ex.relations.length] : undefined;
        if (how === 'end+1' && e) e.end = ex.tokens.length + 1;
        if (how === 'start=end' && e) e.start = e.end;
        if (how === 'head' && r) r.head = ex.entities.length;
        if (how === 'tail' && r) r.tail = -1;
        if (how === 'shift' && e) (e.start += k % 3), (e.end += k % 3);
        const why = spanConsistency(ex, { allowOverlap: true });
        expect(why === null, JSON.stringify(ex)).toBe(sound(ex));
        if (why) rejected++;
        else accepted++;
      }),
      { numRuns: 400, seed: 9 },
    );
    // Both sides were exercised.
    expect(rejected).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(50);
  });
});

describe('labelConsistency', () => {
  const schema = schemaOf([base()]);
  const none = new Set<string>();

  it('accepts labels and signatures that the seeds have', () => {
    expect(labelConsistency(base(), schema, none)).toBeNull();
  });

  it('rejects an entity type the seeds never use', () => {
    const ex = base();
    ex.entities[2].type = 'GPE';
    expect(labelConsistency(ex, schema, none)).toEqual({ reason: 'unknown_entity_type', detail: 'entity type "GPE" is not in the seed schema' });
  });

  it('rejects a relation type the seeds never use', () => {
    const ex = base();
    ex.relations[0].type = 'Kill';
    expect(labelConsistency(ex, schema, none)?.reason).toBe('unknown_relation_type');
  });

  it('rejects a known relation between types it never joins, unless the signature is declared', () => {
    const ex = base();
    ex.relations = [{ head: 2, tail: 1, type: 'Work_For' }]; // LOC -Work_For-> ORG
    const r = labelConsistency(ex, schema, none);
    expect(r?.reason).toBe('unseen_relation_signature');
    expect(r?.detail).toBe('(LOC, Work_For, ORG) never occurs in the seeds');
    expect(labelConsistency(ex, schema, new Set(['LOC|Work_For|ORG']))).toBeNull();
    // A declared signature does not open any other.
    expect(labelConsistency(ex, schema, new Set(['LOC|Work_For|PER']))?.reason).toBe('unseen_relation_signature');
  });

  it("lets a negative instance carry the recipe's negative label, and nothing else unknown", () => {
    const ex = base();
    ex.relations = [{ head: 2, tail: 0, type: 'no_relation', negative: 'reversed' }];
    expect(labelConsistency(ex, schema, none, new Set(['no_relation']))).toBeNull();
    expect(labelConsistency(ex, schema, none)?.reason).toBe('unknown_relation_type');
    // A negative instance of a seed relation type needs no signature.
    ex.relations = [{ head: 2, tail: 0, type: 'Work_For', negative: 'reversed' }];
    expect(labelConsistency(ex, schema, none)).toBeNull();
    // Without the negative mark, the same pair is checked like any relation.
    ex.relations = [{ head: 2, tail: 0, type: 'Work_For' }];
    expect(labelConsistency(ex, schema, none)?.reason).toBe('unseen_relation_signature');
  });

  it('checks every entity and relation, not only the first', () => {
    const ex = base();
    ex.entities.push({ start: 3, end: 4, type: 'ODD' });
    expect(labelConsistency(ex, schema, none)?.detail).toMatch(/"ODD"/);
    const rel = base();
    rel.relations.push({ head: 1, tail: 0, type: 'Work_For' });
    expect(labelConsistency(rel, schema, none)?.detail).toMatch(/ORG, Work_For, PER/);
  });
});
