import path from 'node:path';
import { RECIPES_DIR, VERSION } from '../package-info.js';
import { writeFileAtomic } from '../formats/atomic.js';
import type { LlmClient } from '../llm/client.js';
import { renderReport } from '../report/html.js';
import type { StatsCollector } from '../report/stats.js';
import type { DiversityCollector } from '../report/diversity.js';
import type { LoadedRecipe, ResolvedOp } from './recipe.js';
import type { RunOutputs } from './outputs.js';
import type { NegativeKinds, SidecarCounts } from './negatives-sidecar.js';
import { isLongTailSummary, longTailReport } from './long-tail-report.js';
import type { VerifyStats } from '../filters/verify-stats.js';

export interface ReportInput {
  out: string;
  recipe: LoadedRecipe;
  recipeName: string;
  /** The operations as run (planned modes resolved); the recipe itself is never changed. */
  ops: readonly ResolvedOp[];
  runSeed: number;
  variants: number;
  input: { file: string; format: string; bytes: number; sha256: string; limit: number | null };
  output: { file: string; format: string; scheme: string | null; dropped: Record<string, number> };
  seeds: number;
  outputs: RunOutputs;
  /** Negatives the output format cannot show, written to a sidecar (null: none). */
  sidecar: SidecarCounts | null;
  /** Negatives by kind, in the output file or in the sidecar (null: the run made none). */
  negatives?: NegativeKinds | null;
  before: StatsCollector;
  after: StatsCollector;
  diversity: DiversityCollector;
  /** The client's accounting (a merge passes its shards', summed). */
  llm?: { accounting: LlmClient['accounting']; provider: { name: string; model: string } };
  /** What LLM verification asked and kept (when the recipe verifies). */
  verification?: VerifyStats;
  stopped: string | null;
  plans: unknown[] | null;
  timings: { read: number; augmentAndWrite: number; total: number };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A path as the run directory's files record it: relative to that directory, with forward
 * slashes, so report.html and manifest.json name no directory of the user's machine and stay
 * right when the run directory moves along with its input.
 */
export function pathFromRunDir(out: string, file: string): string {
  const rel = path.relative(path.resolve(out), path.resolve(file));
  // On another Windows drive there is no relative path: the file's name is all we keep.
  return (path.isAbsolute(rel) ? path.basename(file) : rel).split(path.sep).join('/');
}

/** The recipe file as recorded: a built-in one by its place in the package. */
function recipeFile(out: string, file: string): { file: string; builtin?: true } {
  const inPackage = path.relative(RECIPES_DIR, path.resolve(file));
  if (!inPackage.startsWith('..') && !path.isAbsolute(inPackage)) return { file: `recipes/${inPackage.split(path.sep).join('/')}`, builtin: true };
  return { file: pathFromRunDir(out, file) };
}

const perAccepted = (tokens: number, accepted: number) => (accepted ? Math.round((tokens / accepted) * 10) / 10 : null);

/** Per relation type, what a long-tail plan aimed at and what the output holds. */
function longTailField(plans: unknown[] | null, written: Record<string, number>) {
  const plan = plans?.find(isLongTailSummary);
  return plan ? { long_tail: longTailReport(plan, written) } : {};
}

/** What report.json holds from a run's counts and statistics (and the library returns). */
export interface ReportSource {
  outputs: RunOutputs;
  before: StatsCollector;
  after: StatsCollector;
  diversity: DiversityCollector;
  /** The client's accounting (a merge passes its shards', summed). */
  llm?: { accounting: LlmClient['accounting']; provider: { name: string; model: string } };
  /** Negatives the output format cannot show, written to a sidecar (null: none). */
  sidecar: SidecarCounts | null;
  /** Negatives by kind, in the output file or in the sidecar (null: the run made none). */
  negatives?: NegativeKinds | null;
  /** What LLM verification asked and kept (when the recipe verifies). */
  verification?: VerifyStats;
  /** What planned operations decided (long-tail targets and counts). */
  plans: unknown[] | null;
}

/** report.json: the data before and after, diversity, cost, acceptance by reason and operation,
 *  negatives by kind, long-tail reach and verification. */
export function buildReport(r: ReportSource) {
  const c = r.outputs.counts;
  const acc = r.llm?.accounting;
  // The cost of the output (every answer it used, fresh or cached): the same on a re-run.
  // What this invocation itself sent is in manifest.json.
  const cost = {
    model_answers: acc?.answersUsed ?? 0,
    prompt_tokens: acc?.promptTokensUsed ?? 0,
    completion_tokens: acc?.completionTokensUsed ?? 0,
    tokens_per_accepted: acc ? perAccepted(acc.promptTokensUsed + acc.completionTokensUsed, c.accepted) : null,
  };
  const after = r.after.result();
  return {
    before: r.before.result(),
    after,
    diversity: r.diversity.result(),
    cost,
    acceptance: {
      candidates: c.candidates,
      accepted: c.accepted,
      rate: c.candidates ? Math.round((c.accepted / c.candidates) * 10000) / 10000 : 0,
      rejected_by_reason: sortKeys(c.rejectedByReason),
      by_operation: sortKeys(c.byOperation),
      changes_by_operation: sortKeys(r.outputs.changes),
    },
    ...(r.sidecar ? { negatives_sidecar: r.sidecar } : {}),
    ...(r.negatives ? { negatives: r.negatives } : {}),
    ...longTailField(r.plans, after.relations),
    ...(r.verification ? { verification: r.verification.result() } : {}),
  };
}

export type AugmentReport = ReturnType<typeof buildReport>;

/** report.json, report.html and manifest.json of a finished run. */
export async function writeRunReports(r: ReportInput): Promise<void> {
  const c = r.outputs.counts;
  const report = buildReport(r);
  const { before, after, diversity, cost } = report;
  await writeFileAtomic(path.join(r.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  await writeFileAtomic(
    path.join(r.out, 'report.html'),
    renderReport({
      title: `spanforge run: ${r.recipeName} on ${path.basename(r.input.file)}`,
      recipe: r.recipeName,
      input: pathFromRunDir(r.out, r.input.file),
      counts: { seeds: r.seeds, candidates: c.candidates, accepted: c.accepted, rejected: c.rejected, written: c.written },
      before: { entities: before.entities, relations: before.relations },
      after: { entities: after.entities, relations: after.relations },
      rejectedByReason: c.rejectedByReason,
      byOperation: c.byOperation,
      changes: r.outputs.changes,
      diversity,
      cost,
      gallery: r.outputs.gallery,
    }),
  );
  await writeFileAtomic(path.join(r.out, 'manifest.json'), JSON.stringify(manifest(r), null, 2) + '\n');
}

function manifest(r: ReportInput): Record<string, unknown> {
  const c = r.outputs.counts;
  const { file: _f, ...resolved } = r.recipe;
  const a = r.llm?.accounting;
  return {
    spanforge: VERSION,
    node: process.version,
    recipe: { ...recipeFile(r.out, r.recipe.file), ...resolved, operations: r.ops, seed: r.runSeed, variants: r.variants },
    // Paths relative to the run directory (this file's own), never absolute.
    input: { ...r.input, file: pathFromRunDir(r.out, r.input.file) },
    output: { file: r.output.file, format: r.output.format, scheme: r.output.scheme, provenance: 'provenance.jsonl', dropped: sortKeys(r.output.dropped), ...(r.sidecar ? { negatives_sidecar: r.sidecar } : {}) },
    counts: {
      seeds: r.seeds,
      candidates: c.candidates,
      accepted: c.accepted,
      rejected: c.rejected,
      written: c.written,
      rejected_by_reason: sortKeys(c.rejectedByReason),
      by_operation: sortKeys(c.byOperation),
    },
    llm:
      r.llm && a
        ? {
            provider: r.llm.provider.name,
            model: r.llm.provider.model,
            requests: a.requests,
            cached_answers: a.cachedAnswers,
            retries: a.retries,
            reasks: a.reasks,
            prompt_tokens: a.promptTokens,
            completion_tokens: a.completionTokens,
            tokens_per_accepted: perAccepted(a.promptTokens + a.completionTokens, c.accepted),
            by_operation: sortKeys(a.byOperation),
          }
        : null,
    stopped: r.stopped,
    plans: r.plans,
    timings_ms: { read: Math.round(r.timings.read), augment_and_write: Math.round(r.timings.augmentAndWrite), total: Math.round(r.timings.total) },
  };
}
