import { UserError } from '../core/errors.js';
import type { Entity, Example } from '../core/model.js';
import { splitDocument } from '../core/documents.js';
import { dropOverlaps, hasOverlap } from '../core/tags.js';
import type { Dropped, WriteOptions } from './types.js';

export function bump(d: Dropped, kind: string, n = 1): void {
  if (n > 0) d[kind] = (d[kind] ?? 0) + n;
}

/** A format cannot hold something: fail clearly unless the user asked for a lossy write. */
export function limit(opts: WriteOptions, dropped: Dropped, kind: string, n: number, format: string, what: string, ex: Example): void {
  if (n <= 0) return;
  if (!opts.lossy) {
    throw new UserError(
      `${format} cannot hold ${what} (example ${ex.id}); pass --lossy to drop them and report how many were dropped`,
    );
  }
  bump(dropped, kind, n);
}

/** The example with only the entities at `kept` (indices, ascending); relations on the
 *  others go with them, counted, and the rest are re-indexed. */
export function keepEntities(ex: Example, kept: readonly number[], dropped: Dropped): Example {
  const map = new Map<number, number>();
  kept.forEach((old, i) => map.set(old, i));
  const entities: Entity[] = kept.map((i) => ex.entities[i]);
  const relations = [];
  for (const r of ex.relations) {
    const h = map.get(r.head), t = map.get(r.tail);
    if (h === undefined || t === undefined) bump(dropped, 'relations on dropped entities');
    else relations.push({ ...r, head: h, tail: t });
  }
  return { ...ex, entities, relations };
}

/** Remove overlapping entities (and relations on them) for formats that need flat spans. */
export function flattenEntities(ex: Example, opts: WriteOptions, dropped: Dropped, format: string): Example {
  if (!hasOverlap(ex.entities)) return ex;
  const { kept, dropped: gone } = dropOverlaps(ex.entities);
  limit(opts, dropped, 'overlapping entities', gone.length, format, 'nested or overlapping entities', ex);
  return keepEntities(ex, kept, dropped);
}

/** Sentence-level formats: split documents; cross-sentence items are a limit. */
export function toSentences(ex: Example, opts: WriteOptions, dropped: Dropped, format: string): Example[] {
  if (!ex.sentenceStarts || ex.sentenceStarts.length <= 1) {
    if (!ex.sentenceStarts) return [ex];
    const one = { ...ex };
    delete one.sentenceStarts;
    return [one];
  }
  const r = splitDocument(ex);
  limit(opts, dropped, 'entities across sentences', r.crossingEntities, format, 'entities that cross a sentence boundary', ex);
  limit(opts, dropped, 'relations across sentences', r.crossingRelations, format, 'relations between different sentences', ex);
  return r.sentences;
}

/**
 * A lossy write that dropped every example would leave a dataset with no records (`{}`, `[]`)
 * that reads as a success: refuse it, saying what was dropped. An empty input stays empty.
 */
export function refuseEmpty(format: string, seen: number, written: number, dropped: Dropped): void {
  if (seen === 0 || written > 0) return;
  const what = Object.entries(dropped).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  throw new UserError(
    `${format} holds none of the ${seen} example${seen === 1 ? '' : 's'}${what ? ` (--lossy dropped ${what})` : ''}: the output would be an empty dataset, so it was not written`,
  );
}
