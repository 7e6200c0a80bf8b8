import { describe, expect, it } from 'vitest';
import { RunOutputs } from '../../src/pipeline/outputs.js';
import type { Item } from '../../src/pipeline/generate.js';
import type { Example } from '../../src/core/model.js';

const ex: Example = { id: 's1', tokens: ['a', 'b'], entities: [], relations: [] };
const step = (op: string, k: number) => ({ op, step: k, params: {} });

describe('per-operation change counts', () => {
  it('count a try for every operation applied, a change only for a candidate it changed, a keep only when written', async () => {
    const out = new RunOutputs({ llmOps: new Set(['llm_op']) });
    // Chained: both tried, only `a` changed it; then written.
    const chained: Item = { kind: 'candidate', example: { ...ex, tokens: ['x', 'b'] }, op: 'a', variant: 0, id: 's1~1', trace: [step('a', 0)], tried: ['a', 'b'] };
    out.tally(chained);
    await out.written(chained.example, ex, chained);
    // Neither changed anything.
    out.tally({ kind: 'rejected', example: ex, op: 'a+b', variant: 1, id: 's1~2', trace: [], tried: ['a', 'b'], reason: 'unchanged', detail: '' });
    // A model answer that could not be used: tried, changed nothing (its trace names the operation).
    out.tally({ kind: 'rejected', example: ex, op: 'llm_op', variant: 0, id: 's1~3', trace: [step('llm_op', 2)], reason: 'invalid_output', detail: '' });
    // A change the checks rejected (not fluent): it changed the seed, and was not kept.
    out.tally({ kind: 'rejected', example: { ...ex, tokens: ['y', 'b'] }, op: 'a', variant: 2, id: 's1~4', trace: [step('a', 0)], tried: ['a'], reason: 'not_fluent', detail: '', checked: true });
    expect(out.changes).toEqual({ a: { tried: 3, changed: 2, accepted: 1 }, b: { tried: 2, changed: 0, accepted: 0 }, llm_op: { tried: 1, changed: 0, accepted: 0 } });
  });
});
