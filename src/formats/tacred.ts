import { z } from 'zod';
import type { Entity, Example } from '../core/model.js';
import { readJson } from './input.js';
import { Reporter } from './reporter.js';
import { JsonArrayWriter, nonNegInt, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { refuseEmpty, toSentences } from './limits.js';
import { carryPerToken, entitiesOutsideRelations, exampleWithoutRelation, idValue, inverseOrigin } from './edited.js';
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
  let count = 0, seen = 0;
  const pending: Record<string, unknown>[] = [];
  for await (const doc of examples) {
    seen++;
    for (const ex of toSentences(doc, opts, dropped, 'TACRED JSON')) {
      entitiesOutsideRelations(ex, opts, dropped, 'TACRED JSON');
      if (exampleWithoutRelation(ex, opts, dropped, 'TACRED JSON')) continue;
      const x = { ...(own(ex.extra, 'tacred') ?? {}) };
      const untyped = x.$untyped === true;
      delete x.$untyped;
      const perToken = stanfordFields(ex, x);
      ex.relations.forEach((rel, k) => {
        const s = ex.entities[rel.head];
        const o = ex.entities[rel.tail];
        const rec: Record<string, unknown> = {};
        // The record's id is the example's: a candidate has its own, never its seed's.
        const id = idValue(x, 'id', ex);
        rec.id = ex.relations.length > 1 ? `${id}-${k}` : id;
        for (const [key, v] of Object.entries(x)) if (key !== 'id') rec[key] = perToken[key] ?? v;
        for (const key of Object.keys(perToken)) if (perToken[key] === null) delete rec[key];
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
  refuseEmpty('TACRED JSON', seen, count, dropped);
  await out.end();
  return { examples: count, dropped };
}
/**
 * The `stanford_*` per-token fields, carried through an edit: POS and NER values stay on the
 * unchanged tokens and new tokens get `_`; the dependency parse (head, deprel) stays only
 * while every token and every head survived, otherwise both are dropped (null). A field whose
 * length does not match the tokens is dropped too.
 */
function stanfordFields(ex: Example, x: Record<string, unknown>): Record<string, unknown[] | null> {
  const out: Record<string, unknown[] | null> = {};
  const keys = Object.keys(x).filter((k) => k.startsWith('stanford_') && Array.isArray(x[k]));
  if (keys.length === 0) return out;
  const readLength = Math.max(...keys.map((k) => (x[k] as unknown[]).length));
  const inv = inverseOrigin(ex, readLength);
  // The parse holds while every token is an old one and every head it names is still there
  // (a deleted leaf, such as punctuation, leaves the rest of the tree as it was).
  const heads = Array.isArray(x.stanford_head) ? (x.stanford_head as unknown[]) : null;
  const parseOk = (ex.origin ?? []).every((o) => o >= 0 && (!heads || String(heads[o]) === '0' || inv[Number(heads[o]) - 1] >= 0));
  for (const k of keys) {
    const v = x[k] as unknown[];
    if (v.length !== readLength) out[k] = null;
    else if (k === 'stanford_head') out[k] = parseOk ? carryPerToken(v, ex, '_').map((h) => (String(h) === '0' || !ex.origin ? h : String(inv[Number(h) - 1] + 1))) : null;
    else if (k === 'stanford_deprel') out[k] = parseOk ? carryPerToken(v, ex, '_') : null;
    else out[k] = carryPerToken(v, ex, '_');
    if (out[k] && out[k]!.length !== ex.tokens.length) out[k] = null;
  }
  return out;
}

export const tacred: Format = {
  name: 'tacred',
  description: 'TACRED JSON: token, subj_start..obj_end (INCLUSIVE), subj_type, obj_type, relation (no_relation allowed)',
  extensions: ['json'],
  streaming: false,
  read: readTacred,
  write: writeTacred,
};
