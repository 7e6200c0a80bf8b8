import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { everyRequestFailed } from './model-failure.js';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { readTypesFile } from '../core/types-file.js';
import { loadRecipe } from '../pipeline/recipe.js';
import { runAugment, type AugmentResult } from '../pipeline/runner.js';
import { describeDropped } from './convert.js';
import { llmSettings, type LlmCliOptions } from './llm-options.js';
import { createLlmClient } from '../llm/setup.js';
import { answerSettings } from '../pipeline/fingerprint.js';
import { parseShard } from '../pipeline/shard.js';
import { defaultWorkers } from '../pipeline/pool-choice.js';
import { countPhrase } from './counts.js';
import type { ClientOptions, LlmClient } from '../llm/client.js';
import { tagColumnOption } from '../formats/open.js';
import { isLongTailSummary, longTailLines } from '../pipeline/long-tail-report.js';
import { unchangedHint } from './unchanged-hint.js';
import { wholeNumber } from './whole-number.js';

export interface AugmentCliOptions extends LlmCliOptions {
  input?: string;
  out?: string;
  seed?: string;
  from?: string;
  to?: string;
  inputScheme?: string;
  tagColumn?: string;
  limit?: string;
  variants?: string;
  workers?: string;
  dryRun?: boolean;
  force?: boolean;
  lossy?: boolean;
  quiet?: boolean;
  target?: string;
  types?: string;
  fluencyText?: string;
  /** if-unchanged (auto): resume an earlier run of the same configuration, refuse anything else;
   *  always: write into the directory whatever it holds (answers in its cache are reused);
   *  never: send every request again (the cache is written, not read). */
  resume?: string;
  /** i/N or auto/N: work on one shard of the seeds (see `merge`). */
  shard?: string;
}

const intOption = (v: string | undefined, name: string, min: number): number | undefined => (v === undefined ? undefined : wholeNumber(v, name, min));

export async function augment(recipeArg: string, o: AugmentCliOptions, err: (s: string) => void, hooks: { deferMiss?: ClientOptions['deferMiss'] } = {}): Promise<AugmentResult & { modelFailed?: string }> {
  if (!o.input) throw new UserError('--input <file> is required');
  let recipe = loadRecipe(recipeArg);
  const shard = o.shard !== undefined ? parseShard(o.shard) : undefined;
  // Default run directory: outputs/<recipe>-<input name>[-shard-i-of-N]; running the same again resumes it.
  o.out ??= path.join('outputs', `${recipe.name ?? path.basename(recipe.file, '.yaml')}-${path.basename(o.input).replace(/\.[^.]+$/, '')}${shard ? `-shard-${shard.index}-of-${shard.count}` : ''}`);
  if (o.target !== undefined) {
    const t = intOption(o.target, '--target', 1)!;
    // Refused, not ignored: a run that silently skipped it would look like one that reached it.
    if (!recipe.operations.some((op) => 'target' in op.params)) {
      throw new UserError(`--target sets the count a long-tail recipe raises each relation type to; no operation of ${recipe.name ?? path.basename(recipe.file)} has one (${recipe.operations.map((op) => op.op).join(', ')})`);
    }
    // A new recipe object: the loaded one is never changed.
    recipe = { ...recipe, operations: recipe.operations.map((op) => ('target' in op.params ? { ...op, params: { ...op.params, target: t } } : op)) };
  }
  const symmetric = o.types ? await symmetricFromTypes(o.types) : undefined;
  const runSeed = intOption(o.seed, '--seed', 0) ?? recipe.seed;
  let llm: LlmClient | undefined;
  const modelGiven = o.model !== undefined || o.modelPath !== undefined || o.provider !== undefined;
  const wantsModel = recipe.operations.some((op) => op.llm) || (!!recipe.filters.llm_verify && modelGiven) || (recipe.operations.some((op) => op.op === 'long_tail_v1' && op.params.mode !== 'offline') && modelGiven);
  if (o.resume && !['if-unchanged', 'auto', 'always', 'never'].includes(o.resume)) throw new UserError(`--resume must be if-unchanged, always or never, got "${o.resume}"`);
  const showBar = !o.quiet && !o.dryRun && process.stderr.isTTY === true;
  // LLM runs show live cost and a projection for the whole input.
  const format = wantsModel
    ? 'augment |{bar}| {value}/{total} seeds | {requests} requests, {tokens} tokens, ~{projected} projected | {eta_formatted} left'
    : 'augment |{bar}| {value}/{total} seeds | {eta_formatted} left';
  const bar = showBar ? new cliProgress.SingleBar({ format, stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
  let started = false;
  let llmConfig: Record<string, unknown> | undefined;
  if (wantsModel && !o.dryRun) {
    let retries = 0;
    const settings = llmSettings(recipe, { ...o, readCache: o.resume !== 'never' }, o.out!, runSeed, o.quiet ? undefined : (msg) => {
      // A few retry lines, then only the count (in the manifest).
      if (++retries <= 5) err(`spanforge: ${msg}\n`);
    });
    llm = createLlmClient({ ...settings, deferMiss: hooks.deferMiss });
    llmConfig = answerSettings(settings);
  }
  try {
    const result = await runAugment({
      llm,
      llmConfig,
      shard,
      symmetric,
      window: llm ? Math.max(4, 2 * (Number(o.concurrency ?? recipe.llm.concurrency ?? 8))) : undefined,
      workers: o.workers === undefined ? defaultWorkers(availableParallelism(), recipe, !!o.fluencyText) : intOption(o.workers, '--workers', 1),
      recipe,
      input: o.input,
      out: o.out ?? '',
      seed: intOption(o.seed, '--seed', 0),
      limit: intOption(o.limit, '--limit', 1),
      variants: intOption(o.variants, '--variants', 1),
      from: o.from,
      to: o.to,
      inputScheme: o.inputScheme,
      tagColumn: tagColumnOption(o.tagColumn),
      dryRun: o.dryRun,
      force: o.force || o.resume === 'always',
      lossy: o.lossy,
      fluencyText: o.fluencyText,
      progress: bar
        ? (done, total) => {
            const a = llm?.accounting;
            const tokens = a ? a.promptTokens + a.completionTokens : 0;
            // Seeds in flight have spent tokens too: project only once enough seeds are done.
            const projected = done >= Math.min(total, Math.max(32, total / 10)) ? String(Math.round((tokens / done) * total)) : '?';
            const payload = { requests: a?.requests ?? 0, tokens, projected };
            if (!started) {
              bar.start(total, 0, payload);
              started = true;
            }
            if (done % (llm ? 1 : 64) === 0 || done === total) bar.update(done, payload);
          }
        : undefined,
    });
    const modelFailed = everyRequestFailed(llm, o.apiKeyEnv ?? 'OPENAI_API_KEY');
    return modelFailed ? { ...result, modelFailed } : result;
  } finally {
    if (started) bar?.stop();
    await llm?.close();
  }
}

export function summarize(r: AugmentResult, input?: string): string {
  if (r.dryRun) return `dry run: ${r.seeds} seed examples, ${r.candidates} candidates would be made; nothing written`;
  const reasons = Object.entries(r.rejectedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `${r.seeds} seeds -> ${r.candidates} candidates: ${r.accepted} accepted, ${r.rejected} rejected${reasons ? ` (${reasons})` : ''}`,
    ...unchangedHint(r),
    `wrote ${countPhrase(r.written, r.records)} to ${r.outDir}/${r.files[0]}`,
    ...describeDropped(r.dropped, r.lossy),
    `see ${r.outDir}/rejected.jsonl, provenance.jsonl, manifest.json, report.json, report.html${r.files.includes('negatives.jsonl') ? ', negatives.jsonl' : ''}`,
    ...(r.plans ?? []).filter(isLongTailSummary).flatMap((p) => longTailLines(p, input)),
    ...(r.stopped ? [`stopped early: ${r.stopped}; run the same command again (with a larger budget) to go on: answers already paid for are cached`] : []),
  ].join('\n');
}

/** Relation types declared symmetric in a types file. */
async function symmetricFromTypes(file: string): Promise<string[]> {
  return [...readTypesFile(file).symmetric];
}
