import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type OpenAI from 'openai';
import { UserError } from '../../core/errors.js';
import type { ResponseCache } from '../cache.js';
import { redact } from '../errors.js';
import { batchDir } from './export.js';
import { storeAnswers, type ImportCounts } from './results.js';
import { keyFingerprint, readBatchState, writeBatchState, type BatchRecord } from './state.js';

export interface RemoteOptions {
  apiKey?: string;
  baseURL?: string;
}

const ENDPOINT = '/v1/chat/completions';
const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

async function sdk(o: RemoteOptions): Promise<OpenAI> {
  const { default: SDK } = await import('openai');
  return new SDK({ apiKey: o.apiKey ?? 'unused', baseURL: o.baseURL, maxRetries: 2 });
}

/** Requests files of the run not yet submitted (OpenAI format only: Anthropic's go through its own API). */
function pendingFiles(runDir: string, submitted: Set<string>): string[] {
  const dir = batchDir(runDir);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const round of readdirSync(dir).filter((r) => /^round-\d+$/.test(r)).sort()) {
    const fmt = JSON.parse(readFileSync(path.join(dir, round, 'format.json'), 'utf8')).format;
    if (fmt !== 'openai') throw new UserError(`${round} holds Anthropic Message Batches requests: submit them with Anthropic's API, then \`spanforge batch import\` the results`);
    for (const f of readdirSync(path.join(dir, round)).filter((f) => /^requests-\d+\.jsonl$/.test(f)).sort()) if (!submitted.has(`${round}/${f}`)) out.push(`${round}/${f}`);
  }
  return out;
}

function apiMessage(e: unknown, o: RemoteOptions): string {
  return redact((e as Error).message ?? String(e), o.apiKey ? [o.apiKey] : []);
}

/** Out of credit or quota: nothing more can be submitted now. */
const isCredit = (e: unknown) => (e as { status?: number }).status === 402 || /insufficient|quota|credit|billing/i.test((e as Error).message ?? '');

/** Upload every requests file not yet submitted and create its batch; recorded one by one. */
export async function submit(runDir: string, given: RemoteOptions, log: (s: string) => void): Promise<BatchRecord[]> {
  const state = readBatchState(runDir);
  const files = pendingFiles(runDir, new Set(state.batches.map((b) => b.file)));
  if (!files.length) {
    // Submitted and not collected: export refuses until they are, so say what comes next.
    const waiting = state.batches.filter((b) => !b.collected).length;
    if (waiting) throw new UserError(`nothing to submit in ${batchDir(runDir)}: every exported file is submitted, and ${waiting} batch(es) wait to be collected: \`spanforge batch status ${runDir}\`, then \`spanforge batch collect ${runDir}\``);
    throw new UserError(`nothing to submit in ${batchDir(runDir)}: run \`spanforge augment ... --batch export --out ${runDir}\` first`);
  }
  // A later round goes where the earlier ones went, unless told otherwise (as status and collect do).
  const o = { ...given, baseURL: given.baseURL ?? state.batches.at(-1)?.baseURL ?? undefined };
  const client = await sdk(o);
  const made: BatchRecord[] = [];
  for (const file of files) {
    try {
      const uploaded = await client.files.create({ file: createReadStream(path.join(batchDir(runDir), file)), purpose: 'batch' });
      const b = await client.batches.create({ input_file_id: uploaded.id, endpoint: ENDPOINT, completion_window: '24h' });
      const rec: BatchRecord = { file, fileId: uploaded.id, id: b.id, endpoint: ENDPOINT, baseURL: o.baseURL ?? null, keyFingerprint: keyFingerprint(o.apiKey ?? ''), status: b.status, collected: false };
      state.batches.push(rec);
      made.push(rec);
      await writeBatchState(runDir, state);
      log(`submitted ${file} as batch ${b.id}`);
    } catch (e) {
      const done = made.length ? `${made.length} file(s) were submitted and recorded; ` : '';
      if (isCredit(e)) throw new UserError(`the provider refused the batch for lack of credit or quota (${apiMessage(e, o)}); ${done}add credit and run \`spanforge batch submit ${runDir}\` again: it goes on with the files not yet submitted`);
      throw new UserError(`submitting ${file} to ${client.baseURL} failed: ${apiMessage(e, o)}; ${done}run \`spanforge batch submit ${runDir}\` again to go on`);
    }
  }
  return made;
}

function checkKey(b: BatchRecord, o: RemoteOptions): void {
  if (b.keyFingerprint !== keyFingerprint(o.apiKey ?? '')) throw new UserError(`batch ${b.id} was made with another API key (${b.keyFingerprint}): batches are tied to the key that made them; set that key`);
}

/** Every recorded batch with its provider status and request counts (recorded too). */
export async function status(runDir: string, o: RemoteOptions): Promise<BatchRecord[]> {
  const state = readBatchState(runDir);
  if (!state.batches.length) throw new UserError(`no batches recorded in ${batchDir(runDir)}: run \`spanforge batch submit ${runDir}\` first`);
  const client = await sdk({ ...o, baseURL: o.baseURL ?? state.batches[0].baseURL ?? undefined });
  for (const b of state.batches.filter((b) => !b.collected)) {
    checkKey(b, o);
    const r = await client.batches.retrieve(b.id);
    b.status = r.status;
    if (r.request_counts) b.counts = { total: r.request_counts.total, completed: r.request_counts.completed, failed: r.request_counts.failed };
  }
  await writeBatchState(runDir, state);
  return state.batches;
}

/**
 * Download the output and error files of every finished batch and store its answers in the
 * cache. Completed and expired batches (the answered part of an expired one is billed) are
 * marked collected; their failed and unanswered lines are exported again by the next round.
 */
export async function collect(runDir: string, o: RemoteOptions, cache: ResponseCache): Promise<{ collected: number; waiting: BatchRecord[]; counts: ImportCounts }> {
  const state = readBatchState(runDir);
  const counts: ImportCounts = { stored: 0, known: 0, failed: 0, expired: 0, malformed: 0 };
  if (!state.batches.length) throw new UserError(`no batches recorded in ${batchDir(runDir)}: run \`spanforge batch submit ${runDir}\` first`);
  const client = await sdk({ ...o, baseURL: o.baseURL ?? state.batches[0].baseURL ?? undefined });
  let collected = 0;
  const waiting: BatchRecord[] = [];
  for (const b of state.batches.filter((b) => !b.collected)) {
    checkKey(b, o);
    const r = await client.batches.retrieve(b.id);
    b.status = r.status;
    if (r.request_counts) b.counts = { total: r.request_counts.total, completed: r.request_counts.completed, failed: r.request_counts.failed };
    if (!FINAL.has(r.status)) {
      waiting.push(b);
      continue;
    }
    for (const id of [r.output_file_id, r.error_file_id]) if (id) await storeAnswers(await (await client.files.content(id)).text(), cache, counts);
    b.collected = true;
    collected++;
    await writeBatchState(runDir, state);
  }
  await writeBatchState(runDir, state);
  return { collected, waiting, counts };
}
