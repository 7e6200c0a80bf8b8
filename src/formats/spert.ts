import { z } from 'zod';
import type { Entity, Example, Relation } from '../core/model.js';
import { decodeTags, encodeTags, SchemeVote, type TagScheme } from '../core/tags.js';
import { readJson } from './input.js';
import { Reporter } from './reporter.js';
import { idValue } from './edited.js';
import { JsonArrayWriter, nonNegInt, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { flattenEntities, limit, toSentences } from './limits.js';
import { dropOutsideTyped } from './tag-types.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';

const relationSchema = z.looseObject({ type: z.string().min(1), head: nonNegInt, tail: nonNegInt });
const entitySchema = z.looseObject({ type: z.string().min(1), start: nonNegInt, end: nonNegInt });
const spanRecord = z.looseObject({
  tokens: z.array(z.string()),
  entities: z.array(entitySchema),
  relations: z.array(relationSchema).optional(),
});
const tagRecord = z.looseObject({
  tokens: z.array(z.string()),
  tags: z.array(z.string()),
  relations: z.array(relationSchema).optional(),
});

function relationsFrom(raw: Array<z.infer<typeof relationSchema>> | undefined): Relation[] {
  return (raw ?? []).map((r) => {
    const rel: Relation = { head: r.head, tail: r.tail, type: r.type };
    const x = rest(r, ['type', 'head', 'tail']);
    if (x) rel.extra = withOwn('spert', x);
    return rel;
  });
}

async function* readSpert(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const data = await readJson(file);
  if (!Array.isArray(data)) {
    reporter.problem({ file }, 'expected a JSON array of sentences ({"tokens", "entities" | "tags", "relations"})');
    return;
  }
  // Tag variant: the scheme from the option, or by majority over the whole file (one stray
  // tag cannot switch it; it is reported against the winner when decoded).
  let scheme: TagScheme | undefined = opts.scheme;
  if (!scheme) {
    const vote = new SchemeVote();
    for (const item of data) {
      const tags = (item as { tags?: unknown })?.tags;
      if (Array.isArray(tags)) vote.add(tags.filter((t): t is string => typeof t === 'string'));
    }
    scheme = vote.decide() ?? undefined;
  }
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    const isTags = item && typeof item === 'object' && 'tags' in item && !('entities' in item);
    const rec = validateRecord(isTags ? tagRecord : spanRecord, item, reporter, { file }, [i]);
    if (!rec) continue;
    let entities: Entity[];
    if (isTags) {
      const r = rec as z.infer<typeof tagRecord>;
      if (r.tags.length !== r.tokens.length) {
        reporter.problem({ file, path: `[${i}].tags` }, `has ${r.tags.length} tags for ${r.tokens.length} tokens`);
        continue;
      }
      const dec = decodeTags(r.tags, scheme);
      for (const issue of dec.issues) reporter.soft('invalid tag sequence (decoded tolerantly)', { file, path: `[${i}].tags[${issue.index}]` }, issue.message);
      entities = dec.entities;
    } else {
      entities = (rec as z.infer<typeof spanRecord>).entities.map((e) => {
        const ent: Entity = { start: e.start, end: e.end, type: e.type };
        // Coreference as this writer keeps it (SpERT itself reads only type, start, end).
        const cluster = Number.isInteger(e.cluster) && (e.cluster as number) >= 0 ? (e.cluster as number) : undefined;
        if (cluster !== undefined) ent.cluster = cluster;
        const x = rest(e, cluster !== undefined ? ['type', 'start', 'end', 'cluster'] : ['type', 'start', 'end']);
        if (x) ent.extra = withOwn('spert', x);
        return ent;
      });
    }
    const origId = (rec as Record<string, unknown>).orig_id;
    const ex: Example = { id: typeof origId === 'string' || typeof origId === 'number' ? String(origId) : String(i), tokens: rec.tokens, entities, relations: relationsFrom(rec.relations) };
    const x = rest(rec, ['tokens', 'entities', 'tags', 'relations']);
    if (x) ex.extra = withOwn('spert', x);
    if (!reportExample(ex, reporter, { file }, [i])) continue;
    yield ex;
  }
}

/** A mention's coreference cluster, written when the sentence holds another mention of it
 *  (FewRel's several mentions of a head, DocRED's vertices): SpERT ignores the extra key, and
 *  reading it back keeps the mentions one argument. */
function clusterField(ex: Example, e: Entity): { cluster?: number } {
  if (e.cluster === undefined) return {};
  return ex.entities.some((o) => o !== e && o.cluster === e.cluster) ? { cluster: e.cluster } : {};
}

function makeWriter(variant: 'entities' | 'tags') {
  return async function writeSpert(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
    const out = new JsonArrayWriter(sink);
    const dropped: Dropped = {};
    let count = 0;
    for await (const doc of examples) {
      for (let ex of toSentences(doc, opts, dropped, 'SpERT JSON')) {
        let rec: Record<string, unknown>;
        if (variant === 'tags') {
          ex = flattenEntities(ex, opts, dropped, 'SpERT tag variant');
          ex = dropOutsideTyped(ex, opts.scheme ?? 'BILOU', opts, dropped, 'SpERT tag variant');
          // Relations index entities in order of appearance: sort and remap.
          const order = ex.entities.map((_, i) => i).sort((a, b) => ex.entities[a].start - ex.entities[b].start);
          const rank = new Array<number>(order.length);
          order.forEach((old, k) => (rank[old] = k));
          const { tags, ioMerges } = encodeTags(ex.tokens.length, ex.entities, opts.scheme ?? 'BILOU');
          limit(opts, dropped, 'adjacent same-type entities merged (IO)', ioMerges, 'SpERT tag variant with IO tags', 'adjacent entities of the same type', ex);
          rec = {
            tokens: ex.tokens,
            tags,
            relations: ex.relations.filter((r) => !r.negative).map((r) => ({ head: rank[r.head], tail: rank[r.tail], type: r.type, ...own(r.extra, 'spert') })),
          };
        } else {
          rec = {
            tokens: ex.tokens,
            entities: ex.entities.map((e) => ({ type: e.type, start: e.start, end: e.end, ...clusterField(ex, e), ...own(e.extra, 'spert') })),
            // SpERT learns negatives from pairs without a relation: negative instances are left out.
            relations: ex.relations.filter((r) => !r.negative).map((r) => ({ type: r.type, head: r.head, tail: r.tail, ...own(r.extra, 'spert') })),
          };
        }
        const x = own(ex.extra, 'spert');
        Object.assign(rec, x);
        if (x?.orig_id !== undefined) rec.orig_id = idValue(x, 'orig_id', ex);
        if (ex.meta?.negative) rec.negative = ex.meta.negative;
        await out.item(rec);
        count++;
      }
    }
    await out.end();
    return { examples: count, dropped };
  };
}

export const spert: Format = {
  name: 'spert',
  description: 'SpERT JSON array: tokens, entities {type, start, end (exclusive)}, relations {type, head, tail}',
  extensions: ['json'],
  streaming: false,
  read: readSpert,
  write: makeWriter('entities'),
};

export const spertTags: Format = {
  name: 'spert-tags',
  description: 'SpERT-style JSON with per-token tags (BILOU by default) instead of entities; relations index entities in order of appearance',
  extensions: ['json'],
  streaming: false,
  read: readSpert,
  write: makeWriter('tags'),
};
