import path from 'node:path';
import type { Example } from '../core/model.js';
import { contentKey } from '../core/content-key.js';
import { UserError } from '../core/errors.js';
import { AtomicFile, writeFileAtomic } from '../formats/atomic.js';
import type { Item } from './generate.js';
import type { AugmentOptions } from './runner.js';
import type { Accounting } from '../llm/client.js';

/** One of `count` shards of a run (0-based). */
export interface Shard {
  index: number;
  count: number;
}

/** The items each seed of a shard gave, before the order-dependent filters: what `merge` replays. */
export const SHARD_ITEMS = 'shard-items.jsonl';
/** The shard's record: written last, so its presence says the shard finished. */
export const SHARD_RECORD = 'shard.json';

/** Where schedulers put an array task's index: Kubernetes Indexed Jobs, then Slurm arrays. */
const INDEX_VARIABLES = ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID'] as const;

function shardIndexFromEnv(env: NodeJS.ProcessEnv): { index: number; from: string } {
  const name = INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
  if (!name) throw new UserError(`--shard auto/N reads the shard's index from ${INDEX_VARIABLES.join(' or ')}, and neither is set; pass --shard i/N`);
  const raw = env[name]!;
  if (!/^\d+$/.test(raw)) throw new UserError(`--shard auto/N: ${name} is "${raw}", not a non-negative integer`);
  // A Slurm array may start at 1 (--array=1-10): count from its first task.
  const min = name === 'SLURM_ARRAY_TASK_ID' && /^\d+$/.test(env.SLURM_ARRAY_TASK_MIN ?? '') ? Number(env.SLURM_ARRAY_TASK_MIN) : 0;
  const index = Number(raw) - min;
  if (index < 0) throw new UserError(`--shard auto/N: ${name} is "${raw}", below SLURM_ARRAY_TASK_MIN ${min}: the shard's index ${index} is not a non-negative integer`);
  return { index, from: min ? `${name}=${raw} less SLURM_ARRAY_TASK_MIN=${min}` : `${name}=${raw}` };
}

/** `i/N` (0 <= i < N) or `auto/N` (i from the scheduler's environment). */
export function parseShard(spec: string, env: NodeJS.ProcessEnv = process.env): Shard {
  const m = /^(\d+|auto)\/(\d+)$/.exec(spec.trim());
  if (!m) throw new UserError(`--shard must be i/N (e.g. 0/4) or auto/N, got "${spec}"`);
  const count = Number(m[2]);
  if (count < 1) throw new UserError(`--shard ${spec}: the number of shards must be at least 1`);
  const auto = m[1] === 'auto' ? shardIndexFromEnv(env) : null;
  const index = auto ? auto.index : Number(m[1]);
  // From the environment, the variable read is named: the job's own settings are what is wrong.
  if (index >= count) throw new UserError(`--shard ${spec}: the index${auto ? ` ${index} (from ${auto.from})` : ''} must be below ${count} (shards count from 0)`);
  return { index, count };
}

/** The shard a seed belongs to: from its content alone, so neither the input's order nor the
 *  other seeds move it. Equal seeds share a shard. */
export function shardOf(ex: Example, count: number): number {
  return contentKey(ex) % count;
}

/** The seeds of one shard, in input order. */
export async function* seedsOfShard(seeds: Iterable<Example> | AsyncIterable<Example>, shard: Shard): AsyncGenerator<Example> {
  for await (const ex of seeds) if (shardOf(ex, shard.count) === shard.index) yield ex;
}

/** One line of `shard-items.jsonl`: a seed's id and what it gave. */
export interface ShardLine {
  seed: string;
  items: readonly Item[];
}

/** Writes `shard-items.jsonl` as the seeds are worked on; committed with the run's other files. */
export class ShardJournal {
  private constructor(private readonly file: AtomicFile) {}

  static async open(dir: string): Promise<ShardJournal> {
    return new ShardJournal(await AtomicFile.open(path.join(dir, SHARD_ITEMS)));
  }

  async add(seed: Example, items: readonly Item[]): Promise<void> {
    await this.file.write(JSON.stringify({ seed: seed.id, items } satisfies ShardLine) + '\n');
  }

  commit(): Promise<void> {
    return this.file.commit();
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}

/** What a shard's run directory records for `merge`: the shard, its configuration (to refuse
 *  shards of different runs) and the options to replay it. */
export interface ShardRecord {
  spanforge_shard: 1;
  shard: Shard;
  /** The run's configuration without the shard: equal for every shard of one run. */
  config: Record<string, unknown>;
  /** The seeds of this shard (of all the input's). */
  seeds: number;
  /** Why the shard stopped before its last seed (a spent budget), or null. */
  stopped: string | null;
  /** Options of the run, for the merge to read the input and write the same files. */
  replay: ReplayOptions;
}

/** The run's own options that decide its output (a merge reads the input again with them). */
export interface ReplayOptions extends Pick<AugmentOptions, 'recipe' | 'input' | 'seed' | 'from' | 'to' | 'inputScheme' | 'tagColumn' | 'limit' | 'variants' | 'lossy' | 'symmetric'> {
  /** The model of the run's LLM operations, for provenance (none: offline). */
  model?: string;
  provider?: string;
  /** Whether a model was configured (it decides how `long_tail_v1` runs in mode auto). */
  haveModel: boolean;
}

export async function writeShardRecord(dir: string, record: Omit<ShardRecord, 'spanforge_shard'>): Promise<void> {
  await writeFileAtomic(path.join(dir, SHARD_RECORD), JSON.stringify({ spanforge_shard: 1, ...record }, null, 2) + '\n');
}

/** What a merge gives the runner in place of working on seeds. */
export interface Replay {
  /** A seed's items, as its shard recorded them. */
  work: (seed: Example, index: number) => Promise<Item[]>;
  /** The configuration the shards share (the merged directory records it). */
  config: Record<string, unknown>;
  model?: string;
  haveModel: boolean;
  /** The shards' LLM accounting, summed, for the report. */
  llm?: { accounting: Accounting; provider: { name: string; model: string } };
  /** Called after the last seed: fails when a shard holds items of seeds the input lacks. */
  finish: () => Promise<void>;
}

/** The seeds of a merge; after the last, the shards must have no items left. */
export async function* replayedSeeds(seeds: Iterable<Example> | AsyncIterable<Example>, replay: Replay): AsyncGenerator<Example> {
  yield* seeds;
  await replay.finish();
}
