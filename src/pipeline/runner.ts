import { createReadStream, promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { VERSION } from '../package-info.js';
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
import { findLlmOperation, findOperation } from '../ops/registry.js';
import type { LlmClient } from '../llm/client.js';
import { orderedMap } from './ordered.js';
import { labelConsistency, spanConsistency, type Rejection } from '../filters/consistency.js';
import { Deduplicator } from '../filters/dedup.js';
import { NearDuplicates } from '../filters/near-duplicates.js';
import { leakedChatter, lengthRatio } from '../filters/text-checks.js';
import { verifyEntities, verifyRelation } from '../filters/llm-verify.js';
import { StatsCollector } from '../report/stats.js';
import { DiversityCollector } from '../report/diversity.js';
import { renderReport, type GalleryExample, type GalleryItem } from '../report/html.js';
import type { LoadedRecipe } from './recipe.js';


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
  /** CoNLL: 1-based column of the tag (1: the tag first, the token last). */
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
  /** Records in the output file when that is not one per example (TACRED, FewRel pairs). */
  records?: number;
  byOperation: Record<string, OpCounts>;
  rejectedByReason: Record<string, number>;
  dryRun: boolean;
  warnings: string[];
  /** Why the run stopped before the end (a spent budget), if it did. */
  stopped?: string;
  /** What planned operations decided (long-tail targets and counts). */
  plans?: unknown[];
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

const MARKER = '.spanforge-run.json';

/**
 * The output directory must be new, empty, or hold an earlier run of the same recipe on the
 * same input (then this run resumes it: the LLM cache makes finished requests free). Anything
 * else needs --force. Temporary files of an interrupted run are removed.
 */
async function prepareOutDir(dir: string, force: boolean, fingerprint: string): Promise<void> {
  const st = await fsp.stat(dir).catch(() => null);
  if (st && !st.isDirectory()) throw new UserError('exists and is not a directory', { file: dir });
  if (st) {
    const entries = await fsp.readdir(dir);
    let same = false;
    try {
      same = JSON.parse(await fsp.readFile(path.join(dir, MARKER), 'utf8')).fingerprint === fingerprint;
    } catch {
      same = false;
    }
    // Only the marker and temporary files of a failed or killed run: as good as empty.
    const real = entries.filter((e) => e !== MARKER && !/^\..+\.tmp-\d+-[0-9a-f]+$/.test(e));
    if (real.length > 0 && !force && !same) {
      throw new UserError('output directory is not empty and holds no earlier run of this recipe on this input; pass --force to write into it anyway', { file: dir });
    }
    for (const e of entries) if (/^\..+\.tmp-\d+-[0-9a-f]+$/.test(e)) await fsp.unlink(path.join(dir, e)).catch(() => undefined);
  } else {
    await fsp.mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new UserError(`cannot create the output directory: ${err.message}`, { file: dir });
    });
  }
  await writeFileAtomic(path.join(dir, MARKER), JSON.stringify({ fingerprint }) + '\n');
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

/** One outcome of working on a seed, before the in-order filters. */
type Item =
  | { kind: 'candidate'; example: Example; op: string; variant: number; id: string; note?: string }
  | { kind: 'rejected'; example: Example; op: string; variant: number; id: string; reason: string; detail: string; raw?: string };

/** Filters that need no output order: run while working on a seed (LLM verification included;
 *  it alone is asynchronous, so offline runs stay synchronous here). */
type Check = (cand: Example, seed: Example, op: string, index: number) => Rejection | null | Promise<Rejection | null>;

async function workOnSeed(seed: Example, index: number, recipe: LoadedRecipe, runSeed: number, variants: number, corpus: CorpusStats, llm: LlmClient | undefined, states: unknown[], check: Check): Promise<Item[]> {
  const items = await makeItems(seed, index, recipe, runSeed, variants, corpus, llm, states);
  const verdicts = items.map((it) => (it.kind === 'candidate' ? check(it.example, seed, it.op, index) : null));
  const settled = verdicts.some((v) => v instanceof Promise) ? await Promise.all(verdicts) : (verdicts as Array<Rejection | null>);
  return items.map((it, k): Item => {
    const why = settled[k];
    return it.kind === 'candidate' && why ? { kind: 'rejected', example: it.example, op: it.op, variant: it.variant, id: it.id, reason: why.reason, detail: why.detail } : it;
  });
}

async function makeItems(seed: Example, index: number, recipe: LoadedRecipe, runSeed: number, variants: number, corpus: CorpusStats, llm: LlmClient | undefined, states: unknown[]): Promise<Item[]> {
  const ops = recipe.operations;
  if (ops[0].planned) {
    // Planned operations: each says how many candidates this seed gets.
    const items: Item[] = [];
    for (let k = 0; k < ops.length; k++) {
      const spec = ops[k];
      const rng = rngFor(runSeed, seed.id, `${spec.op}#${k}`, 0);
      if (spec.llm) {
        if (!llm) throw new UserError(`operation ${spec.op} needs a language model: pass --model (and --base-url for a local server)`);
        const outcomes = await findLlmOperation(spec.op)!.run(seed, spec.params, { llm: llm.withPriority(index), rng, corpus, variant: 0, state: states[k] });
        outcomes.forEach((out, j) => {
          const id = `${seed.id}~${items.length + 1}`;
          items.push('example' in out ? { kind: 'candidate', example: out.example, op: spec.op, variant: j, id, note: out.note } : { kind: 'rejected', example: seed, op: spec.op, variant: j, id, reason: out.reason, detail: out.detail, raw: out.raw });
        });
      } else {
        findOperation(spec.op)!.expand!(seed, spec.params, { rng, corpus, state: states[k] }).forEach((example, j) => {
          items.push({ kind: 'candidate', example, op: spec.op, variant: j, id: `${seed.id}~${items.length + 1}` });
        });
      }
    }
    return items;
  }
  if (!recipe.operations.some((x) => x.llm)) {
    // Offline: no request to overlap, so no promise per variant.
    const items: Item[] = [];
    for (let v = 0; v < variants; v++) {
      const id = `${seed.id}~${v + 1}`;
      const { example, op } = makeCandidate(seed, v, recipe, runSeed, corpus);
      items.push(example ? { kind: 'candidate', example, op, variant: v, id } : { kind: 'rejected', example: seed, op, variant: v, id, reason: 'unchanged', detail: 'no operation changed the example' });
    }
    return items;
  }
  // Variants of one seed run concurrently (their requests go out together), results in order.
  const perVariant = await Promise.all(
    Array.from({ length: variants }, async (_, v): Promise<Item[]> => {
      const id = `${seed.id}~${v + 1}`;
      const spec = recipe.compose === 'one_of' || ops.length === 1 ? ops[ops.length === 1 ? 0 : rngFor(runSeed, seed.id, 'compose', v).int(ops.length)] : null;
      if (spec?.llm) {
        if (!llm) throw new UserError(`operation ${spec.op} needs a language model: pass --model (and --base-url for a local server)`);
        const op = findLlmOperation(spec.op)!;
        const rng = rngFor(runSeed, seed.id, `${spec.op}#${ops.indexOf(spec)}`, v);
        const outcomes = await op.run(seed, spec.params, { llm: llm.withPriority(index), rng, corpus, variant: v });
        return outcomes.map((out, k): Item => {
          const cid = outcomes.length > 1 ? `${id}.${k + 1}` : id;
          return 'example' in out
            ? { kind: 'candidate', example: out.example, op: spec.op, variant: v, id: cid, note: out.note }
            : { kind: 'rejected', example: seed, op: spec.op, variant: v, id: cid, reason: out.reason, detail: out.detail, raw: out.raw };
        });
      }
      const { example, op } = makeCandidate(seed, v, recipe, runSeed, corpus);
      return [example ? { kind: 'candidate', example, op, variant: v, id } : { kind: 'rejected', example: seed, op, variant: v, id, reason: 'unchanged', detail: 'no operation changed the example' }];
    }),
  );
  return perVariant.flat();
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

  // Pass 1: corpus statistics (and the seeds themselves, when they fit in memory).
  const corpusB = new CorpusBuilder();
  const before = new StatsCollector();
  const dedup = new Deduplicator();
  const kept: Example[] | null = size <= IN_MEMORY_BYTES ? [] : null;
  const diversity = new DiversityCollector(rngFor(o.seed ?? recipe.seed, 'report', 'self-bleu-sample'));
  let seeds = 0;
  for await (const ex of inp.examples) {
    if (o.limit !== undefined && seeds >= o.limit) break;
    corpusB.add(ex);
    before.add(ex);
    dedup.addSeed(ex);
    diversity.addSeed(ex);
    kept?.push(ex);
    seeds++;
  }
  const corpus = corpusB.build(o.symmetric ?? []);
  const declared = new Set(recipe.filters.declared_signatures.map(([h, r, t]) => signatureKey(h, r, t)));
  const negativeLabels = new Set(recipe.operations.map((op) => op.params.label).filter((l): l is string => typeof l === 'string'));
  const allowOverlap = corpus.hasOverlaps && !FLAT_FORMATS.has(outFormat.name);
  const tRead = performance.now();

  const ext = outFormat.name === inp.format.name && path.extname(o.input) ? path.extname(o.input).slice(1) : outFormat.extensions[0];
  const augmentedName = `augmented.${ext}`;
  const result: AugmentResult = {
    outDir: o.out,
    files: [augmentedName, 'rejected.jsonl', 'manifest.json', 'report.json', 'report.html'],
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
  const inputHash = await sha256(o.input);
  const { file: _rf, ...recipeForHash } = recipe;
  const fingerprint = createHash('sha256').update(JSON.stringify({ recipe: recipeForHash, runSeed, variants, limit: o.limit ?? null, input: inputHash, to: outFormat.name })).digest('hex');
  await prepareOutDir(o.out, !!o.force, fingerprint);

  const wopts: WriteOptions = { lossy: !!o.lossy };
  wopts.scheme = schemeOption(recipe.output.scheme) ?? (outFormat.name === 'conll' && inp.conll?.scheme ? inp.conll.scheme : undefined);
  if (outFormat.name === 'conll' && inp.conll) wopts.separator = inp.conll.separator;
  if (outFormat.name === 'csv') wopts.csvLayout = corpus.schema.relationTypes.size > 0 ? 'relations' : 'entities';

  const after = new StatsCollector();
  const rejectedFile = await AtomicFile.open(path.join(o.out, 'rejected.jsonl'));
  const augmentedFile = await AtomicFile.open(path.join(o.out, augmentedName));
  const opCounts = (op: string) => (result.byOperation[op] ??= { candidates: 0, accepted: 0, rejected: {} });

  const gallery: GalleryItem[] = [];
  let galleryAccepted = 0;
  let galleryRejected = 0;
  const slim = (ex: Example): GalleryExample => ({
    tokens: ex.tokens,
    ...(ex.spaces ? { spaces: ex.spaces } : {}),
    entities: ex.entities.map(({ start, end, type }) => ({ start, end, type })),
    relations: ex.relations.map(({ head, tail, type, negative }) => ({ head, tail, type, ...(negative ? { negative } : {}) })),
  });
  const reject = async (cand: Example, seed: Example, op: string, variant: number, why: Rejection, raw?: string) => {
    if (galleryRejected < 150) {
      galleryRejected++;
      gallery.push({ id: cand.id, op, status: 'rejected', reason: why.reason, detail: why.detail, ...(raw !== undefined ? { raw } : {}), seed: slim(seed), candidate: slim(cand) });
    }
    result.rejected++;
    bumpCount(result.rejectedByReason, why.reason);
    bumpCount(opCounts(op).rejected, why.reason);
    const rec = { id: cand.id, parent: seed.id, op, variant, reason: why.reason, detail: why.detail, example: { tokens: cand.tokens, entities: cand.entities.map(({ start, end, type }) => ({ start, end, type })), relations: cand.relations.map(({ head, tail, type }) => ({ head, tail, type })) }, ...(raw !== undefined ? { raw } : {}) };
    await rejectedFile.write(JSON.stringify(rec) + '\n');
  };

  async function* source(): AsyncGenerator<Example> {
    // Once a budget is spent no new seed is started; seeds in flight finish with what they got.
    if (kept) {
      for (const ex of kept) {
        if (o.llm?.exhausted) return;
        yield ex;
      }
    } else {
      let n = 0;
      const again = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn }, new Reporter('strict'));
      for await (const ex of again.examples) {
        if (o.limit !== undefined && n >= o.limit) break;
        if (o.llm?.exhausted) return;
        n++;
        yield ex;
      }
    }
  }

  // Planned operations see the whole seed set once, before any candidate is made.
  const states: unknown[] = [];
  if (recipe.operations.some((op) => op.planned)) {
    const all: Example[] = kept ?? [];
    if (!kept) for await (const ex of source()) all.push(ex);
    for (const spec of recipe.operations) {
      // long_tail_v1 generates with the model when one is configured (mode auto) or asked for.
      if (spec.op === 'long_tail_v1' && (spec.params.mode === 'llm' || (spec.params.mode === 'auto' && o.llm))) {
        if (!o.llm) throw new UserError('long_tail_v1 with mode: llm needs a language model: pass --model (and --base-url) or --model-path');
        const { llmLongTailParams } = await import('../ops/sentence/llm-long-tail.js');
        spec.params = llmLongTailParams.parse({ target: spec.params.target, ...(spec.params.llm as object) }) as Record<string, unknown>;
        spec.op = 'llm_long_tail_v1';
        spec.llm = true;
      }
      const op = findOperation(spec.op) ?? findLlmOperation(spec.op);
      states.push(op && 'prepare' in op && op.prepare ? await op.prepare(all, spec.params as never, corpus, runSeed) : undefined);
    }
    result.plans = states.map((st) => {
      const plan = st as { target?: number; before?: unknown; after?: unknown; unreachable?: unknown } | undefined;
      return plan && typeof plan === 'object' && plan.target !== undefined ? { target: plan.target, before: plan.before, after_plan: plan.after, unreachable: plan.unreachable } : null;
    });
  }
  const f = recipe.filters;
  const near = f.near_duplicates ? new NearDuplicates(f.near_duplicates.threshold, f.near_duplicates.n) : null;
  if (near) for (const ex of kept ?? []) near.add(ex);
  const chatterExtra = typeof f.chatter === 'object' ? f.chatter.extra_patterns : [];
  const llmOps = new Set(recipe.operations.filter((x) => x.llm).map((x) => x.op));
  const check: Check = (cand, seed, op, index) => {
    let why: Rejection | null = spanConsistency(cand, { allowOverlap });
    if (!why && f.label_consistency) why = labelConsistency(cand, corpus.schema, declared, negativeLabels);
    // Chatter leaks from models only: offline operations cannot write it.
    if (!why && f.chatter !== false && llmOps.has(op)) why = leakedChatter(cand, chatterExtra, seed);
    if (!why && f.length_ratio) why = lengthRatio(cand, seed, f.length_ratio.min, f.length_ratio.max);
    if (why || !f.llm_verify || !o.llm) return why;
    return verifyWithModel(cand, op, index);
  };
  const verifyWithModel = async (cand: Example, op: string, index: number): Promise<Rejection | null> => {
    let why: Rejection | null = null;
    if (f.llm_verify && o.llm && f.llm_verify.entities) {
      why = await verifyEntities(cand, o.llm.withPriority(index), corpus.schema.entityTypes, { threshold: f.llm_verify.threshold, definitions: f.llm_verify.label_definitions, op, variant: 0 });
    }
    if (!why && f.llm_verify?.relations && o.llm) {
      const types = [...corpus.schema.relationTypes].sort();
      for (let k = 0; k < cand.relations.length && !why; k++) {
        if (!cand.relations[k].negative) why = await verifyRelation(cand, k, o.llm.withPriority(index), types, { op });
      }
    }
    return why;
  };
  const usesLlm = recipe.operations.some((op) => op.llm) || (!!f.llm_verify && !!o.llm);
  const window = usesLlm ? Math.max(1, o.window ?? 16) : 1;
  const recipeName = recipe.name ?? path.basename(recipe.file, '.yaml');
  async function* produce(): AsyncGenerator<Example> {
    let done = 0;
    const results = orderedMap(source(), (seed, index) => workOnSeed(seed, index, recipe, runSeed, variants, corpus, o.llm, states, check), window);
    for (;;) {
      const next = await results.next();
      if (next.done) break;
      const [seed, items] = next.value;
      if (recipe.include_original) {
        after.add(seed);
        result.written++;
        yield seed;
      }
      for (const item of items) {
        result.candidates++;
        opCounts(item.op).candidates++;
        if (item.kind === 'rejected') {
          await reject({ ...item.example, id: item.id }, seed, item.op, item.variant, { reason: item.reason, detail: item.detail }, item.raw);
          continue;
        }
        const meta = { parent: seed.id, recipe: recipeName, op: item.op, seed: runSeed, variant: item.variant, ...(item.note ? { strategy: item.note } : {}), ...(o.llm && llmOps.has(item.op) ? { model: o.llm.provider.model } : {}) };
        const cand: Example = { ...item.example, id: item.id, meta: { ...item.example.meta, ...meta } };
        // Order-dependent filters run here, in input order, so output does not depend on timing.
        let why: Rejection | null = null;
        if (near) {
          const sim = near.maxSimilarity(cand);
          if (sim >= near.threshold) why = { reason: 'near_duplicate', detail: `n-gram Jaccard ${sim.toFixed(2)} with a seed or an earlier output (threshold ${near.threshold})` };
        }
        if (!why && recipe.filters.dedup) {
          const d = dedup.check(cand, recipe.filters.dedup_against_seeds);
          if (d) why = { reason: d, detail: d === 'duplicate_of_seed' ? 'identical to a seed example' : 'identical to an earlier output' };
        }
        if (why) {
          await reject(cand, seed, item.op, item.variant, why);
          continue;
        }
        near?.add(cand);
        diversity.addOutput(cand);
        if (galleryAccepted < 150) {
          galleryAccepted++;
          gallery.push({ id: cand.id, op: item.op, status: 'accepted', seed: slim(seed), candidate: slim(cand) });
        }
        result.accepted++;
        opCounts(item.op).accepted++;
        after.add(cand);
        result.written++;
        yield cand;
      }
      done++;
      o.progress?.(done, seeds);
    }
  }

  try {
    const summary = await outFormat.write(produce(), augmentedFile, wopts);
    // Pair formats (TACRED, FewRel) hold one record per relation instance, not per sentence.
    if ((outFormat.name === 'tacred' || outFormat.name === 'fewrel') && summary.examples !== result.written) result.records = summary.examples;
    await augmentedFile.commit();
    await rejectedFile.commit();
  } catch (err) {
    await augmentedFile.abort();
    await rejectedFile.abort();
    throw err;
  }
  const tDone = performance.now();
  if (o.llm?.exhausted) result.stopped = o.llm.exhausted;

  const { file: _f, ...resolved } = recipe;
  const acc = o.llm?.accounting;
  // The cost of the output (every answer it used, fresh or cached): the same on a re-run.
  // What this invocation itself sent is in manifest.json.
  const cost = {
    model_answers: acc?.answersUsed ?? 0,
    prompt_tokens: acc?.promptTokensUsed ?? 0,
    completion_tokens: acc?.completionTokensUsed ?? 0,
    tokens_per_accepted: acc && result.accepted ? Math.round(((acc.promptTokensUsed + acc.completionTokensUsed) / result.accepted) * 10) / 10 : null,
  };
  const beforeStats = before.result();
  const afterStats = after.result();
  const diversityStats = diversity.result();
  const report = {
    before: beforeStats,
    after: afterStats,
    diversity: diversityStats,
    cost,
    acceptance: {
      candidates: result.candidates,
      accepted: result.accepted,
      rate: result.candidates ? Math.round((result.accepted / result.candidates) * 10000) / 10000 : 0,
      rejected_by_reason: sortKeys(result.rejectedByReason),
      by_operation: sortKeys(result.byOperation),
    },
  };
  await writeFileAtomic(path.join(o.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  await writeFileAtomic(
    path.join(o.out, 'report.html'),
    renderReport({
      title: `spanforge run: ${recipeName} on ${path.basename(o.input)}`,
      recipe: recipeName,
      input: o.input,
      counts: { seeds, candidates: result.candidates, accepted: result.accepted, rejected: result.rejected, written: result.written },
      before: { entities: beforeStats.entities, relations: beforeStats.relations },
      after: { entities: afterStats.entities, relations: afterStats.relations },
      rejectedByReason: result.rejectedByReason,
      byOperation: result.byOperation,
      diversity: diversityStats,
      cost,
      gallery,
    }),
  );
  const manifest = {
    spanforge: VERSION,
    node: process.version,
    recipe: { file: recipe.file, ...resolved, seed: runSeed, variants },
    input: { file: o.input, format: inp.format.name, bytes: size, sha256: inputHash, limit: o.limit ?? null },
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
    llm: o.llm
      ? {
          provider: o.llm.provider.name,
          model: o.llm.provider.model,
          requests: o.llm.accounting.requests,
          cached_answers: o.llm.accounting.cachedAnswers,
          retries: o.llm.accounting.retries,
          reasks: o.llm.accounting.reasks,
          prompt_tokens: o.llm.accounting.promptTokens,
          completion_tokens: o.llm.accounting.completionTokens,
          tokens_per_accepted: result.accepted ? Math.round(((o.llm.accounting.promptTokens + o.llm.accounting.completionTokens) / result.accepted) * 10) / 10 : null,
          by_operation: sortKeys(o.llm.accounting.byOperation),
        }
      : null,
    stopped: result.stopped ?? null,
    plans: result.plans ?? null,
    timings_ms: { read: Math.round(tRead - t0), augment_and_write: Math.round(tDone - tRead), total: Math.round(performance.now() - t0) },
  };
  await writeFileAtomic(path.join(o.out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  result.warnings = reporter.warningLines();
  return result;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
