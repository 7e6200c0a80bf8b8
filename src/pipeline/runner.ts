import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Example } from '../core/model.js';
import { openInput, schemeOption, type OpenedInput } from '../formats/open.js';
import { getFormat } from '../formats/registry.js';
import { AtomicFile } from '../formats/atomic.js';
import { Reporter } from '../formats/reporter.js';
import type { Dropped, Format, WriteOptions } from '../formats/types.js';
import type { CorpusStats } from '../ops/corpus.js';
import type { LlmClient } from '../llm/client.js';
import type { LoadedRecipe } from './recipe.js';
import { earlierOutput, fileIds, prepareOutDir, refuseInputInRun, removeEarlierOutput, removeIfOnlyMarker, sha256File, unfinishedRun } from './run-dir.js';
import type { RunDescription } from './run-description.js';
import type { OpCounts, ProvenanceRecord, RejectionRecord } from './outputs.js';
import { ProvenanceLines } from './provenance-line.js';
import { RejectedLines } from './rejected-line.js';
import { writeRunReports } from './report-files.js';
import { NegativesSidecar } from './negatives-sidecar.js';
import { ShardJournal, writeShardRecord, type Replay, type Shard } from './shard.js';
import { runConfig } from './fingerprint.js';
import { Augmentation, type ExampleSource } from './augmentation.js';
import { conceptsKeptNote, untypedPairsNote } from '../ops/span/mention-concepts.js';
import { noRelationsNote } from './run-notes.js';

export type { OpCounts };

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
  /** Worker threads for offline operations and checks (default 1); output does not depend on it. */
  workers?: number;
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

/**
 * The input as the core reads it: small files are read once (the core keeps the seeds for
 * its second pass), larger ones are read again instead of held in memory.
 */
function inputSource(o: AugmentOptions, inp: OpenedInput, size: number): ExampleSource {
  if (size <= (o.inMemoryBytes ?? IN_MEMORY_BYTES)) return inp.examples;
  let first = true;
  return () => {
    if (!first) return reopen(o);
    first = false;
    return inp.examples;
  };
}

async function* reopen(o: AugmentOptions): AsyncGenerator<Example> {
  yield* (await openInput(o.input, { from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn }, new Reporter('strict'))).examples;
}

function writeOptions(o: AugmentOptions, outFormat: Format, inp: OpenedInput, corpus: CorpusStats): WriteOptions {
  const w: WriteOptions = { lossy: !!o.lossy };
  w.scheme = schemeOption(o.recipe.output.scheme) ?? (outFormat.name === 'conll' && inp.conll?.scheme ? inp.conll.scheme : undefined);
  if (outFormat.name === 'conll' && inp.conll) w.separator = inp.conll.separator;
  if (outFormat.name === 'csv') w.csvLayout = corpus.schema.relationTypes.size > 0 ? 'relations' : 'entities';
  return w;
}

/** The side files written as the examples go by, atomically, with the augmented file. */
class SideFiles {
  private constructor(
    readonly rejected: AtomicFile,
    readonly provenance: AtomicFile,
  ) {}

  static async open(dir: string): Promise<SideFiles> {
    const rejected = await AtomicFile.open(path.join(dir, 'rejected.jsonl'));
    try {
      return new SideFiles(rejected, await AtomicFile.open(path.join(dir, 'provenance.jsonl')));
    } catch (err) {
      await rejected.abort();
      throw err;
    }
  }

  private readonly provenanceLines = new ProvenanceLines();
  private readonly rejectedLines = new RejectedLines();

  get sinks() {
    return { rejected: (rec: RejectionRecord) => this.rejected.write(this.rejectedLines.line(rec) + '\n'), provenance: (rec: ProvenanceRecord) => this.provenance.write(this.provenanceLines.line(rec) + '\n') };
  }

  async commit(): Promise<void> {
    await this.rejected.commit();
    await this.provenance.commit();
  }

  async abort(): Promise<void> {
    await this.rejected.abort();
    await this.provenance.abort();
  }
}

/** Generate, check and write stages, streamed: the augmented file and the side files (the
 *  shard's items too, for a shard), all atomically, or none of them. */
async function writeStage(run: Run, sidecar: NegativesSidecar) {
  const { o, aug, outFormat } = run;
  const wopts = writeOptions(o, outFormat, run.inp, aug.corpus);
  // Each file is aborted if a later one cannot be opened (a directory in the way): no
  // temporary file or open handle is left behind by a run that never started writing.
  const opened: Array<{ abort(): Promise<void> }> = [];
  const track = <T extends { abort(): Promise<void> }>(f: T): T => (opened.push(f), f);
  let side: SideFiles, journal: ShardJournal | undefined, augmented: AtomicFile;
  try {
    side = track(await SideFiles.open(o.out));
    journal = o.shard ? track(await ShardJournal.open(o.out)) : undefined;
    augmented = track(await AtomicFile.open(path.join(o.out, run.augmentedName)));
  } catch (err) {
    for (const f of opened) await f.abort();
    throw err;
  }
  try {
    const examples = aug.generate({
      sinks: side.sinks,
      shown: (ex) => sidecar.shown(ex),
      writeOptions: wopts,
      journal: journal && ((seed, items) => journal.add(seed, items)),
    });
    const summary = await outFormat.write(examples, augmented, wopts);
    await augmented.commit();
    await side.commit();
    await sidecar.commit();
    await journal?.commit();
    return { summary, wopts, tDone: performance.now() };
  } catch (err) {
    await augmented.abort();
    await side.abort();
    await sidecar.abort();
    await journal?.abort();
    throw err;
  }
}

/** Everything the read stage learnt, fixed for the rest of the run. */
interface Run {
  o: AugmentOptions;
  reporter: Reporter;
  inp: OpenedInput;
  outFormat: Format;
  size: number;
  aug: Augmentation;
  augmentedName: string;
  t0: number;
  tRead: number;
}

/** Read stage: open the input, decide the output format, and make the pass over the seeds. */
async function readStage(o: AugmentOptions): Promise<Run> {
  const t0 = performance.now();
  const reporter = new Reporter('strict');
  const inp = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn }, reporter);
  const outFormat = getFormat(o.to ?? o.recipe.output.format ?? inp.format.name);
  const size = (await fsp.stat(o.input)).size;
  const { seed, variants, limit, llm, symmetric, window, progress, fluencyText, shard, replay, workers } = o;
  const aug = await Augmentation.prepare(inputSource(o, inp, size), o.recipe, { seed, variants, limit, llm, symmetric, window, progress, fluencyText, shard, replay, workers, format: outFormat.name });
  const ext = outFormat.name === inp.format.name && path.extname(o.input) ? path.extname(o.input).slice(1) : outFormat.extensions[0];
  return { o, reporter, inp, outFormat, size, aug, augmentedName: `augmented.${ext}`, t0, tRead: performance.now() };
}

/** The run directory is this run's (new, or an earlier run of the same job to resume). */
async function claimOutDir(run: Run): Promise<{ inputHash: string; config: Record<string, unknown>; differs: string[]; earlier: string | null }> {
  const { o, aug } = run;
  const earlier = await earlierOutput(o.out);
  refuseInputInRun(o.out, [o.input, o.fluencyText], [run.augmentedName, earlier]);
  const { runSeed, variants } = aug;
  const inputHash = await sha256File(o.input);
  const fluencyText = o.fluencyText ? await sha256File(o.fluencyText) : undefined;
  const parts = { recipe: o.recipe, runSeed, variants, limit: o.limit, input: inputHash, to: run.outFormat.name, fluencyText, from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn, lossy: o.lossy, symmetric: o.symmetric, llm: o.llmConfig };
  // A merge's directory holds the run its shards make up together.
  const config = o.replay?.config ?? runConfig(parts);
  const { file: _rf, ...recipe } = o.recipe;
  const described: RunDescription = {
    recipe: aug.recipeName,
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
  return { inputHash, config, differs, earlier };
}

function emptyResult(run: Run): AugmentResult {
  const { o } = run;
  return {
    outDir: o.out,
    files: [run.augmentedName, 'rejected.jsonl', 'provenance.jsonl', 'manifest.json', 'report.json', 'report.html'],
    seeds: run.aug.seeds,
    candidates: o.dryRun ? run.aug.plannedCandidates : 0,
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

/** A run on files: the input file through the core (`Augmentation`) into a run directory. */
export async function runAugment(o: AugmentOptions): Promise<AugmentResult> {
  const run = await readStage(o);
  if (o.dryRun) {
    // What the output format cannot hold (relations in CoNLL) fails the dry run as it would
    // fail the run: the seeds are written nowhere, with the run's write options.
    await run.outFormat.write(run.aug.seedExamples(), { write: () => undefined }, writeOptions(o, run.outFormat, run.inp, run.aug.corpus));
    return emptyResult(run);
  }
  const made = (await fsp.stat(o.out).catch(() => null)) === null;
  const { inputHash, config, differs, earlier } = await claimOutDir(run);
  const sidecar = NegativesSidecar.for(run.outFormat.name, o.out);
  // A write that fails (a full disk) says which of the run's files it finished.
  const before = await fileIds(o.out);
  const saying = async <T>(p: Promise<T>): Promise<T> =>
    p.catch(async (err) => {
      if (made) await removeIfOnlyMarker(o.out);
      return Promise.reject(await unfinishedRun(err, o.out, before));
    });
  const w = await saying(writeStage(run, sidecar));
  await removeEarlierOutput(o.out, earlier, run.augmentedName);
  const { aug } = run;
  const { ops, plans, outputs, verifyStats } = aug.run;
  const c = outputs.counts;
  const result: AugmentResult = { ...emptyResult(run), candidates: c.candidates, accepted: c.accepted, rejected: c.rejected, written: c.written, byOperation: c.byOperation, rejectedByReason: c.rejectedByReason, dropped: w.summary.dropped };
  // Pair formats (TACRED, FewRel) hold one record per relation instance, not per sentence.
  if ((run.outFormat.name === 'tacred' || run.outFormat.name === 'fewrel') && w.summary.examples !== c.written) result.records = w.summary.examples;
  if (o.llm?.exhausted) result.stopped = o.llm.exhausted;
  if (plans.summary) result.plans = plans.summary;
  // Report stage.
  await saying(writeRunReports({
    out: o.out,
    recipe: o.recipe,
    recipeName: aug.recipeName,
    ops,
    runSeed: aug.runSeed,
    variants: aug.variants,
    input: { file: o.input, format: run.inp.format.name, bytes: run.size, sha256: inputHash, limit: o.limit ?? null },
    output: { file: run.augmentedName, format: run.outFormat.name, scheme: w.wopts.scheme ?? null, dropped: w.summary.dropped },
    seeds: aug.seeds,
    outputs,
    sidecar: sidecar.total ? sidecar.counts : null,
    negatives: sidecar.kindCounts(),
    before: aug.before,
    after: aug.after,
    diversity: aug.diversity,
    llm: o.llm ?? o.replay?.llm,
    verification: verifyStats,
    stopped: result.stopped ?? null,
    plans: plans.summary,
    timings: { read: run.tRead - run.t0, augmentAndWrite: w.tDone - run.tRead, total: performance.now() - run.t0 },
  }));
  result.warnings = run.reporter.warningLines();
  const concepts = conceptsKeptNote(ops, aug.corpus);
  if (concepts) result.warnings.push(concepts);
  const untyped = untypedPairsNote(ops, aug.corpus);
  if (untyped) result.warnings.push(untyped);
  const noRelations = noRelationsNote(ops, aug.corpus);
  if (noRelations) result.warnings.push(noRelations);
  if (differs.length) result.warnings.push(`warning: ${o.out} held a run of another configuration (${differs.join('; ')}): its files are replaced, its cached answers kept`);
  if (o.shard) await saying(writeShardRecord(o.out, { shard: o.shard, config, seeds: aug.seeds, stopped: result.stopped ?? null, replay: replayOptions(o, run) }));
  const aside = sidecar.warning(run.augmentedName);
  if (aside) result.warnings.push(aside);
  if (sidecar.total) result.files.push(sidecar.counts.file);
  return result;
}

/** What `merge` needs to run this shard's run again over the whole input. */
function replayOptions(o: AugmentOptions, run: Run) {
  const { recipe, from, to, inputScheme, tagColumn, limit, lossy, symmetric } = o;
  return { recipe, input: path.resolve(o.input), seed: run.aug.runSeed, variants: run.aug.variants, from, to, inputScheme, tagColumn, limit, lossy, symmetric, model: o.llm?.provider.model, haveModel: !!o.llm };
}
