import path from 'node:path';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import { UserError } from '../core/errors.js';
import { readLines } from '../formats/input.js';
import { corpusDetailsFor } from '../ops/corpus-detail.js';
import { CorpusBuilder, type CorpusStats } from '../ops/corpus.js';
import type { LlmClient } from '../llm/client.js';
import { StatsCollector } from '../report/stats.js';
import { DiversityCollector } from '../report/diversity.js';
import { FLUENCY_DEFAULTS, FluencyModel, type FluencyOptions } from '../filters/fluency.js';
import { VerifyStats } from '../filters/verify-stats.js';
import { languageId } from '../filters/language.js';
import { getFormat } from '../formats/registry.js';
import type { WriteOptions } from '../formats/types.js';
import type { LoadedRecipe, ResolvedOp } from './recipe.js';
import { makeCheck, OrderedFilters } from './checks.js';
import { RunOutputs, type RecordSinks } from './outputs.js';
import { preparePlans, resolveOperations, type Plans } from './plan.js';
import { acceptedExamples, type AcceptContext } from './accept.js';
import { SeedPool } from './seed-pool.js';
import type { Item } from './generate.js';
import { buildReport, type AugmentReport } from './report-files.js';
import type { NegativeKinds, SidecarCounts } from './negatives-sidecar.js';
import { formatFit } from './format-fit.js';
import { replayedSeeds, seedsOfShard, shardOf, type Replay, type Shard } from './shard.js';
import { SeedIds } from './seed-ids.js';

/**
 * Seed examples. An array (or any iterable) is read twice; a one-shot async iterable is kept in
 * memory after its first pass; a function is called for each pass, so a large file can be
 * streamed twice instead of held.
 */
export type ExampleSource = Iterable<Example> | AsyncIterable<Example> | (() => Iterable<Example> | AsyncIterable<Example>);

/** Formats whose tags cannot hold nested or overlapping entities. */
const FLAT_FORMATS = new Set(['conll', 'spert-tags', 'fewnerd']);

export interface AugmentationOptions {
  /** Run seed (default: the recipe's). Same seed, same examples. */
  seed?: number;
  /** Candidates per seed (default: the recipe's). */
  variants?: number;
  /** Use only the first N seeds. */
  limit?: number;
  /** The language model client, for recipes with LLM operations. */
  llm?: LlmClient;
  /** Relation types to treat as symmetric. */
  symmetric?: string[];
  /** Seeds worked on at once (LLM recipes); results still come in input order. */
  window?: number;
  /** Called with (done, total) seeds. */
  progress?: (done: number, total: number) => void;
  /** A file of unlabelled in-domain text for the fluency filter (turns it on with its defaults
   *  when the recipe does not). */
  fluencyText?: string;
  /** The format the examples will be written in: a flat one (CoNLL, spert-tags, Few-NERD)
   *  makes a candidate with overlapping entities a rejection, and a model's candidate the
   *  format cannot hold is rejected (`format_cannot_hold`). */
  format?: string;
  /** Work only on this shard's seeds (the seed pass still reads them all: corpus statistics
   *  and duplicate indexes are the whole input's). */
  shard?: Shard;
  /** `merge`: the shards' recorded items instead of working on seeds. */
  replay?: Replay;
  /** Worker threads for offline operations and order-independent checks (default 1: none).
   *  The output does not depend on it. Recipes with LLM or planned operations use none. */
  workers?: number;
}

/** What the pipeline needs besides the options: where rejections and provenance go, and what
 *  the output format can show of a candidate (the negatives sidecar). */
export interface GenerateHooks {
  sinks?: RecordSinks;
  shown?: (ex: Example) => Example | null | Promise<Example | null>;
  /** How the examples will be written in `options.format` (scheme, separator): a model's
   *  candidate is tried in it, alone, before it is accepted. */
  writeOptions?: WriteOptions;
  /** What each seed gave, before the order-dependent filters (a shard records it for `merge`). */
  journal?: (seed: Example, items: readonly Item[]) => Promise<void>;
}

/** What `generate` did. */
export interface GenerateState {
  ops: ResolvedOp[];
  plans: Plans;
  outputs: RunOutputs;
  /** What LLM verification asked and kept (when the recipe verifies with a model). */
  verifyStats?: VerifyStats;
}

/** What the seed pass learnt. */
interface SeedPass {
  count: number;
  /** Of those, the seeds this run works on (all but a shard's others). */
  mine: number;
  /** The seeds themselves, unless the source can be read again. */
  kept: Example[] | null;
  corpus: CorpusStats;
  before: StatsCollector;
  fluency?: FluencyModel;
  /** The seeds' ids (each once): copies take ids none of them has. */
  ids: ReadonlyMap<string, number>;
}

async function* linesOf(file: string): AsyncGenerator<string> {
  for await (const [line] of readLines(file)) yield line;
}

/** The fluency model, when asked for: the seeds go in during the seed pass, text files here. */
async function fluencyModel(recipe: LoadedRecipe, fluencyText?: string): Promise<FluencyModel | undefined> {
  const f: (FluencyOptions & { text?: string }) | undefined = recipe.filters.fluency ?? (fluencyText ? FLUENCY_DEFAULTS : undefined);
  if (!f) return undefined;
  const model = new FluencyModel(f);
  // A recipe's text is found beside the recipe; the caller's, from where it runs.
  const texts = [...(f.text ? [path.resolve(path.dirname(recipe.file), f.text)] : []), ...(fluencyText ? [fluencyText] : [])];
  for (const t of texts) {
    try {
      // Strictly read, as inputs are: a binary or mis-encoded file is an error with its line,
      // not a language model of replacement characters.
      await model.addTextLines(linesOf(t));
    } catch (e) {
      if (e instanceof UserError) throw new UserError(`the fluency text: ${e.message}`, { file: t, ...(e.loc.line !== undefined ? { line: e.loc.line } : {}) });
      throw new UserError(`cannot read the fluency text: ${(e as Error).message}`, { file: t });
    }
  }
  return model;
}

/**
 * One augmentation of a seed set: the core that `augmentExamples` (library) and `runAugment`
 * (files) both run. `prepare` makes the pass over the seeds (corpus statistics, duplicate
 * indexes, fluency model); `generate` streams the examples to keep, in input order; `report`
 * says what happened once the stream is done.
 */
export class Augmentation {
  readonly runSeed: number;
  readonly variants: number;
  readonly filters: OrderedFilters;
  readonly diversity: DiversityCollector;
  readonly after = new StatsCollector();
  readonly recipeName: string;
  private pass!: SeedPass;
  private state: GenerateState | null = null;
  /** Negatives by kind, counted as the examples go by when no `shown` hook splits them. */
  private readonly negativeKinds: Record<string, number> = {};

  private constructor(
    private readonly source: ExampleSource,
    readonly recipe: LoadedRecipe,
    readonly options: AugmentationOptions,
  ) {
    this.runSeed = options.seed ?? recipe.seed;
    this.variants = options.variants ?? recipe.variants;
    // long_tail_v1 may turn into its model form (plan.ts).
    this.filters = new OrderedFilters(recipe.filters, recipe.operations.some((o) => o.llm || o.op === 'long_tail_v1'));
    this.diversity = new DiversityCollector(rngFor(this.runSeed, 'report', 'self-bleu-sample'));
    this.recipeName = recipe.name ?? path.basename(recipe.file, '.yaml');
  }

  /** Read stage: one pass over the seeds. */
  static async prepare(source: ExampleSource, recipe: LoadedRecipe, options: AugmentationOptions = {}): Promise<Augmentation> {
    const a = new Augmentation(source, recipe, options);
    // A merge replays checks made in the shards: no fluency model to build.
    await a.readSeeds(options.replay ? undefined : await fluencyModel(recipe, options.fluencyText));
    return a;
  }

  /** The seeds this run works on (a shard's: its own). */
  get seeds(): number {
    return this.pass.mine;
  }

  /** Every seed the pass read (a shard's others included). */
  get seedsRead(): number {
    return this.pass.count;
  }

  get corpus(): CorpusStats {
    return this.pass.corpus;
  }

  get before(): StatsCollector {
    return this.pass.before;
  }

  /** Candidates a run would make (what `--dry-run` prints). */
  get plannedCandidates(): number {
    return this.pass.mine * this.variants * (this.recipe.compose === 'each' ? this.recipe.operations.length : 1);
  }

  private open(): Iterable<Example> | AsyncIterable<Example> {
    return typeof this.source === 'function' ? this.source() : this.source;
  }

  private async readSeeds(fluency?: FluencyModel): Promise<void> {
    const { limit, symmetric, shard } = this.options;
    // Only the statistics the recipe's operations read (the costly ones are skipped otherwise).
    const corpus = new CorpusBuilder(corpusDetailsFor(this.recipe.operations.map((o) => o.op)));
    const before = new StatsCollector();
    // Sources that cannot be read again are kept for the generate stage.
    const kept: Example[] | null = typeof this.source === 'function' ? null : [];
    let count = 0;
    let mine = 0;
    const ids = new SeedIds();
    for await (const ex of this.open()) {
      if (limit !== undefined && count >= limit) break;
      ids.add(ex, count + 1);
      corpus.add(ex);
      before.add(ex);
      this.filters.addSeed(ex);
      this.diversity.addSeed(ex);
      fluency?.addSeed(ex);
      kept?.push(ex);
      count++;
      if (!shard || shardOf(ex, shard.count) === shard.index) mine++;
    }
    ids.check();
    this.pass = { count, mine, kept, corpus: corpus.build(symmetric ?? []), before, fluency, ids: ids.ids };
  }

  /** The seeds the run works on (a shard's own), read again: a dry run writes them nowhere, to
   *  find what the output format cannot hold. */
  seedExamples(): Iterable<Example> | AsyncIterable<Example> {
    const { shard } = this.options;
    return shard ? seedsOfShard(this.seedSource(), shard) : this.seedSource();
  }

  /** The seeds again, for the generate stage; none is started once a budget is spent. Kept
   *  seeds come synchronously: no promise per seed where there is nothing to wait for. */
  private seedSource(): Iterable<Example> | AsyncIterable<Example> {
    return this.pass.kept ? this.keptSeeds(this.pass.kept) : this.streamedSeeds();
  }

  private *keptSeeds(kept: readonly Example[]): Generator<Example> {
    const { limit, llm } = this.options;
    let n = 0;
    for (const ex of kept) {
      if ((limit !== undefined && n >= limit) || llm?.exhausted) return;
      n++;
      yield ex;
    }
  }

  private async *streamedSeeds(): AsyncGenerator<Example> {
    const { limit, llm } = this.options;
    let n = 0;
    for await (const ex of this.open()) {
      if ((limit !== undefined && n >= limit) || llm?.exhausted) return;
      n++;
      yield ex;
    }
  }

  /** Generate, check and accept, streamed: the examples to keep (originals included when the
   *  recipe says so), in input order. Rejections and provenance go to `hooks.sinks`. */
  async *generate(hooks: GenerateHooks = {}): AsyncGenerator<Example> {
    if (this.state) throw new Error('an Augmentation generates once');
    const { recipe, pass, options: o } = this;
    const ops = await resolveOperations(recipe.operations, !!o.llm || !!o.replay?.haveModel);
    const plans = await preparePlans(ops, async () => pass.kept ?? (await fromAsync(this.seedSource())), pass.corpus, this.runSeed);
    const llmOps = new Set(ops.filter((x) => x.llm).map((x) => x.op));
    const model = o.llm?.provider.model ?? o.replay?.model;
    const outputs = new RunOutputs({ model, llmOps }, hooks.sinks);
    const verifyStats = recipe.filters.llm_verify && o.llm ? new VerifyStats() : undefined;
    this.state = { ops, plans, outputs, verifyStats };
    const usesLlm = ops.some((op) => op.llm) || (!!recipe.filters.llm_verify && !!o.llm);
    const flat = o.format !== undefined && FLAT_FORMATS.has(o.format);
    // The language identifier's database takes a second or two to load: not while requests wait.
    if (llmOps.size && recipe.filters.language) await languageId();
    const seeds = this.seedSource();
    // A model's candidate the output format cannot hold is rejected, not left to fail the write.
    const fits = o.format !== undefined ? formatFit(getFormat(o.format), hooks.writeOptions ?? { lossy: false }, llmOps) : undefined;
    const shown = hooks.shown ?? ((ex: Example) => this.countNegatives(ex));
    const allowOverlap = pass.corpus.hasOverlaps && !flat;
    const meta = { recipe: this.recipeName, runSeed: this.runSeed, model, llmOps };
    const pool = (o.workers ?? 1) > 1 && !usesLlm && !o.replay && !ops.some((x) => x.planned) ? new SeedPool({ generate: { ops, compose: recipe.compose, runSeed: this.runSeed, variants: this.variants, corpus: pass.corpus }, filters: recipe.filters, allowOverlap, fluency: pass.fluency, meta: { recipe: this.recipeName, runSeed: this.runSeed, model } }, o.workers!) : null;
    try {
      yield* this.accepted(hooks, seeds, fits, shown, allowOverlap, meta, usesLlm, pool);
    } finally {
      await pool?.close();
    }
  }

  private accepted(hooks: GenerateHooks, seeds: Iterable<Example> | AsyncIterable<Example>, fits: AcceptContext['fits'], shown: AcceptContext['shown'], allowOverlap: boolean, meta: AcceptContext['meta'], usesLlm: boolean, pool: SeedPool | null): AsyncGenerator<Example> {
    const { recipe, pass, options: o } = this;
    const { ops, plans, outputs, verifyStats } = this.state!;
    return acceptedExamples({
      seeds: o.shard ? seedsOfShard(seeds, o.shard) : o.replay ? replayedSeeds(seeds, o.replay) : seeds,
      generate: { ops, compose: recipe.compose, runSeed: this.runSeed, variants: this.variants, corpus: pass.corpus, llm: o.llm, states: plans.states },
      check: makeCheck({ filters: recipe.filters, ops, corpus: pass.corpus, allowOverlap, llm: o.llm, fluency: pass.fluency, seeds: this.filters.seeds ?? undefined, verifyStats }),
      filters: this.filters,
      outputs,
      after: this.after,
      diversity: this.diversity,
      includeOriginal: recipe.include_original,
      meta,
      window: pool ? pool.window : usesLlm && !o.replay ? Math.max(1, o.window ?? 16) : 1,
      seedCount: pass.mine,
      shown,
      fits,
      progress: o.progress,
      work: o.replay?.work ?? (pool ? (seed, index) => pool.work(seed, index) : undefined),
      journal: hooks.journal,
      seedIds: pass.ids,
    });
  }

  /** A kept example's negatives, all in the output (the caller gets the examples whole). */
  private countNegatives(ex: Example): Example {
    const add = (kind: string) => (this.negativeKinds[kind] = (this.negativeKinds[kind] ?? 0) + 1);
    if (ex.meta?.negative) add(ex.meta.negative);
    for (const r of ex.relations) if (r.negative) add(r.negative);
    return ex;
  }

  /** What `generate` did, once it ran. */
  get run(): GenerateState {
    if (!this.state) throw new Error('the augmentation has not run yet: iterate its examples first');
    return this.state;
  }

  /** report.json of the run (after `generate` finished). */
  report(sidecar: SidecarCounts | null = null, negatives?: NegativeKinds | null): AugmentReport {
    const { outputs, plans, verifyStats } = this.run;
    const kinds = Object.keys(this.negativeKinds).length ? { in_output: sortKeys(this.negativeKinds), in_sidecar: {} } : null;
    return buildReport({
      outputs,
      before: this.pass.before,
      after: this.after,
      diversity: this.diversity,
      llm: this.options.llm ?? this.options.replay?.llm,
      sidecar,
      negatives: negatives === undefined ? kinds : negatives,
      verification: verifyStats,
      plans: plans.summary,
    });
  }
}

const sortKeys = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

async function fromAsync<T>(it: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
