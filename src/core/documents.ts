import type { Entity, Example, Relation } from './model.js';
import { sentenceRanges } from './model.js';

export interface SplitResult {
  sentences: Example[];
  /** Entities crossing a sentence boundary (cannot be placed in one sentence). */
  crossingEntities: number;
  /** Relations whose arguments are in different sentences. */
  crossingRelations: number;
}

/**
 * Split a document-level example into sentence examples. Entities that cross a boundary and
 * relations across sentences are counted and left out; callers decide whether that is an error.
 */
export function splitDocument(ex: Example): SplitResult {
  if (!ex.sentenceStarts || ex.sentenceStarts.length <= 1) {
    const one: Example = { ...ex };
    delete one.sentenceStarts;
    return { sentences: [one], crossingEntities: 0, crossingRelations: 0 };
  }
  const ranges = sentenceRanges(ex);
  const where = ex.entities.map((e) => ranges.findIndex(([s, t]) => e.start >= s && e.end <= t));
  let crossingEntities = where.filter((w) => w < 0).length;
  let crossingRelations = 0;
  const sentences: Example[] = ranges.map(([s, t], k) => {
    const localIndex = new Map<number, number>();
    const entities: Entity[] = [];
    ex.entities.forEach((e, i) => {
      if (where[i] !== k) return;
      localIndex.set(i, entities.length);
      entities.push({ ...e, start: e.start - s, end: e.end - s });
    });
    const relations: Relation[] = [];
    for (const r of ex.relations) {
      const h = localIndex.get(r.head);
      const tl = localIndex.get(r.tail);
      if (h !== undefined && tl !== undefined) relations.push({ ...r, head: h, tail: tl });
    }
    const sent: Example = {
      id: `${ex.id}#${k}`,
      tokens: ex.tokens.slice(s, t),
      entities,
      relations,
    };
    if (ex.spaces) sent.spaces = ex.spaces.slice(s, t);
    if (ex.columns) sent.columns = ex.columns.slice(s, t);
    if (k === 0 && ex.docStart !== undefined) sent.docStart = ex.docStart;
    if (ex.meta) sent.meta = ex.meta;
    return sent;
  });
  for (const r of ex.relations) {
    const wh = where[r.head];
    const wt = where[r.tail];
    if (wh < 0 || wt < 0 || wh !== wt) crossingRelations++;
  }
  if (crossingEntities < 0) crossingEntities = 0;
  return { sentences, crossingEntities, crossingRelations };
}
