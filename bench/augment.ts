/** Variants per second of recipes/sda.yaml on CoNLL-2003 train, and its time against a plain convert. */
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { convert } from '../src/commands/convert.js';
import { loadRecipe } from '../src/pipeline/recipe.js';
import { runAugment } from '../src/pipeline/runner.js';
import { medianMs, round } from './lib.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = path.resolve(ROOT, '../shared/data/conll2003/train.txt');

function wallMs(args: string[], runs: number): number {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-'));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli.ts'), ...args.map((a) => a.replace('$DIR', dir))], { cwd: ROOT, encoding: 'utf8' });
    all.push(performance.now() - t0);
    rmSync(dir, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(r.stderr);
  }
  all.sort((a, b) => a - b);
  return all[all.length >> 1];
}

export async function benchAugment(runs = 5) {
  const recipe = loadRecipe(path.join(ROOT, 'recipes/sda.yaml'));
  let candidates = 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-'));
  const aug = await medianMs(runs, async () => {
    const r = await runAugment({ recipe, input: INPUT, out: path.join(dir, 'aug'), seed: 1, force: true });
    candidates = r.candidates;
  });
  const conv = await medianMs(runs, () => convert(INPUT, path.join(dir, 'conv.txt'), {}));
  rmSync(dir, { recursive: true, force: true });
  const cliAug = wallMs(['augment', 'recipes/sda.yaml', '--input', INPUT, '--out', '$DIR/aug', '--seed', '1', '--quiet'], 3);
  const cliConv = wallMs(['convert', INPUT, '$DIR/conv.txt'], 3);
  return {
    input: 'conll2003/train.txt',
    recipe: 'recipes/sda.yaml',
    variants_per_seed: recipe.variants,
    candidates,
    in_process: {
      augment_ms_median: round(aug.median, 0),
      augment_ms_runs: aug.all,
      variants_per_second: Math.round(candidates / (aug.median / 1000)),
      convert_ms_median: round(conv.median, 0),
      ratio_augment_to_convert: round(aug.median / conv.median, 2),
    },
    command_line: {
      note: 'whole `tsx cli.ts` processes, start-up included, median of 3',
      augment_ms: round(cliAug, 0),
      convert_ms: round(cliConv, 0),
      ratio_augment_to_convert: round(cliAug / cliConv, 2),
    },
  };
}
