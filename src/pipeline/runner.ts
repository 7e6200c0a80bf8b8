import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import { openInput, schemeOption, type OpenedInput } from '../formats/open.js';
import { getFormat } from '../formats/registry.js';
import { AtomicFile } from '../formats/atomic.js';
import { Reporter } from '../formats/reporter.js';
import type { Dropped, Format, WriteOptions } from '../formats/types.js';
import { CorpusBuilder, type CorpusStats } from '../ops/corpus.js';
import type { LlmClient } from '../llm/client.js';
import { StatsCollector } from '../report/stats.js';
import { DiversityCollector } from '../report/diversity.js';
import type { LoadedRecipe } from './recipe.js';
import { UserError } from '../core/errors.js';
import { prepareOutDir, sha256File } from './run-dir.js';
import type { RunDescription } from './run-description.js';
import { VerifyStats } from '../filters/verify-stats.js';
import { languageId } from '../filters/language.js';
import { makeCheck, OrderedFilters } from './checks.js';
import { formatFit } from './format-fit.js';
import { FLUENCY_DEFAULTS, FluencyModel, type FluencyOptions } from '../filters/fluency.js';
import { RunOutputs, type OpCounts } from './outputs.js';
import { preparePlans, resolveOperations } from './plan.js';
import { acceptedExamples } from './accept.js';
import { writeRunReports } from './report-files.js';
import { NegativesSidecar } from './negatives-sidecar.js';
import { replayedSeeds, seedsOfShard, shardOf, ShardJournal, writeShardRecord, type Replay, type Shard } from './shard.js';
import { runConfig } from './fingerprint.js';

export type { OpCounts };

/** Formats whose tags cannot hold nested or overlapping entities. */
const FLAT_FORMATS = new Set(['conll', 'spert-tags', 'fewnerd']);
/** Inputs up to this size are read once and kept in memory for the second pass. */
const IN_MEMORY_BYTES = 64 << 20;

export interface AugmentOptions {
  recipe: LoadedRecipe;
  input: string;
  out: string;
  seed?: number;
  from?: string;
  to?: string;
  inputScheme?: string;
  /** CoNLL input: 1-based column that holds the tag. */
  tagColumn?: number;
  limit?: number;
  variants?: number;
  dryRun?: boolean;
  force?: boolean;
  lossy?: boolean;
  /** The language model client, for recipes with LLM operations. */
  llm?: LlmClient;
  /** Relation types to treat as symmetric (from a --types file). */
  symmetric?: string[];
  /** Seeds worked on at once (LLM recipes); results are still written in input order. */
  window?: number;
  /** Called with (done, total) seeds. */
  progress?: (done: number, total: number) => void;
  /** Inputs up to this many bytes are kept in memory between passes (tests lower it to
   *  exercise the streaming path). */
  inMemoryBytes?: number;
  /** Unlabelled in-domain text for the fluency filter (turns it on with its defaults when the
   *  recipe does not). */
  fluencyText?: string;
  /** The model and provider options that change answers, for the run's fingerprint. */
  llmConfig?: Record<string, unknown>;
  /** Work only on this shard's seeds, and record their items for `merge`. */
  shard?: Shard;
  /** `merge`: the shards' items instead of working on seeds. */
  replay?: Replay;
}

export interface AugmentResult {
  outDir: string;
  files: string[];
  seeds: number;
  candidates: number;
  accepted: number;
  rejected: number;
  written: number;
  /** Records in the output file when that is not one per example (TACRED, FewRel pairs). */
  records?: number;
  /** What the output format could not hold and dropped (only with --lossy), by kind. */
  dropped: Dropped;
  lossy: boolean;
  byOperation: Record<string, OpCounts>;
  rejectedByReason: Record<string, number>;
  dryRun: boolean;
  warnings: string[];
  /** Why the run stopped before the end (a spent budget), if it did. */
  stopped?: string;
  /** What planned operations decided (long-tail targets and counts). */
  plans?: unknown[];
}

/** What the first pass over the input gives. */
interface SeedPass {
  count: number;
  /** Of those, the seeds this run works on (all but a shard's others). */
  mine: number;
  /** The seeds themselves when the input is small enough to keep; else null (read again). */
  kept: Example[] | null;
  corpus: CorpusStats;
  before: StatsCollector;
  /** The fluency filter's model, built from these seeds (and the recipe's text). */
  fluency?: FluencyModel;
}

/** Read stage: corpus statistics, seed statistics, and the duplicate indexes, in one pass. */
async function readSeeds(inp: OpenedInput, o: AugmentOptions, keep: boolean, filters: OrderedFilters, diversity: DiversityCollector, fluency?: FluencyModel): Promise<SeedPass> {
  const corpus = new CorpusBuilder();
  const before = new StatsCollector();
  const kept: Example[] | null = keep ? [] : null;
  let count = 0;
  let mine = 0;
  for await (const ex of inp.examples) {
    if (o.limit !== undefined && count >= o.limit) break;
    corpus.add(ex);
    before.add(ex);
    filters.addSeed(ex);
    diversity.addSeed(ex);
    fluency?.addSeed(ex);
    kept?.push(ex);
    count++;
    if (!o.shard || shardOf(ex, o.shard.count) === o.shard.index) mine++;
  }
  return { count, mine, kept, corpus: corpus.build(o.symmetric ?? []), before, fluency };
}

/** The fluency model, when asked for: the seeds go in during the seed pass, text files here. */
async function fluencyModel(o: AugmentOptions): Promise<FluencyModel | undefined> {
  const f: (FluencyOptions & { text?: string }) | undefined = o.recipe.filters.fluency ?? (o.fluencyText ? FLUENCY_DEFAULTS : undefined);
  if (!f) return undefined;
  const model = new FluencyModel(f);
  // A recipe's text is found beside the recipe; the command line's, from where it runs.
  const texts = [...(f.text ? [path.resolve(path.dirname(o.recipe.file), f.text)] : []), ...(o.fluencyText ? [o.fluencyText] : [])];
  for (const t of texts) {
    try {
      await model.addTextFile(t);
    } catch (e) {
      throw new UserError(`cannot read the fluency text: ${(e as Error).message}`, { file: t });
    }
  }
  return model;
}

/** The seeds again, for the generate stage; none is started once a budget is spent. */
async function* seedSource(o: AugmentOptions, pass: SeedPass): AsyncGenerator<Example> {
  if (pass.kept) {
    for (const ex of pass.kept) {
      if (o.llm?.exhausted) return;
      yield ex;
    }
    return;
  }
  let n = 0;
  const again = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn }, new Reporter('strict'));
  for await (const ex of again.examples) {
    if ((o.limit !== undefined && n >= o.limit) || o.llm?.exhausted) return;
    n++;
    yield ex;
  }
}

function writeOptions(o: AugmentOptions, outFormat: Format, inp: OpenedInput, corpus: CorpusStats): WriteOptions {
  const w: WriteOptions = { lossy: !!o.lossy };
  w.scheme = schemeOption(o.recipe.output.scheme) ?? (outFormat.name === 'conll' && inp.conll?.scheme ? inp.conll.scheme : undefined);
  if (outFormat.name === 'conll' && inp.conll) w.separator = inp.conll.separator;
  if (outFormat.name === 'csv') w.csvLayout = corpus.schema.relationTypes.size > 0 ? 'relations' : 'entities';
  return w;
}

/** Write stage: the augmented file and the side files, all atomically, or none of them. */
async function writeStage(examples: AsyncIterable<Example>, outFormat: Format, file: string, wopts: WriteOptions, outputs: RunOutputs, sidecar: NegativesSidecar, journal?: ShardJournal) {
  const augmented = await AtomicFile.open(file);
  try {
    const summary = await outFormat.write(examples, augmented, wopts);
    await augmented.commit();
    await outputs.commit();
    await sidecar.commit();
    await journal?.commit();
    return summary;
  } catch (err) {
    await augmented.abort();
    await outputs.abort();
    await sidecar.abort();
    await journal?.abort();
    throw err;
  }
}

/** Everything the read stage learnt, fixed for the rest of the run. */
interface Run {
  o: AugmentOptions;
  runSeed: number;
  variants: number;
  reporter: Reporter;
  inp: OpenedInput;
  outFormat: Format;
  size: number;
  filters: OrderedFilters;
  diversity: DiversityCollector;
  pass: SeedPass;
  augmentedName: string;
  t0: number;
  tRead: number;
}

/** Read stage: open the input, decide the output format, and make the pass over the seeds. */
async function readStage(o: AugmentOptions): Promise<Run> {
  const t0 = performance.now();
  const runSeed = o.seed ?? o.recipe.seed;
  const reporter = new Reporter('strict');
  const inp = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn }, reporter);
  const outFormat = getFormat(o.to ?? o.recipe.output.format ?? inp.format.name);
  const size = (await fsp.stat(o.input)).size;
  const filters = new OrderedFilters(o.recipe.filters);
  const diversity = new DiversityCollector(rngFor(runSeed, 'report', 'self-bleu-sample'));
  // A merge replays checks made in the shards: no fluency model to build.
  const pass = await readSeeds(inp, o, size <= (o.inMemoryBytes ?? IN_MEMORY_BYTES), filters, diversity, o.replay ? undefined : await fluencyModel(o));
  const ext = outFormat.name === inp.format.name && path.extname(o.input) ? path.extname(o.input).slice(1) : outFormat.extensions[0];
  const variants = o.variants ?? o.recipe.variants;
  return { o, runSeed, variants, reporter, inp, outFormat, size, filters, diversity, pass, augmentedName: `augmented.${ext}`, t0, tRead: performance.now() };
}

/** The run directory is this run's (new, or an earlier run of the same job to resume). */
async function claimOutDir(run: Run): Promise<{ inputHash: string; config: Record<string, unknown>; differs: string[] }> {
  const { o, runSeed, variants } = run;
  const inputHash = await sha256File(o.input);
  const fluencyText = o.fluencyText ? await sha256File(o.fluencyText) : undefined;
  const parts = { recipe: o.recipe, runSeed, variants, limit: o.limit, input: inputHash, to: run.outFormat.name, fluencyText, from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn, lossy: o.lossy, symmetric: o.symmetric, llm: o.llmConfig };
  // A merge's directory holds the run its shards make up together.
  const config = o.replay?.config ?? runConfig(parts);
  const { file: _rf, ...recipe } = o.recipe;
  const described: RunDescription = {
    recipe: o.recipe.name ?? path.basename(o.recipe.file, '.yaml'),
    settings: JSON.parse(JSON.stringify(recipe)),
    input: o.input,
    input_sha256: inputHash,
    seed: runSeed,
    variants,
    limit: o.limit ?? null,
    to: run.outFormat.name,
    model: o.llm?.provider.model ?? null,
    fluency_text: fluencyText ?? null,
  };
  const differs = await prepareOutDir(o.out, !!o.force, o.shard ? runConfig({ ...parts, shard: o.shard }) : config, described);
  return { inputHash, config, differs };
}

/** Generate, check and write stages, streamed: candidates go to the files as they are judged. */
async function generateAndWrite(run: Run) {
  const { o, pass, outFormat } = run;
  const recipe = o.recipe;
  const ops = await resolveOperations(recipe.operations, !!o.llm || !!o.replay?.haveModel);
  const plans = await preparePlans(ops, async () => pass.kept ?? (await fromAsync(seedSource(o, pass))), pass.corpus, run.runSeed);
  const llmOps = new Set(ops.filter((x) => x.llm).map((x) => x.op));
  const model = o.llm?.provider.model ?? o.replay?.model;
  const outputs = await RunOutputs.open(o.out, { model, llmOps });
  const sidecar = NegativesSidecar.for(outFormat.name, o.out);
  const recipeName = recipe.name ?? path.basename(recipe.file, '.yaml');
  const after = new StatsCollector();
  const usesLlm = ops.some((op) => op.llm) || (!!recipe.filters.llm_verify && !!o.llm);
  const journal = o.shard ? await ShardJournal.open(o.out) : undefined;
  const seeds = seedSource(o, pass);
  const wopts = writeOptions(o, outFormat, run.inp, pass.corpus);
  const verifyStats = recipe.filters.llm_verify && o.llm ? new VerifyStats() : undefined;
  // The language identifier's database takes a second or two to load: not while requests wait.
  if (llmOps.size && recipe.filters.language) await languageId();
  const examples = acceptedExamples({
    seeds: o.shard ? seedsOfShard(seeds, o.shard) : o.replay ? replayedSeeds(seeds, o.replay) : seeds,
    generate: { ops, compose: recipe.compose, runSeed: run.runSeed, variants: run.variants, corpus: pass.corpus, llm: o.llm, states: plans.states },
    check: makeCheck({ filters: recipe.filters, ops, corpus: pass.corpus, allowOverlap: pass.corpus.hasOverlaps && !FLAT_FORMATS.has(outFormat.name), llm: o.llm, fluency: pass.fluency, seeds: run.filters.seeds, verifyStats }),
    filters: run.filters,
    outputs,
    after,
    diversity: run.diversity,
    includeOriginal: recipe.include_original,
    meta: { recipe: recipeName, runSeed: run.runSeed, model, llmOps },
    window: usesLlm && !o.replay ? Math.max(1, o.window ?? 16) : 1,
    seedCount: pass.mine,
    shown: (ex) => sidecar.shown(ex),
    fits: formatFit(outFormat, wopts, llmOps),
    progress: o.progress,
    work: o.replay?.work,
    journal: journal && ((seed, items) => journal.add(seed, items)),
  });
  const summary = await writeStage(examples, outFormat, path.join(o.out, run.augmentedName), wopts, outputs, sidecar, journal);
  return { ops, plans, outputs, sidecar, after, wopts, summary, recipeName, verifyStats, tDone: performance.now() };
}

function emptyResult(run: Run): AugmentResult {
  const { o } = run;
  return {
    outDir: o.out,
    files: [run.augmentedName, 'rejected.jsonl', 'provenance.jsonl', 'manifest.json', 'report.json', 'report.html'],
    seeds: run.pass.mine,
    candidates: o.dryRun ? run.pass.mine * run.variants * (o.recipe.compose === 'each' ? o.recipe.operations.length : 1) : 0,
    accepted: 0,
    rejected: 0,
    written: 0,
    dropped: {},
    lossy: !!o.lossy,
    byOperation: {},
    rejectedByReason: {},
    dryRun: !!o.dryRun,
    warnings: run.reporter.warningLines(),
  };
}

export async function runAugment(o: AugmentOptions): Promise<AugmentResult> {
  const run = await readStage(o);
  if (o.dryRun) return emptyResult(run);
  const { inputHash, config, differs } = await claimOutDir(run);
  const w = await generateAndWrite(run);
  const c = w.outputs.counts;
  const result: AugmentResult = { ...emptyResult(run), candidates: c.candidates, accepted: c.accepted, rejected: c.rejected, written: c.written, byOperation: c.byOperation, rejectedByReason: c.rejectedByReason, dropped: w.summary.dropped };
  // Pair formats (TACRED, FewRel) hold one record per relation instance, not per sentence.
  if ((run.outFormat.name === 'tacred' || run.outFormat.name === 'fewrel') && w.summary.examples !== c.written) result.records = w.summary.examples;
  if (o.llm?.exhausted) result.stopped = o.llm.exhausted;
  if (w.plans.summary) result.plans = w.plans.summary;
  // Report stage.
  await writeRunReports({
    out: o.out,
    recipe: o.recipe,
    recipeName: w.recipeName,
    ops: w.ops,
    runSeed: run.runSeed,
    variants: run.variants,
    input: { file: o.input, format: run.inp.format.name, bytes: run.size, sha256: inputHash, limit: o.limit ?? null },
    output: { file: run.augmentedName, format: run.outFormat.name, scheme: w.wopts.scheme ?? null, dropped: w.summary.dropped },
    seeds: run.pass.mine,
    outputs: w.outputs,
    sidecar: w.sidecar.total ? w.sidecar.counts : null,
    negatives: w.sidecar.kindCounts(),
    before: run.pass.before,
    after: w.after,
    diversity: run.diversity,
    llm: o.llm ?? o.replay?.llm,
    verification: w.verifyStats,
    stopped: result.stopped ?? null,
    plans: w.plans.summary,
    timings: { read: run.tRead - run.t0, augmentAndWrite: w.tDone - run.tRead, total: performance.now() - run.t0 },
  });
  result.warnings = run.reporter.warningLines();
  if (differs.length) result.warnings.push(`warning: ${o.out} held a run of another configuration (${differs.join('; ')}): its files are replaced, its cached answers kept`);
  if (o.shard) await writeShardRecord(o.out, { shard: o.shard, config, seeds: run.pass.mine, stopped: result.stopped ?? null, replay: replayOptions(o, run) });
  const aside = w.sidecar.warning(run.augmentedName);
  if (aside) result.warnings.push(aside);
  if (w.sidecar.total) result.files.push(w.sidecar.counts.file);
  return result;
}

/** What `merge` needs to run this shard's run again over the whole input. */
function replayOptions(o: AugmentOptions, run: Run) {
  const { recipe, from, to, inputScheme, tagColumn, limit, lossy, symmetric } = o;
  return { recipe, input: path.resolve(o.input), seed: run.runSeed, variants: run.variants, from, to, inputScheme, tagColumn, limit, lossy, symmetric, model: o.llm?.provider.model, haveModel: !!o.llm };
}

async function fromAsync<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
