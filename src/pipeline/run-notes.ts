import type { CorpusStats } from '../ops/corpus.js';

/** Operations that make copies of relation examples only (raise rare relation types, add pairs
 *  with no relation): on seeds without relations they have nothing to work on. */
const RELATION_ONLY = new Set(['long_tail_v1', 'llm_long_tail_v1', 'negatives_v1', 'negatives_v2']);

/** A note when every operation of the recipe needs relations and the seeds hold none (a
 *  long-tail run on CoNLL-2003 made 0 candidates and said nothing of why). */
export function noRelationsNote(ops: ReadonlyArray<{ op: string }>, corpus: CorpusStats): string | null {
  if (ops.length === 0 || corpus.schema.relationTypes.size > 0 || !ops.every((o) => RELATION_ONLY.has(o.op))) return null;
  return `note: ${[...new Set(ops.map((o) => o.op))].join(', ')} work${ops.length === 1 ? 's' : ''} on relations, and the seeds hold none: no candidate was made (for NER data, try sda.yaml, entity-swap.yaml or noise.yaml)`;
}
