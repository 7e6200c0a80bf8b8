import { describe, expect, it } from 'vitest';
import { unchangedHint } from '../../src/commands/unchanged-hint.js';
import { summarize } from '../../src/commands/augment.js';
import type { AugmentResult } from '../../src/pipeline/runner.js';

const ops = {
  mention_replacement_v2: { candidates: 72, accepted: 1, rejected: { unchanged: 70, duplicate_output: 1 } },
  synonym_replacement_v2: { candidates: 72, accepted: 0, rejected: { unchanged: 72 } },
  other_op: { candidates: 4, accepted: 4, rejected: {} },
};
const run = (unchanged: number, candidates: number): AugmentResult => ({
  outDir: 'out', files: ['augmented.json'], seeds: 36, candidates, accepted: candidates - unchanged, rejected: unchanged,
  written: 36 + candidates - unchanged, dropped: {} as AugmentResult['dropped'], lossy: false, byOperation: ops,
  rejectedByReason: unchanged ? { unchanged } : {}, dryRun: false, warnings: [],
});

describe('the line for a run of mostly unchanged candidates', () => {
  it('names each operation that changed nothing, most first, with its counts', () => {
    const lines = unchangedHint(run(142, 148));
    expect(lines[0]).toBe('142 of 148 candidates are their seed unchanged (synonym_replacement_v2 72 of 72, mention_replacement_v2 70 of 72): no operation found a change that fits its rules.');
    expect(lines[1]).toMatch(/more seeds give more copies/);
  });

  it('is shown from half of the candidates on, and not below or for an empty run', () => {
    expect(unchangedHint(run(74, 148))).toHaveLength(2);
    expect(unchangedHint(run(73, 148))).toEqual([]);
    expect(unchangedHint(run(0, 0))).toEqual([]);
  });

  it('comes right after the counts in the run summary', () => {
    const lines = summarize(run(142, 148)).split('\n');
    expect(lines[0]).toMatch(/^36 seeds -> 148 candidates/);
    expect(lines[1]).toMatch(/^142 of 148 candidates are their seed unchanged/);
    expect(summarize(run(10, 148)).split('\n')[1]).toMatch(/^wrote /);
  });
});
