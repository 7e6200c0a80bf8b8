import { z } from 'zod';
import type { Example } from '../core/model.js';
import type { Location } from '../core/errors.js';
import type { Reporter } from './reporter.js';
import { own } from './json-util.js';

/**
 * Label Studio tasks, read as doccano relation records and written back as tasks.
 *
 * Which annotation is gold: the first one not cancelled (`was_cancelled`, or the older
 * `skipped`). Cancelled annotations are never read; a task with no annotation left (none yet,
 * or every one cancelled) is skipped, since reading it as "no entities" would teach a model
 * that nothing is there. A task with several live annotations is read from the first; the
 * others travel along only to be written back to Label Studio. `predictions` are never read.
 * Each of these is counted in a warning. A region with several labels is one entity per label
 * (same span, other type); a relation with several labels is one relation per label.
 */

const lsResult = z.looseObject({ type: z.string(), id: z.union([z.string(), z.number()]).optional() });
const lsAnnotation = z.looseObject({ result: z.array(lsResult) });
export const lsTask = z.looseObject({
  data: z.looseObject({ text: z.string() }),
  annotations: z.array(lsAnnotation).optional(),
  completions: z.array(lsAnnotation).optional(),
  predictions: z.array(z.unknown()).optional(),
});
export type LsTask = z.infer<typeof lsTask>;

/** What the reader keeps of a task to write it back. */
interface LsKeep {
  key: string;
  taskRest: Record<string, unknown>;
  dataRest: Record<string, unknown>;
  annRest: Record<string, unknown>;
  other: unknown[];
  /** The task's other annotations, in order; the one read goes back at index `at`. */
  more: unknown[];
  at?: number;
}

export const LS_WARNINGS = {
  unread: 'Label Studio tasks with no annotation to read (none yet, or all cancelled), skipped',
  cancelled: 'Label Studio cancelled annotations, never read as gold',
  several: 'Label Studio tasks with several annotations: only the first one not cancelled was read',
  bothWays: 'Label Studio relations drawn both ways (direction "bi") read one way, from_id to to_id (a symmetric relation; written back as drawn)',
} as const;

const isCancelled = (a: Record<string, unknown>): boolean => a.was_cancelled === true || a.skipped === true;

/**
 * A Label Studio task as a doccano relation record, or null when it holds no annotation to
 * read (counted in a warning).
 */
export function fromLabelStudio(task: LsTask, reporter: Reporter, at: Location): Record<string, unknown> | null {
  const key = task.completions && !task.annotations ? 'completions' : 'annotations';
  const anns = task[key] ?? [];
  const pick = anns.findIndex((a) => !isCancelled(a));
  const taskName = task.id !== undefined ? `task ${JSON.stringify(task.id)}: ` : '';
  anns.forEach((a, k) => {
    if (isCancelled(a)) reporter.warn(LS_WARNINGS.cancelled, { ...at, path: joinPath(at.path, `${key}[${k}]`) }, `${taskName}cancelled`);
  });
  if (pick < 0) {
    const why = anns.length === 0 ? (task.predictions?.length ? `no ${key}, only predictions (never gold)` : `no ${key}`) : anns.length === 1 ? 'its one annotation was cancelled' : `all ${anns.length} annotations were cancelled`;
    reporter.warn(LS_WARNINGS.unread, at, taskName + why);
    return null;
  }
  const live = anns.filter((a) => !isCancelled(a)).length;
  if (live > 1) reporter.warn(LS_WARNINGS.several, at, `${taskName}${live} annotations not cancelled; ${key}[${pick}] read`);
  const ann = anns[pick];
  const entities: unknown[] = [];
  const relations: unknown[] = [];
  const other: unknown[] = [];
  ann.result.forEach((r, k) => {
    const where = joinPath(at.path, `${key}[${pick}].result[${k}]`);
    const v = (r as { value?: { start?: number; end?: number } }).value;
    if (r.type === 'labels' && v && typeof v.start === 'number' && typeof v.end === 'number') entities.push(...regionEntities(r, where));
    else if (r.type === 'relation') {
      // Drawn both ways: a symmetric relation (siblings, conjunction), with no head of its
      // own; read one way, and said, as the data model has one head per relation.
      if (r.direction === 'bi') reporter.warn(LS_WARNINGS.bothWays, { ...at, path: where }, `${taskName}${JSON.stringify(r.labels ?? 'related')}`);
      relations.push(...relationParts(r, where));
    } else other.push(r);
  });
  const { data, [key]: _anns, ...taskRest } = task as Record<string, unknown> & { data: Record<string, unknown> };
  const { text, ...dataRest } = data as { text: string };
  const { result: _r, ...annRest } = ann as Record<string, unknown>;
  const keep: LsKeep = { key, taskRest, dataRest, annRest, other, more: anns.filter((_, k) => k !== pick), at: pick };
  return { text, entities, relations, $labelStudio: keep };
}

/** One entity per distinct label of a region; `$ls.part` numbers the labels after the first. */
function regionEntities(r: Record<string, unknown>, where: string): unknown[] {
  const { value, id, type: _t, ...more } = r as Record<string, unknown> & { value: Record<string, unknown> };
  const { start, end, labels, ...vmore } = value as { start: number; end: number; labels?: unknown };
  const list = Array.isArray(labels) ? [...new Set(labels)] : [];
  // No label at all: an entity with an empty type, which the record check refuses by name.
  if (list.length === 0) list.push('');
  return list.map((label, part) => ({ id, label, start_offset: start, end_offset: end, $at: where, $ls: part ? { more, vmore, part } : { more, vmore } }));
}

/** One relation per distinct label; an arrow with no label is `related`. An arrow drawn
 *  "left" points from `to_id` back at `from_id`: `to_id` is its head. */
function relationParts(r: Record<string, unknown>, where: string): unknown[] {
  const { from_id, to_id, labels, type: _t, ...more } = r as Record<string, unknown> & { labels?: unknown };
  const list = Array.isArray(labels) && labels.length ? [...new Set(labels)] : ['related'];
  const [head, tail] = more.direction === 'left' ? [to_id, from_id] : [from_id, to_id];
  return list.map((type, part) => ({ from_id: head, to_id: tail, type, $at: where, $ls: part ? { more, part } : { more } }));
}

const joinPath = (a: string | undefined, b: string): string => (a ? `${a}.${b}` : b);

/** Back to a Label Studio task, with everything the reader kept. */
/** `units`: each token's UTF-16 offsets in `text`, for slicing; `off`: the same in code points, written. */
export function toLabelStudio(ex: Example, x: Record<string, unknown>, text: string, units: Array<[number, number]>, off: Array<[number, number]>): Record<string, unknown> {
  const ls = (x.$labelStudio ?? { key: 'annotations', taskRest: {}, dataRest: {}, annRest: {}, other: [], more: [] }) as LsKeep;
  const ids = ex.entities.map((e, k) => (own(e.extra, 'jsonl')?.id as string | number | undefined) ?? `e${k}`);
  const result: Array<Record<string, unknown>> = [];
  const regions = new Map<string, { labels: unknown[]; start: number; end: number }>();
  ex.entities.forEach((e, k) => {
    const keep = (own(e.extra, 'jsonl')?.$ls ?? { more: { from_name: 'label', to_name: 'text' }, vmore: {} }) as { more: Record<string, unknown>; vmore: Record<string, unknown> };
    const s = off[e.start][0];
    const t = off[e.end - 1][1];
    // The other labels of one region (same id, same span) go back into that region.
    const region = regions.get(String(ids[k]));
    if (region && region.start === s && region.end === t) {
      if (!region.labels.includes(e.type)) region.labels.push(e.type);
      return;
    }
    const labels: unknown[] = [e.type];
    regions.set(String(ids[k]), { labels, start: s, end: t });
    result.push({ value: { start: s, end: t, ...keep.vmore, text: text.slice(units[e.start][0], units[e.end - 1][1]), labels }, id: ids[k], ...keep.more, type: 'labels' });
  });
  let last: Record<string, unknown> | undefined;
  for (const r of ex.relations) {
    const keep = (own(r.extra, 'jsonl')?.$ls ?? { more: { direction: 'right' } }) as { more: Record<string, unknown>; part?: number };
    // An arrow read "left" goes back as it was drawn: from its tail to its head.
    const [from, to] = keep.more.direction === 'left' ? [ids[r.tail], ids[r.head]] : [ids[r.head], ids[r.tail]];
    // A relation read from a later label of one arrow goes back into that arrow.
    if (keep.part && last && last.from_id === from && last.to_id === to) {
      (last.labels as unknown[]).push(r.type);
      continue;
    }
    last = { from_id: from, to_id: to, ...keep.more, type: 'relation', labels: [r.type] };
    result.push(last);
  }
  result.push(...(ls.other as Array<Record<string, unknown>>));
  const anns = [...ls.more];
  anns.splice(Math.min(ls.at ?? 0, anns.length), 0, { ...ls.annRest, result });
  return { ...ls.taskRest, data: { ...ls.dataRest, text }, [ls.key]: anns };
}
