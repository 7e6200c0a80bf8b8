import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { getFormat } from '../../src/formats/registry.js';
import type { WriteSummary } from '../../src/formats/types.js';
import { example } from '../support/arbitraries.js';
import { tmpDir } from '../support/paths.js';
import { checkWritten, countByField } from '../support/truth/index.js';

/**
 * What the writers that cannot hold something count, re-derived here from the written text
 * (JSON.parse, never our readers) and the input: FewRel/CasRel drop entity types, pair formats
 * refuse an output with no record, SpERT carries coreference, every writer but CasRel's counts
 * the CasRel triples it cannot place. The independent checker (tests/support/truth) judges the text.
 */
async function write(format: string, exs: Example[], lossy: boolean): Promise<{ text: string; summary: WriteSummary }> {
  let text = '';
  // Few-NERD writes only sentences of an episode: there, each example is in episode 0's support.
  const input = format === 'fewnerd' ? exs.map((ex) => ({ ...ex, extra: { ...ex.extra, fewnerd: { episode: 0, set: 'support' } } })) : exs;
  const summary = await getFormat(format).write(input, { write: (s: string) => void (text += s) }, { lossy });
  return { text, summary };
}

/** Random flat examples, each opened by its own marker token `#i` (tells the records apart),
 *  some entities untyped (ENTITY), some in coreference clusters, no self-relation. */
const examples = fc
  .array(fc.tuple(example({ nested: false }), fc.array(fc.constantFrom<Array<number | 'typed' | 'untyped'>>('typed', 'untyped', 0, 1), { minLength: 6, maxLength: 6 })), { minLength: 1, maxLength: 5 })
  .map((raw) =>
    raw.map(([ex, marks], i): Example => ({
      id: `e${i}`,
      tokens: [`#${i}`, ...ex.tokens],
      entities: ex.entities.map((e, k) => ({
        start: e.start + 1,
        end: e.end + 1,
        type: marks[k] === 'untyped' ? 'ENTITY' : e.type,
        ...(typeof marks[k] === 'number' ? { cluster: marks[k] as number } : {}),
      })),
      relations: ex.relations.filter((r) => r.head !== r.tail),
    })),
  );

const noViolations = (format: string, text: string) => {
  const vs = checkWritten(format, text);
  expect(countByField(vs), vs.slice(0, 3).map((v) => `[${v.record}] ${v.field}: ${v.message}`).join('\n')).toEqual({});
};

const anyRelation = (exs: Example[]) => exs.some((ex) => ex.relations.length > 0);

describe('FewRel writes arguments untyped and counts each typed mention it writes', () => {
  it('the count is the typed entities at the spans the records list', async () => {
    await fc.assert(
      fc.asyncProperty(examples, async (exs) => {
        fc.pre(anyRelation(exs));
        const { text, summary } = await write('fewrel', exs, true);
        noViolations('fewrel', text);
        const written = new Set<string>();
        for (const list of Object.values(JSON.parse(text) as Record<string, Array<{ tokens: string[]; h: unknown[]; t: unknown[] }>>))
          for (const rec of list)
            for (const arg of [rec.h, rec.t])
              for (const m of arg[2] as number[][]) written.add(`${rec.tokens[0]}:${m[0]}:${m[m.length - 1] + 1}`);
        let typed = 0;
        exs.forEach((ex, i) => ex.entities.forEach((e) => e.type !== 'ENTITY' && written.has(`#${i}:${e.start}:${e.end}`) && typed++));
        expect(summary.dropped['entity type labels'] ?? 0).toBe(typed);
        if (typed > 0) await expect(write('fewrel', exs, false)).rejects.toThrow(/cannot hold|--lossy/);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('untyped data that fits writes without --lossy and without a count', async () => {
    await fc.assert(
      fc.asyncProperty(examples, async (exs) => {
        // Keep only what FewRel holds: relation arguments, all ENTITY, in examples with a relation.
        const fits = exs
          .filter((ex) => ex.relations.length > 0)
          .map((ex) => {
            const used = [...new Set(ex.relations.flatMap((r) => [r.head, r.tail]))].sort((a, b) => a - b);
            return { ...ex, entities: used.map((i) => ({ start: ex.entities[i].start, end: ex.entities[i].end, type: 'ENTITY' })), relations: ex.relations.map((r) => ({ ...r, head: used.indexOf(r.head), tail: used.indexOf(r.tail) })) };
          });
        fc.pre(fits.length > 0);
        const { summary } = await write('fewrel', fits, false);
        expect(summary.dropped).toEqual({});
      }),
      { numRuns: 100, seed: 8 },
    );
  });
});

describe('CasRel writes arguments untyped and counts each typed argument', () => {
  it('the count is the distinct typed arguments of the relations', async () => {
    await fc.assert(
      fc.asyncProperty(examples, async (exs) => {
        const { text, summary } = await write('casrel', exs, true);
        noViolations('casrel', text);
        const typed = exs.reduce((n, ex) => n + new Set(ex.relations.flatMap((r) => [r.head, r.tail]).filter((i) => ex.entities[i].type !== 'ENTITY')).size, 0);
        expect(summary.dropped['entity type labels'] ?? 0).toBe(typed);
        const triples = (JSON.parse(text) as Array<{ triple_list: unknown[] }>).reduce((n, r) => n + r.triple_list.length, 0);
        expect(triples).toBe(exs.reduce((n, ex) => n + ex.relations.length, 0));
      }),
      { numRuns: 150, seed: 9 },
    );
  });
});

describe('a lossy pair-format write that keeps no record is refused', () => {
  it.each(['fewrel', 'tacred'])('%s: refused exactly when no example has a relation', async (format) => {
    await fc.assert(
      fc.asyncProperty(examples, async (exs) => {
        const w = write(format, exs, true);
        if (anyRelation(exs)) {
          const { text } = await w;
          const parsed = JSON.parse(text);
          const records = Array.isArray(parsed) ? parsed.length : Object.values(parsed as Record<string, unknown[]>).reduce((n, l) => n + l.length, 0);
          expect(records).toBe(exs.reduce((n, ex) => n + ex.relations.length, 0));
        } else {
          await expect(w).rejects.toThrow(new RegExp(`holds none of the ${exs.length} example.*the output would be an empty dataset, so it was not written`));
        }
      }),
      { numRuns: 100, seed: 10 },
    );
  });

  it('an empty input still writes an empty dataset', async () => {
    expect((await write('fewrel', [], true)).text.trim()).toBe('{}');
    expect(JSON.parse((await write('tacred', [], true)).text)).toEqual([]);
  });
});

describe('SpERT entities carry coreference clusters', () => {
  const DIR = tmpDir();
  let n = 0;
  it('a cluster key is written exactly on mentions that share their cluster, and reads back as the same partition', async () => {
    await fc.assert(
      fc.asyncProperty(examples, async (exs) => {
        const { text } = await write('spert', exs, false);
        noViolations('spert', text);
        const recs = JSON.parse(text) as Array<{ entities: Array<{ cluster?: number }> }>;
        recs.forEach((rec, i) =>
          rec.entities.forEach((e, k) => {
            const c = exs[i].entities[k].cluster;
            const shared = c !== undefined && exs[i].entities.some((o, j) => j !== k && o.cluster === c);
            expect(e.cluster).toBe(shared ? c : undefined);
          }),
        );
        const file = path.join(DIR, `c${n++}.json`);
        writeFileSync(file, text);
        const back: Example[] = [];
        for await (const ex of getFormat('spert').read(file)) back.push(ex);
        // Same partition of mentions into clusters of two or more, keyed by span.
        const partition = (ex: Example) => {
          const groups = new Map<number, string[]>();
          for (const e of ex.entities) if (e.cluster !== undefined) groups.set(e.cluster, [...(groups.get(e.cluster) ?? []), `${e.start}:${e.end}`]);
          return [...groups.values()].filter((g) => g.length > 1).map((g) => g.join(' ')).sort();
        };
        expect(back.map(partition)).toEqual(exs.map(partition));
        expect(back.every((ex) => ex.entities.every((e) => e.extra === undefined))).toBe(true);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});

describe('CasRel triples kept unplaced: every writer but CasRel counts them', () => {
  const withUnplaced = fc.tuple(examples, fc.array(fc.nat(3), { minLength: 5, maxLength: 5 })).map(([exs, ns]) =>
    exs.map((ex, i): Example => (ns[i] ? { ...ex, extra: { casrel: { $unaligned: Array.from({ length: ns[i] }, (_, k) => [k, ['A', 'rel', 'B']]) } } } : ex)),
  );
  const unplaced = (exs: Example[]) => exs.reduce((n, ex) => n + (((ex.extra?.casrel as { $unaligned?: unknown[] })?.$unaligned?.length) ?? 0), 0);

  it.each(['spert', 'jsonl', 'dygie', 'docred', 'conll', 'tacred', 'fewrel', 'csv', 'spert-tags', 'fewnerd'])('%s: --lossy counts every one; without it, any one fails the write', async (format) => {
    await fc.assert(
      fc.asyncProperty(withUnplaced, async (exs) => {
        let summary: WriteSummary | undefined;
        try {
          summary = (await write(format, exs, true)).summary;
        } catch (err) {
          // A pair format that holds none of the examples refuses the whole write.
          expect(String(err)).toMatch(/empty dataset/);
          return;
        }
        expect(summary.dropped['relation triples whose argument is not in the text'] ?? 0).toBe(unplaced(exs));
        if (unplaced(exs) > 0) await expect(write(format, exs, false)).rejects.toThrow(/--lossy/);
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it('the CasRel writer writes them back instead', async () => {
    await fc.assert(
      fc.asyncProperty(withUnplaced, async (exs) => {
        const { text, summary } = await write('casrel', exs.map((ex) => ({ ...ex, entities: ex.entities.map((e) => ({ ...e, type: 'ENTITY' })) })), true);
        expect(summary.dropped['relation triples whose argument is not in the text']).toBeUndefined();
        const written = (JSON.parse(text) as Array<{ triple_list: string[][] }>).reduce((n, r) => n + r.triple_list.filter((t) => t.join() === 'A,rel,B').length, 0);
        expect(written).toBe(unplaced(exs));
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});
