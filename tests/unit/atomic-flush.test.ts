import { describe, expect, it, vi } from 'vitest';
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

/** A file handle whose writes finish in the order a test says (a slow disk thread), each one's
 *  bytes landing in the file when it finishes. */
function slowHandle(delays: number[]) {
  const landed: string[] = [];
  let calls = 0;
  return {
    landed,
    handle: {
      write(data: Buffer, off: number, len: number) {
        const bytes = Buffer.from(data.subarray(off, off + len)).toString('utf8');
        const ms = delays[calls++] ?? 0;
        return new Promise<{ bytesWritten: number }>((resolve) => setTimeout(() => (landed.push(bytes), resolve({ bytesWritten: len })), ms));
      },
      close: async () => undefined,
    },
  };
}

type Internals = { fh: unknown; flushing: Promise<void> };

describe('AtomicFile with two buffers in flight', () => {
  it('lets the writer go on while one buffer is written, and waits while two are', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-atomic-'));
    const f = await AtomicFile.open(path.join(dir, 'out.txt'));
    const slow = slowHandle([40, 5, 5, 5]);
    // The real handle is closed before the fake takes its place (left open, GC would close it).
    await (f as unknown as { fh: { close(): Promise<void> } }).fh.close();
    (f as unknown as Internals).fh = slow.handle;
    // 0.6 M characters: three fill a 2 MB buffer past the worst case of the next.
    const chunk = (c: string) => c.repeat(600_000);
    expect(f.write(chunk('a'))).toBeUndefined();
    // The first buffer goes to disk; nothing was in flight: no wait.
    expect(f.write(chunk('b'))).toBeUndefined();
    // The second goes while the first is still being written: wait for the first.
    const p = f.write(chunk('c'));
    expect(p).toBeInstanceOf(Promise);
    await p;
    await (f as unknown as Internals).flushing;
    // All written: the next flush has nothing in flight before it.
    expect(f.write(chunk('d'))).toBeUndefined();
    await (f as unknown as Internals).flushing;
    // The slow first write still lands first.
    expect(slow.landed.map((b) => b[0])).toEqual(['a', 'b', 'c']);
    await f.abort();
  });

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

  it('a write that fails while the writer is busy elsewhere is not an unhandled rejection', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-atomic-'));
    const target = path.join(dir, 'out.txt');
    const f = await AtomicFile.open(target);
    await (f as unknown as { fh: { close(): Promise<void> } }).fh.close();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(f.write('x'.repeat(600_000))).toBeUndefined();
      expect(f.write('y'.repeat(600_000))).toBeUndefined(); // a flush, which fails on its own
      await new Promise((r) => setTimeout(r, 50));
      // The next flush gives the error at once, and so does commit.
      await expect(f.write('z'.repeat(600_000))).rejects.toThrow(/cannot write/);
      await expect(f.commit({ sync: false })).rejects.toThrow(/cannot write/);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
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

describe('an interrupt while a temporary file is being opened', () => {
  it('finds it registered: the cleanup an interrupt runs removes it', async () => {
    const { cleanupTemps } = await import('../../src/formats/atomic.js');
    const { promises: fsp } = await import('node:fs');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-atomic-'));
    const realOpen = fsp.open.bind(fsp);
    // The interrupt's cleanup runs while the open is in flight (the signal comes between turns).
    const spy = vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const fh = await realOpen(...args);
      cleanupTemps();
      return fh;
    });
    let left: string[];
    try {
      const f = await AtomicFile.open(path.join(dir, 'out.txt'));
      // As the process would leave it (the interrupt exits before any abort).
      left = readdirSync(dir);
      await f.abort();
    } finally {
      spy.mockRestore();
    }
    expect(left).toEqual([]);
  });
});
