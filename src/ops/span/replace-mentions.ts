import type { Example } from '../../core/model.js';
import { replaceRange } from '../../core/edit.js';
import { mentionKey, type CorpusStats } from '../corpus.js';

/** Entity indices grouped by coreference cluster; an entity without one is its own group. */
export function coreferenceGroups(ex: Example): number[][] {
  const groups: number[][] = [];
  const byCluster = new Map<number, number[]>();
  ex.entities.forEach((e, i) => {
    if (e.cluster === undefined) return void groups.push([i]);
    let g = byCluster.get(e.cluster);
    if (!g) {
      byCluster.set(e.cluster, (g = []));
      groups.push(g);
    }
    g.push(i);
  });
  return groups;
}

/** The coreference group of entity `i` (itself alone when it has no cluster). */
export function groupOf(ex: Example, i: number): number[] {
  const c = ex.entities[i].cluster;
  if (c === undefined) return [i];
  return ex.entities.flatMap((e, j) => (e.cluster === c ? [j] : []));
}

/** True when a member of the group shares a token with another mention (an edit would cut it). */
export function groupOverlapsOther(ex: Example, group: readonly number[]): boolean {
  return group.some((i) => ex.entities.some((o, j) => j !== i && o.start < ex.entities[i].end && ex.entities[i].start < o.end));
}

/**
 * Replace the given mentions by new tokens, right to left so earlier offsets hold; each
 * replacement continues its entity (type, relations, cluster) and brings its own POS/chunk
 * columns when the corpus saw it, the filler otherwise.
 */
export function replaceMentions(ex: Example, choices: ReadonlyArray<{ index: number; tokens: string[] }>, corpus: CorpusStats): Example {
  const order = [...choices].sort((a, b) => ex.entities[b.index].start - ex.entities[a.index].start);
  let cur: Example = ex;
  let map = ex.entities.map((_, i) => i);
  const width = ex.columns?.[0]?.length;
  for (const c of order) {
    const idx = map[c.index];
    const e = cur.entities[idx];
    const cols = width !== undefined ? corpus.mentionColumns.get(mentionKey(c.tokens)) : undefined;
    const r = replaceRange(cur, e.start, e.end, c.tokens, { place: [{ start: 0, end: c.tokens.length, from: idx }], ...(cols && cols[0]?.length === width ? { columns: cols } : {}) });
    map = map.map((m) => (m >= 0 ? r.entityMap[m] : -1));
    cur = r.example;
  }
  return cur;
}
