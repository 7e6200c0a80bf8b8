import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, symlinkSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tmpDir } from '../support/paths.js';

/**
 * What a user gets from `npm install spanforge`: the packed tarball, unpacked into a
 * node_modules of its own (dependencies linked from ours, since tests reach no registry).
 */
describe('the packed package', () => {
  it('installs a working `spanforge` command and a typed library entry', () => {
    const dir = tmpDir();
    // npm pack runs prepack, which compiles dist/ (the library entry) first.
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = info.files.map((f) => f.path);
    for (const f of ['bin/spanforge.js', 'cli.ts', 'recipes/sda.yaml', 'recipes/examples/seeds.json', 'dist/src/index.js', 'dist/src/index.d.ts']) {
      expect(files).toContain(f);
    }
    // Nothing of the tests, benchmarks or local runs ships.
    expect(files.filter((f) => /^(tests|bench|outputs\/(?!README))/.test(f))).toEqual([]);

    const nm = path.join(dir, 'app', 'node_modules');
    mkdirSync(nm, { recursive: true });
    const untar = spawnSync('tar', ['xzf', path.join(dir, info.filename), '-C', nm], { encoding: 'utf8' });
    expect(untar.status, untar.stderr).toBe(0);
    renameSync(path.join(nm, 'package'), path.join(nm, 'spanforge'));
    for (const dep of readdirSync(path.join(ROOT, 'node_modules'))) {
      if (dep !== '.bin' && !existsSync(path.join(nm, dep))) symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(nm, dep));
    }
    const app = path.join(dir, 'app');

    const bin = path.join(nm, 'spanforge', 'bin', 'spanforge.js');
    const version = spawnSync(process.execPath, [bin, '--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    // Built-in recipes are found by name from inside the installed package.
    const run = spawnSync(process.execPath, [bin, 'augment', 'sda', '--input', path.join(nm, 'spanforge/recipes/examples/seeds.json'), '--out', 'run', '--quiet'], { cwd: app, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(app, 'run')).sort()).toEqual(['.spanforge-run.json', 'augmented.json', 'manifest.json', 'provenance.jsonl', 'rejected.jsonl', 'report.html', 'report.json'].sort());

    const lib = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import { FORMATS, replaceRange } from 'spanforge'; const r = replaceRange({ id: 'x', tokens: ['a', 'Paris', 'b'], entities: [{ start: 1, end: 2, type: 'LOC' }], relations: [] }, 0, 1, ['an', 'old']); console.log(FORMATS.length > 5, r.example.entities[0].start)"],
      { cwd: app, encoding: 'utf8' },
    );
    expect(lib.stderr).toBe('');
    expect(lib.stdout.trim()).toBe('true 2');
  }, 120_000);
});
