import { wholeNumber } from './whole-number.js';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { UserError } from '../core/errors.js';
import { writeFileAtomic } from '../formats/atomic.js';
import { ResponseCache } from '../llm/cache.js';
import { BatchExporter, DEFAULT_LIMITS, batchDir, writeRound, type BatchFormat } from '../llm/batch/export.js';
import { collect, status, submit, type RemoteOptions } from '../llm/batch/remote.js';
import { failedLines, storeAnswers } from '../llm/batch/results.js';
import { augment, summarize, type AugmentCliOptions } from './augment.js';

export interface BatchAugmentOptions extends AugmentCliOptions {
  batch?: string;
  batchFormat?: string;
  batchMaxLines?: string;
  batchMaxBytes?: string;
}

const MARKER = '.spanforge-run.json';

function limitOption(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  return wholeNumber(v, name, 1);
}

/**
 * `augment --batch export`: run the recipe against the cache alone, in a scratch directory,
 * and write every request it could not answer as batch JSONL into <out>/batch. Nothing final
 * is written while a request is pending (a candidate waiting for its answer is neither accepted
 * nor rejected); once nothing is pending the run writes its outputs as usual.
 */
export async function augmentBatch(recipe: string, o: BatchAugmentOptions, err: (s: string) => void): Promise<string> {
  if (o.batch !== 'export') throw new UserError(`--batch takes "export", got "${o.batch}"`);
  const format = (o.batchFormat ?? 'openai') as BatchFormat;
  if (!(format in DEFAULT_LIMITS)) throw new UserError(`--batch-format must be openai or anthropic, got "${o.batchFormat}"`);
  if (o.dryRun) throw new UserError('--batch export and --dry-run do not go together: --dry-run alone says what would be made');
  if (o.resume === 'never') throw new UserError('--batch export reads its answers from the cache: it does not go with --resume never');
  if (!o.out) throw new UserError('--batch export needs --out <run dir> (the batch files, the cache and later the outputs go there)');
  const limits = { lines: limitOption(o.batchMaxLines, '--batch-max-lines', DEFAULT_LIMITS[format].lines), bytes: limitOption(o.batchMaxBytes, '--batch-max-bytes', DEFAULT_LIMITS[format].bytes) };
  const exporter = new BatchExporter(format);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'spanforge-batch-'));
  const cacheDir = o.cacheDir ?? path.join(o.out, 'llm-cache');
  try {
    // Misses are exported, never sent: no API key is needed (vllm run-batch users have none).
    await augment(recipe, { ...o, out: scratch, cacheDir, quiet: true, sendsNothing: true }, err, { deferMiss: exporter.defer });
    if (exporter.lines.size === 0) {
      // Everything is answered: this is the real run.
      const r = await augment(recipe, { ...o, cacheDir, sendsNothing: true }, err);
      for (const w of r.warnings) err(w + '\n');
      return `every request is answered from the cache: no batch to export\n${summarize(r, o.input)}`;
    }
    claimRunDir(scratch, o.out, !!o.force);
    const files = await writeRound(o.out, exporter.sorted(), format, limits);
    const dir = batchDir(o.out);
    const next = format === 'openai' ? `run \`spanforge batch submit ${o.out}\`, then \`spanforge batch collect ${o.out}\` once the batches are done` : `submit them with Anthropic's Message Batches API and \`spanforge batch import <results.jsonl> --out ${o.out}\``;
    return `${exporter.lines.size} request(s) exported to ${files.length} file(s) in ${dir}/${path.dirname(files[0])} (nothing final written yet)\n${next} (or answer them with \`vllm run-batch\` and \`spanforge batch import\`); then run this augment command again: it answers them from the cache (a recipe with a later LLM step exports another round)`;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The run directory takes the scratch run's marker, so the final augment resumes it; one that
 *  holds a run of another configuration is refused (as augment itself refuses it). */
function claimRunDir(scratch: string, out: string, force: boolean): void {
  const mine = JSON.parse(readFileSync(path.join(scratch, MARKER), 'utf8'));
  const theirs = path.join(out, MARKER);
  if (existsSync(theirs) && !force) {
    const t = JSON.parse(readFileSync(theirs, 'utf8'));
    if (t.fingerprint !== mine.fingerprint) throw new UserError('holds a run of another configuration: choose another --out, or pass --force', { file: out });
  }
  mkdirSync(out, { recursive: true });
  copyFileSync(path.join(scratch, MARKER), theirs);
}

interface BatchCliOptions {
  baseUrl?: string;
  apiKeyEnv: string;
  cacheDir?: string;
}

function remote(o: BatchCliOptions): RemoteOptions {
  return { apiKey: process.env[o.apiKeyEnv], baseURL: o.baseUrl ?? process.env.OPENAI_BASE_URL };
}

const cacheOf = (runDir: string, o: BatchCliOptions) => new ResponseCache(o.cacheDir ?? path.join(runDir, 'llm-cache'), true, writeFileAtomic);

function runDirOf(dir: string): string {
  if (!existsSync(dir)) throw new UserError('no such run directory', { file: dir });
  return dir;
}

function common(c: Command): Command {
  return c
    .option('--base-url <url>', 'OpenAI-compatible server (default: the one recorded at submit, else $OPENAI_BASE_URL, else OpenAI)')
    .option('--api-key-env <name>', 'environment variable holding the API key (batches are tied to the key that made them)', 'OPENAI_API_KEY')
    .option('--cache-dir <dir>', 'LLM response cache (default <run dir>/llm-cache)');
}

export function registerBatchCommands(program: Command, out: (s: string) => void, err: (s: string) => void): void {
  const batch = program.command('batch').description('provider batch APIs (half price, answers within 24h) for LLM recipes: after `augment --batch export`, submit, watch, collect, or import results');
  common(batch.command('submit').description('upload the exported requests files and create one batch each (OpenAI Files and Batches APIs)').argument('<run dir>')).action(async (dir: string, o: BatchCliOptions) => {
    const made = await submit(runDirOf(dir), remote(o), (s) => err(s + '\n'));
    err(`${made.length} batch(es) submitted; \`spanforge batch status ${dir}\` shows their progress, \`spanforge batch collect ${dir}\` stores their answers\n`);
  });
  common(batch.command('status').description("each batch's status and request counts").argument('<run dir>')).action(async (dir: string, o: BatchCliOptions) => {
    for (const b of await status(runDirOf(dir), remote(o))) {
      const c = b.counts ? ` ${b.counts.completed}/${b.counts.total} answered, ${b.counts.failed} failed` : '';
      out(`${b.id}  ${b.file}  ${b.status}${c}${b.collected ? ' (collected)' : ''}\n`);
    }
  });
  common(batch.command('collect').description('download the output and error files of finished batches and store every answer in the cache').argument('<run dir>')).action(async (dir: string, o: BatchCliOptions) => {
    const r = await collect(runDirOf(dir), remote(o), cacheOf(dir, o));
    err(`${r.collected} batch(es) collected: ${r.counts.stored} answer(s) stored, ${r.counts.known} already cached, ${failedLines(r.counts)} (exported again by the next \`augment --batch export\`)\n`);
    if (r.waiting.length) err(`${r.waiting.length} batch(es) not finished yet (${r.waiting.map((b) => `${b.id} ${b.status}`).join(', ')}): collect again later\n`);
    else err(`now run the augment command again (with --batch export while a later LLM step may still need answers)\n`);
  });
  batch
    .command('import')
    .description('store the answers of a batch output file (OpenAI format, e.g. from `vllm run-batch`, or Anthropic Message Batches results) in a run directory\'s cache')
    .argument('<output.jsonl>')
    .requiredOption('--out <run dir>', 'the run directory the requests were exported from')
    .addOption(new Option('--cache-dir <dir>', 'LLM response cache (default <run dir>/llm-cache)'))
    .action(async (file: string, o: { out: string; cacheDir?: string }) => {
      if (!existsSync(file)) throw new UserError('no such file', { file });
      const c = await storeAnswers(readFileSync(file, 'utf8'), cacheOf(o.out, { apiKeyEnv: '', cacheDir: o.cacheDir }));
      if (c.malformed && !c.stored && !c.known) throw new UserError(`not a batch output file (${c.firstProblem})`, { file });
      err(`${c.stored} answer(s) stored, ${c.known} already cached, ${failedLines(c)}${c.malformed ? `, ${c.malformed} line(s) skipped (${c.firstProblem})` : ''}\n`);
    });
}
