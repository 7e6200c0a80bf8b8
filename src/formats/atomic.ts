import { closeSync, openSync, promises as fsp, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import type { Sink } from './types.js';

const liveTemps = new Set<string>();

/** Encoding buffers kept between flushes and files (a fresh multi-MB buffer costs page faults). */
const freeBuffers: Buffer[] = [];

/** Each open file encodes into one buffer of this size and sends it to disk when it holds
 *  FLUSH_BYTES or the next chunk might not fit. */
const BUFFER_BYTES = 2 << 20;
const FLUSH_BYTES = 1 << 20;

function takeBuffer(bytes: number): Buffer {
  return freeBuffers.pop() ?? Buffer.allocUnsafeSlow(bytes);
}

function giveBuffer(b: Buffer): void {
  if (freeBuffers.length < 8) freeBuffers.push(b);
}
let hooked = false;
let interruptNote: string | undefined;

/** The shell's convention for a process ended by a signal: 128 + the signal's number. */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** Remove temp files if the process is interrupted, so no half-written file is left. The
 *  handlers stay for every signal that comes (a terminal's Ctrl-C, then a wrapper such as tsx
 *  relaying it): a one-shot handler would leave the second to kill the process uncleaned. */
function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      cleanupTemps();
      if (interruptNote) {
        try {
          writeSync(2, interruptNote + '\n');
        } catch {
          /* stderr closed: nothing to tell */
        }
      }
      process.exit(SIGNAL_EXIT[sig]);
    });
  }
  process.once('exit', cleanupTemps);
}

/** For the CLI: from now on an interrupt removes temporary files, prints `note` (one line)
 *  and exits 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP). */
export function exitOnInterrupt(note: string): void {
  interruptNote = note;
  hookSignals();
}

export function cleanupTemps(): void {
  for (const t of liveTemps) {
    try {
      unlinkSync(t);
    } catch {
      /* already gone */
    }
  }
  liveTemps.clear();
}

function describeWriteError(err: unknown, file: string): UserError {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return new UserError('no space left on the device; nothing was written', { file });
  if (e.code === 'EACCES' || e.code === 'EPERM') return new UserError('permission denied', { file });
  if (e.code === 'ENOENT') return new UserError('the output directory does not exist', { file });
  if (e.code === 'EISDIR') return new UserError('is a directory', { file });
  return new UserError(`cannot write: ${e.message}`, { file });
}

/**
 * A file written under a temporary name in the same directory and renamed into place on
 * commit(). abort() (or a crash/interrupt) removes the temporary file.
 */
export class AtomicFile implements Sink {
  /** Bytes waiting for the disk: each chunk is encoded as it comes, so the strings a writer
   *  makes die young instead of piling up in the heap until a flush. */
  private data: Buffer | null = null;
  private used = 0;
  private flushing: Promise<void> = Promise.resolve();
  /** Pooled buffers sent to disk and not yet written. */
  private inFlight = 0;
  private fh: fsp.FileHandle | null = null;
  private readonly temp: string;
  private done = false;

  private constructor(readonly target: string) {
    const dir = path.dirname(target);
    this.temp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  }

  static async open(target: string): Promise<AtomicFile> {
    hookSignals();
    const f = new AtomicFile(target);
    try {
      const st = await fsp.stat(target).catch(() => null);
      if (st?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      // Made and registered in one turn: a Ctrl-C that came while an asynchronous open was in
      // flight found the temporary file made but not yet registered, and left it behind.
      closeSync(openSync(f.temp, 'wx'));
      liveTemps.add(f.temp);
      f.fh = await fsp.open(f.temp, 'r+');
    } catch (err) {
      if (liveTemps.delete(f.temp)) await fsp.unlink(f.temp).catch(() => undefined);
      throw describeWriteError(err, target);
    }
    return f;
  }

  /** Buffers the chunk; returns a promise only when a full buffer went to disk while the
   *  one before it is still being written (awaiting every small write would cost a microtask
   *  turn per sentence). */
  write(chunk: string): void | Promise<void> {
    // A UTF-16 unit is at most 3 UTF-8 bytes: room is checked for the worst case.
    const worst = chunk.length * 3;
    // Larger than any buffer: encoded on its own.
    if (worst > BUFFER_BYTES) return this.writeAlone(chunk);
    let pending: Promise<void> | undefined;
    if (this.data && this.used + worst > this.data.length) pending = this.flushBehind();
    this.data ??= takeBuffer(BUFFER_BYTES);
    this.used += this.data.write(chunk, this.used, 'utf8');
    if (this.used >= FLUSH_BYTES) pending = this.flushBehind();
    return pending;
  }

  /**
   * Send the buffer to disk, and return the write before it if that one is still going: the
   * writer fills the next buffer while this one is written (two buffers in flight at most),
   * instead of waiting for the disk thread at every flush; on a busy machine that wait was
   * 20-170 ms of a noise run on CoNLL-2003 train. An error still comes out: from the next
   * flush or `commit`.
   */
  private flushBehind(): Promise<void> | undefined {
    // A file already aborted (a failed write) gives its error at once.
    const before = this.inFlight > 0 || this.done ? this.flushing : undefined;
    this.flush().catch(() => undefined); // handled where it is awaited: the next flush or commit
    return before;
  }

  /** Encode and write one chunk in its own buffer, after what is already buffered. Whole
   *  small files (cache entries, reports) take this way and leave the pool alone. */
  writeAlone(chunk: string): Promise<void> {
    const before = this.flush();
    const bytes = Buffer.from(chunk, 'utf8');
    this.flushing = before.then(() => this.writeOut(bytes, bytes.length, false));
    return this.flushing;
  }

  private flush(): Promise<void> {
    if (!this.data || this.used === 0 || !this.fh) return this.flushing;
    const data = this.data;
    const len = this.used;
    this.data = null;
    this.used = 0;
    // Flushes run one after another, so bytes keep their order; the buffer goes back to the
    // pool once written.
    this.inFlight++;
    this.flushing = this.flushing.then(() => this.writeOut(data, len, true)).finally(() => void this.inFlight--);
    return this.flushing;
  }

  private async writeOut(data: Buffer, len: number, pooled: boolean): Promise<void> {
    try {
      if (!this.fh) return;
      // A write may take only part of the data (a filling disk): loop until all is written;
      // a write that takes nothing means the device is full.
      let off = 0;
      while (off < len) {
        const { bytesWritten } = await this.fh.write(data, off, len - off);
        if (bytesWritten <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        off += bytesWritten;
      }
    } catch (err) {
      await this.abort();
      throw describeWriteError(err, this.target);
    } finally {
      if (pooled) giveBuffer(data);
    }
  }

  /** Write what is buffered, make it durable (`sync`), and rename the file into place. */
  async commit(o: { sync?: boolean } = { sync: true }): Promise<void> {
    // Done already: committed, aborted, or aborted by a failed write nobody waited for yet
    // (the writer does not wait for the last buffer it sent), whose error comes out here.
    if (this.done) return this.flushing;
    await this.flush();
    try {
      if (o.sync) await this.fh!.datasync();
      await this.fh!.close();
      this.fh = null;
      await fsp.rename(this.temp, this.target);
    } catch (err) {
      await this.abort();
      throw describeWriteError(err, this.target);
    }
    liveTemps.delete(this.temp);
    this.done = true;
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.fh?.close();
    } catch {
      /* ignore */
    }
    this.fh = null;
    await fsp.unlink(this.temp).catch(() => undefined);
    liveTemps.delete(this.temp);
  }
}

/** Write a whole file atomically (`sync: false` for files that can be made again, like cache entries). */
export async function writeFileAtomic(target: string, content: string, o: { sync?: boolean } = { sync: true }): Promise<void> {
  const f = await AtomicFile.open(target);
  try {
    await f.writeAlone(content);
    await f.commit(o);
  } catch (err) {
    await f.abort();
    throw err;
  }
}

/** Run `fill` against an atomic file; commit on success, remove the temp file on any error. */
export async function withAtomicFile<T>(target: string, fill: (sink: AtomicFile) => Promise<T>): Promise<T> {
  const f = await AtomicFile.open(target);
  try {
    const r = await fill(f);
    await f.commit();
    return r;
  } catch (err) {
    await f.abort();
    throw err;
  }
}
