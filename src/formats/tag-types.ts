import type { Entity, Example } from '../core/model.js';
import type { TagScheme } from '../core/tags.js';
import { bump, limit } from './limits.js';
import type { Dropped, WriteOptions } from './types.js';

/** What a lossy write counts for an entity whose type no tag of the output can hold. */
export const UNTAGGABLE_KIND = 'entities whose type a tag cannot hold';

/** IO labels are the bare type, and `O` is outside: an entity of type `O` written with IO
 *  labels would read back as no entity (Few-NERD, CoNLL and SpERT tags with `--scheme IO`).
 *  A prefixed scheme writes `B-O`, which reads back as the type `O`. */
export const isOutsideLabel = (type: string, scheme: TagScheme): boolean => scheme === 'IO' && type === 'O';

/**
 * The example without the entities `fits` refuses: refused unless the write is lossy, then
 * counted; relations on a dropped entity go with it (counted too), the others are re-indexed.
 */
export function dropUntaggable(ex: Example, fits: (e: Entity) => boolean, opts: WriteOptions, dropped: Dropped, format: string, why: (type: string) => string): Example {
  const bad = ex.entities.filter((e) => !fits(e));
  if (bad.length === 0) return ex;
  limit(opts, dropped, UNTAGGABLE_KIND, bad.length, format, why(bad[0].type), ex);
  const map = new Map<number, number>();
  const entities: Entity[] = [];
  ex.entities.forEach((e, i) => {
    if (fits(e)) map.set(i, entities.push(e) - 1);
  });
  const relations = [];
  for (const r of ex.relations) {
    const h = map.get(r.head), t = map.get(r.tail);
    if (h === undefined || t === undefined) bump(dropped, 'relations on dropped entities');
    else relations.push({ ...r, head: h, tail: t });
  }
  return { ...ex, entities, relations };
}

/** Entities of type `O` in IO labels (see isOutsideLabel): refused, or dropped and counted. */
export function dropOutsideTyped(ex: Example, scheme: TagScheme, opts: WriteOptions, dropped: Dropped, format: string): Example {
  if (scheme !== 'IO') return ex;
  return dropUntaggable(ex, (e) => !isOutsideLabel(e.type, scheme), opts, dropped, format, () => 'an entity of type "O" in IO labels (the label O means outside: it would read back as no entity)');
}
