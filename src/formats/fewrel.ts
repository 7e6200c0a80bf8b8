import { z } from 'zod';
import type { Entity, Example } from '../core/model.js';
import { readJson } from './input.js';
import { Reporter } from './reporter.js';
import { nonNegInt, own, reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { refuseEmpty, toSentences } from './limits.js';
import { untypedArguments } from './untyped.js';
import { entitiesOutsideRelations, exampleWithoutRelation } from './edited.js';
import { entityText } from '../core/model.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';
import { UNTYPED } from './tacred.js';

const arg = z.tuple([z.string(), z.string(), z.array(z.array(nonNegInt).min(1)).min(1)]).rest(z.unknown());
const instance = z.looseObject({ tokens: z.array(z.string()), h: arg, t: arg });

async function* readFewrel(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const data = await readJson(file);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    reporter.problem({ file }, 'expected a JSON object mapping relation ids to lists of instances');
    return;
  }
  for (const [rel, list] of Object.entries(data as Record<string, unknown>)) {
    if (!Array.isArray(list)) {
      reporter.problem({ file, path: rel }, 'expected a list of instances');
      continue;
    }
    for (let i = 0; i < list.length; i++) {
      const r = validateRecord(instance, list[i], reporter, { file }, [rel, i]);
      if (!r) continue;
      const entities: Entity[] = [];
      let bad = false;
      (['h', 't'] as const).forEach((role, cluster) => {
        const [name, id, mentions] = r[role];
        mentions.forEach((idx, m) => {
          const outside = idx.find((v) => v >= r.tokens.length);
          if (outside !== undefined) {
            reporter.problem({ file, path: `${rel}[${i}].${role}[2][${m}]` }, `token index ${outside} is out of range (${r.tokens.length} tokens)`);
            bad = true;
            return;
          }
          const contiguous = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
          if (!contiguous) {
            reporter.problem({ file, path: `${rel}[${i}].${role}[2][${m}]` }, `token indices [${idx.join(', ')}] are not consecutive`);
            bad = true;
            return;
          }
          const ent: Entity = { start: idx[0], end: idx[idx.length - 1] + 1, type: UNTYPED, cluster };
          if (m === 0) ent.extra = withOwn('fewrel', { name, id, ...(r[role].length > 3 ? { more: r[role].slice(3) } : {}) });
          entities.push(ent);
        });
      });
      if (bad) continue;
      const tailIndex = r.h[2].length;
      const ex: Example = { id: `${rel}/${i}`, tokens: r.tokens, entities, relations: [{ head: 0, tail: tailIndex, type: rel }] };
      const x = rest(r, ['tokens', 'h', 't']);
      if (x) ex.extra = withOwn('fewrel', x);
      if (!reportExample(ex, reporter, { file }, [rel, i])) continue;
      yield ex;
    }
  }
}

/** One relation instance in FewRel's form: tokens, head and tail as [name, id, [[token indices]]]. */
export function toFewrelInstance(ex: Example, rel: Example['relations'][number]): Record<string, unknown> {
  const argOf = (ei: number) => {
    const e = ex.entities[ei];
    const cluster = e.cluster !== undefined ? ex.entities.filter((o) => o.cluster === e.cluster) : [e];
    // The name and Wikidata id belong to the mention that carries them (the first one listed,
    // as read); an edit of that mention's words removed them, so they are never stale.
    const holder = cluster.find((o) => own(o.extra, 'fewrel'));
    const members = holder ? [holder, ...cluster.filter((o) => o !== holder)] : cluster;
    const info = holder ? own(holder.extra, 'fewrel') : undefined;
    const name = typeof info?.name === 'string' ? info.name : entityText(ex, members[0]).toLowerCase();
    const id = typeof info?.id === 'string' ? info.id : '';
    const mentions = members.map((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k));
    return [name, id, mentions, ...((info?.more as unknown[]) ?? [])];
  };
  return { tokens: ex.tokens, h: argOf(rel.head), t: argOf(rel.tail), ...own(ex.extra, 'fewrel') };
}

/** Every mention a relation instance writes: its arguments and their coreferent mentions. */
function argumentMentions(ex: Example): number[] {
  const args = new Set(ex.relations.flatMap((r) => [r.head, r.tail]));
  const clusters = new Set([...args].map((i) => ex.entities[i].cluster).filter((c) => c !== undefined));
  return ex.entities.map((_, i) => i).filter((i) => args.has(i) || (ex.entities[i].cluster !== undefined && clusters.has(ex.entities[i].cluster)));
}

async function writeFewrel(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  // FewRel groups instances by relation: the whole output is held until the end.
  const groups = new Map<string, unknown[]>();
  const dropped: Dropped = {};
  let count = 0, seen = 0;
  for await (const doc of examples) {
    seen++;
    for (const ex of toSentences(doc, opts, dropped, 'FewRel JSON')) {
      entitiesOutsideRelations(ex, opts, dropped, 'FewRel JSON', true);
      if (exampleWithoutRelation(ex, opts, dropped, 'FewRel JSON')) continue;
      untypedArguments(ex, argumentMentions(ex), opts, dropped, 'FewRel JSON');
      for (const rel of ex.relations) {
        const rec = toFewrelInstance(ex, rel);
        let g = groups.get(rel.type);
        if (!g) groups.set(rel.type, (g = []));
        g.push(rec);
        count++;
      }
    }
  }
  refuseEmpty('FewRel JSON', seen, count, dropped);
  await sink.write('{');
  let first = true;
  for (const [rel, list] of groups) {
    await sink.write(`${first ? '' : ', '}${JSON.stringify(rel)}: [`);
    for (let k = 0; k < list.length; k++) await sink.write((k ? ', ' : '') + JSON.stringify(list[k]));
    await sink.write(']');
    first = false;
  }
  await sink.write('}\n');
  return { examples: count, dropped };
}

export const fewrel: Format = {
  name: 'fewrel',
  description: 'FewRel JSON: {relation: [{tokens, h: [name, id, [[token indices]]], t: [...]}]}',
  extensions: ['json'],
  streaming: false,
  read: readFewrel,
  write: writeFewrel,
};
