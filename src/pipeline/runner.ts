import { createReadStream, promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import { signatureKey } from '../core/schema.js';
import { openInput, schemeOption } from '../formats/open.js';
import { getFormat } from '../formats/registry.js';
import { AtomicFile, writeFileAtomic } from '../formats/atomic.js';
import { Reporter } from '../formats/reporter.js';
import type { WriteOptions } from '../formats/types.js';
import { CorpusBuilder, type CorpusStats } from '../ops/corpus.js';
import { findOperation } from '../ops/registry.js';
import { labelConsistency, spanConsistency, type Rejection } from '../filters/consistency.js';
import { Deduplicator } from '../filters/dedup.js';
import { StatsCollector } from '../report/stats.js';
import type { LoadedRecipe } from './recipe.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;

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
  limit?: number;
  variants?: number;
  dryRun?: boolean;
  force?: boolean;
  lossy?: boolean;
  /** Called with (done, total) seeds. */
  progress?: (done: number, total: number) => void;
}

export interface OpCounts {
  candidates: number;
  accepted: number;
  rejected: Record<string, number>;
}

export interface AugmentResult {
  outDir: string;
  files: string[];
  seeds: number;
  candidates: number;
  accepted: number;
  rejected: number;
  written: number;
  byOperation: Record<string, OpCounts>;
  rejectedByReason: Record<string, number>;
  dryRun: boolean;
  warnings: string[];
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function prepareOutDir(dir: string, force: boolean): Promise<void> {
  const st = await fsp.stat(dir).catch(() => null);
  if (st && !st.isDirectory()) throw new UserError('exists and is not a directory', { file: dir });
  if (st) {
    const entries = await fsp.readdir(dir);
    if (entries.length > 0 && !force) throw new UserError('output directory is not empty; pass --force to write into it anyway', { file: dir });
  } else {
    await fsp.mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new UserError(`cannot create the output directory: ${err.message}`, { file: dir });
    });
  }
}

function bumpCount(m: Record<string, number>, k: string): void {
  m[k] = (m[k] ?? 0) + 1;
}

/** Run one candidate through the recipe's operations. */
function makeCandidate(seed: Example, variant: number, recipe: LoadedRecipe, runSeed: number, corpus: CorpusStats): { example: Example | null; op: string } {
  const ops = recipe.operations;
  const chosen = recipe.compose === 'one_of' ? [ops[rngFor(runSeed, seed.id, 'compose', variant).int(ops.length)]] : ops;
  let cur: Example = seed;
  const applied: string[] = [];
  for (let k = 0; k < chosen.length; k++) {
    const spec = chosen[k];
    const op = findOperation(spec.op)!;
    const rng = rngFor(runSeed, seed.id, `${spec.op}#${ops.indexOf(spec)}`, variant);
    const next = op.apply(cur, spec.params, { rng, corpus });
    if (next) {
      cur = next;
      applied.push(spec.op);
    }
  }
  const label = recipe.compose === 'one_of' ? chosen[0].op : applied.length ? applied.join('+') : ops.map((o) => o.op).join('+');
  return { example: applied.length ? cur : null, op: label };
}

export async function runAugment(o: AugmentOptions): Promise<AugmentResult> {
  const recipe = o.recipe;
  const runSeed = o.seed ?? recipe.seed;
  const variants = o.variants ?? recipe.variants;
  const t0 = performance.now();
  const reporter = new Reporter('strict');
  const inp = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme }, reporter);
  const outFormat = getFormat(o.to ?? recipe.output.format ?? inp.format.name);
  const size = (await fsp.stat(o.input)).size;

  // Pass 1: corpus statistics (and the seeds themselves, when they fit in memory).
  const corpusB = new CorpusBuilder();
  const before = new StatsCollector();
  const dedup = new Deduplicator();
  const kept: Example[] | null = size <= IN_MEMORY_BYTES ? [] : null;
  let seeds = 0;
  for await (const ex of inp.examples) {
    if (o.limit !== undefined && seeds >= o.limit) break;
    corpusB.add(ex);
    before.add(ex);
    dedup.addSeed(ex);
    kept?.push(ex);
    seeds++;
  }
  const corpus = corpusB.build();
  const declared = new Set(recipe.filters.declared_signatures.map(([h, r, t]) => signatureKey(h, r, t)));
  const allowOverlap = corpus.hasOverlaps && !FLAT_FORMATS.has(outFormat.name);
  const tRead = performance.now();

  const ext = outFormat.name === inp.format.name && path.extname(o.input) ? path.extname(o.input).slice(1) : outFormat.extensions[0];
  const augmentedName = `augmented.${ext}`;
  const result: AugmentResult = {
    outDir: o.out,
    files: [augmentedName, 'rejected.jsonl', 'manifest.json', 'report.json'],
    seeds,
    candidates: 0,
    accepted: 0,
    rejected: 0,
    written: 0,
    byOperation: {},
    rejectedByReason: {},
    dryRun: !!o.dryRun,
    warnings: reporter.warningLines(),
  };
  if (o.dryRun) {
    result.candidates = seeds * variants;
    return result;
  }
  await prepareOutDir(o.out, !!o.force);

  const wopts: WriteOptions = { lossy: !!o.lossy };
  wopts.scheme = schemeOption(recipe.output.scheme) ?? (outFormat.name === 'conll' && inp.conll?.scheme ? inp.conll.scheme : undefined);
  if (outFormat.name === 'conll' && inp.conll) wopts.separator = inp.conll.separator;
  if (outFormat.name === 'csv') wopts.csvLayout = corpus.schema.relationTypes.size > 0 ? 'relations' : 'entities';

  const after = new StatsCollector();
  const rejectedFile = await AtomicFile.open(path.join(o.out, 'rejected.jsonl'));
  const augmentedFile = await AtomicFile.open(path.join(o.out, augmentedName));
  const opCounts = (op: string) => (result.byOperation[op] ??= { candidates: 0, accepted: 0, rejected: {} });

  const reject = async (cand: Example, seed: Example, op: string, variant: number, why: Rejection) => {
    result.rejected++;
    bumpCount(result.rejectedByReason, why.reason);
    bumpCount(opCounts(op).rejected, why.reason);
    const rec = { id: cand.id, parent: seed.id, op, variant, reason: why.reason, detail: why.detail, example: { tokens: cand.tokens, entities: cand.entities.map(({ start, end, type }) => ({ start, end, type })), relations: cand.relations.map(({ head, tail, type }) => ({ head, tail, type })) } };
    await rejectedFile.write(JSON.stringify(rec) + '\n');
  };

  async function* source(): AsyncGenerator<Example> {
    if (kept) yield* kept;
    else {
      let n = 0;
      const again = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme }, new Reporter('strict'));
      for await (const ex of again.examples) {
        if (o.limit !== undefined && n >= o.limit) break;
        n++;
        yield ex;
      }
    }
  }

  async function* produce(): AsyncGenerator<Example> {
    let done = 0;
    for await (const seed of source()) {
      if (recipe.include_original) {
        after.add(seed);
        result.written++;
        yield seed;
      }
      for (let v = 0; v < variants; v++) {
        const { example, op } = makeCandidate(seed, v, recipe, runSeed, corpus);
        result.candidates++;
        opCounts(op).candidates++;
        const cand: Example = example ? { ...example, id: `${seed.id}~${v + 1}`, meta: { parent: seed.id, recipe: recipe.name ?? path.basename(recipe.file, '.yaml'), op, seed: runSeed, variant: v } } : { ...seed, id: `${seed.id}~${v + 1}` };
        let why: Rejection | null = example ? null : { reason: 'unchanged', detail: 'no operation changed the example' };
        why ??= spanConsistency(cand, { allowOverlap });
        if (!why && recipe.filters.label_consistency) why = labelConsistency(cand, corpus.schema, declared);
        if (!why && recipe.filters.dedup) {
          const d = dedup.check(cand);
          if (d) why = { reason: d, detail: d === 'duplicate_of_seed' ? 'identical to a seed example' : 'identical to an earlier output' };
        }
        if (why) {
          await reject(cand, seed, op, v, why);
          continue;
        }
        result.accepted++;
        opCounts(op).accepted++;
        after.add(cand);
        result.written++;
        yield cand;
      }
      done++;
      o.progress?.(done, seeds);
    }
  }

  try {
    await outFormat.write(produce(), augmentedFile, wopts);
    await augmentedFile.commit();
    await rejectedFile.commit();
  } catch (err) {
    await augmentedFile.abort();
    await rejectedFile.abort();
    throw err;
  }
  const tDone = performance.now();

  const { file: _f, ...resolved } = recipe;
  const report = {
    before: before.result(),
    after: after.result(),
    acceptance: {
      candidates: result.candidates,
      accepted: result.accepted,
      rate: result.candidates ? Math.round((result.accepted / result.candidates) * 10000) / 10000 : 0,
      rejected_by_reason: sortKeys(result.rejectedByReason),
      by_operation: sortKeys(result.byOperation),
    },
  };
  await writeFileAtomic(path.join(o.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  const manifest = {
    spanforge: VERSION,
    node: process.version,
    recipe: { file: recipe.file, ...resolved, seed: runSeed, variants },
    input: { file: o.input, format: inp.format.name, bytes: size, sha256: await sha256(o.input), limit: o.limit ?? null },
    output: { dir: o.out, file: augmentedName, format: outFormat.name, scheme: wopts.scheme ?? null },
    counts: {
      seeds,
      candidates: result.candidates,
      accepted: result.accepted,
      rejected: result.rejected,
      written: result.written,
      rejected_by_reason: sortKeys(result.rejectedByReason),
      by_operation: sortKeys(result.byOperation),
    },
    timings_ms: { read: Math.round(tRead - t0), augment_and_write: Math.round(tDone - tRead), total: Math.round(performance.now() - t0) },
  };
  await writeFileAtomic(path.join(o.out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  result.warnings = reporter.warningLines();
  return result;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
