import type { AugmentResult } from '../pipeline/runner.js';
import { UNCHANGED } from '../pipeline/generate.js';

/**
 * A line for a run whose candidates are mostly their seed unchanged: which operations found
 * nothing that fits their rules. A run on a few dozen seeds often ends so (the README's demo:
 * 1 copy of 36 seeds), and the plain counts read like a fault; the rules draw their evidence
 * from the seeds, so the fix is more seeds, or a rule turned off where its loss is acceptable.
 */
export function unchangedHint(r: Pick<AugmentResult, 'candidates' | 'byOperation' | 'rejectedByReason'>): string[] {
  const n = r.rejectedByReason[UNCHANGED] ?? 0;
  if (r.candidates === 0 || n * 2 < r.candidates) return [];
  const ops = Object.entries(r.byOperation)
    .map(([op, c]) => ({ op, unchanged: c.rejected[UNCHANGED] ?? 0, candidates: c.candidates }))
    .filter((o) => o.unchanged > 0)
    .sort((a, b) => b.unchanged - a.unchanged || a.op.localeCompare(b.op));
  const per = ops.map((o) => `${o.op} ${o.unchanged} of ${o.candidates}`).join(', ');
  return [
    `${n} of ${r.candidates} candidates are their seed unchanged (${per}): no operation found a change that fits its rules.`,
    `  Most rules draw their evidence from the seeds (which names fit a slot, which synonyms read clearly), so more seeds give more copies; the recipe's comments say what each rule keeps out and how to turn it off.`,
  ];
}
