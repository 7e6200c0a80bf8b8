/**
 * Issue 13's whole-process figures: the compiled CLI (`node bin/spanforge.js`, dist/ when it is
 * built and fresh) on CoNLL-2003 train, a plain convert and two offline recipes side by side,
 * in turn, best of 3. Targets: noise (1 variant) at most 1.5x the convert, sda (2 variants) 2x.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

const COMMANDS: Record<string, string[]> = {
  convert: ['convert', INPUT, '$DIR/conv.json', '--to', 'spert', '--quiet'],
  noise: ['augment', 'recipes/noise.yaml', '--input', INPUT, '--variants', '1', '--out', '$DIR/noise', '--quiet'],
  sda: ['augment', 'recipes/sda.yaml', '--input', INPUT, '--variants', '2', '--out', '$DIR/sda', '--quiet'],
};

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

export async function benchSideBySide(runs = 3) {
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(COMMANDS)) {
      const r = once(args);
      (wall[name] ??= []).push(r.wall);
      if (r.cpu !== null) (cpu[name] ??= []).push(r.cpu);
    }
  }
  const best = (xs: number[] | undefined) => (xs?.length ? Math.min(...xs) : null);
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? round(a / b, 2) : null);
  const w = Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, best(wall[k])]));
  const c = Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, best(cpu[k])]));
  return {
    note: `whole \`node bin/spanforge.js\` processes on conll2003/train.txt, in turn, best of ${runs}; cpu = user + sys of the process (Linux only)`,
    wall_s: Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v === null ? null : round(v, 2)])),
    cpu_s: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v === null ? null : round(v, 2)])),
    ratio_wall: { noise_variants_1_to_convert: ratio(w.noise, w.convert), sda_variants_2_to_convert: ratio(w.sda, w.convert) },
    ratio_cpu: { noise_variants_1_to_convert: ratio(c.noise, c.convert), sda_variants_2_to_convert: ratio(c.sda, c.convert) },
    targets: { noise_variants_1_to_convert: 1.5, sda_variants_2_to_convert: 2 },
  };
}
