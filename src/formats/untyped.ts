import type { Example } from '../core/model.js';
import { limit } from './limits.js';
import { UNTYPED } from './tacred.js';
import type { Dropped, WriteOptions } from './types.js';

/** What a lossy write counts when a format without entity types writes typed arguments. */
export const TYPES_DROPPED = 'entity type labels';

/**
 * FewRel and CasRel have no entity types: their arguments read back as `ENTITY`. Writing an
 * argument of another type would change its label silently, so it is a limit (one count per
 * entity written); data read from an untyped format loses nothing.
 */
export function untypedArguments(ex: Example, written: Iterable<number>, opts: WriteOptions, dropped: Dropped, format: string): void {
  const typed = [...new Set(written)].filter((i) => ex.entities[i].type !== UNTYPED);
  if (typed.length === 0) return;
  const names = [...new Set(typed.map((i) => JSON.stringify(ex.entities[i].type)))];
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', ...' : '');
  limit(opts, dropped, TYPES_DROPPED, typed.length, format, `entity types such as ${shown}: every argument is written untyped and reads back as ${UNTYPED}`, ex);
}
