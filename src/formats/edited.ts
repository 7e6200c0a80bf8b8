import type { Example } from '../core/model.js';
import { isEdited, originOf } from '../core/model.js';
import { limit } from './limits.js';
import type { Dropped, WriteOptions } from './types.js';

/**
 * What a writer needs to keep per-token format fields true after an edit: each field value is
 * carried to the tokens that are unchanged, and new or changed tokens get the filler.
 */
export function carryPerToken<T>(values: readonly T[], ex: Pick<Example, 'tokens' | 'origin'>, filler: T): T[] {
  if (!isEdited(ex)) return values.slice();
  const origin = originOf(ex);
  return origin.map((o) => (o >= 0 && o < values.length ? values[o] : filler));
}

/** New index of each token of the example as read (-1: gone or changed). */
export function inverseOrigin(ex: Pick<Example, 'tokens' | 'origin'>, readLength: number): number[] {
  const inv = new Array<number>(readLength).fill(-1);
  originOf(ex).forEach((o, i) => {
    if (o >= 0 && o < readLength) inv[o] = i;
  });
  return inv;
}

/**
 * A token-index span [s, e) of the example as read, in the edited example: defined only while
 * every token of it is unchanged and still adjacent; null when the edit touched it.
 */
export function carrySpan(inv: readonly number[], s: number, e: number): [number, number] | null {
  if (s < 0 || e > inv.length || e <= s) return null;
  const ns = inv[s];
  if (ns < 0) return null;
  for (let k = s + 1; k < e; k++) if (inv[k] !== ns + (k - s)) return null;
  return [ns, ns + (e - s)];
}

/** Entities that are no argument of any relation (nor, where the format lists coreferent
 *  mentions, coreferent with one): a pair format (TACRED, FewRel, CasRel) cannot hold them. */
export function entitiesOutsideRelations(ex: Example, opts: WriteOptions, dropped: Dropped, format: string, withClusters = false): void {
  const used = new Set<number>();
  for (const r of ex.relations) used.add(r.head).add(r.tail);
  if (withClusters) {
    const clusters = new Set([...used].map((i) => ex.entities[i].cluster).filter((c) => c !== undefined));
    ex.entities.forEach((e, i) => e.cluster !== undefined && clusters.has(e.cluster) && used.add(i));
  }
  limit(opts, dropped, 'entities outside any relation', ex.entities.length - used.size, format, 'entities that are no argument of a relation', ex);
}

/** An example with no relation has no record in a pair format (TACRED, FewRel; call
 *  `entitiesOutsideRelations` first, which counts its entities). */
export function exampleWithoutRelation(ex: Example, opts: WriteOptions, dropped: Dropped, format: string): boolean {
  if (ex.relations.length > 0) return false;
  limit(opts, dropped, 'examples without a relation', 1, format, 'an example without a relation instance', ex);
  return true;
}

/**
 * The value of a record's id field (`id`, `doc_key`, `orig_id`): as read while it is the
 * example's id, otherwise the example's own id. A candidate never reuses its seed's id.
 */
export function idValue(x: Record<string, unknown>, key: string, ex: Pick<Example, 'id'>): unknown {
  const v = x[key];
  return v !== undefined && String(v) === ex.id ? v : ex.id;
}
