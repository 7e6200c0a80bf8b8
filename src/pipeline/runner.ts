import { promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
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
import { prepareOutDir, sha256File } from './run-dir.js';
import { makeCheck, OrderedFilters } from './checks.js';
import { RunOutputs, type OpCounts } from './outputs.js';
import { preparePlans, resolveOperations } from './plan.js';
import { acceptedExamples } from './accept.js';
import { writeRunReports } from './report-files.js';

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
  /** The seeds themselves when the input is small enough to keep; else null (read again). */
  kept: Example[] | null;
  corpus: CorpusStats;
  before: StatsCollector;
}

/** Read stage: corpus statistics, seed statistics, and the duplicate indexes, in one pass. */
async function readSeeds(inp: OpenedInput, o: AugmentOptions, keep: boolean, filters: OrderedFilters, diversity: DiversityCollector): Promise<SeedPass> {
  const corpus = new CorpusBuilder();
  const before = new StatsCollector();
  const kept: Example[] | null = keep ? [] : null;
  let count = 0;
  for await (const ex of inp.examples) {
    if (o.limit !== undefined && count >= o.limit) break;
    corpus.add(ex);
    before.add(ex);
    filters.addSeed(ex);
    diversity.addSeed(ex);
    kept?.push(ex);
    count++;
  }
  return { count, kept, corpus: corpus.build(o.symmetric ?? []), before };
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
async function writeStage(examples: AsyncIterable<Example>, outFormat: Format, file: string, wopts: WriteOptions, outputs: RunOutputs) {
  const augmented = await AtomicFile.open(file);
  try {
    const summary = await outFormat.write(examples, augmented, wopts);
    await augmented.commit();
    await outputs.commit();
    return summary;
  } catch (err) {
    await augmented.abort();
    await outputs.abort();
    throw err;
  }
}

export async function runAugment(o: AugmentOptions): Promise<AugmentResult> {
  const recipe = o.recipe;
  const runSeed = o.seed ?? recipe.seed;
  const variants = o.variants ?? recipe.variants;
  const t0 = performance.now();
  const reporter = new Reporter('strict');
  const inp = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn }, reporter);
  const outFormat = getFormat(o.to ?? recipe.output.format ?? inp.format.name);
  const size = (await fsp.stat(o.input)).size;

  const filters = new OrderedFilters(recipe.filters);
  const diversity = new DiversityCollector(rngFor(runSeed, 'report', 'self-bleu-sample'));
  const pass = await readSeeds(inp, o, size <= (o.inMemoryBytes ?? IN_MEMORY_BYTES), filters, diversity);
  const tRead = performance.now();
  const ext = outFormat.name === inp.format.name && path.extname(o.input) ? path.extname(o.input).slice(1) : outFormat.extensions[0];
  const augmentedName = `augmented.${ext}`;
  const result: AugmentResult = {
    outDir: o.out,
    files: [augmentedName, 'rejected.jsonl', 'provenance.jsonl', 'manifest.json', 'report.json', 'report.html'],
    seeds: pass.count,
    candidates: 0,
    accepted: 0,
    rejected: 0,
    written: 0,
    dropped: {},
    lossy: !!o.lossy,
    byOperation: {},
    rejectedByReason: {},
    dryRun: !!o.dryRun,
    warnings: reporter.warningLines(),
  };
  if (o.dryRun) return { ...result, candidates: pass.count * variants };

  const inputHash = await sha256File(o.input);
  const { file: _rf, ...recipeForHash } = recipe;
  const fingerprint = createHash('sha256').update(JSON.stringify({ recipe: recipeForHash, runSeed, variants, limit: o.limit ?? null, input: inputHash, to: outFormat.name })).digest('hex');
  await prepareOutDir(o.out, !!o.force, fingerprint);

  const ops = await resolveOperations(recipe.operations, !!o.llm);
  const plans = await preparePlans(ops, async () => pass.kept ?? (await fromAsync(seedSource(o, pass))), pass.corpus, runSeed);
  const llmOps = new Set(ops.filter((x) => x.llm).map((x) => x.op));
  const model = o.llm?.provider.model;
  const outputs = await RunOutputs.open(o.out, { model, llmOps });
  const recipeName = recipe.name ?? path.basename(recipe.file, '.yaml');
  const after = new StatsCollector();
  const usesLlm = ops.some((op) => op.llm) || (!!recipe.filters.llm_verify && !!o.llm);
  const examples = acceptedExamples({
    seeds: seedSource(o, pass),
    generate: { ops, compose: recipe.compose, runSeed, variants, corpus: pass.corpus, llm: o.llm, states: plans.states },
    check: makeCheck({ filters: recipe.filters, ops, corpus: pass.corpus, allowOverlap: pass.corpus.hasOverlaps && !FLAT_FORMATS.has(outFormat.name), llm: o.llm }),
    filters,
    outputs,
    after,
    diversity,
    includeOriginal: recipe.include_original,
    meta: { recipe: recipeName, runSeed, model, llmOps },
    window: usesLlm ? Math.max(1, o.window ?? 16) : 1,
    seedCount: pass.count,
    progress: o.progress,
  });
  const wopts = writeOptions(o, outFormat, inp, pass.corpus);
  const summary = await writeStage(examples, outFormat, path.join(o.out, augmentedName), wopts, outputs);
  const tDone = performance.now();

  const c = outputs.counts;
  Object.assign(result, { candidates: c.candidates, accepted: c.accepted, rejected: c.rejected, written: c.written, byOperation: c.byOperation, rejectedByReason: c.rejectedByReason, dropped: summary.dropped });
  // Pair formats (TACRED, FewRel) hold one record per relation instance, not per sentence.
  if ((outFormat.name === 'tacred' || outFormat.name === 'fewrel') && summary.examples !== c.written) result.records = summary.examples;
  if (o.llm?.exhausted) result.stopped = o.llm.exhausted;
  if (plans.summary) result.plans = plans.summary;
  await writeRunReports({
    out: o.out,
    recipe,
    recipeName,
    ops,
    runSeed,
    variants,
    input: { file: o.input, format: inp.format.name, bytes: size, sha256: inputHash, limit: o.limit ?? null },
    output: { file: augmentedName, format: outFormat.name, scheme: wopts.scheme ?? null, dropped: summary.dropped },
    seeds: pass.count,
    outputs,
    before: pass.before,
    after,
    diversity,
    llm: o.llm,
    stopped: result.stopped ?? null,
    plans: plans.summary,
    timings: { read: tRead - t0, augmentAndWrite: tDone - tRead, total: performance.now() - t0 },
  });
  result.warnings = reporter.warningLines();
  return result;
}

async function fromAsync<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
