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

/** True when a member of the group shares a token with another mention (an edit would cut it). */
export function groupOverlapsOther(ex: Example, group: readonly number[]): boolean {
  return group.some((i) => ex.entities.some((o, j) => j !== i && o.start < ex.entities[i].end && ex.entities[i].start < o.end));
}

/** A replacement: an entity's mention (`index`), or an unlabelled range (`start`, `end`). */
export interface MentionChoice {
  index?: number;
  start?: number;
  end?: number;
  tokens: string[];
  /** The mention as the corpus saw it, when `tokens` were recased: its columns are looked up by it. */
  source?: string[];
}

/**
 * Replace the given mentions by new tokens, right to left so earlier offsets hold; each
 * replacement continues its entity (type, relations, cluster) and brings its own POS/chunk
 * columns when the corpus saw it, the filler otherwise. Unlabelled ranges (repeats of a
 * replaced name) are replaced the same way and stay unlabelled.
 */
export function replaceMentions(ex: Example, choices: ReadonlyArray<MentionChoice>, corpus: CorpusStats): Example {
  const startOf = (c: MentionChoice) => (c.index !== undefined ? ex.entities[c.index].start : c.start!);
  const order = [...choices].sort((a, b) => startOf(b) - startOf(a));
  let cur: Example = ex;
  let map = ex.entities.map((_, i) => i);
  const width = ex.columns?.[0]?.length;
  for (const c of order) {
    const idx = c.index !== undefined ? map[c.index] : -1;
    const [start, end] = idx >= 0 ? [cur.entities[idx].start, cur.entities[idx].end] : [c.start!, c.end!];
    const seen = width !== undefined ? corpus.mentionColumns.get(mentionKey(c.source ?? c.tokens)) : undefined;
    const cols = seen && seen[0]?.length === width && seen.length === c.tokens.length ? fitColumns(seen, cur.columns!.slice(start, end)) : undefined;
    const place = idx >= 0 ? { place: [{ start: 0, end: c.tokens.length, from: idx }] } : {};
    const r = replaceRange(cur, start, end, c.tokens, { ...place, ...(cols ? { columns: cols } : {}) });
    map = map.map((m) => (m >= 0 ? r.entityMap[m] : -1));
    cur = r.example;
  }
  return cur;
}

const IOB = /^(?:[BIES]-\S+|O)$/;

/**
 * The replacement's own columns where they describe its words (POS), and the slot's where
 * they describe its place in the sentence: a column of IOB chunk tags keeps the replaced
 * mention's chunk (its first tag, then `I-` of its type), so the chunks stay well formed.
 */
function fitColumns(own: string[][], slot: string[][]): string[][] {
  const width = own[0].length;
  const chunk = Array.from({ length: width }, (_, c) => [...own, ...slot].every((row) => IOB.test(row[c])));
  return own.map((row, j) =>
    row.map((v, c) => {
      if (!chunk[c]) return v;
      const first = slot[0][c];
      if (j === 0 || first === 'O') return first;
      return `I-${slot[slot.length - 1][c].slice(2)}`;
    }),
  );
}
