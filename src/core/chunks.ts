/**
 * Extra CoNLL columns that hold IOB2 chunk tags (CoNLL-2003's third column) describe a word's
 * place in the sentence, not the word: after an edit moves, removes or adds words, a chunk
 * that lost its start is started again (`I-NP` after `O` becomes `B-NP`), so the column stays
 * well formed. Columns of other kinds, and IOB1 columns (where `I-` may open a chunk), are left
 * as they are; rows are shared and never changed in place.
 */
const TAG = /^(?:([BI])-(\S+)|O)$/;

/** Whether column c of `rows` is IOB2 chunk tags (every value a tag, no `I-X` opening a chunk). */
function isIob2(rows: readonly string[][], c: number): boolean {
  let prev = 'O';
  for (const row of rows) {
    const v = row[c];
    if (v === '_') {
      prev = '_';
      continue;
    }
    const m = TAG.exec(v);
    if (!m) return false;
    if (m[1] === 'I' && prev !== '_' && prev.slice(2) !== m[2]) return false;
    prev = v;
  }
  return true;
}

/** Columns with chunk tags re-opened where an edit between `from` and `to` broke them. */
export function mendChunks(before: readonly string[][], after: string[][], from: number, to: number): string[][] {
  const width = after[0]?.length ?? 0;
  let out = after;
  for (let c = 0; c < width; c++) {
    // Whether the column holds IOB2 chunks is asked only where the edit left an `I-` that
    // continues nothing (rare): most edits cost a look at their own few rows.
    let iob2: boolean | undefined;
    for (let p = Math.max(0, from); p <= Math.min(to, out.length - 1); p++) {
      const v = out[p][c];
      if (!v.startsWith('I-')) continue;
      const prev = p > 0 ? out[p - 1][c] : 'O';
      if (prev === '_' || prev.slice(2) === v.slice(2)) continue;
      if (!(iob2 ??= isIob2(before, c))) break;
      if (out === after) out = after.slice();
      const row = out[p].slice();
      row[c] = `B-${v.slice(2)}`;
      out[p] = row;
    }
  }
  return out;
}
