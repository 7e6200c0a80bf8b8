/**
 * A Bloom filter over the lemmas of one WordNet index file: "certainly not a lemma" without a
 * binary search. Character noise asks WordNet whether each typo it makes is a word; nearly all
 * are not, and each search read a dozen lines megabytes apart in the index text (its cache
 * misses were most of the time). No false negatives: a lemma the filter turns away is in no
 * line, so the answers are the binary search's own.
 */
export class LemmaBloom {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** `index`: the index text; `lineStarts`: where each lemma line starts (its lemma ends at a
   *  space). About 16 bits a lemma and 3 probes: under 1% false positives. */
  constructor(index: string, lineStarts: Int32Array) {
    let size = 1 << 10;
    while (size < lineStarts.length * 16) size *= 2;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
    for (let k = 0; k < lineStarts.length; k++) {
      let h = 0x811c9dc5;
      for (let i = lineStarts[k]; i < index.length; i++) {
        const c = index.charCodeAt(i);
        if (c === 32) break;
        h = Math.imul(h ^ c, 16777619);
      }
      this.set(h);
    }
  }

  private set(h: number): void {
    const step = (h >>> 17) | 1;
    for (let j = 0, x = h; j < 3; j++, x = (x + step) | 0) {
      const b = x & this.mask;
      this.bits[b >>> 5] |= 1 << (b & 31);
    }
  }

  /** False: no line's lemma is `lemma`. True: one may be (search to know). */
  mayHave(lemma: string): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < lemma.length; i++) h = Math.imul(h ^ lemma.charCodeAt(i), 16777619);
    const step = (h >>> 17) | 1;
    for (let j = 0, x = h; j < 3; j++, x = (x + step) | 0) {
      const b = x & this.mask;
      if ((this.bits[b >>> 5] & (1 << (b & 31))) === 0) return false;
    }
    return true;
  }
}
