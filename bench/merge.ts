/** Merging 10 shards of recipes/sda.yaml on all of CoNLL-2003 train, against the runs themselves. */
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadRecipe } from '../src/pipeline/recipe.js';
import { runAugment } from '../src/pipeline/runner.js';
import { mergeShards } from '../src/pipeline/merge.js';
import { round } from './lib.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = path.resolve(ROOT, '../shared/data/conll2003/train.txt');
const SAME = ['augmented.txt', 'rejected.jsonl', 'provenance.jsonl'];

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function benchMerge(shards = 10, merges = 3) {
  const recipe = loadRecipe(path.join(ROOT, 'recipes/sda.yaml'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-merge-'));
  try {
    const whole = path.join(dir, 'whole');
    const wholeMs = await timed(() => runAugment({ recipe, input: INPUT, out: whole, seed: 1 }));
    const dirs = Array.from({ length: shards }, (_, i) => path.join(dir, `shard-${i}`));
    const shardMs: number[] = [];
    for (const [index, out] of dirs.entries()) shardMs.push(await timed(() => runAugment({ recipe, input: INPUT, out, seed: 1, shard: { index, count: shards } })));
    const mergeMs: number[] = [];
    for (let k = 0; k < merges; k++) mergeMs.push(await timed(() => mergeShards({ dirs, out: path.join(dir, 'merged'), force: true })));
    const identical = SAME.every((f) => readFileSync(path.join(whole, f)).equals(readFileSync(path.join(dir, 'merged', f))));
    const sorted = [...mergeMs].sort((a, b) => a - b);
    return {
      input: 'conll2003/train.txt',
      recipe: 'recipes/sda.yaml',
      shards,
      note: 'in process, one after another on this machine; each shard reads the whole input',
      unsharded_ms: Math.round(wholeMs),
      shard_ms: shardMs.map(Math.round),
      shard_ms_max: Math.round(Math.max(...shardMs)),
      merge_ms_median: Math.round(sorted[sorted.length >> 1]),
      merge_ms_runs: mergeMs.map(Math.round),
      ratio_merge_to_unsharded: round(sorted[sorted.length >> 1] / wholeMs, 2),
      byte_identical: identical,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
