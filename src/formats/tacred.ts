import { z } from 'zod';
import type { Entity, Example } from '../core/model.js';
import { readJson } from './input.js';
import { Reporter } from './reporter.js';
import { JsonArrayWriter, nonNegInt, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { bump, toSentences } from './limits.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';

/** Type given to TACRED-style arguments when the file has no subj_type / obj_type. */
export const UNTYPED = 'ENTITY';

const record = z.looseObject({
  token: z.array(z.string()),
  relation: z.string().min(1),
  subj_start: nonNegInt,
  subj_end: nonNegInt,
  obj_start: nonNegInt,
  obj_end: nonNegInt,
  subj_type: z.string().min(1).optional(),
  obj_type: z.string().min(1).optional(),
});

const FIELDS = ['token', 'relation', 'subj_start', 'subj_end', 'obj_start', 'obj_end', 'subj_type', 'obj_type'];

async function* readTacred(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const data = await readJson(file);
  if (!Array.isArray(data)) {
    reporter.problem({ file }, 'expected a JSON array of TACRED examples ({"token", "subj_start", ..., "relation"})');
    return;
  }
  for (let i = 0; i < data.length; i++) {
    const r = validateRecord(record, data[i], reporter, { file }, [i]);
    if (!r) continue;
    let bad = false;
    for (const side of ['subj', 'obj'] as const) {
      if (r[`${side}_end`] >= r.token.length) {
        reporter.problem({ file, path: `[${i}].${side}_end` }, `${side}_end ${r[`${side}_end`]} is out of range (${r.token.length} tokens; ends are inclusive)`);
        bad = true;
      } else if (r[`${side}_end`] < r[`${side}_start`]) {
        reporter.problem({ file, path: `[${i}].${side}_end` }, `${side}_end ${r[`${side}_end`]} is before ${side}_start ${r[`${side}_start`]} (ends are inclusive)`);
        bad = true;
      }
    }
    if (bad) continue;
    const subj: Entity = { start: r.subj_start, end: r.subj_end + 1, type: r.subj_type ?? UNTYPED };
    const obj: Entity = { start: r.obj_start, end: r.obj_end + 1, type: r.obj_type ?? UNTYPED };
    const ex: Example = {
      id: typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : String(i),
      tokens: r.token,
      entities: [subj, obj],
      relations: [{ head: 0, tail: 1, type: r.relation }],
    };
    const x = rest(r, FIELDS) ?? {};
    if (r.subj_type === undefined) x.$untyped = true;
    if (Object.keys(x).length) ex.extra = withOwn('tacred', x);
    if (!reportExample(ex, reporter, { file }, [i])) continue;
    yield ex;
  }
}

async function writeTacred(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const out = new JsonArrayWriter(sink);
  const dropped: Dropped = {};
  let count = 0;
  const pending: Record<string, unknown>[] = [];
  for await (const doc of examples) {
    for (const ex of toSentences(doc, opts, dropped, 'TACRED JSON')) {
      if (ex.relations.length === 0) {
        // One TACRED example is one (subject, object, relation): an example with no pair has no row.
        bump(dropped, 'examples without a relation instance');
        continue;
      }
      const x = { ...(own(ex.extra, 'tacred') ?? {}) };
      const untyped = x.$untyped === true;
      delete x.$untyped;
      ex.relations.forEach((rel, k) => {
        const s = ex.entities[rel.head];
        const o = ex.entities[rel.tail];
        const rec: Record<string, unknown> = {};
        const id = x.id ?? ex.id;
        rec.id = ex.relations.length > 1 ? `${id}-${k}` : id;
        for (const [key, v] of Object.entries(x)) {
          if (key === 'id') continue;
          // Per-token annotations are only kept while they still match the tokens.
          if (Array.isArray(v) && key.startsWith('stanford_') && v.length !== ex.tokens.length) continue;
          rec[key] = v;
        }
        Object.assign(rec, {
          relation: rel.type,
          token: ex.tokens,
          subj_start: s.start,
          subj_end: s.end - 1,
          obj_start: o.start,
          obj_end: o.end - 1,
        });
        if (!untyped) {
          rec.subj_type = s.type;
          rec.obj_type = o.type;
        }
        pending.push(rec);
      });
      for (const rec of pending.splice(0)) {
        await out.item(rec);
        count++;
      }
    }
  }
  await out.end();
  return { examples: count, dropped };
}
export const tacred: Format = {
  name: 'tacred',
  description: 'TACRED JSON: token, subj_start..obj_end (INCLUSIVE), subj_type, obj_type, relation (no_relation allowed)',
  extensions: ['json'],
  streaming: false,
  read: readTacred,
  write: writeTacred,
};
