/**
 * The costly parts of the corpus statistics (frames, per-mention info) and the operations that
 * read them: a recipe without these operations skips collecting them in the seed pass. A part
 * not collected throws when read, so an operation missing here fails loudly, never silently.
 */
export type CorpusDetail = 'frames' | 'mentionInfo' | 'outsideTags';

const READERS: Record<CorpusDetail, readonly string[]> = {
  frames: ['label_wise_token_replacement_v2'],
  mentionInfo: ['mention_replacement_v2', 'long_tail_v1', 'llm_long_tail_v1'],
  outsideTags: ['label_wise_token_replacement_v2'],
};

/** The details the named operations read. */
export function corpusDetailsFor(ops: Iterable<string>): Set<CorpusDetail> {
  const names = new Set(ops);
  const out = new Set<CorpusDetail>();
  for (const [detail, readers] of Object.entries(READERS) as Array<[CorpusDetail, readonly string[]]>) if (readers.some((r) => names.has(r))) out.add(detail);
  return out;
}
