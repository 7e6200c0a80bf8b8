// Compiles cli.ts and src/ into dist/ (run by `npm ci` / `npm install` through `prepare`, and
// before `npm pack`). It compiles into a new directory and swaps it in with two renames: no
// stale file of a removed source survives, and a spanforge started meanwhile (a test beside
// `npm pack`) finds a whole dist/ or none (then bin/spanforge.js runs the sources).
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const fresh = path.join(root, `.dist-new-${process.pid}`);
const old = path.join(root, `.dist-old-${process.pid}`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', fresh], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(fresh, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
if (existsSync(dist)) renameSync(dist, old);
renameSync(fresh, dist);
rmSync(old, { recursive: true, force: true });
