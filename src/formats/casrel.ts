import { z } from 'zod';
import type { Entity, Example, Relation } from '../core/model.js';
import { exampleText, isEdited, tokenCharOffsets } from '../core/model.js';
import { type TokenizeMode } from '../core/tokenize.js';
import { align, checkSpan, type TokenSpan } from '../core/align.js';
import { readJson } from './input.js';
import { Reporter } from './reporter.js';
import { JsonArrayWriter, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { locate, nearest } from './locate.js';
import { chooseMentionOccurrence } from './mention-placement.js';
import { toSentences } from './limits.js';
import { entitiesOutsideRelations } from './edited.js';
import { untypedArguments } from './untyped.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';
import { UNTYPED } from './tacred.js';
import type { Location } from '../core/errors.js';
import { unalignedTriples } from '../core/unaligned.js';

const record = z.looseObject({
  text: z.string().min(1),
  triple_list: z.array(z.tuple([z.string(), z.string().min(1), z.string()])),
});

export interface SurfaceTriple {
  head: string;
  relation: string;
  tail: string;
  headType?: string;
  tailType?: string;
  /** Character offsets, when the source has them. */
  headSpan?: [number, number];
  tailSpan?: [number, number];
  /** The file line the triple was read from (CSV), for messages. */
  line?: number;
}

/** What to do with an argument not found in the text: CasRel keeps its triple as read
 *  (only a CasRel output can write it back; other writers count it as a limit); CSV refuses. */
export type Unplaced = 'keep' | 'refuse';

const KEPT_UNPLACED = 'argument not found in the text (triple kept as read, without entities: only a CasRel output can write it)';

/**
 * Build an example from text and surface-string triples. Each argument is looked up in the
 * text; an argument found twice takes the occurrence nearest the other argument, one found
 * only after folding accents/case keeps its original surface. One not found at all is never
 * guessed: with `keep` its triple is kept unaligned (a warning), with `refuse` it is a problem.
 */
export function alignTriples(
  text: string,
  triples: SurfaceTriple[],
  reporter: Reporter,
  loc: Location,
  extraEntities: Array<{ surface: string; type: string; span?: [number, number]; line?: number }> = [],
  mode: TokenizeMode = 'words',
  unplaced: Unplaced = 'refuse',
): { tokens: string[]; spaces: boolean[]; entities: Entity[]; relations: Relation[]; unaligned: Array<[number, SurfaceTriple]>; missing: number } {
  let missing = 0;
  const spans = new Map<string, { start: number; end: number; type: string; surface?: string }>();
  const keyOf = (s: number, e: number, type: string) => `${s},${e},${type}`;
  type Choose = (occ: Array<[number, number]>) => [number, number];
  const find = (surface: string, type: string, given: [number, number] | undefined, anchor: number | undefined, what: string, line?: number, choose?: Choose): string | null => {
    if (given) {
      const c = checkSpan(text, given[0], given[1]);
      if ('code' in c) {
        reporter.problem(loc, `${what} "${surface}": ${c.message}`);
        return null;
      }
      const { start: s, end: e } = c;
      if (surface !== '' && text.slice(given[0], given[1]) !== surface && text.slice(s, e) !== surface.trim()) {
        reporter.problem(loc, `${what} "${surface}" does not match the text at [${given[0]}, ${given[1]}]: "${text.slice(given[0], given[1])}"`);
        return null;
      }
      if (c.how === 'trimmed') reporter.warn('argument offsets trimmed of whitespace at their edges', loc, `${what} [${given[0]}, ${given[1]}] -> [${s}, ${e}]`);
      const k = keyOf(s, e, type);
      if (!spans.has(k)) spans.set(k, { start: s, end: e, type });
      return k;
    }
    const found = locate(text, surface);
    if (found.occurrences.length === 0) {
      missing++;
      if (unplaced === 'keep') reporter.soft(KEPT_UNPLACED, loc, `${what} "${surface}" is not in the text: no entity can be placed for the triple`);
      else reporter.problem(line !== undefined ? { ...loc, line } : loc, `${what} "${surface}" is not in the text; correct the row or remove it`);
      return null;
    }
    if (found.occurrences.length > 1 && !choose) reporter.warn('argument occurs more than once (nearest to the other argument used)', loc, `${what} "${surface}" occurs ${found.occurrences.length} times`);
    if (found.folded) reporter.warn('argument matched only ignoring accents/case', loc, `${what} "${surface}"`);
    const [s, e] = choose ? choose(found.occurrences) : nearest(found.occurrences, anchor);
    const k = keyOf(s, e, type);
    if (!spans.has(k)) spans.set(k, { start: s, end: e, type, surface: found.folded ? surface : undefined });
    return k;
  };
  const pairs: Array<[string | null, string | null]> = [];
  for (const t of triples) {
    const hOcc = t.headSpan ? undefined : locate(text, t.head).occurrences;
    const tOcc = t.tailSpan ? undefined : locate(text, t.tail).occurrences;
    // Anchor an ambiguous argument on the other one when that one is unique.
    const hAnchor = tOcc && tOcc.length === 1 ? tOcc[0][0] : t.tailSpan?.[0];
    const h = find(t.head, t.headType ?? UNTYPED, t.headSpan, hAnchor, 'head', t.line);
    const hSpan = h ? spans.get(h)!.start : undefined;
    const tk = find(t.tail, t.tailType ?? UNTYPED, t.tailSpan, hSpan ?? (hOcc && hOcc.length === 1 ? hOcc[0][0] : undefined), 'tail', t.line);
    pairs.push([h, tk]);
  }
  const extraKeys: string[] = [];
  // Mentions with offsets first, then the longest first: a name inside a longer name then
  // avoids the occurrence the longer one holds (see mention-placement.ts).
  const byLength = extraEntities
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Number(!!b.e.span) - Number(!!a.e.span) || b.e.surface.trim().length - a.e.surface.trim().length || a.i - b.i);
  for (const { e } of byLength) {
    const at = e.line !== undefined ? { ...loc, line: e.line } : loc;
    const choose: Choose = (occ) => chooseMentionOccurrence(text, e.surface, e.type, occ, [...spans.values()], reporter, at);
    const k = find(e.surface, e.type, e.span, undefined, 'mention', e.line, choose);
    if (k) extraKeys.push(k);
  }
  // A triple kept unaligned places no entity: its one found argument would be an entity
  // that no relation holds (it is written back with the triple, as read).
  const placed = new Set<string>(extraKeys);
  for (const [h, tk] of pairs) if (h && tk) placed.add(h).add(tk);
  const keys = [...spans.keys()]
    .filter((k) => placed.has(k))
    .map((k) => ({ k, ...spans.get(k)! }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.type.localeCompare(b.type));
  // Every span was checked above (given offsets) or found on word boundaries (locate).
  const tok = align(text, keys, { mode });
  const index = new Map<string, number>();
  const entities: Entity[] = keys.map((v, i) => {
    index.set(v.k, i);
    const sp = tok.spans[i] as TokenSpan;
    const ent: Entity = { start: sp.start, end: sp.end, type: v.type };
    if (v.surface !== undefined) ent.extra = withOwn('casrel', { surface: v.surface });
    return ent;
  });
  const relations: Relation[] = [];
  const unaligned: Array<[number, SurfaceTriple]> = [];
  triples.forEach((t, i) => {
    const [h, tk] = pairs[i];
    if (h && tk) relations.push({ head: index.get(h)!, tail: index.get(tk)!, type: t.relation });
    else unaligned.push([i, t]);
  });
  return { tokens: tok.tokens, spaces: tok.spaces, entities, relations, unaligned, missing };
}

async function* readCasrel(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const data = await readJson(file);
  if (!Array.isArray(data)) {
    reporter.problem({ file }, 'expected a JSON array of {"text", "triple_list"} records');
    return;
  }
  for (let i = 0; i < data.length; i++) {
    const r = validateRecord(record, data[i], reporter, { file }, [i]);
    if (!r) continue;
    const triples = r.triple_list.map(([head, relation, tail]) => ({ head, relation, tail }));
    const a = alignTriples(r.text, triples, reporter, { file, path: `[${i}]` }, [], 'whitespace', 'keep');
    const ex: Example = { id: String(i), tokens: a.tokens, spaces: a.spaces, entities: a.entities, relations: a.relations };
    const x: Record<string, unknown> = rest(r, ['text', 'triple_list']) ?? {};
    if (a.unaligned.length) x.$unaligned = a.unaligned.map(([k, t]) => [k, [t.head, t.relation, t.tail]]);
    if (Object.keys(x).length) ex.extra = withOwn('casrel', x);
    if (!reportExample(ex, reporter, { file }, [i])) continue;
    yield ex;
  }
}

/** Triples kept unaligned by the reader: where they live is core's to say. */
export { unalignedTriples };

/** The surface string of an entity: its original form when it was matched loosely. */
export function surfaceOf(ex: Example, entityIndex: number, offsets = tokenCharOffsets(ex), text = exampleText(ex)): string {
  const e = ex.entities[entityIndex];
  // The file's own spelling (matched ignoring accents or case) holds only for the text as read.
  const s = isEdited(ex) ? undefined : own(e.extra, 'casrel')?.surface;
  if (typeof s === 'string') return s;
  return text.slice(offsets[e.start][0], offsets[e.end - 1][1]);
}

async function writeCasrel(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const out = new JsonArrayWriter(sink);
  const dropped: Dropped = {};
  let count = 0;
  for await (const doc of examples) {
    for (const ex of toSentences(doc, opts, dropped, 'CasRel JSON')) {
      entitiesOutsideRelations(ex, opts, dropped, 'CasRel JSON');
      untypedArguments(ex, ex.relations.flatMap((r) => [r.head, r.tail]), opts, dropped, 'CasRel JSON');
      const text = exampleText(ex);
      const offsets = tokenCharOffsets(ex);
      const triples: Array<[string, string, string]> = ex.relations.map((r) => [surfaceOf(ex, r.head, offsets, text), r.type, surfaceOf(ex, r.tail, offsets, text)]);
      const x = { ...(own(ex.extra, 'casrel') ?? {}) };
      // Triples the reader could not place were claims about the text as read: an edited text
      // may no longer say them, so they go with the edit.
      if (!isEdited(ex)) for (const [k, t] of unalignedTriples(ex)) triples.splice(Math.min(k, triples.length), 0, t);
      delete x.$unaligned;
      await out.item({ text, triple_list: triples, ...x });
      count++;
    }
  }
  await out.end();
  return { examples: count, dropped };
}

export const casrel: Format = {
  name: 'casrel',
  description: 'CasRel/NYT JSON: {text, triple_list: [[subject, relation, object]]} with surface strings, located in the text',
  extensions: ['json'],
  streaming: false,
  read: readCasrel,
  write: writeCasrel,
};
