import { z } from 'zod';
import type { Entity, Example, Relation } from '../core/model.js';
import { entityText, isEdited, sentenceOf, sentenceRanges } from '../core/model.js';
import { readJson } from './input.js';
import { Reporter } from './reporter.js';
import { idValue } from './edited.js';
import { JsonArrayWriter, nonNegInt, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';
import { limit } from './limits.js';
import { unheldClusterMentions } from './coreference-loss.js';
import { evidenceSentences, mentionPair, type PlacedMention } from '../core/mention-pair.js';

const mention = z.looseObject({ pos: z.tuple([nonNegInt, nonNegInt]), sent_id: nonNegInt, type: z.string().min(1), name: z.string().optional() });
const label = z.looseObject({ h: nonNegInt, t: nonNegInt, r: z.string().min(1) });
const doc = z.looseObject({
  title: z.string().optional(),
  sents: z.array(z.array(z.string()).min(1)).min(1),
  vertexSet: z.array(z.array(mention).min(1)),
  labels: z.array(label).optional(),
});

async function* readDocred(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const data = await readJson(file);
  if (!Array.isArray(data)) {
    reporter.problem({ file }, 'expected a JSON array of DocRED documents ({"sents", "vertexSet", "labels"})');
    return;
  }
  for (let i = 0; i < data.length; i++) {
    const d = validateRecord(doc, data[i], reporter, { file }, [i]);
    if (!d) continue;
    const tokens: string[] = [];
    const sentenceStarts: number[] = [];
    for (const s of d.sents) {
      sentenceStarts.push(tokens.length);
      tokens.push(...s);
    }
    const entities: Entity[] = [];
    const firstOf: number[] = [];
    let bad = false;
    d.vertexSet.forEach((mentions, v) => {
      firstOf.push(entities.length);
      mentions.forEach((m, k) => {
        const sent = d.sents[m.sent_id];
        const [s, e] = m.pos;
        if (!sent || e > sent.length || e <= s) {
          reporter.problem({ file, path: `[${i}].vertexSet[${v}][${k}].pos` }, sent ? `[${s}, ${e}) is not a span of sentence ${m.sent_id} (${sent.length} tokens)` : `sent_id ${m.sent_id} does not exist (${d.sents.length} sentences)`);
          bad = true;
          return;
        }
        const base = sentenceStarts[m.sent_id];
        const ent: Entity = { start: base + s, end: base + e, type: m.type, cluster: v };
        // `$rank`: the mention's place in its vertex, kept so a written vertex lists them as read.
        ent.extra = withOwn('docred', { ...rest(m, ['pos', 'sent_id', 'type']), $rank: k });
        entities.push(ent);
      });
    });
    const relations: Relation[] = [];
    (d.labels ?? []).forEach((l, k) => {
      if (l.h >= d.vertexSet.length || l.t >= d.vertexSet.length) {
        reporter.problem({ file, path: `[${i}].labels[${k}]` }, `points at entity ${Math.max(l.h, l.t)}, but vertexSet has ${d.vertexSet.length}`);
        bad = true;
        return;
      }
      const pair = labelPair(d.vertexSet, l, d.sents.length);
      if (typeof pair === 'string') {
        reporter.problem({ file, path: `[${i}].labels[${k}].mentions` }, pair);
        bad = true;
        return;
      }
      const rel: Relation = { head: firstOf[l.h] + pair[0], tail: firstOf[l.t] + pair[1], type: l.r };
      const x = rest(l, ['h', 't', 'r']);
      if (x) rel.extra = withOwn('docred', x);
      relations.push(rel);
    });
    if (bad) continue;
    // The title is DocRED's document id (unique in the released sets).
    const ex: Example = { id: d.title ?? String(i), tokens, entities, relations, sentenceStarts };
    const x = rest(d, ['sents', 'vertexSet', 'labels']);
    if (x) ex.extra = withOwn('docred', x);
    if (!reportExample(ex, reporter, { file }, [i])) continue;
    yield ex;
  }
}

type Vertex = ReadonlyArray<{ pos: readonly [number, number]; sent_id: number }>;

const placed = (v: Vertex): PlacedMention[] => v.map((m) => ({ sentence: m.sent_id, start: m.pos[0], end: m.pos[1] }));

/** `mentions` as this tool writes it: the indices of the relation's two mentions in its vertices. */
const pinned = (x: unknown): x is [number, number] => Array.isArray(x) && x.length === 2 && x.every((n) => Number.isInteger(n) && n >= 0);

/**
 * The mentions a label's relation joins, as indices into its two vertices: those `mentions`
 * names (written where the pair is not the one chosen below), else a pair in one sentence
 * (mention-pair.ts), else each vertex's first. A message when `mentions` names no mention.
 */
function labelPair(vertexSet: readonly Vertex[], l: { h: number; t: number; mentions?: unknown; evidence?: unknown }, sentences: number): [number, number] | string {
  const hs = vertexSet[l.h], ts = vertexSet[l.t];
  if (pinned(l.mentions)) {
    const [a, b] = l.mentions;
    if (a < hs.length && b < ts.length) return [a, b];
    const n = (k: number) => `${k} mention${k === 1 ? '' : 's'}`;
    return `[${a}, ${b}] names no mention pair: entity ${l.h} has ${n(hs.length)}, entity ${l.t} has ${n(ts.length)}`;
  }
  return mentionPair(placed(hs), placed(ts), evidenceSentences(l.evidence, sentences), l.h === l.t);
}

async function writeDocred(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const out = new JsonArrayWriter(sink);
  const dropped: Dropped = {};
  let count = 0;
  for await (const ex of examples) {
    // A vertex lists typed mentions, each of one entity: DyGIE's other cluster mentions go.
    limit(opts, dropped, 'coreference mentions that are no entity or in a second cluster', unheldClusterMentions(ex), 'DocRED JSON', 'a coreference mention that is no entity (no type), or one in a second cluster', ex);
    const ranges = sentenceRanges(ex);
    const sentOf = (tok: number) => sentenceOf(ranges, tok);
    // Group mentions into vertices by cluster; unclustered mentions are entities of their own.
    const vertexOfCluster = new Map<number, number>();
    const vertexOfEntity: number[] = [];
    const members: number[][] = [];
    ex.entities.forEach((e, i) => {
      let v: number;
      if (e.cluster !== undefined && vertexOfCluster.has(e.cluster)) v = vertexOfCluster.get(e.cluster)!;
      else {
        v = members.length;
        members.push([]);
        if (e.cluster !== undefined) vertexOfCluster.set(e.cluster, v);
      }
      vertexOfEntity[i] = v;
      members[v].push(i);
    });
    // Mentions keep the order they were read in (loaders take the first as the entity's name).
    for (const ms of members) ms.sort((a, b) => rankInVertex(ex.entities[a]) - rankInVertex(ex.entities[b]) || a - b);
    const placeInVertex: number[] = [];
    for (const ms of members) ms.forEach((i, j) => (placeInVertex[i] = j));
    const vertexSet = members.map((ms) =>
      ms.map((i) => {
        const e = ex.entities[i];
        const k = sentOf(e.start);
        return { ...mentionFields(ex, e), pos: [e.start - ranges[k][0], e.end - ranges[k][0]] as [number, number], sent_id: k, type: e.type };
      }),
    );
    const labels = ex.relations.map((r) => {
      const x: Record<string, unknown> = { evidence: [] as unknown, ...own(r.extra, 'docred') };
      // Evidence names sentences: only those that still exist stay.
      const evidence = evidenceSentences(x.evidence, ranges.length);
      if (Array.isArray(x.evidence)) x.evidence = evidence;
      const h = vertexOfEntity[r.head], t = vertexOfEntity[r.tail];
      // A label names entities: the mentions it joins are said where a reader would pick others.
      const pair: [number, number] = [placeInVertex[r.head], placeInVertex[r.tail]];
      const chosen = mentionPair(placed(vertexSet[h]), placed(vertexSet[t]), evidence, h === t);
      if (pinned(x.mentions) || chosen[0] !== pair[0] || chosen[1] !== pair[1]) x.mentions = pair;
      return { r: r.type, h, t, ...x };
    });
    const x = own(ex.extra, 'docred') ?? {};
    await out.item({ ...x, title: idValue(x, 'title', ex), sents: ranges.map(([s, e]) => ex.tokens.slice(s, e)), vertexSet, labels });
    count++;
  }
  await out.end();
  return { examples: count, dropped };
}

/**
 * A mention's own fields: as read while the text is; after an edit its name is recomputed from
 * its tokens and the fields that locate it in the text as read (`global_pos`, `index`) go.
 */
/** A mention's place in its vertex as read; a mention an edit made (or touched) goes last. */
function rankInVertex(e: Entity): number {
  const k = own(e.extra, 'docred')?.$rank;
  return typeof k === 'number' ? k : Number.MAX_SAFE_INTEGER;
}

function mentionFields(ex: Example, e: Entity): Record<string, unknown> {
  const { $rank: _r, ...x } = own(e.extra, 'docred') ?? {};
  if (!isEdited(ex)) return { name: x.name ?? entityText(ex, e), ...x };
  const { global_pos: _g, index: _i, name: _n, ...kept } = x;
  return { name: entityText(ex, e), ...kept };
}

export const docred: Format = {
  name: 'docred',
  description: 'DocRED JSON: documents with sents, vertexSet (entities as mention lists, sentence-level pos, end exclusive) and labels',
  extensions: ['json'],
  streaming: false,
  read: readDocred,
  write: writeDocred,
};
