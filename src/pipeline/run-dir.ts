import { createReadStream, promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { writeFileAtomic } from '../formats/atomic.js';
import { refusal, type RunDescription } from './run-description.js';

const MARKER = '.spanforge-run.json';
const TEMP = /^\..+\.tmp-\d+-[0-9a-f]+$/;

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * The output directory must be new, empty, or hold an earlier run of the same recipe on the
 * same input (then this run resumes it: the LLM cache makes finished requests free). Anything
 * else needs --force. Temporary files of an interrupted run are removed.
 */
export async function prepareOutDir(dir: string, force: boolean, fingerprint: string, run?: RunDescription): Promise<void> {
  const st = await fsp.stat(dir).catch(() => null);
  if (st && !st.isDirectory()) throw new UserError('exists and is not a directory', { file: dir });
  if (st) {
    const entries = await fsp.readdir(dir);
    const marker = await readMarker(dir);
    const same = marker?.fingerprint === fingerprint;
    // Only the marker and temporary files of a failed or killed run: as good as empty.
    const real = entries.filter((e) => e !== MARKER && !TEMP.test(e));
    if (real.length > 0 && !force && !same) {
      const before = marker ? (marker.run ?? 'undescribed') : null;
      throw new UserError(run ? refusal(before, run, real.sort()) : 'output directory is not empty and holds no earlier run of this recipe on this input; pass --force to write into it anyway', { file: dir });
    }
    for (const e of entries) if (TEMP.test(e)) await fsp.unlink(path.join(dir, e)).catch(() => undefined);
  } else {
    await fsp.mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new UserError(`cannot create the output directory: ${err.message}`, { file: dir });
    });
  }
  await writeFileAtomic(path.join(dir, MARKER), JSON.stringify({ fingerprint, ...(run ? { run } : {}) }) + '\n');
}

/** The run directory's marker: its fingerprint and, since runs are described, what run it holds. */
export async function readMarker(dir: string): Promise<{ fingerprint?: string; run?: RunDescription } | null> {
  try {
    const m = JSON.parse(await fsp.readFile(path.join(dir, MARKER), 'utf8'));
    return m && typeof m === 'object' ? m : null;
  } catch {
    return null;
  }
}
