import { createReadStream, promises as fsp } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { Example } from '../core/model.js';
import { UserError } from '../core/errors.js';
import { sameFile } from '../core/same-file.js';
import { writeFileAtomic } from '../formats/atomic.js';
import type { Accounting } from '../llm/client.js';
import { configDifferences, describeDifferences } from './fingerprint.js';
import type { Item } from './generate.js';
import { sha256File } from './run-dir.js';
import { runAugment, type AugmentResult } from './runner.js';
import { SHARD_ITEMS, SHARD_RECORD, shardOf, type Replay, type ShardLine, type ShardRecord } from './shard.js';

export interface MergeOptions {
  /** The shards' run directories, in any order. */
  dirs: string[];
  out: string;
  /** The input, where it is not at the path the shards recorded. */
  input?: string;
  force?: boolean;
  progress?: (done: number, total: number) => void;
}

interface LoadedShard {
  dir: string;
  record: ShardRecord;
}

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  const text = await fsp.readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError('is not valid JSON', { file });
  }
}

async function loadShard(dir: string): Promise<LoadedShard> {
  const st = await fsp.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new UserError('is not a directory (a shard run directory was expected)', { file: dir });
  const record = (await readJson(path.join(dir, SHARD_RECORD))) as ShardRecord | null;
  if (!record) throw new UserError(`holds no finished shard (no ${SHARD_RECORD}): run \`augment ... --shard i/N --out ${dir}\` to its end first`, { file: dir });
  if (record.spanforge_shard !== 1) throw new UserError(`${SHARD_RECORD} is of an unknown version`, { file: dir });
  return { dir, record };
}

const label = (s: LoadedShard) => `shard ${s.record.shard.index}/${s.record.shard.count} (${s.dir})`;

/** The shards in index order, after checking they are all the shards of one run, finished. */
function checkShards(shards: LoadedShard[]): LoadedShard[] {
  const first = shards[0];
  const count = first.record.shard.count;
  for (const s of shards.slice(1)) {
    if (s.record.shard.count !== count) throw new UserError(`${label(s)} is one of ${s.record.shard.count} shards, ${label(first)} one of ${count}: they are not shards of one run`);
    const diffs = configDifferences(first.record.config, s.record.config);
    if (diffs.length) throw new UserError(`${label(s)} is not a shard of the same run as ${label(first)}: what differs: ${describeDifferences(diffs)}`);
  }
  const byIndex = new Map<number, LoadedShard>();
  for (const s of shards) {
    const twin = byIndex.get(s.record.shard.index);
    if (twin) throw new UserError(`shard ${s.record.shard.index}/${count} is given twice: ${twin.dir} and ${s.dir}`);
    byIndex.set(s.record.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) throw new UserError(`${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: pass the run directories of all ${count} shards`);
  for (const s of shards) if (s.record.stopped) throw new UserError(`${label(s)} stopped early (${s.record.stopped}): run its command again to finish it, then merge`);
  return Array.from({ length: count }, (_, i) => byIndex.get(i)!);
}

/** Reads one shard's items, a seed at a time, in its (input) order. */
function lineReader(dir: string): { next: () => Promise<ShardLine | null>; close: () => void } {
  const file = path.join(dir, SHARD_ITEMS);
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const it = rl[Symbol.asyncIterator]();
  return {
    next: async () => {
      const n = await it.next().catch((e: NodeJS.ErrnoException) => {
        throw new UserError(`cannot read: ${e.message}`, { file });
      });
      if (n.done) return null;
      try {
        return JSON.parse(n.value) as ShardLine;
      } catch {
        throw new UserError('holds a line that is not JSON (a damaged file?)', { file });
      }
    },
    close: () => rl.close(),
  };
}

/** The shards' items, handed out seed by seed in input order; every line must be used. */
function replayOf(shards: LoadedShard[], llm: Replay['llm']): Replay & { finish: () => Promise<void>; close: () => void } {
  const readers = shards.map((s) => lineReader(s.dir));
  const { replay, config } = shards[0].record;
  const work = async (seed: Example): Promise<Item[]> => {
    const k = shardOf(seed, shards.length);
    const line = await readers[k].next();
    if (line?.seed !== seed.id) {
      const found = line ? `seed ${line.seed}` : 'its end';
      throw new UserError(`shard ${k}'s items do not follow the input: seed ${seed.id} expected, ${found} found (the shard was made from another input or --limit?)`, { file: path.join(shards[k].dir, SHARD_ITEMS) });
    }
    return line.items as Item[];
  };
  const finish = async () => {
    for (let k = 0; k < readers.length; k++) {
      const extra = await readers[k].next();
      if (extra) throw new UserError(`shard ${k} holds items of seed ${extra.seed}, which the input does not have`, { file: path.join(shards[k].dir, SHARD_ITEMS) });
    }
  };
  return { work, finish, close: () => readers.forEach((r) => r.close()), config, model: replay.model, haveModel: replay.haveModel, llm };
}

type Manifest = { counts?: Record<string, number>; llm?: Record<string, unknown> | null };
type Report = { cost?: { model_answers?: number; prompt_tokens?: number; completion_tokens?: number } };

/** The shards' LLM accounting, summed (none when they asked no model). */
async function summedAccounting(shards: LoadedShard[]): Promise<Replay['llm']> {
  const a: Accounting = { answersUsed: 0, promptTokensUsed: 0, completionTokensUsed: 0, requests: 0, cachedAnswers: 0, promptTokens: 0, completionTokens: 0, retries: 0, reasks: 0, byOperation: {} };
  let provider: { name: string; model: string } | undefined;
  for (const s of shards) {
    const m = (await readJson(path.join(s.dir, 'manifest.json'))) as Manifest | null;
    const r = (await readJson(path.join(s.dir, 'report.json'))) as Report | null;
    const l = m?.llm as (Record<string, number> & { provider: string; model: string; by_operation: Accounting['byOperation'] }) | null | undefined;
    if (!l) continue;
    provider ??= { name: l.provider, model: l.model };
    a.answersUsed += r?.cost?.model_answers ?? 0;
    a.promptTokensUsed += r?.cost?.prompt_tokens ?? 0;
    a.completionTokensUsed += r?.cost?.completion_tokens ?? 0;
    a.requests += l.requests ?? 0;
    a.cachedAnswers += l.cached_answers ?? 0;
    a.retries += l.retries ?? 0;
    a.reasks += l.reasks ?? 0;
    a.promptTokens += l.prompt_tokens ?? 0;
    a.completionTokens += l.completion_tokens ?? 0;
    for (const [op, c] of Object.entries(l.by_operation ?? {})) {
      const t = (a.byOperation[op] ??= { requests: 0, cached: 0, promptTokens: 0, completionTokens: 0 });
      t.requests += c.requests;
      t.cached += c.cached;
      t.promptTokens += c.promptTokens;
      t.completionTokens += c.completionTokens;
    }
  }
  return provider ? { accounting: a, provider } : undefined;
}

/** The input the shards read: where they recorded it, or --input; its content must match. */
async function checkedInput(shards: LoadedShard[], given: string | undefined): Promise<string> {
  const input = given ?? shards[0].record.replay.input;
  const sha = await sha256File(input).catch((e: NodeJS.ErrnoException) => {
    throw new UserError(`cannot read the shards' input: ${e.message}${given ? '' : '; pass --input <file> where it is on this machine'}`, { file: input });
  });
  if (sha !== shards[0].record.config.input) throw new UserError("is not the input the shards read (its SHA-256 differs)", { file: input });
  return input;
}

/**
 * Merge shard runs into the files one unsharded run writes. The merge reads the whole input
 * again and replays, seed by seed in input order, what each seed gave in its shard; what
 * depends on earlier outputs (exact and near duplicates), the statistics and the reports are
 * made here, over the whole, exactly as an unsharded run makes them.
 */
export async function mergeShards(o: MergeOptions): Promise<AugmentResult & { shards: number }> {
  if (o.dirs.length === 0) throw new UserError('merge needs the run directories of the shards');
  // The merged run would replace a shard's files while the merge still reads them.
  const into = o.dirs.find((d) => sameFile(d, o.out));
  if (into !== undefined) throw new UserError('--out is one of the shard directories being merged; choose another output directory', { file: o.out });
  const shards = checkShards(await Promise.all(o.dirs.map(loadShard)));
  const input = await checkedInput(shards, o.input);
  const replay = replayOf(shards, await summedAccounting(shards));
  const r = shards[0].record.replay;
  let result: AugmentResult;
  try {
    result = await runAugment({
      recipe: r.recipe,
      input,
      out: o.out,
      seed: r.seed,
      from: r.from,
      to: r.to,
      inputScheme: r.inputScheme,
      tagColumn: r.tagColumn,
      limit: r.limit,
      variants: r.variants,
      lossy: r.lossy,
      symmetric: r.symmetric,
      force: o.force,
      progress: o.progress,
      replay,
    });
  } finally {
    replay.close();
  }
  await listShards(o.out, shards);
  return { ...result, shards: shards.length };
}

/** The merged manifest lists the shards it was made from. */
async function listShards(out: string, shards: LoadedShard[]): Promise<void> {
  const file = path.join(out, 'manifest.json');
  const manifest = (await readJson(file))!;
  const list = [];
  for (const s of shards) {
    const m = (await readJson(path.join(s.dir, 'manifest.json'))) as Manifest | null;
    list.push({ index: s.record.shard.index, count: s.record.shard.count, dir: path.resolve(s.dir), seeds: s.record.seeds, candidates: m?.counts?.candidates ?? null, llm_requests: (m?.llm?.requests as number | undefined) ?? null });
  }
  await writeFileAtomic(file, JSON.stringify({ ...manifest, shards: list }, null, 2) + '\n');
}
