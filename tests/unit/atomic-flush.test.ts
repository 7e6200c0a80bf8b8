import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtomicFile } from '../../src/formats/atomic.js';

/** Chunks of many sizes (up to half a buffer), some with multi-byte characters, ~9 MB in all:
 *  several flushes, with the next buffer filled while the one before is written. */
function chunks(): string[] {
  const out: string[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let k = 0; k < 120; k++) {
    const len = 1 + (next() % 150_000);
    const unit = k % 5 === 0 ? 'é€' : k % 7 === 0 ? '\u{1F600}' : String.fromCharCode(97 + (k % 26));
    out.push(`<${k}>` + unit.repeat(Math.ceil(len / unit.length)) + '\n');
  }
  return out;
}

describe('AtomicFile with two buffers in flight', () => {
  it('writes every chunk in order, awaiting only what write returns', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-atomic-'));
    const target = path.join(dir, 'out.txt');
    const f = await AtomicFile.open(target);
    const all = chunks();
    let waits = 0;
    for (const c of all) {
      const p = f.write(c);
      if (p) {
        waits++;
        await p;
      }
    }
    await f.commit({ sync: false });
    expect(readFileSync(target, 'utf8')).toBe(all.join(''));
    expect(readdirSync(dir)).toEqual(['out.txt']);
    // Most chunks are buffered without a promise.
    expect(waits).toBeLessThan(all.length / 4);
  });

  it('a write that fails comes out as an error (a later write or commit), and no file is left', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-atomic-'));
    const target = path.join(dir, 'out.txt');
    const f = await AtomicFile.open(target);
    // The handle closed under it: every write to disk fails (EBADF).
    await (f as unknown as { fh: { close(): Promise<void> } }).fh.close();
    const run = async () => {
      for (const c of chunks()) {
        const p = f.write(c);
        if (p) await p;
      }
      await f.commit({ sync: false });
    };
    await expect(run()).rejects.toThrow(/cannot write/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
