import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { data, ROOT, tmpDir } from '../support/paths.js';

describe('an interrupted command leaves no half-written file', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`convert stopped by ${signal} leaves neither the output nor its temporary file`, async () => {
      const dir = tmpDir();
      const big = path.join(dir, 'big.txt');
      const train = readFileSync(data('conll2003/train.txt'));
      writeFileSync(big, Buffer.concat(new Array(15).fill(train)));
      const out = path.join(dir, 'out', 'big.conll');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(path.dirname(out));
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli.ts'), 'convert', big, out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      // Wait until the temporary file exists: the write is under way.
      const deadline = Date.now() + 20_000;
      while (readdirSync(path.dirname(out)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(readdirSync(path.dirname(out)).some((f) => f.includes('.tmp-'))).toBe(true);
      child.kill(signal);
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(readdirSync(path.dirname(out))).toEqual([]);
      // convert keeps nothing to resume from: the line must not promise a resume.
      expect(stderr).toBe('spanforge: interrupted; no output file was written in part (each is written whole or not at all)\n');
    });
  }
});

/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole process group (npx, tsx and the node
 * processes under them). tsx kills a child that does not answer its relay within a few ms, so
 * `npx tsx cli.ts` is tried too, not only the README's compiled command.
 */
describe('Ctrl-C during augment', () => {
  const commands: Array<[string, string[]]> = [
    ["the README's command (node bin/spanforge.js)", [process.execPath, path.join(ROOT, 'bin/spanforge.js')]],
    ['npx tsx cli.ts', ['npx', 'tsx', 'cli.ts']],
  ];
  for (const [name, cmd] of commands) {
    it(`through ${name}: no temporary file left, one line, exit 130`, async () => {
      const out = path.join(tmpDir(), 'run');
      const args = [...cmd.slice(1), 'augment', 'sda', '--input', data('conll2003/train.txt'), '--out', out, '--quiet'];
      const child = spawn(cmd[0], args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      // As a shell reports it: 128 + the signal's number for a process a signal ended (npm does).
      const exited = new Promise<number | null>((r) => child.on('exit', (c, sig) => r(c ?? (sig === 'SIGINT' ? 130 : null))));
      // The augmented file under way (the run directory's marker is written first).
      const temps = () => (existsSync(out) ? readdirSync(out).filter((f) => f.startsWith('.augmented.') && f.includes('.tmp-')) : []);
      const deadline = Date.now() + 50_000;
      while (temps().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(temps().length).toBeGreaterThan(0);
      process.kill(-child.pid!, 'SIGINT');
      expect(await exited).toBe(130);
      // Only the marker that lets the same command resume: no temporary file, no half-written one.
      expect(readdirSync(out)).toEqual(['.spanforge-run.json']);
      expect(stderr).toBe('spanforge: interrupted, run the same command again to resume\n');
    }, 90_000);
  }
});
