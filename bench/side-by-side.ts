/**
 * Issue 13's whole-process figures: the compiled CLI (`node bin/spanforge.js`, dist/ when it is
 * built and fresh) on CoNLL-2003 train, a plain convert and two offline recipes side by side,
 * in turn, best of 3. Targets: noise (1 variant) at most 1.5x the convert, sda (2 variants) 2x.
 * Each recipe also runs with every operation's rate at 0 (`*_off`): every candidate is its seed
 * unchanged, rejected as such when made, so no check runs and only the seeds are written. What
 * is left is reading, the seed pass (corpus evidence, the fluency model's counts), the candidate
 * loop and the side files: a lower bound of the run, which no faster operation goes below.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { round } from './lib.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = path.resolve(ROOT, '../shared/data/conll2003/train.txt');

/** CPU seconds (user + sys) of this process's reaped children; null where /proc is absent. */
function childCpu(): number | null {
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 Hz on Linux).
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return null;
  }
}

/** The parameters that say how often an operation changes a unit (a word, a mention, a gap). */
const RATES = new Set(['p', 'rate', 'insert', 'delete', 'swap', 'punctuation']);

/** A copy of a recipe whose operations change nothing (every rate 0), written to `dir`. */
function switchedOff(recipe: string, dir: string): string {
  const r = parse(readFileSync(path.join(ROOT, recipe), 'utf8')) as { name: string; operations: Array<Record<string, unknown>> };
  for (const op of r.operations) for (const k of Object.keys(op)) if (RATES.has(k) && typeof op[k] === 'number') op[k] = 0;
  const file = path.join(dir, `${r.name}-off.yaml`);
  writeFileSync(file, stringify(r));
  return file;
}

const commands = (offDir: string): Record<string, string[]> => ({
  convert: ['convert', INPUT, '$DIR/conv.json', '--to', 'spert', '--quiet'],
  noise: ['augment', 'recipes/noise.yaml', '--input', INPUT, '--variants', '1', '--out', '$DIR/noise', '--quiet'],
  sda: ['augment', 'recipes/sda.yaml', '--input', INPUT, '--variants', '2', '--out', '$DIR/sda', '--quiet'],
  noise_off: ['augment', switchedOff('recipes/noise.yaml', offDir), '--input', INPUT, '--variants', '1', '--out', '$DIR/noise', '--quiet'],
  sda_off: ['augment', switchedOff('recipes/sda.yaml', offDir), '--input', INPUT, '--variants', '2', '--out', '$DIR/sda', '--quiet'],
});

function once(args: string[]): { wall: number; cpu: number | null } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-side-'));
  const cpu0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/spanforge.js'), ...args.map((a) => a.replace('$DIR', dir))], { cwd: ROOT, encoding: 'utf8' });
  const wall = performance.now() - t0;
  const cpu1 = childCpu();
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(r.stderr);
  return { wall: wall / 1000, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

function ratios(t: Record<string, number | null>, ratio: (a: number | null, b: number | null) => number | null) {
  return {
    noise_variants_1_to_convert: ratio(t.noise, t.convert),
    sda_variants_2_to_convert: ratio(t.sda, t.convert),
    noise_off_to_convert: ratio(t.noise_off, t.convert),
    sda_off_to_convert: ratio(t.sda_off, t.convert),
  };
}

export async function benchSideBySide(runs = 3) {
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const offDir = mkdtempSync(path.join(os.tmpdir(), 'sf-side-recipes-'));
  const COMMANDS = commands(offDir);
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of Object.entries(COMMANDS)) {
        const r = once(args);
        (wall[name] ??= []).push(r.wall);
        if (r.cpu !== null) (cpu[name] ??= []).push(r.cpu);
      }
    }
  } finally {
    rmSync(offDir, { recursive: true, force: true });
  }
  const best = (xs: number[] | undefined) => (xs?.length ? Math.min(...xs) : null);
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? round(a / b, 2) : null);
  const w = Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, best(wall[k])]));
  const c = Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, best(cpu[k])]));
  return {
    note: `whole \`node bin/spanforge.js\` processes on conll2003/train.txt, in turn, best of ${runs}; cpu = user + sys of the process (Linux only)`,
    wall_s: Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v === null ? null : round(v, 2)])),
    cpu_s: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v === null ? null : round(v, 2)])),
    ratio_wall: ratios(w, ratio),
    ratio_cpu: ratios(c, ratio),
    targets: { noise_variants_1_to_convert: 1.5, sda_variants_2_to_convert: 2 },
    off_note: '*_off: the recipe with every operation rate at 0: every candidate is its seed unchanged and rejected when made (no check runs, only the seeds are written); reading, the seed pass, the candidate loop and the side files remain: a lower bound of the run',
  };
}
