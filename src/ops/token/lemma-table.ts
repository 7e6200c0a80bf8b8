/**
 * The lines of one WordNet index file by lemma: an open-addressing hash table of line numbers,
 * keyed by a hash of the lemma. A lookup hashes the lemma and compares it with the lemma of a
 * line or two; a binary search read seventeen lines megabytes apart in the index text, and its
 * cache misses were most of a lookup (CoNLL-2003 sda: 23k lookups, most for names WordNet does
 * not have). Exact: a line is found only where its lemma is the one asked.
 */
export class LemmaTable {
  /** Line number + 1 at each slot; 0 where empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `index`: the index text; `lineStarts`: where each lemma line starts (its lemma ends at a
   *  space). Lemmas are unique within a file. At most half the slots are used. */
  constructor(
    private readonly index: string,
    private readonly lineStarts: Int32Array,
  ) {
    let size = 1 << 10;
    while (size < lineStarts.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < lineStarts.length; k++) {
      let h = 0x811c9dc5;
      for (let i = lineStarts[k]; i < index.length; i++) {
        const c = index.charCodeAt(i);
        if (c === 32) break;
        h = Math.imul(h ^ c, 16777619);
      }
      let at = h & this.mask;
      while (this.slots[at] !== 0) at = (at + 1) & this.mask;
      this.slots[at] = k + 1;
    }
  }

  /** The number of the line whose lemma is `lemma`, or -1. */
  line(lemma: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < lemma.length; i++) h = Math.imul(h ^ lemma.charCodeAt(i), 16777619);
    for (let at = h & this.mask; this.slots[at] !== 0; at = (at + 1) & this.mask) {
      const k = this.slots[at] - 1;
      if (lemmaAt(this.index, this.lineStarts[k], lemma)) return k;
    }
    return -1;
  }
}

/** Whether the lemma of the index line at `start` (which ends at a space) is `lemma`. */
function lemmaAt(index: string, start: number, lemma: string): boolean {
  for (let i = 0; i < lemma.length; i++) if (index.charCodeAt(start + i) !== lemma.charCodeAt(i)) return false;
  const end = index.charCodeAt(start + lemma.length);
  return end === 32 || Number.isNaN(end);
}
