import { z } from 'zod';
import type { Entity, Example, Relation } from '../core/model.js';
import { exampleText, tokenCharOffsets } from '../core/model.js';
import { normaliseSpace, type Tokenized } from '../core/tokenize.js';
import { align, type TokenSpan } from '../core/align.js';
import { readHead, readJson, readJsonLines } from './input.js';
import { Reporter } from './reporter.js';
import { int, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { toSentences } from './limits.js';
import { idValue } from './edited.js';
import { fromLabelStudio, lsTask, toLabelStudio } from './label-studio.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';
import { codePointsFromUnits, unitsFromCodePoints } from '../core/code-points.js';
import { isRelationObject, isSpanObject, isSpanTriple, listOf, strayLabelKey, type LabelKeys } from './stray-keys.js';

/** The keys labels are read from, for records that misspell or misplace them (stray-keys.ts). */
const LABEL_KEYS: LabelKeys = {
  labels: ['labels', 'label', 'entities', 'spans', 'relations'],
  entities: ['label', 'labels', 'entities', 'spans'],
  other: ['text', 'tokens', 'id'],
  looksLikeSpans: listOf((x) => isSpanTriple(x) || isSpanObject(x)),
  looksLikeRelations: listOf(isRelationObject),
};

/**
 * Character-offset JSON lines, as annotation tools export them. Entity shapes accepted:
 * - doccano sequence labelling: `"label": [[start, end, "TYPE"], ...]` (or `"labels"`);
 * - doccano relation export: `"entities": [{"id", "label", "start_offset", "end_offset"}]`,
 *   `"relations": [{"id", "from_id", "to_id", "type"}]`;
 * - Prodigy style: `"spans": [{"start", "end", "label"}]` (and its `tokens`, kept exactly);
 * - Label Studio tasks: `{"data": {"text"}, "annotations": [{"result": [{"id", "type": "labels",
 *   "value": {"start", "end", "labels"}}, {"type": "relation", "from_id", "to_id", "labels"}]}]}`,
 *   one per line or as the JSON array Label Studio exports.
 * Offsets are character offsets into `text`, end exclusive. The writer keeps the shape a record
 * was read with; new records use the doccano relation shape. Only gold is read: Prodigy records
 * answered `reject` or `ignore` are skipped (counted); which Label Studio annotation is gold is
 * said in label-studio.ts. An entity id given twice in one record is an error.
 */
type Shape = 'label' | 'labels' | 'entities' | 'spans' | 'label-studio';

const triple = z.tuple([int, int, z.string().min(1)]).rest(z.unknown());
const objEntity = z.looseObject({ id: z.union([z.number(), z.string()]).optional(), label: z.string().min(1), start_offset: int, end_offset: int });
const spanEntity = z.looseObject({ start: int, end: int, label: z.string().min(1) });
const relation = z.looseObject({ from_id: z.union([z.number(), z.string()]), to_id: z.union([z.number(), z.string()]), type: z.string().min(1) });
const token = z.looseObject({ text: z.string(), start: int, end: int, ws: z.boolean().optional() });
const record = z.looseObject({
  text: z.string(),
  tokens: z.array(token).optional(),
  label: z.array(triple).optional(),
  labels: z.array(triple).optional(),
  entities: z.array(objEntity).optional(),
  spans: z.array(spanEntity).optional(),
  relations: z.array(relation).optional(),
});

/** Records one per line, or the elements of one JSON array (Label Studio's export), with locations. */
async function* records(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<[unknown, { line?: number; path?: string }]> {
  const head = (await readHead(file, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[')) {
    const all = await readJson(file);
    if (Array.isArray(all)) {
      for (let i = 0; i < all.length; i++) yield [all[i], { path: `[${i}]` }];
      return;
    }
  }
  for await (const [value, line] of readJsonLines(file, onBytes)) yield [value, { line }];
}

async function* readCharJsonl(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  let index = 0;
  for await (const [raw0, where] of records(file, opts.progress)) {
    const line = where.line;
    let value = raw0;
    let ls: Record<string, unknown> | undefined;
    if (value && typeof value === 'object' && 'data' in value && ('annotations' in value || 'completions' in value || 'predictions' in value)) {
      const task = validateRecord(lsTask, value, reporter, { file, line }, where.path ? [where.path] : []);
      if (!task) continue;
      const rec = fromLabelStudio(task, reporter, { file, line, ...(where.path ? { path: where.path } : {}) });
      if (!rec) continue;
      value = rec;
      ls = (value as { $labelStudio: Record<string, unknown> }).$labelStudio;
    } else if (isUnaccepted(value)) {
      reporter.warn(UNACCEPTED, { file, line, ...(where.path ? { path: where.path } : {}) }, `answer "${(value as { answer: string }).answer}"`);
      continue;
    }
    const shapeProblem = ls ? null : misshapen(value);
    if (shapeProblem) {
      reporter.problem({ file, line, path: where.path ? `${where.path}.${shapeProblem.path}` : shapeProblem.path }, shapeProblem.message);
      continue;
    }
    const r = validateRecord(record, value, reporter, { file, line, ...(where.path ? { path: where.path } : {}) }, []);
    if (!r) continue;
    const stray = ls ? null : strayLabelKey(r, LABEL_KEYS);
    if (stray) {
      reporter.problem({ file, line, path: where.path ? `${where.path}.${stray.key}` : stray.key }, stray.message);
      continue;
    }
    const shape: Shape = ls ? 'label-studio' : r.entities ? 'entities' : r.spans ? 'spans' : r.labels ? 'labels' : 'label';
    const raw: Array<{ start: number; end: number; type: string; id?: unknown; x?: Record<string, unknown>; path: string }> = [];
    // Label Studio entities carry where their region is in the task ($at), for messages.
    if (r.entities) r.entities.forEach((e, k) => raw.push({ start: e.start_offset, end: e.end_offset, type: e.label, id: e.id, x: rest(e, ['id', 'label', 'start_offset', 'end_offset', '$at']), path: typeof e.$at === 'string' ? e.$at : `entities[${k}]` }));
    else if (r.spans) r.spans.forEach((e, k) => raw.push({ start: e.start, end: e.end, type: e.label, x: rest(e, ['start', 'end', 'label']), path: `spans[${k}]` }));
    else (r.labels ?? r.label ?? []).forEach((t, k) => raw.push({ start: t[0], end: t[1], type: t[2], x: t.length > 3 ? { more: t.slice(3) } : undefined, path: `${shape}[${k}]` }));
    // The record counts code points; the text here is UTF-16 (core/code-points.ts).
    const toUnits = unitsFromCodePoints(r.text);
    for (const x of raw) (x.start = toUnits(x.start)), (x.end = toUnits(x.end));
    let given: Tokenized | undefined;
    if (r.tokens) {
      // Prodigy-style token list: keep the user's tokenisation (less its whitespace tokens).
      const g = tokensFromRecord(r.text, r.tokens.map((t) => ({ ...t, start: toUnits(t.start), end: toUnits(t.end) })));
      if (typeof g === 'string') {
        reporter.problem({ file, line, path: 'tokens' }, g);
        continue;
      }
      given = g;
    }
    const tok = align(r.text, raw, { tokens: given });
    let bad = false;
    tok.spans.forEach((sp, k) => {
      const at = { file, line, path: raw[k].path };
      if (!sp.ok) {
        reporter.problem(at, sp.message);
        bad = true;
      } else if (sp.how === 'trimmed') reporter.warn('entity span trimmed of whitespace at its edges', at, `[${raw[k].start}, ${raw[k].end}) -> [${sp.chars[0]}, ${sp.chars[1]})`);
    });
    if (bad) continue;
    const ids = entityIds(raw, reporter, { file, line });
    if (!ids) continue;
    const entities: Entity[] = raw.map((e, k) => {
      const sp = tok.spans[k] as TokenSpan;
      const ent: Entity = { start: sp.start, end: sp.end, type: e.type };
      const x: Record<string, unknown> = { ...(e.x ?? {}) };
      if (e.id !== undefined) x.id = e.id;
      if (Object.keys(x).length) ent.extra = withOwn('jsonl', x);
      return ent;
    });
    const relations: Relation[] = [];
    (r.relations ?? []).forEach((rel, k) => {
      const at = { file, line, path: typeof rel.$at === 'string' ? rel.$at : `relations[${k}]` };
      const h = ids.index.get(String(rel.from_id));
      const t = ids.index.get(String(rel.to_id));
      if (h === undefined || t === undefined) {
        reporter.problem(at, `${h === undefined ? 'from_id' : 'to_id'} ${h === undefined ? rel.from_id : rel.to_id} is not the id of an entity of this record`);
        bad = true;
        return;
      }
      const multi = [rel.from_id, rel.to_id].find((id) => ids.multi.has(String(id)));
      if (multi !== undefined) {
        reporter.problem(at, `links region ${multi}, which has several labels (${ids.multi.get(String(multi))!.join(', ')}): which entity the relation links is ambiguous; give the region one label`);
        bad = true;
        return;
      }
      const out: Relation = { head: h, tail: t, type: rel.type };
      const x = rest(rel, ['from_id', 'to_id', 'type', '$at']);
      if (x) out.extra = withOwn('jsonl', x);
      relations.push(out);
    });
    if (bad) continue;
    const ex: Example = { id: r.id !== undefined ? String(r.id) : String(index), tokens: tok.tokens, spaces: tok.spaces, entities, relations };
    index++;
    const x: Record<string, unknown> = rest(r, ['text', 'tokens', 'label', 'labels', 'entities', 'spans', 'relations', '$labelStudio']) ?? {};
    x.$shape = shape;
    if (ls) x.$labelStudio = ls;
    if (r.tokens) x.$tokens = true;
    // Whitespace is never a token: the text as given is kept for writing back unedited.
    if (exampleText(ex) !== r.text) x.$text = r.text;
    ex.extra = withOwn('jsonl', x);
    if (r.text.length === 0) {
      reporter.problem({ file, line, path: 'text' }, 'text is empty');
      continue;
    }
    if (!reportExample(ex, reporter, { file, line }, [])) continue;
    yield ex;
  }
}

/**
 * Shapes other tools write that this reader does not take, named as what they are (the schema
 * alone said "expected object, received array" or "from_id: Invalid input"): span triples under
 * "entities", and Prodigy's relations (head, child, label).
 */
function misshapen(value: unknown): { path: string; message: string } | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { entities?: unknown; relations?: unknown };
  if (Array.isArray(v.entities) && v.entities.length > 0 && isSpanTriple(v.entities[0])) {
    return { path: 'entities[0]', message: '"entities" holds [start, end, label] triples: that shape is read under "label" or "labels" (doccano); "entities" takes objects {id, label, start_offset, end_offset}' };
  }
  const rel = Array.isArray(v.relations) ? (v.relations[0] as Record<string, unknown> | undefined) : undefined;
  if (rel && typeof rel === 'object' && 'child' in rel && 'head' in rel && !('from_id' in rel)) {
    return { path: 'relations[0]', message: 'relations in Prodigy\'s form (head, child, label) are not read; give each entity an id and each relation {from_id, to_id, type} (doccano\'s relation export), or convert the records with Prodigy\'s own tools first' };
  }
  return null;
}

/** Prodigy's verdict on a record: only accepted ones are gold. */
const UNACCEPTED = 'records the annotator rejected or ignored (Prodigy "answer"), skipped';
function isUnaccepted(value: unknown): boolean {
  const a = value && typeof value === 'object' ? (value as { answer?: unknown }).answer : undefined;
  return a === 'reject' || a === 'ignore';
}

/**
 * Entity index by id, for relations. An id given twice is an error: a relation naming it would
 * link whichever came last. The later labels of one Label Studio region ($ls.part) share its
 * id; they are kept aside, as a relation naming such a region is ambiguous.
 */
function entityIds(raw: ReadonlyArray<{ id?: unknown; type: string; x?: Record<string, unknown>; path: string }>, reporter: Reporter, loc: { file: string; line?: number }): { index: Map<string, number>; multi: Map<string, string[]> } | null {
  const index = new Map<string, number>();
  const multi = new Map<string, string[]>();
  for (let k = 0; k < raw.length; k++) {
    const e = raw[k];
    if (e.id === undefined) continue;
    const id = String(e.id);
    const part = (e.x?.$ls as { part?: number } | undefined)?.part;
    if (part) {
      multi.set(id, [...(multi.get(id) ?? [raw[index.get(id) ?? k].type]), e.type]);
      continue;
    }
    const first = index.get(id);
    if (first !== undefined) {
      reporter.problem({ ...loc, path: `${e.path}.id` }, `duplicate entity id ${JSON.stringify(e.id)} (also ${raw[first].path}): relations could not tell them apart`);
      return null;
    }
    index.set(id, k);
  }
  return { index, multi };
}

async function writeCharJsonl(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const dropped: Dropped = {};
  let count = 0;
  for await (const doc of examples) {
    for (const ex of toSentences(doc, opts, dropped, 'character-offset JSONL')) {
      const x = { ...(own(ex.extra, 'jsonl') ?? {}) };
      if (x.id !== undefined) x.id = idValue(x, 'id', ex);
      const { text, off: units } = textAndOffsets(ex, x.$text);
      // Offsets are written in code points, as the tools that read them count (core/code-points.ts).
      const toCp = codePointsFromUnits(text);
      const off = units.map(([a, b]): [number, number] => [toCp(a), toCp(b)]);
      delete x.$text;
      let shape = (x.$shape as Shape | undefined) ?? 'entities';
      // Records from other formats carry their tokens, so reading back keeps the tokenisation.
      const withTokens = x.$shape === undefined || x.$tokens === true;
      delete x.$shape;
      delete x.$tokens;
      if (ex.relations.length > 0 && shape !== 'entities' && shape !== 'label-studio') shape = 'entities';
      if (shape === 'label-studio') {
        await sink.write(JSON.stringify(toLabelStudio(ex, x, text, units, off)) + '\n');
        count++;
        continue;
      }
      const span = (e: Entity): [number, number] => [off[e.start][0], off[e.end - 1][1]];
      const rec: Record<string, unknown> = { ...x, text };
      if (withTokens) rec.tokens = ex.tokens.map((t, k) => ({ text: t, start: off[k][0], end: off[k][1], id: k, ws: ex.spaces ? ex.spaces[k] : k < ex.tokens.length - 1 }));
      if (shape === 'entities') {
        const ids = ex.entities.map((e, k) => own(e.extra, 'jsonl')?.id ?? k);
        rec.entities = ex.entities.map((e, k) => {
          const { id: _id, ...ex2 } = own(e.extra, 'jsonl') ?? {};
          const [s, t] = span(e);
          return { id: ids[k], label: e.type, start_offset: s, end_offset: t, ...ex2 };
        });
        rec.relations = ex.relations.map((r, k) => ({ id: k, from_id: ids[r.head], to_id: ids[r.tail], type: r.type, ...own(r.extra, 'jsonl') }));
      } else if (shape === 'spans') {
        rec.spans = ex.entities.map((e) => {
          const [s, t] = span(e);
          return { start: s, end: t, label: e.type, ...own(e.extra, 'jsonl') };
        });
      } else {
        rec[shape] = ex.entities.map((e) => {
          const [s, t] = span(e);
          return [s, t, e.type, ...((own(e.extra, 'jsonl')?.more as unknown[]) ?? [])];
        });
      }
      await sink.write(JSON.stringify(rec) + '\n');
      count++;
    }
  }
  return { examples: count, dropped };
}

export const jsonl: Format = {
  name: 'jsonl',
  description: 'character-offset JSON lines (doccano / Label Studio / Prodigy style): text + entities as [start, end, label] under "label"/"labels", {start_offset, end_offset, label} under "entities" or {start, end, label} under "spans"; relations by entity id',
  extensions: ['jsonl', 'ndjson'],
  streaming: true,
  read: readCharJsonl,
  write: writeCharJsonl,
};

/**
 * The text to write and each token's offsets in it: the text as read when the tokens still
 * spell it (whitespace runs included), else the text the tokens make.
 */
function textAndOffsets(ex: Example, original: unknown): { text: string; off: Array<[number, number]> } {
  const text = exampleText(ex);
  if (typeof original === 'string' && normaliseSpace(original) === text) {
    const off: Array<[number, number]> = [];
    let pos = 0;
    for (const t of ex.tokens) {
      while (pos < original.length && /\s/u.test(original[pos])) pos++;
      if (!original.startsWith(t, pos)) return { text, off: tokenCharOffsets(ex) };
      off.push([pos, pos + t.length]);
      pos += t.length;
    }
    return { text: original, off };
  }
  return { text, off: tokenCharOffsets(ex) };
}

/** Tokens given with the record, checked against the text; whitespace between them only sets space flags. */
function tokensFromRecord(text: string, tokens: Array<{ text: string; start: number; end: number; ws?: boolean }>): Tokenized | string {
  const out: Tokenized = { tokens: [], spaces: [], offsets: [] };
  let pos = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.start < pos || t.end > text.length || t.end <= t.start) return `tokens[${k}]: offsets [${t.start}, ${t.end}) are out of order or outside the text`;
    if (text.slice(t.start, t.end) !== t.text) return `tokens[${k}]: text "${t.text}" does not match the text at [${t.start}, ${t.end})`;
    const gap = text.slice(pos, t.start);
    if (gap.trim() !== '') return `tokens[${k}]: text between tokens ("${gap}") is not whitespace`;
    if (gap !== '' && out.tokens.length) out.spaces[out.spaces.length - 1] = true;
    pos = t.end;
    // A whitespace token (spaCy's "\n") is a gap, never a token.
    if (t.text.trim() === '') {
      if (out.tokens.length) out.spaces[out.spaces.length - 1] = true;
      continue;
    }
    out.tokens.push(t.text);
    out.spaces.push(false);
    out.offsets.push([t.start, t.end]);
  }
  const tail = text.slice(pos);
  if (tail.trim() !== '') return `the tokens do not cover the end of the text ("${tail.slice(0, 20)}")`;
  if (out.spaces.length) out.spaces[out.spaces.length - 1] = false;
  return out;
}
