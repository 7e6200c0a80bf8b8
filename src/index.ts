/**
 * spanforge as a library: examples in and out of files (`readExamples`, `writeExamples`),
 * augmentation in memory (`augmentExamples`, `augmentStream`) or on files (`runAugment`), single
 * operations (`applyOperation` over `buildCorpus`), the data model and its one span-safe edit,
 * every format, the LLM port with its providers (including any LangChain.js chat model),
 * few-shot sampling and the metrics. The CLI is built on exactly these. A user mistake (missing
 * file, malformed line, bad recipe field) is thrown as a `UserError` naming the file and line
 * or field, as the CLI prints it.
 */
export { readExamples, streamExamples, writeExamples, type ReadExamplesOptions, type WriteExamplesOptions } from './pipeline/examples-io.js';
export { augmentExamples, augmentStream, resolveRecipe, type AugmentExamplesOptions, type AugmentOutcome, type AugmentStream, type RecipeInput } from './pipeline/augment-examples.js';
export {
  applyOperation,
  buildCorpus,
  OPERATION_PARAM_NAMES,
  type OfflineOperationName,
  type OperationName,
  type OperationParams,
  type OperationSpec,
  type RecipeSpec,
} from './pipeline/operation-params.js';
export { Augmentation, type AugmentationOptions, type ExampleSource, type GenerateHooks, type GenerateState } from './pipeline/augmentation.js';
export type { NegativeKinds, SidecarCounts } from './pipeline/negatives-sidecar.js';
export type { VerifyStats } from './filters/verify-stats.js';
export type { ProvenanceRecord, RecordSinks, RejectionRecord, RunCounts, OpCounts } from './pipeline/outputs.js';
export type { AugmentReport } from './pipeline/report-files.js';
export { CorpusBuilder, type CorpusStats, type MentionInfo } from './ops/corpus.js';
export type { Operation, OpContext } from './ops/types.js';
export type { LlmOperation, LlmOpContext, LlmOutcome } from './ops/sentence/llm-types.js';
export type { LabelSchema } from './core/schema.js';
export type { Location } from './core/errors.js';
export type { Problem } from './core/check.js';
export type { DatasetStats, Signature } from './report/stats.js';
export { AtomicFile, writeFileAtomic } from './formats/atomic.js';
export type { Entity, Example, Relation, Provenance } from './core/model.js';
export { exampleText, entityText, tokenCharOffsets } from './core/model.js';
export { replaceRange, type EditOptions, type EditResult, type Placement } from './core/edit.js';
export { checkExample } from './core/check.js';
export { decodeTags, encodeTags, TAG_SCHEMES, type TagIssue, type TagScheme } from './core/tags.js';
export { tokenize } from './core/tokenize.js';
export { rngFor, type Rng } from './core/random.js';
export { UserError, formatProblem } from './core/errors.js';
export { FORMATS, getFormat, detectFormat } from './formats/registry.js';
export type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './formats/types.js';
export { loadRecipe, validateRecipe, builtinRecipes, type LoadedRecipe, type Recipe, type ResolvedOp } from './pipeline/recipe.js';
export { runAugment, type AugmentOptions, type AugmentResult } from './pipeline/runner.js';
export { mergeShards, type MergeOptions } from './pipeline/merge.js';
export { parseShard, shardOf, type Replay, type ReplayOptions, type Shard, type ShardRecord } from './pipeline/shard.js';
export { OPERATIONS, LLM_OPERATIONS } from './ops/registry.js';
export { LlmClient, type Accounting, type ClientOptions, type LlmPort } from './llm/client.js';
export { ResponseCache } from './llm/cache.js';
export { OpenAIProvider } from './llm/providers/openai.js';
export { LangChainProvider } from './llm/providers/langchain.js';
export { LlamaCppProvider } from './llm/providers/llama-cpp.js';
export type { ChatMessage, CompletionRequest, CompletionResponse, Provider, GenerateRequest, GenerateResult, Usage } from './llm/types.js';
export { renderMarkup, parseMarkup, exampleFromMarkup } from './llm/markup.js';
export { greedyKShot, type KShotOptions, type KShotResult } from './sampling/kshot.js';
export { relationEpisodes, nerEpisodes, type Episode } from './sampling/episodes.js';
export { Bm25 } from './core/retrieval.js';
export { classificationReport, relationScores, type Mode, type Report, type TypeScores } from './eval/seqeval.js';
export { PerceptronTagger, type TaggerOptions } from './eval/tagger.js';
