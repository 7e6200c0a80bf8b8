import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { entityText } from '../../src/core/model.js';
import { getFormat } from '../../src/formats/registry.js';
import { hasOverlap } from '../../src/core/tags.js';
import { tmpDir } from '../support/paths.js';

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,6}$|^[0-9]{1,3}$|^[.,;:!?]$/);

/** Random examples with valid spans and relations; `flat` keeps entities apart. */
const examples = (flat: boolean) =>
  fc.array(
    fc.array(word, { minLength: 1, maxLength: 12 }).chain((tokens) =>
      fc
        .array(fc.tuple(fc.nat(tokens.length - 1), fc.integer({ min: 1, max: 3 }), fc.constantFrom('PER', 'ORG', 'LOC', 'Other-Thing')), { maxLength: 4 })
        .map((raw) => {
          let entities = raw.map(([s, len, type]) => ({ start: s, end: Math.min(tokens.length, s + len), type }));
          entities.sort((a, b) => a.start - b.start || a.end - b.end);
          if (flat) {
            const kept: typeof entities = [];
            for (const e of entities) if (!kept.length || e.start >= kept[kept.length - 1].end) kept.push(e);
            entities = kept;
          }
          // No two entities on the same span (formats keyed by span would merge them).
          entities = entities.filter((e, i, all) => !all.slice(0, i).some((o) => o.start === e.start && o.end === e.end));
          return { tokens, entities };
        })
        .chain(({ tokens, entities }) =>
          fc
            .array(fc.tuple(fc.nat(Math.max(0, entities.length - 1)), fc.nat(Math.max(0, entities.length - 1)), fc.constantFrom('Work_For', 'part-of')), { maxLength: entities.length ? 3 : 0 })
            .map((rels): Example => ({ id: 'x', tokens, entities, relations: rels.filter(([h, t]) => h !== t).map(([head, tail, type]) => ({ head, tail, type })) })),
        ),
    ),
    { minLength: 1, maxLength: 5 },
  );

const facts = (exs: Example[], withRelations: boolean) =>
  exs.map((ex) => ({
    tokens: ex.tokens,
    entities: ex.entities.map((e) => `${e.start}:${e.end}:${e.type}:${entityText(ex, e)}`).sort(),
    relations: withRelations ? ex.relations.map((r) => `${ex.entities[r.head].start}:${ex.entities[r.head].end}>${r.type}>${ex.entities[r.tail].start}:${ex.entities[r.tail].end}`).sort() : [],
  }));

async function roundTrip(format: string, exs: Example[], ext: string, opts = {}): Promise<Example[]> {
  const f = getFormat(format);
  let text = '';
  await f.write(exs, { write: (s: string) => void (text += s) }, opts);
  const file = path.join(tmpDir(), `data.${ext}`);
  writeFileSync(file, text);
  const out: Example[] = [];
  for await (const ex of f.read(file)) out.push(ex);
  return out;
}

describe('write then read gives back every span and relation, on random data', () => {
  for (const [format, ext, flat, rels, opts] of [
    ['spert', 'json', false, true, {}],
    ['dygie', 'jsonl', false, true, {}],
    ['jsonl', 'jsonl', false, true, {}],
    ['docred', 'json', false, true, {}],
    ['spert-tags', 'json', true, true, {}],
    ['conll', 'conll', true, false, { scheme: 'IOB2' }],
    ['conll', 'conll', true, false, { scheme: 'BIOES' }],
    ['conll', 'conll', true, false, { scheme: 'IOB1' }],
  ] as const) {
    it(`${format}${'scheme' in opts ? ` (${(opts as { scheme: string }).scheme})` : ''}`, async () => {
      await fc.assert(
        fc.asyncProperty(examples(flat), async (exs) => {
          const input = exs.map((e, i) => ({ ...e, id: String(i), relations: rels ? e.relations : [] }));
          if (flat) for (const e of input) expect(hasOverlap(e.entities)).toBe(false);
          const back = await roundTrip(format, input, ext, opts);
          expect(facts(back, rels)).toEqual(facts(input, rels));
        }),
        { numRuns: 60 },
      );
    });
  }
});
