import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import { CorpusBuilder, type CorpusStats } from '../ops/corpus.js';
import { findOperation } from '../ops/registry.js';
import type { Operation } from '../ops/types.js';
import type { LlmOperation } from '../ops/sentence/llm-types.js';
import type { Recipe } from './recipe.js';
import type { mentionReplacement } from '../ops/span/mention-replacement.js';
import type { mentionReplacementV2 } from '../ops/span/mention-replacement-v2.js';
import type { labelWiseTokenReplacement } from '../ops/token/label-wise-token-replacement.js';
import type { labelWiseTokenReplacementV2 } from '../ops/token/label-wise-token-replacement-v2.js';
import type { synonymReplacement } from '../ops/token/synonym-replacement.js';
import type { synonymReplacementV2 } from '../ops/token/synonym-replacement-v2.js';
import type { shuffleWithinSegments } from '../ops/token/shuffle-within-segments.js';
import type { shuffleWithinSegmentsV2 } from '../ops/token/shuffle-within-segments-v2.js';
import type { tokenNoise } from '../ops/token/token-noise.js';
import type { tokenNoiseV2 } from '../ops/token/token-noise-v2.js';
import type { charNoise } from '../ops/char/char-noise.js';
import type { charNoiseV2 } from '../ops/char/char-noise-v2.js';
import type { negatives } from '../ops/span/negatives.js';
import type { negativesV2 } from '../ops/span/negatives-v2.js';
import type { longTail } from '../ops/span/long-tail.js';
import type { llmContextRewrite, llmNoise } from '../ops/sentence/context-rewrite.js';
import type { llmBothLevels, llmEntityReplacement, melmFill } from '../ops/sentence/entity-replacement.js';
import type { llmLongTail } from '../ops/sentence/llm-long-tail.js';
import type { llmEntityFree } from '../ops/sentence/entity-free.js';

type ParamsOf<T> = T extends Operation<infer P> ? P : T extends LlmOperation<infer P> ? P : never;

/** The parameters of every operation, by the name recipes use (after defaults are filled in). */
export interface OperationParams {
  mention_replacement_v1: ParamsOf<typeof mentionReplacement>;
  mention_replacement_v2: ParamsOf<typeof mentionReplacementV2>;
  label_wise_token_replacement_v1: ParamsOf<typeof labelWiseTokenReplacement>;
  label_wise_token_replacement_v2: ParamsOf<typeof labelWiseTokenReplacementV2>;
  synonym_replacement_v1: ParamsOf<typeof synonymReplacement>;
  synonym_replacement_v2: ParamsOf<typeof synonymReplacementV2>;
  shuffle_within_segments_v1: ParamsOf<typeof shuffleWithinSegments>;
  shuffle_within_segments_v2: ParamsOf<typeof shuffleWithinSegmentsV2>;
  token_noise_v1: ParamsOf<typeof tokenNoise>;
  token_noise_v2: ParamsOf<typeof tokenNoiseV2>;
  char_noise_v1: ParamsOf<typeof charNoise>;
  char_noise_v2: ParamsOf<typeof charNoiseV2>;
  negatives_v1: ParamsOf<typeof negatives>;
  negatives_v2: ParamsOf<typeof negativesV2>;
  long_tail_v1: ParamsOf<typeof longTail>;
  llm_context_rewrite_v1: ParamsOf<typeof llmContextRewrite>;
  llm_noise_v1: ParamsOf<typeof llmNoise>;
  llm_entity_replacement_v1: ParamsOf<typeof llmEntityReplacement>;
  llm_both_levels_v1: ParamsOf<typeof llmBothLevels>;
  melm_fill_v1: ParamsOf<typeof melmFill>;
  llm_long_tail_v1: ParamsOf<typeof llmLongTail>;
  llm_entity_free_v1: ParamsOf<typeof llmEntityFree>;
}

export type OperationName = keyof OperationParams;

/** Offline operations: the ones `applyOperation` runs (the others ask a language model). */
export type OfflineOperationName = Exclude<OperationName, `llm_${string}` | 'melm_fill_v1'>;

/** One step of a recipe: an operation and its parameters (each has a default). */
export type OperationSpec = { [K in OperationName]: { op: K } & Partial<OperationParams[K]> }[OperationName];

/** A recipe as an object, typed as the YAML file is (validated the same way when used). */
export type RecipeSpec = Partial<Omit<Recipe, 'operations' | 'filters'>> & { operations: OperationSpec[]; filters?: Partial<Recipe['filters']> };

/** Every operation name, so a test can hold `OperationParams` to the registry. */
export const OPERATION_PARAM_NAMES: Record<OperationName, true> = {
  mention_replacement_v1: true,
  mention_replacement_v2: true,
  label_wise_token_replacement_v1: true,
  label_wise_token_replacement_v2: true,
  synonym_replacement_v1: true,
  synonym_replacement_v2: true,
  shuffle_within_segments_v1: true,
  shuffle_within_segments_v2: true,
  token_noise_v1: true,
  token_noise_v2: true,
  char_noise_v1: true,
  char_noise_v2: true,
  negatives_v1: true,
  negatives_v2: true,
  long_tail_v1: true,
  llm_context_rewrite_v1: true,
  llm_noise_v1: true,
  llm_entity_replacement_v1: true,
  llm_both_levels_v1: true,
  melm_fill_v1: true,
  llm_long_tail_v1: true,
  llm_entity_free_v1: true,
};

/** What operations draw from (mentions by type and role, tokens by label, the schema), built
 *  from seed examples; `symmetric` names relation types that hold both ways. */
export function buildCorpus(examples: Iterable<Example>, symmetric: Iterable<string> = []): CorpusStats {
  const b = new CorpusBuilder();
  for (const ex of examples) b.add(ex);
  return b.build(symmetric);
}

/**
 * Apply one offline operation to one example, as a recipe step would: parameters checked and
 * defaulted, random choices from (seed, example id, operation, variant). Returns the new
 * example, or null when the operation had nothing to change.
 */
export function applyOperation<K extends OfflineOperationName>(
  name: K,
  example: Example,
  params: Partial<OperationParams[K]>,
  context: { corpus: CorpusStats; seed?: number; variant?: number },
): Example | null {
  const op = findOperation(name);
  if (!op) throw new UserError(`unknown offline operation "${name}"`);
  const parsed = op.params.safeParse(params);
  if (!parsed.success) throw new UserError(`${parsed.error.issues[0].message} (in ${name})`, { path: parsed.error.issues[0].path.join('.') || undefined });
  if (op.expand) throw new UserError(`${name} is a planned operation: it sees the whole seed set; run it in a recipe (augmentExamples)`);
  const rng = rngFor(context.seed ?? 1, example.id, `${name}#0`, context.variant ?? 0);
  return op.apply(example, parsed.data, { rng, corpus: context.corpus });
}
