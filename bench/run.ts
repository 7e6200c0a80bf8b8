/** `npm run bench`: every benchmark, one JSON object on stdout. `--only formats` runs one group. */
import { benchFormats } from './formats.js';
import { benchAugment } from './augment.js';
import { benchLlm } from './llm.js';
import { benchEvaluate } from './evaluate.js';
import { benchMerge } from './merge.js';
import { benchBatch } from './batch.js';
import { benchBatchCycle } from './batch-cycle.js';
import { benchSideBySide } from './side-by-side.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const only = arg('--only');
/** `evaluate`'s samples: `--samples 20` of them from `--first-sample 1` (default 5 from 1). */
const whole = (name: string, dflt: number) => {
  const v = arg(name);
  if (v === undefined) return dflt;
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`${name} takes a whole number from 1, got '${v}'`);
  return Number(v);
};
const samples = whole('--samples', 5);
const firstSample = whole('--first-sample', 1);
const groups: Record<string, () => Promise<unknown>> = {
  formats: () => benchFormats(),
  augment: () => benchAugment(),
  llm: () => benchLlm(),
  evaluate: () => benchEvaluate(samples, 100, firstSample),
  merge: () => benchMerge(),
  batch: () => benchBatch(),
  // 1,000 seeds (issue 13): npx tsx bench/batch-cycle.ts --seeds 1000
  batch_cycle: () => benchBatchCycle(100),
  side_by_side: () => benchSideBySide(),
};

const result: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };
for (const [name, run] of Object.entries(groups)) {
  if (only && only !== name) continue;
  process.stderr.write(`bench: ${name}...\n`);
  result[name] = await run();
}
console.log(JSON.stringify(result, null, 2));
