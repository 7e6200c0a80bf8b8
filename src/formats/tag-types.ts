import type { Example } from '../core/model.js';
import type { TagScheme } from '../core/tags.js';
import { keepEntities, limit } from './limits.js';
import type { Dropped, WriteOptions } from './types.js';

/** What a lossy write counts for an entity whose type no tag of the output can hold. */
export const UNTAGGABLE_KIND = 'entities whose type a tag cannot hold';

/** IO labels are the bare type, and `O` is outside: an entity of type `O` written with IO
 *  labels would read back as no entity (Few-NERD, CoNLL and SpERT tags with `--scheme IO`).
 *  A prefixed scheme writes `B-O`, which reads back as the type `O`. */
export const isOutsideLabel = (type: string, scheme: TagScheme): boolean => scheme === 'IO' && type === 'O';

/** Entities of type `O` in IO labels (see isOutsideLabel): refused unless the write is lossy,
 *  then dropped and counted, with the relations on them. */
export function dropOutsideTyped(ex: Example, scheme: TagScheme, opts: WriteOptions, dropped: Dropped, format: string): Example {
  if (scheme !== 'IO') return ex;
  const kept = ex.entities.flatMap((e, i) => (isOutsideLabel(e.type, scheme) ? [] : [i]));
  if (kept.length === ex.entities.length) return ex;
  limit(opts, dropped, UNTAGGABLE_KIND, ex.entities.length - kept.length, format, 'an entity of type "O" in IO labels (the label O means outside: it would read back as no entity)', ex);
  return keepEntities(ex, kept, dropped);
}
