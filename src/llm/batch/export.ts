import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { renameIntoPlace } from '../cache.js';

// Temp file + rename (the LLM layer knows no format module): a file appears whole or not at all.
const writeFileAtomic = (file: string, content: string) => renameIntoPlace(file, content, { sync: false });
import { BudgetExceeded } from '../errors.js';
import type { CompletionRequest, Provider } from '../types.js';
import { readBatchState } from './state.js';

export type BatchFormat = 'openai' | 'anthropic';

/** OpenAI's limits per input file; Anthropic's are 100,000 requests or 256 MB. */
export const DEFAULT_LIMITS: Record<BatchFormat, { lines: number; bytes: number }> = {
  openai: { lines: 50_000, bytes: 200 * 1024 * 1024 },
  anthropic: { lines: 100_000, bytes: 256 * 1024 * 1024 },
};

/** Thrown for a request written to a batch file instead of being sent: its candidate waits. */
export class BatchPending extends BudgetExceeded {
  constructor() {
    super('answer pending in a batch');
    this.name = 'BatchPending';
  }
}

/** An OpenAI chat body as an Anthropic Message Batches `params`: system messages apart. */
function anthropicParams(body: Record<string, unknown>): Record<string, unknown> {
  const messages = body.messages as Array<{ role: string; content: string }>;
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const rf = body.response_format as { json_schema?: { schema?: unknown } } | undefined;
  // No response_format there: the schema goes into the system prompt, as `--structured text` does.
  if (rf?.json_schema?.schema) system.push(`Answer with one JSON object that fits this JSON schema, and nothing else: ${JSON.stringify(rf.json_schema.schema)}`);
  return { model: body.model, max_tokens: body.max_tokens, temperature: body.temperature, ...(system.length ? { system: system.join('\n\n') } : {}), messages: messages.filter((m) => m.role !== 'system') };
}

/**
 * Collects the requests the cache could not answer, by cache key (which becomes `custom_id`).
 * The same request asked twice is written once.
 */
export class BatchExporter {
  readonly lines = new Map<string, string>();

  constructor(private readonly format: BatchFormat) {}

  /** The lines in custom_id order: the order they were asked in depends on timing (requests
   *  in flight, worker threads), and the same run must write the same files. */
  sorted(): string[] {
    return [...this.lines.keys()].sort().map((k) => this.lines.get(k)!);
  }

  /** The client's deferMiss hook. */
  readonly defer = (key: string, req: CompletionRequest, provider: Provider): never => {
    if (!provider.requestBody) throw new UserError(`batch mode needs an OpenAI-compatible provider (--provider openai), not ${provider.name}`);
    if (!this.lines.has(key)) {
      const body = provider.requestBody(req);
      const line = this.format === 'openai' ? { custom_id: key, method: 'POST', url: '/v1/chat/completions', body } : { custom_id: key, params: anthropicParams(body) };
      this.lines.set(key, JSON.stringify(line));
    }
    throw new BatchPending();
  };
}

/** Lines into files of at most `lines` lines and `bytes` bytes each. */
export function splitLines(lines: Iterable<string>, limit: { lines: number; bytes: number }): string[][] {
  const files: string[][] = [];
  let cur: string[] = [];
  let size = 0;
  for (const l of lines) {
    const n = Buffer.byteLength(l) + 1;
    if (n > limit.bytes) throw new UserError(`one batch request takes ${n} bytes, more than the file limit of ${limit.bytes}`);
    if (cur.length && (cur.length >= limit.lines || size + n > limit.bytes)) {
      files.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(l);
    size += n;
  }
  if (cur.length) files.push(cur);
  return files;
}

/** The batch folder of a run directory. */
export const batchDir = (runDir: string) => path.join(runDir, 'batch');

/**
 * Write one export round: batch/round-NNN/requests-NNNN.jsonl. Files of an earlier round that
 * were never submitted are replaced (their requests are all in this round again); a round
 * submitted and not yet collected is refused, else its requests would be paid twice.
 */
export async function writeRound(runDir: string, lines: Iterable<string>, format: BatchFormat, limit: { lines: number; bytes: number }): Promise<string[]> {
  const dir = batchDir(runDir);
  const state = readBatchState(runDir);
  const open = state.batches.filter((b) => !b.collected);
  if (open.length) throw new UserError(`batch ${open[0].id} (${open[0].file}) was submitted and is not collected yet: run \`spanforge batch collect ${runDir}\` first (\`batch status\` shows its progress); exporting now would pay for its requests twice`);
  const submitted = new Set(state.batches.map((b) => b.file));
  mkdirSync(dir, { recursive: true });
  const rounds = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && /^round-\d+$/.test(d.name)).map((d) => d.name).sort();
  for (const r of rounds) {
    const files = readdirSync(path.join(dir, r));
    if (!files.some((f) => submitted.has(`${r}/${f}`))) rmSync(path.join(dir, r), { recursive: true, force: true });
  }
  const kept = rounds.filter((r) => readdirSync(dir).includes(r));
  const round = `round-${String(kept.length ? Number(kept.at(-1)!.slice(6)) + 1 : 1).padStart(3, '0')}`;
  mkdirSync(path.join(dir, round), { recursive: true });
  const written: string[] = [];
  for (const [i, chunk] of splitLines(lines, limit).entries()) {
    const name = `${round}/requests-${String(i + 1).padStart(4, '0')}.jsonl`;
    await writeFileAtomic(path.join(dir, name), chunk.join('\n') + '\n');
    written.push(name);
  }
  await writeFileAtomic(path.join(dir, round, 'format.json'), JSON.stringify({ format }) + '\n');
  return written;
}
