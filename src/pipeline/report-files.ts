import path from 'node:path';
import { VERSION } from '../package-info.js';
import { writeFileAtomic } from '../formats/atomic.js';
import type { LlmClient } from '../llm/client.js';
import { renderReport } from '../report/html.js';
import type { StatsCollector } from '../report/stats.js';
import type { DiversityCollector } from '../report/diversity.js';
import type { LoadedRecipe, ResolvedOp } from './recipe.js';
import type { RunOutputs } from './outputs.js';
import type { SidecarCounts } from './negatives-sidecar.js';

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
  before: StatsCollector;
  after: StatsCollector;
  diversity: DiversityCollector;
  llm?: LlmClient;
  stopped: string | null;
  plans: unknown[] | null;
  timings: { read: number; augmentAndWrite: number; total: number };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

const perAccepted = (tokens: number, accepted: number) => (accepted ? Math.round((tokens / accepted) * 10) / 10 : null);

/** What report.json holds from a run's counts and statistics (and the library returns). */
export interface ReportSource {
  outputs: RunOutputs;
  before: StatsCollector;
  after: StatsCollector;
  diversity: DiversityCollector;
  llm?: LlmClient;
  sidecar: SidecarCounts | null;
}

/** report.json: the data before and after, diversity, cost and acceptance by reason and operation. */
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
  return {
    before: r.before.result(),
    after: r.after.result(),
    diversity: r.diversity.result(),
    cost,
    acceptance: {
      candidates: c.candidates,
      accepted: c.accepted,
      rate: c.candidates ? Math.round((c.accepted / c.candidates) * 10000) / 10000 : 0,
      rejected_by_reason: sortKeys(c.rejectedByReason),
      by_operation: sortKeys(c.byOperation),
    },
    ...(r.sidecar ? { negatives_sidecar: r.sidecar } : {}),
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
      input: r.input.file,
      counts: { seeds: r.seeds, candidates: c.candidates, accepted: c.accepted, rejected: c.rejected, written: c.written },
      before: { entities: before.entities, relations: before.relations },
      after: { entities: after.entities, relations: after.relations },
      rejectedByReason: c.rejectedByReason,
      byOperation: c.byOperation,
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
    recipe: { file: r.recipe.file, ...resolved, operations: r.ops, seed: r.runSeed, variants: r.variants },
    input: r.input,
    output: { dir: r.out, file: r.output.file, format: r.output.format, scheme: r.output.scheme, provenance: 'provenance.jsonl', dropped: sortKeys(r.output.dropped), ...(r.sidecar ? { negatives_sidecar: r.sidecar } : {}) },
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
