import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, symlinkSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tmpDir } from '../support/paths.js';

/** The first TypeScript block of the README's library section. */
function readmeProgram(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## As a library'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README: no ts block in "As a library"');
  return m[1];
}

/** Newest (or, `oldest`, oldest) modification time of a path and, for a directory, everything under it. */
function mtimeOf(p: string, oldest = false): number {
  if (!existsSync(p)) return oldest ? -Infinity : Infinity;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  // A directory's own time changes when a file in it is added or removed (sources only).
  const times = readdirSync(p).map((f) => mtimeOf(path.join(p, f), oldest));
  if (oldest) return times.length ? Math.min(...times) : -Infinity;
  return Math.max(st.mtimeMs, ...times);
}

/** dist/ was compiled after the last change to anything it is compiled from. */
function distIsFresh(): boolean {
  const sources = ['src', 'cli.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs'].map((f) => mtimeOf(path.join(ROOT, f)));
  return mtimeOf(path.join(ROOT, 'dist'), true) > Math.max(...sources);
}

/**
 * What a user gets from `npm install spanforge`: the packed tarball, unpacked into a
 * node_modules of its own. Its dependencies are linked from ours: `npm install <tarball>
 * --offline` cannot resolve their version ranges after `npm ci` (the cache holds tarballs, not
 * the registry's metadata), and tests reach no network.
 */
describe('the packed package', () => {
  let files: string[] = [];
  let app = '';
  let nm = '';
  const run = (args: string[], cwd = app) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });

  beforeAll(() => {
    const dir = tmpDir();
    // npm pack runs prepare, which compiles dist/ first; not again when dist/ is newer than
    // every source (as `npm ci` leaves it on CI): that compile is a CPU-bound tsc run.
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir, ...(distIsFresh() ? ['--ignore-scripts'] : [])], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    files = info.files.map((f) => f.path);
    app = path.join(dir, 'app');
    nm = path.join(app, 'node_modules');
    mkdirSync(nm, { recursive: true });
    const untar = spawnSync('tar', ['xzf', path.join(dir, info.filename), '-C', nm], { encoding: 'utf8' });
    expect(untar.status, untar.stderr).toBe(0);
    renameSync(path.join(nm, 'package'), path.join(nm, 'spanforge'));
    for (const dep of readdirSync(path.join(ROOT, 'node_modules'))) {
      if (dep !== '.bin' && dep !== 'spanforge' && !existsSync(path.join(nm, dep))) symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(nm, dep));
    }
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  }, 240_000);

  it('ships the compiled CLI and library, not the sources', () => {
    for (const f of ['bin/spanforge.js', 'dist/cli.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'recipes/sda.yaml', 'recipes/examples/seeds.json', 'README.md']) expect(files).toContain(f);
    // Nothing of the sources, tests, benchmarks or local runs ships; no source maps to missing sources.
    expect(files.filter((f) => /^(src\/|tests\/|bench\/|cli\.ts$|tsconfig|outputs\/(?!README))|\.map$/.test(f))).toEqual([]);
    // The installed CLI runs without tsx.
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
  });

  it('installs a working `spanforge` command', () => {
    const bin = path.join(nm, 'spanforge', 'bin', 'spanforge.js');
    const version = run([bin, '--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    // Built-in recipes are found by name from inside the installed package.
    const r = run([bin, 'augment', 'sda', '--input', path.join(nm, 'spanforge/recipes/examples/seeds.json'), '--out', 'run', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(path.join(app, 'run')).sort()).toEqual(['.spanforge-run.json', 'augmented.json', 'manifest.json', 'provenance.jsonl', 'rejected.jsonl', 'report.html', 'report.json'].sort());
  });

  it("compiles the README's library program under strict, and it gives the CLI's examples for the same seed", () => {
    writeFileSync(path.join(app, 'main.ts'), readmeProgram());
    // A user's strict project, as `tsc --init` makes one (skipLibCheck: checking every
    // dependency's declarations would take four times as long and test theirs, not ours).
    const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, outDir: 'build', types: ['node'] }, files: ['main.ts'] };
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = run([path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    const prog = run([path.join('build', 'main.js')]);
    expect(prog.stderr).toBe('');
    expect(prog.status).toBe(0);
    const lines = prog.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^36 seeds -> \d+ examples, \d+ rejected$/);
    expect(lines.at(-1)).toBe('missing.json: no such file');

    const cli = run([path.join(nm, 'spanforge/bin/spanforge.js'), 'augment', path.join(nm, 'spanforge/recipes/sda.yaml'), '--input', path.join(nm, 'spanforge/recipes/examples/seeds.json'), '--seed', '1', '--out', 'cli-run', '--quiet']);
    expect(cli.status, cli.stderr).toBe(0);
    const mine = readFileSync(path.join(app, 'out/augmented.json'));
    expect(mine.equals(readFileSync(path.join(app, 'cli-run/augmented.json')))).toBe(true);
    const count = (JSON.parse(mine.toString()) as unknown[]).length;
    expect(lines[0]).toBe(`36 seeds -> ${count} examples, ${readFileSync(path.join(app, 'cli-run/rejected.jsonl'), 'utf8').trim().split('\n').length} rejected`);
  }, 120_000);
});
