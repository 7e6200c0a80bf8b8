import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
      // Wait until the temporary file exists: the write is under way.
      const deadline = Date.now() + 20_000;
      while (readdirSync(path.dirname(out)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(readdirSync(path.dirname(out)).some((f) => f.includes('.tmp-'))).toBe(true);
      child.kill(signal);
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(readdirSync(path.dirname(out))).toEqual([]);
    });
  }
});
