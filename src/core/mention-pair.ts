/**
 * Which mentions carry a relation named between two entities of several mentions (a DocRED
 * label names vertices, the data model's relations name mentions). Sentence-level formats
 * (SpERT, DyGIE, CoNLL, ...) can only hold a relation whose two mentions share a sentence, so
 * the pair is one that does whenever one exists.
 */

/** A mention as the choice sees it: its sentence and its token offsets in that sentence. */
export interface PlacedMention {
  sentence: number;
  start: number;
  end: number;
}

/**
 * The relation's mention pair, as indices into `heads` and `tails`: among the pairs in one
 * sentence, one in an evidence sentence first, then the earliest (by sentence, then the head's
 * offsets, then the tail's, then the order of the lists); with no such pair, the first mention of
 * each (the relation lies across sentences). `sameEntity`: head and tail are one entity (one
 * list), so a mention is never paired with itself while another pair exists.
 */
export function mentionPair(heads: readonly PlacedMention[], tails: readonly PlacedMention[], evidence: readonly number[] = [], sameEntity = false): [number, number] {
  const cited = new Set(evidence);
  let best: [number, number] | undefined;
  for (let i = 0; i < heads.length; i++) {
    for (let j = 0; j < tails.length; j++) {
      if (heads[i].sentence !== tails[j].sentence || (sameEntity && i === j)) continue;
      if (!best || before(i, j, best[0], best[1])) best = [i, j];
    }
  }
  return best ?? [0, 0];

  function before(i: number, j: number, bi: number, bj: number): boolean {
    const h = heads[i], t = tails[j], bh = heads[bi], bt = tails[bj];
    const keys = [
      [Number(!cited.has(h.sentence)), Number(!cited.has(bh.sentence))],
      [h.sentence, bh.sentence],
      [h.start, bh.start],
      [h.end, bh.end],
      [t.start, bt.start],
      [t.end, bt.end],
      [i, bi],
      [j, bj],
    ];
    for (const [a, b] of keys) if (a !== b) return a < b;
    return false;
  }
}

/** The sentence ids an evidence field names, of a document of `sentences` sentences. */
export function evidenceSentences(raw: unknown, sentences: number): number[] {
  return Array.isArray(raw) ? raw.filter((s): s is number => Number.isInteger(s) && s >= 0 && s < sentences) : [];
}
