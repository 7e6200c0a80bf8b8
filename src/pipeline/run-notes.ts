import type { CorpusStats } from '../ops/corpus.js';

/** Operations that raise rare relation types: on seeds without relations they have nothing to
 *  work on. (Negatives are not among them: entity-free negatives are made from NER seeds.) */
const RELATION_ONLY = new Set(['long_tail_v1', 'llm_long_tail_v1']);

/** A note when every operation of the run needs relations and the seeds hold none (a
 *  long-tail run on CoNLL-2003 made 0 candidates and said nothing of why). */
export function noRelationsNote(ops: ReadonlyArray<{ op: string }>, corpus: CorpusStats): string | null {
  if (ops.length === 0 || corpus.schema.relationTypes.size > 0 || !ops.every((o) => RELATION_ONLY.has(o.op))) return null;
  const names = [...new Set(ops.map((o) => o.op))];
  return `note: ${names.join(', ')} work${names.length === 1 ? 's' : ''} on relations, and the seeds hold none: no candidate was made (for NER data, try sda.yaml, entity-swap.yaml or noise.yaml)`;
}
