import { z } from 'zod';
import type { Entity, Example, Relation } from '../core/model.js';
import { isEdited, sentenceOf, sentenceRanges } from '../core/model.js';
import { carrySpan, idValue, inverseOrigin } from './edited.js';
import { readJsonLines } from './input.js';
import { Reporter } from './reporter.js';
import { int, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { limit } from './limits.js';
import { entityClusters } from '../core/coreference.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';
import { isRelationTuple, isSpanTriple, perSentence, strayLabelKey, type LabelKeys } from './stray-keys.js';

/** The keys labels are read from, for documents that misspell or misplace them (stray-keys.ts). */
const LABEL_KEYS: LabelKeys = { labels: ['ner', 'relations', 'clusters'], entities: ['ner'], other: ['doc_key', 'sentences'], looksLikeSpans: perSentence(isSpanTriple), looksLikeRelations: perSentence(isRelationTuple) };

const docSchema = z.looseObject({
  doc_key: z.union([z.string(), z.number()]).optional(),
  sentences: z.array(z.array(z.string()).min(1, 'a sentence needs at least one token')).min(1),
  ner: z.array(z.array(z.tuple([int, int, z.string().min(1)]).rest(z.unknown()))).optional(),
  relations: z.array(z.array(z.tuple([int, int, int, int, z.string().min(1)]).rest(z.unknown()))).optional(),
});

async function* readDygie(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  let index = 0;
  for await (const [value, line] of readJsonLines(file, opts.progress)) {
    const doc = validateRecord(docSchema, value, reporter, { file, line }, []);
    if (!doc) continue;
    const stray = strayLabelKey(doc, LABEL_KEYS);
    if (stray) {
      reporter.problem({ file, line, path: stray.key }, stray.message);
      continue;
    }
    const nSent = doc.sentences.length;
    for (const key of ['ner', 'relations'] as const) {
      const v = doc[key];
      if (v && v.length !== nSent) reporter.problem({ file, line, path: key }, `has ${v.length} lists for ${nSent} sentences`);
    }
    const tokens: string[] = [];
    const sentenceStarts: number[] = [];
    for (const s of doc.sentences) {
      sentenceStarts.push(tokens.length);
      for (const t of s) tokens.push(t);
    }
    const ranges = sentenceRanges({ tokens, sentenceStarts });
    const entities: Entity[] = [];
    const bySpan: Array<Map<string, number>> = ranges.map(() => new Map());
    let ok = true;
    (doc.ner ?? []).forEach((list, k) => {
      list.forEach((n, j) => {
        const [s, e, type] = n;
        const [rs, re] = ranges[k] ?? [0, 0];
        if (s < rs || e >= re || e < s) {
          reporter.problem({ file, line, path: `ner[${k}][${j}]` }, `span [${s}, ${e}] (inclusive) is outside sentence ${k} (tokens ${rs}..${re - 1})`);
          ok = false;
          return;
        }
        const ent: Entity = { start: s, end: e + 1, type };
        if (n.length > 3) ent.extra = withOwn('dygie', { more: n.slice(3) });
        const key = `${s},${e}`;
        if (!bySpan[k].has(key)) bySpan[k].set(key, entities.length);
        entities.push(ent);
      });
    });
    const relations: Relation[] = [];
    (doc.relations ?? []).forEach((list, k) => {
      list.forEach((r, j) => {
        const [s1, e1, s2, e2, type] = r;
        const h = bySpan[k]?.get(`${s1},${e1}`);
        const t = bySpan[k]?.get(`${s2},${e2}`);
        if (h === undefined || t === undefined) {
          const which = h === undefined ? `[${s1}, ${e1}]` : `[${s2}, ${e2}]`;
          reporter.problem({ file, line, path: `relations[${k}][${j}]` }, `argument ${which} is not an entity of sentence ${k}`);
          ok = false;
          return;
        }
        const rel: Relation = { head: h, tail: t, type };
        if (r.length > 5) rel.extra = withOwn('dygie', { more: r.slice(5) });
        relations.push(rel);
      });
    });
    for (const [path, message] of clusterProblems(doc.clusters, ranges)) {
      reporter.problem({ file, line, path }, message);
      ok = false;
    }
    if (!ok) continue;
    markClusters(doc.clusters, entities, bySpan, ranges);
    const ex: Example = { id: doc.doc_key !== undefined ? String(doc.doc_key) : String(index), tokens, entities, relations, sentenceStarts };
    const x = rest(doc, ['sentences', 'ner', 'relations']);
    if (x) ex.extra = withOwn('dygie', x);
    index++;
    if (!reportExample(ex, reporter, { file, line }, [])) continue;
    yield ex;
  }
}

/** What is wrong with the `clusters` field: each mention is [start, end] (inclusive) within
 *  one sentence of the document. A mention outside it was once passed as valid and copied on. */
function clusterProblems(clusters: unknown, ranges: Array<[number, number]>): Array<[string, string]> {
  if (clusters === undefined) return [];
  if (!Array.isArray(clusters)) return [['clusters', 'expected a list of clusters']];
  const out: Array<[string, string]> = [];
  const n = ranges.length ? ranges[ranges.length - 1][1] : 0;
  clusters.forEach((c, k) => {
    if (!Array.isArray(c)) return void out.push([`clusters[${k}]`, 'expected a list of [start, end] mentions']);
    c.forEach((m, j) => {
      const at = `clusters[${k}][${j}]`;
      if (!Array.isArray(m) || m.length < 2 || !Number.isInteger(m[0]) || !Number.isInteger(m[1])) return void out.push([at, 'expected [start, end] (token indices, end inclusive)']);
      const [s, e] = m as [number, number];
      if (e < s) return void out.push([at, `mention [${s}, ${e}] is reversed (its end before its start)`]);
      if (s < 0 || e >= n) return void out.push([at, `mention [${s}, ${e}] is outside the document (tokens 0..${n - 1})`]);
      const k2 = sentenceOf(ranges, s);
      if (e >= ranges[k2][1]) out.push([at, `mention [${s}, ${e}] runs across sentences ${k2} and ${sentenceOf(ranges, e)}`]);
    });
  });
  return out;
}

/** Coreference clusters as read: each mention that is an entity gets the cluster's number.
 *  A span listed as several entities (DocRED repeats a mention) gives each listing of it in a
 *  cluster the next of those entities without a cluster; a mention in two clusters keeps the
 *  first (an entity has one). */
function markClusters(clusters: unknown, entities: Entity[], bySpan: Array<Map<string, number>>, ranges: Array<[number, number]>): void {
  if (!Array.isArray(clusters)) return;
  clusters.forEach((c, k) => {
    if (!Array.isArray(c)) return;
    for (const m of c) {
      if (!Array.isArray(m) || typeof m[0] !== 'number') continue;
      let i = bySpan[sentenceOf(ranges, m[0])]?.get(`${m[0]},${m[1]}`);
      if (i === undefined) continue;
      while (i < entities.length && entities[i].cluster !== undefined) i = nextOnSpan(entities, i);
      if (i < entities.length) entities[i].cluster = k;
    }
  });
}

/** The next entity on the same span as entity i (the list holds each sentence's in order). */
function nextOnSpan(entities: Entity[], i: number): number {
  const { start, end } = entities[i];
  for (let j = i + 1; j < entities.length; j++) if (entities[j].start === start && entities[j].end === end) return j;
  return entities.length;
}

/**
 * The `clusters` field: as read while the text is; after an edit, rebuilt from the entities'
 * cluster numbers (their spans as edited), plus mentions that are no entity while their
 * tokens are unchanged. A cluster left with one mention names no coreference and goes.
 * Read from another format (DocRED vertices), the entities' clusters are the field.
 */
function clustersOf(ex: Example, read: unknown): unknown {
  if (read !== undefined && !isEdited(ex)) return read;
  if (!Array.isArray(read)) return entityClusters(ex).map((c) => c.map(([s, e]) => [s, e - 1]));
  const inv = inverseOrigin(ex, Math.max(ex.tokens.length, ...(ex.origin ?? [])) + 1);
  const out: number[][][] = [];
  read.forEach((c, k) => {
    if (!Array.isArray(c)) return;
    const members: number[][] = ex.entities.filter((e) => e.cluster === k).map((e) => [e.start, e.end - 1]);
    for (const m of c) {
      if (!Array.isArray(m) || typeof m[0] !== 'number' || typeof m[1] !== 'number') continue;
      const span = carrySpan(inv, m[0], m[1] + 1);
      if (span && !members.some(([s, e]) => s === span[0] && e === span[1] - 1) && !ex.entities.some((e) => e.start === span[0] && e.end === span[1])) members.push([span[0], span[1] - 1]);
    }
    members.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    if (members.length > 1) out.push(members);
  });
  return out;
}

async function writeDygie(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const dropped: Dropped = {};
  let count = 0;
  for await (const ex of examples) {
    const ranges = sentenceRanges(ex);
    const sentOf = (tok: number) => sentenceOf(ranges, tok);
    const ner: unknown[][] = ranges.map(() => []);
    ex.entities.forEach((e) => {
      const more = (own(e.extra, 'dygie')?.more as unknown[] | undefined) ?? [];
      ner[sentOf(e.start)].push([e.start, e.end - 1, e.type, ...more]);
    });
    const relations: unknown[][] = ranges.map(() => []);
    for (const r of ex.relations) {
      const h = ex.entities[r.head];
      const t = ex.entities[r.tail];
      if (sentOf(h.start) !== sentOf(t.start)) {
        // DyGIE lists relations per sentence: one across sentences has no place.
        limit(opts, dropped, 'relations across sentences', 1, 'DyGIE JSON', 'relations between different sentences', ex);
        continue;
      }
      const more = (own(r.extra, 'dygie')?.more as unknown[] | undefined) ?? [];
      relations[sentOf(h.start)].push([h.start, h.end - 1, t.start, t.end - 1, r.type, ...more]);
    }
    const x = own(ex.extra, 'dygie') ?? {};
    // The example's own id: a candidate never reuses its seed's doc_key.
    const docKey = idValue(x, 'doc_key', ex);
    const rec: Record<string, unknown> = {
      doc_key: docKey,
      ...x,
      sentences: ranges.map(([s, e]) => ex.tokens.slice(s, e)),
      ner,
      relations,
    };
    rec.doc_key = docKey;
    rec.clusters = clustersOf(ex, x.clusters);
    await sink.write(JSON.stringify(rec) + '\n');
    count++;
  }
  return { examples: count, dropped };
}

export const dygie: Format = {
  name: 'dygie',
  description: 'DyGIE JSON lines: one document per line, sentences, ner/relations with document-level INCLUSIVE offsets',
  extensions: ['jsonl', 'json'],
  streaming: true,
  read: readDygie,
  write: writeDygie,
};
