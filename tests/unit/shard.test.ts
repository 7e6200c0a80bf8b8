import { describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/pipeline/shard.js';
import type { Example } from '../../src/core/model.js';

const ex = (id: string, words: string): Example => ({ id, tokens: words.split(' '), entities: [{ start: 0, end: 1, type: 'PER' }], relations: [] });

describe('parseShard', () => {
  it('reads i/N, and auto/N from the Kubernetes or Slurm variable', () => {
    expect(parseShard('2/5', {})).toEqual({ index: 2, count: 5 });
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '1' })).toEqual({ index: 1, count: 4 });
    // A Slurm array numbered 1..4 counts from its first task.
    expect(parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 3, count: 4 });
  });

  it('refuses what is no shard, with the reason', () => {
    expect(() => parseShard('3/3', {})).toThrow(/below 3/);
    expect(() => parseShard('0/0', {})).toThrow(/at least 1/);
    expect(() => parseShard('1-3', {})).toThrow(/must be i\/N/);
    expect(() => parseShard('auto/3', {})).toThrow(/JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID/);
    expect(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: 'x' })).toThrow(/not a non-negative integer/);
    // The variable read is named: the job's own settings are what is wrong.
    expect(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: '5' })).toThrow('--shard auto/3: the index 5 (from JOB_COMPLETION_INDEX=5) must be below 3');
    expect(() => parseShard('auto/3', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1' })).toThrow('the index 3 (from SLURM_ARRAY_TASK_ID=4 less SLURM_ARRAY_TASK_MIN=1) must be below 3');
    expect(() => parseShard('3/3', {})).toThrow('--shard 3/3: the index must be below 3');
    // A Slurm task below the array's first (counted from it): a negative index, refused alike.
    expect(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: '-1' })).toThrow(/not a non-negative integer/);
    expect(() => parseShard('auto/3', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '1' })).toThrow(/SLURM_ARRAY_TASK_ID is "0", below SLURM_ARRAY_TASK_MIN 1: the shard's index -1 is not a non-negative integer/);
    expect(parseShard('auto/3', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 0, count: 3 });
  });
});

describe('shardOf', () => {
  it('depends on the content alone, not on the id or the position', () => {
    const words = Array.from({ length: 60 }, (_, i) => `Name${i} went to town ${i}`);
    const a = words.map((w, i) => shardOf(ex(String(i), w), 4));
    const b = [...words].reverse().map((w, i) => shardOf(ex(`other-${i}`, w), 4)).reverse();
    expect(b).toEqual(a);
    // Every shard gets some of 60 seeds.
    expect(new Set(a).size).toBe(4);
  });
});
