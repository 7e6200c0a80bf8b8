import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { CompletionResponse } from './types.js';

/** Writes a whole file so that it appears complete or not at all. */
export type WriteFile = (file: string, content: string, o: { sync: boolean }) => Promise<void>;

/** Temp file + rename, no fsync: a cache entry lost in a crash is asked again. The CLI
 *  passes its own atomic writer, which also removes temp files on Ctrl-C. */
export const renameIntoPlace: WriteFile = async (file, content) => {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await fsp.writeFile(temp, content);
  await fsp.rename(temp, file);
};

/**
 * Persistent, content-addressed response cache: one file per answer, named by the SHA-256 of
 * everything that changes the answer (provider, model, messages, schema, sampling, variant) and
 * nothing operational (concurrency, batch size). Each file is written atomically as soon as its
 * answer arrives, so a crash loses nothing already paid for and a re-run sends only what is
 * missing. API keys are never part of a key or a file.
 */
export class ResponseCache {
  // The directory is made on the first answer stored, not before: an output directory must
  // still look empty when the run checks it.
  constructor(
    readonly dir: string,
    private readonly read = true,
    private readonly write: WriteFile = renameIntoPlace,
  ) {}

  static key(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): CompletionResponse | undefined {
    if (!this.read) return undefined;
    try {
      const v = JSON.parse(readFileSync(this.file(key), 'utf8'));
      if (typeof v?.text === 'string' && v.usage) return { text: v.text, usage: v.usage };
    } catch {
      /* a miss, or a file cut short by a crash before its rename: treat as missing */
    }
    return undefined;
  }

  /** Sub-directories known to exist: a mkdir per answer cost more than the answer's write. */
  private readonly made = new Set<string>();

  async put(key: string, value: CompletionResponse): Promise<void> {
    const f = this.file(key);
    const dir = path.dirname(f);
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    // No fsync: a cache entry cut short by a crash reads as missing and is asked again.
    await this.write(f, JSON.stringify(value), { sync: false });
  }
}
