import { Report, isIndex, isObject, jsonLines, uniqueIds, type CheckOptions, type Violation } from './types.js';

/**
 * Character-offset JSON lines (doccano, Prodigy): `{text, ...}` with entities as
 * `[start, end, label]` lists, `{start, end, label}` spans, or doccano's
 * `{id, label, start_offset, end_offset}` with relations `{from_id, to_id, type}`. Offsets are
 * character offsets, end exclusive: in range, no whitespace at an edge, no edge inside a word.
 * Characters are code points, as Python (spaCy, Prodigy, doccano) counts them.
 */
export function checkJsonl(text: string, _opts: CheckOptions = {}): Violation[] {
  const r = new Report('jsonl');
  const recs = jsonLines(text, r);
  recs.forEach((rec, k) => record(rec, k, r));
  uniqueIds(recs.map((d, k) => [k, isObject(d) ? d.id : undefined]), r);
  return r.list;
}

interface Span {
  field: string;
  start: unknown;
  end: unknown;
  label: unknown;
  id?: unknown;
}

function record(rec: unknown, k: number, r: Report): void {
  if (!isObject(rec) || typeof rec.text !== 'string') return r.add(k, 'record', 'no text');
  const text = Array.from(rec.text);
  tokens(text, rec.tokens, k, r);
  const spans = spansOf(rec);
  for (const s of spans) span(text, s, k, r);
  if (!Array.isArray(rec.relations)) return;
  const ids = new Set(spans.map((s) => JSON.stringify(s.id)));
  rec.relations.forEach((x, i) => {
    if (!isObject(x) || typeof x.type !== 'string') return r.add(k, `relations[${i}]`, 'not {from_id, to_id, type}');
    for (const end of ['from_id', 'to_id'])
      if (!ids.has(JSON.stringify(x[end]))) r.add(k, `relations[${i}].${end}`, `${JSON.stringify(x[end])} is not an entity id of this record`);
  });
}

/** Every span of the record, whatever shape holds it. */
function spansOf(rec: Record<string, unknown>): Span[] {
  const out: Span[] = [];
  for (const [key, v] of Object.entries(rec)) {
    if (key === 'tokens' || key === 'relations' || !Array.isArray(v)) continue;
    v.forEach((e, i) => {
      const field = `${key}[${i}]`;
      if (Array.isArray(e) && e.length >= 3 && typeof e[2] === 'string') out.push({ field, start: e[0], end: e[1], label: e[2] });
      else if (isObject(e) && 'start_offset' in e) out.push({ field, start: e.start_offset, end: e.end_offset, label: e.label, id: e.id });
      else if (isObject(e) && 'start' in e && 'label' in e) out.push({ field, start: e.start, end: e.end, label: e.label });
    });
  }
  return out;
}

const WORD = /[\p{L}\p{N}]/u;

function span(text: readonly string[], s: Span, k: number, r: Report): void {
  const { start, end } = s;
  if (typeof s.label !== 'string' || s.label === '') r.add(k, s.field, 'no label');
  if (!isIndex(start) || !isIndex(end) || start >= end || end > text.length) return r.add(k, s.field, `[${String(start)}, ${String(end)}) is not a span of the ${text.length} characters`);
  if (/\s/.test(text[start]) || /\s/.test(text[end - 1])) r.add(k, s.field, `"${text.slice(start, end).join('')}" has whitespace at an edge`);
  if (start > 0 && WORD.test(text[start - 1]) && WORD.test(text[start])) r.add(k, s.field, `starts inside the word at ${start}`);
  if (end < text.length && WORD.test(text[end - 1]) && WORD.test(text[end])) r.add(k, s.field, `ends inside the word at ${end}`);
}

/** Written token objects `{text, start, end}` name the characters they sit on. */
function tokens(text: readonly string[], v: unknown, k: number, r: Report): void {
  if (!Array.isArray(v)) return;
  v.forEach((t, i) => {
    if (!isObject(t) || typeof t.text !== 'string') return;
    if (!isIndex(t.start) || !isIndex(t.end) || text.slice(t.start, t.end).join('') !== t.text)
      r.add(k, `tokens[${i}]`, `"${t.text}" at [${String(t.start)}, ${String(t.end)}) but the text there is "${isIndex(t.start) && isIndex(t.end) ? text.slice(t.start, t.end).join('') : ''}"`);
  });
}
