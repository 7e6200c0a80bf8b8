import { inTextOrder, originOf, type Entity, type Example } from './model.js';
import { mendChunks } from './chunks.js';

/** An entity placed inside the new tokens of an edit, offsets relative to the new tokens. */
export interface Placement {
  start: number;
  end: number;
  /** Index (in the original example) of the entity this one continues: it keeps that entity's
   *  relations, and its type unless `type` is given. */
  from?: number;
  type?: string;
  extra?: Record<string, unknown>;
}

export interface EditOptions {
  /** Whitespace flags for the new tokens. Default: a space between them; the last keeps the
   *  flag of the last replaced token (or `true` for a pure insertion). */
  spaces?: boolean[];
  /** Extra CoNLL columns for the new tokens. Default: for a same-length edit, the old row of
   *  each token left as it was; `_` in every column for every new or changed token. */
  columns?: string[][];
  /** Entities that strictly contain the edited range: `stretch` (default) keeps them and
   *  moves their end; `drop` removes them. */
  covering?: 'stretch' | 'drop';
  /** Entities to place inside the new tokens (replacing or re-placing old ones). */
  place?: Placement[];
}

/** One shared, frozen row of `_` per width: new tokens have no POS or chunk to show. */
const fillerRows: string[][] = [];
export function fillerRow(width: number): string[] {
  return (fillerRows[width] ??= Object.freeze(new Array<string>(width).fill('_')) as string[]);
}

export interface EditResult {
  example: Example;
  /** Indices (in the original) of entities removed by the edit. */
  droppedEntities: number[];
  /** Indices (in the original) of relations removed because an argument was removed. */
  droppedRelations: number[];
  /** For each original entity, its index in the result, or -1. */
  entityMap: number[];
}

/**
 * THE span-safe edit: replace tokens [start, end) with `newTokens`. Entities before the range
 * stay, entities after it shift, entities that strictly contain it stretch (or are dropped),
 * entities that overlap it otherwise are dropped unless re-placed through `place`. Relations
 * follow their arguments and are dropped with them. Every augmentation goes through here.
 */
export function replaceRange(ex: Example, start: number, end: number, newTokens: readonly string[], opts: EditOptions = {}): EditResult {
  const n = ex.tokens.length;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= n)) {
    throw new RangeError(`edit range [${start}, ${end}) is outside the example (${n} tokens)`);
  }
  const m = newTokens.length;
  const delta = m - (end - start);
  const covering = opts.covering ?? 'stretch';

  // Tokens and their per-token companions. `same[j]`: new token j is the old token it replaces.
  const tokens = ex.tokens.slice(0, start).concat(newTokens, ex.tokens.slice(end));
  const same = newTokens.map((t, j) => m === end - start && t === ex.tokens[start + j]);
  const oldOrigin = originOf(ex);
  const origin = oldOrigin.slice(0, start).concat(same.map((k, j) => (k ? oldOrigin[start + j] : -1)), oldOrigin.slice(end));
  let spaces: boolean[] | undefined;
  if (ex.spaces || opts.spaces) {
    const old = ex.spaces ?? ex.tokens.map((_, i) => i < n - 1);
    let fresh = opts.spaces;
    if (!fresh) {
      const lastFlag = end > start ? old[end - 1] : start < n ? true : start > 0 ? old[start - 1] : false;
      fresh = newTokens.map((_, j) => (j < m - 1 ? true : lastFlag));
    }
    if (fresh.length !== m) throw new RangeError(`got ${fresh.length} whitespace flags for ${m} new tokens`);
    spaces = old.slice(0, start).concat(fresh, old.slice(end));
    // Deleting the last tokens: the new last token takes their trailing whitespace (none,
    // usually), so the text never ends in a space it did not have.
    if (end === n && m === 0 && start > 0 && end > start) spaces[start - 1] = old[n - 1];
    // Inserting at the very end: the old last token now needs a space before the new ones.
    if (end === n && start === n && start > 0 && m > 0 && !ex.spaces?.[start - 1]) spaces[start - 1] = true;
    if (tokens.length > 0 && !ex.spaces) spaces[tokens.length - 1] = false;
  }
  let columns: string[][] | undefined;
  if (ex.columns) {
    const width = ex.columns.length > 0 ? ex.columns[0].length : 0;
    let fresh = opts.columns;
    if (!fresh) {
      // A changed token's POS or chunk described the old word: it gets the filler.
      const row = fillerRow(width);
      fresh = newTokens.map((_, j) => (same[j] ? ex.columns![start + j] : row));
    }
    if (fresh.length !== m) throw new RangeError(`got ${fresh.length} column rows for ${m} new tokens`);
    columns = mendChunks(ex.columns, ex.columns.slice(0, start).concat(fresh, ex.columns.slice(end)), start, start + m);
  }

  // Entities.
  const entityMap = new Array<number>(ex.entities.length).fill(-1);
  const placedFrom = new Map<number, Placement>();
  for (const p of opts.place ?? []) {
    if (!(0 <= p.start && p.start < p.end && p.end <= m)) {
      throw new RangeError(`placement [${p.start}, ${p.end}) is outside the ${m} new tokens`);
    }
    if (p.from !== undefined) placedFrom.set(p.from, p);
  }
  const out: Entity[] = [];
  const dropped: number[] = [];
  // An entity whose own tokens changed loses its format fields (surface strings, names, ids):
  // they described the old words.
  const touched = (e: Entity) => {
    if (m !== end - start) return e.start < end && start < e.end || (start === end && e.start < start && start < e.end);
    for (let j = Math.max(e.start, start); j < Math.min(e.end, end); j++) if (!same[j - start]) return true;
    return false;
  };
  const fresh = (e: Entity, at: Partial<Entity>): Entity => {
    const ne: Entity = { ...e, ...at };
    if (ne.extra && touched(e)) delete ne.extra;
    return ne;
  };
  ex.entities.forEach((e, i) => {
    const placed = placedFrom.get(i);
    if (placed) return; // handled below, in order
    let ne: Entity | null;
    if (e.end <= start) {
      ne = { ...e };
    } else if (e.start >= end) {
      ne = { ...e, start: e.start + delta, end: e.end + delta };
    } else if (e.start <= start && end <= e.end && !(e.start === start && e.end === end)) {
      // Strictly contains the range (an insertion inside an entity counts).
      ne = covering === 'stretch' ? fresh(e, { end: e.end + delta }) : null;
      if (ne && ne.end <= ne.start) ne = null;
    } else {
      ne = null;
    }
    if (ne) {
      entityMap[i] = out.length;
      out.push(ne);
    } else dropped.push(i);
  });
  for (const p of opts.place ?? []) {
    const base = p.from !== undefined ? ex.entities[p.from] : undefined;
    const type = p.type ?? base?.type;
    if (!type) throw new RangeError('a placed entity needs a type or an entity to continue');
    const ne: Entity = { start: start + p.start, end: start + p.end, type };
    if (base?.cluster !== undefined) ne.cluster = base.cluster;
    // Fields of the old mention hold only while its words are all unchanged.
    const kept = base && p.start === base.start - start && p.end === base.end - start && !touched(base);
    const extra = p.extra ?? (kept ? base.extra : undefined);
    if (extra) ne.extra = extra;
    if (p.from !== undefined) entityMap[p.from] = out.length;
    out.push(ne);
  }
  // Keep entities in a stable, text-ordered list so writers and relation indices agree
  // (already ordered in the common case: then nothing moves).
  let entities = out;
  if (!inTextOrder(out)) {
    const order = out.map((_, i) => i).sort((a, b) => out[a].start - out[b].start || out[a].end - out[b].end || a - b);
    const rank = new Array<number>(out.length);
    order.forEach((oldIdx, newIdx) => (rank[oldIdx] = newIdx));
    entities = order.map((i) => out[i]);
    for (let i = 0; i < entityMap.length; i++) if (entityMap[i] >= 0) entityMap[i] = rank[entityMap[i]];
  }

  // Relations follow their arguments.
  const relations = [];
  const droppedRelations: number[] = [];
  for (let i = 0; i < ex.relations.length; i++) {
    const r = ex.relations[i];
    const h = entityMap[r.head];
    const t = entityMap[r.tail];
    if (h === undefined || t === undefined || h < 0 || t < 0) droppedRelations.push(i);
    else relations.push({ ...r, head: h, tail: t });
  }

  // Sentence boundaries inside a replaced range collapse onto its start, unless the range is
  // rewritten token for token (same length): then they stay where they were.
  let sentenceStarts: number[] | undefined;
  if (ex.sentenceStarts) {
    const moved = ex.sentenceStarts.map((s) => (s <= start ? s : s >= end ? s + delta : delta === 0 ? s : start));
    sentenceStarts = [];
    for (const s of moved) {
      if (s >= tokens.length && tokens.length > 0) continue;
      if (sentenceStarts.length === 0 || s > sentenceStarts[sentenceStarts.length - 1]) sentenceStarts.push(s);
    }
  }

  const example: Example = { ...ex, tokens, entities, relations, origin };
  if (spaces) example.spaces = spaces;
  else delete example.spaces;
  if (columns) example.columns = columns;
  if (sentenceStarts) example.sentenceStarts = sentenceStarts;
  return { example, droppedEntities: dropped, droppedRelations, entityMap };
}
