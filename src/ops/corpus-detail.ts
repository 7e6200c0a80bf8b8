/**
 * The costly parts of the corpus statistics (frames, per-mention info) and the operations that
 * read them: a recipe without these operations skips collecting them in the seed pass. A part
 * not collected throws when read, so an operation missing here fails loudly, never silently.
 */
export type CorpusDetail = 'frames' | 'mentionInfo' | 'outsideTags' | 'mentions';

const READERS: Record<Exclude<CorpusDetail, 'mentions'>, readonly string[]> = {
  frames: ['label_wise_token_replacement_v2'],
  mentionInfo: ['mention_replacement_v2', 'long_tail_v1', 'llm_long_tail_v1'],
  outsideTags: ['label_wise_token_replacement_v2'],
};

/**
 * Operations that read nothing of the seeds' mentions (`mentions`, `mentionColumns`,
 * `factNames`): a recipe of these only skips collecting them (a slice and a key per mention of
 * every seed, kept for the whole run). Listed the other way round from READERS: any operation
 * not named here (a model's, a new one) gets them.
 */
const MENTION_FREE: ReadonlySet<string> = new Set(['char_noise_v1', 'char_noise_v2', 'token_noise_v1', 'token_noise_v2', 'synonym_replacement_v1', 'synonym_replacement_v2', 'shuffle_within_segments_v1', 'shuffle_within_segments_v2']);

/** The details the named operations read. */
export function corpusDetailsFor(ops: Iterable<string>): Set<CorpusDetail> {
  const names = new Set(ops);
  const out = new Set<CorpusDetail>();
  for (const [detail, readers] of Object.entries(READERS) as Array<[CorpusDetail, readonly string[]]>) if (readers.some((r) => names.has(r))) out.add(detail);
  if ([...names].some((n) => !MENTION_FREE.has(n))) out.add('mentions');
  return out;
}
