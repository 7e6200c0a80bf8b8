/** `npm run bench`: every benchmark, one JSON object on stdout. `--only formats` runs one group. */
import { benchFormats } from './formats.js';
import { benchAugment } from './augment.js';
import { benchLlm } from './llm.js';
import { benchEvaluate } from './evaluate.js';
import { benchMerge } from './merge.js';
import { benchBatch } from './batch.js';
import { benchBatchCycle } from './batch-cycle.js';
import { benchSideBySide } from './side-by-side.js';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const groups: Record<string, () => Promise<unknown>> = {
  formats: () => benchFormats(),
  augment: () => benchAugment(),
  llm: () => benchLlm(),
  evaluate: () => benchEvaluate(),
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
