import { parseString, writeToString } from 'fast-csv';
import type { Example } from '../core/model.js';
import { UserError } from '../core/errors.js';
import { exampleText, tokenCharOffsets } from '../core/model.js';
import { readText } from './input.js';
import { Reporter } from './reporter.js';
import { alignTriples, type SurfaceTriple } from './casrel.js';
import { reportExample } from './json-util.js';
import { limit, toSentences } from './limits.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';

/**
 * CSV through fast-csv, one of two layouts (told apart by the header):
 * - relations: `text, head, head_type, tail, tail_type, relation` (+ optional character offsets
 *   `head_start, head_end, tail_start, tail_end` and `id`), one row per relation instance;
 * - entities: `text, mention, type` (+ optional `start, end`, `id`), one row per mention.
 * Rows of one sentence are grouped by `id` when present, else by consecutive identical `text`.
 * A row with an empty `head` / `mention` stands for a sentence with none. Without offsets,
 * mentions are located in the text as for CasRel (ambiguities are reported): a relation argument
 * found twice takes the occurrence nearest the other argument; an entity row's mention, the
 * longest first, one no other mention of the sentence covers (mention-placement.ts).
 */
export const RELATION_HEADER = ['text', 'head', 'head_type', 'tail', 'tail_type', 'relation', 'head_start', 'head_end', 'tail_start', 'tail_end', 'id'];
export const ENTITY_HEADER = ['text', 'mention', 'type', 'start', 'end', 'id'];

type Row = Record<string, string>;

function parseAll(text: string, file: string, reporter: Reporter): Promise<{ header: string[]; rows: Array<[Row, number]> }> {
  return new Promise((resolve, reject) => {
    const rows: Array<[Row, number]> = [];
    let header: string[] = [];
    let n = 0;
    parseString(text, { headers: (h: Array<string | null | undefined>) => (header = h.map((x) => (x ?? '').trim())), strictColumnHandling: true, ignoreEmpty: true, trim: false })
      .on('data', (row: Row) => rows.push([row, ++n + 1]))
      .on('data-invalid', (row: Row) => {
        n++;
        try {
          reporter.problem({ file, line: n + 1 }, `row has ${Object.keys(row).length === 0 ? 'a different number of' : 'the wrong number of'} columns (the header has ${header.length})`);
        } catch (err) {
          reject(err);
        }
      })
      .on('error', (err: Error) => reject(err))
      .on('end', () => resolve({ header, rows }));
  });
}

async function* readCsv(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const text = await readText(file);
  let parsed;
  try {
    parsed = await parseAll(text, file, reporter);
  } catch (err) {
    if (err instanceof UserError) throw err;
    reporter.problem({ file }, `malformed CSV: ${(err as Error).message}`);
    return;
  }
  const { header, rows } = parsed;
  const isRel = header.includes('relation');
  const required = isRel ? RELATION_HEADER.slice(0, 6) : ENTITY_HEADER.slice(0, 3);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    reporter.problem({ file, line: 1 }, `CSV header lacks ${missing.join(', ')}; expected ${RELATION_HEADER.slice(0, 6).join(',')} (relations) or ${ENTITY_HEADER.slice(0, 3).join(',')} (entities)`);
    return;
  }
  const groups: Array<{ rows: Array<[Row, number]> }> = [];
  for (const [row, line] of rows) {
    const last = groups[groups.length - 1];
    const key = (r: Row) => (header.includes('id') && r.id !== '' ? `id:${r.id}` : `text:${r.text}`);
    if (last && key(last.rows[0][0]) === key(row)) last.rows.push([row, line]);
    else groups.push({ rows: [[row, line]] });
  }
  const num = (v: string | undefined, line: number, col: string): number | undefined => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      reporter.problem({ file, line, path: col }, `"${v}" is not a character offset`);
      return NaN;
    }
    return n;
  };
  let index = 0;
  for (const g of groups) {
    const [first, line] = g.rows[0];
    const textCol = first.text;
    if (!textCol) {
      reporter.problem({ file, line, path: 'text' }, 'text is empty');
      continue;
    }
    const triples: SurfaceTriple[] = [];
    const mentions: Array<{ surface: string; type: string; span?: [number, number]; line?: number }> = [];
    let bad = false;
    for (const [r, ln] of g.rows) {
      if (isRel) {
        if (!r.head && !r.relation) continue;
        for (const c of ['head', 'head_type', 'tail', 'tail_type', 'relation']) {
          if (!r[c]) {
            reporter.problem({ file, line: ln, path: c }, 'is empty');
            bad = true;
          }
        }
        const hs = num(r.head_start, ln, 'head_start'), he = num(r.head_end, ln, 'head_end');
        const ts = num(r.tail_start, ln, 'tail_start'), te = num(r.tail_end, ln, 'tail_end');
        if ([hs, he, ts, te].some((v) => Number.isNaN(v))) bad = true;
        triples.push({ head: r.head, headType: r.head_type, tail: r.tail, tailType: r.tail_type, relation: r.relation, headSpan: hs !== undefined && he !== undefined ? [hs, he] : undefined, tailSpan: ts !== undefined && te !== undefined ? [ts, te] : undefined, line: ln });
      } else {
        if (!r.mention) continue;
        if (!r.type) {
          reporter.problem({ file, line: ln, path: 'type' }, 'is empty');
          bad = true;
        }
        const s = num(r.start, ln, 'start'), e = num(r.end, ln, 'end');
        if (Number.isNaN(s) || Number.isNaN(e)) bad = true;
        mentions.push({ surface: r.mention, type: r.type, span: s !== undefined && e !== undefined ? [s, e] : undefined, line: ln });
      }
    }
    if (bad) continue;
    // CSV has nowhere to keep a row it cannot place: each such row is a problem (reported
    // with its line by the aligner), in both layouts.
    const a = alignTriples(textCol, triples, reporter, { file, line }, mentions, 'words', 'refuse');
    if (a.missing > 0 || a.unaligned.length > 0) continue;
    const ex: Example = { id: header.includes('id') && first.id ? first.id : String(index), tokens: a.tokens, spaces: a.spaces, entities: a.entities, relations: a.relations };
    index++;
    if (!reportExample(ex, reporter, { file, line }, [])) continue;
    yield ex;
  }
}

async function writeCsv(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const layout = opts.csvLayout ?? 'relations';
  const dropped: Dropped = {};
  let count = 0;
  await sink.write((await writeToString([layout === 'relations' ? RELATION_HEADER : ENTITY_HEADER])) + '\n');
  for await (const doc of examples) {
    for (const ex of toSentences(doc, opts, dropped, 'CSV')) {
      const text = exampleText(ex);
      const off = tokenCharOffsets(ex);
      const span = (i: number) => [off[ex.entities[i].start][0], off[ex.entities[i].end - 1][1]] as const;
      const surf = (i: number) => text.slice(...span(i));
      const rows: string[][] = [];
      if (layout === 'relations') {
        const used = new Set<number>();
        for (const r of ex.relations) {
          used.add(r.head);
          used.add(r.tail);
          const [hs, he] = span(r.head);
          const [ts, te] = span(r.tail);
          rows.push([text, surf(r.head), ex.entities[r.head].type, surf(r.tail), ex.entities[r.tail].type, r.type, String(hs), String(he), String(ts), String(te), ex.id]);
        }
        limit(opts, dropped, 'entities outside relations', ex.entities.length - used.size, 'CSV (relations layout)', 'entities that take part in no relation', ex);
        if (rows.length === 0) rows.push([text, '', '', '', '', '', '', '', '', '', ex.id]);
      } else {
        limit(opts, dropped, 'relations', ex.relations.length, 'CSV (entities layout)', 'relations', ex);
        ex.entities.forEach((e, i) => {
          const [s, t] = span(i);
          rows.push([text, surf(i), e.type, String(s), String(t), ex.id]);
        });
        if (rows.length === 0) rows.push([text, '', '', '', '', ex.id]);
      }
      await sink.write((await writeToString(rows)) + '\n');
      count++;
    }
  }
  return { examples: count, dropped };
}

export const csv: Format = {
  name: 'csv',
  description: 'CSV (fast-csv): one row per relation instance (text, head, head_type, tail, tail_type, relation) or per entity mention (text, mention, type)',
  extensions: ['csv'],
  streaming: false,
  read: readCsv,
  write: writeCsv,
};
