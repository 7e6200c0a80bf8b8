/**
 * spanforge as a library: the data model and its one span-safe edit, every format, the
 * augmentation runner, the LLM port with its providers (including any LangChain.js chat model),
 * few-shot sampling and the metrics. The CLI is built on exactly these.
 */
export type { Entity, Example, Relation, Provenance } from './core/model.js';
export { exampleText, entityText, tokenCharOffsets } from './core/model.js';
export { replaceRange, type EditOptions, type EditResult, type Placement } from './core/edit.js';
export { checkExample } from './core/check.js';
export { decodeTags, encodeTags, type TagScheme } from './core/tags.js';
export { tokenize } from './core/tokenize.js';
export { rngFor, type Rng } from './core/random.js';
export { UserError } from './core/errors.js';
export { FORMATS, getFormat, detectFormat } from './formats/registry.js';
export type { Format, ReadOptions, WriteOptions } from './formats/types.js';
export { loadRecipe, validateRecipe, type LoadedRecipe } from './pipeline/recipe.js';
export { runAugment, type AugmentOptions, type AugmentResult } from './pipeline/runner.js';
export { mergeShards, type MergeOptions } from './pipeline/merge.js';
export { parseShard, shardOf, type Shard } from './pipeline/shard.js';
export { OPERATIONS, LLM_OPERATIONS } from './ops/registry.js';
export { LlmClient, type ClientOptions, type LlmPort } from './llm/client.js';
export { ResponseCache } from './llm/cache.js';
export { OpenAIProvider } from './llm/providers/openai.js';
export { LangChainProvider } from './llm/providers/langchain.js';
export { LlamaCppProvider } from './llm/providers/llama-cpp.js';
export type { Provider, GenerateRequest, GenerateResult } from './llm/types.js';
export { renderMarkup, parseMarkup, exampleFromMarkup } from './llm/markup.js';
export { greedyKShot } from './sampling/kshot.js';
export { relationEpisodes, nerEpisodes } from './sampling/episodes.js';
export { Bm25 } from './core/retrieval.js';
export { classificationReport, relationScores } from './eval/seqeval.js';
export { PerceptronTagger } from './eval/tagger.js';
