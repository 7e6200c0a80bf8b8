import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { renameIntoPlace } from '../cache.js';

// Temp file + rename (the LLM layer knows no format module): a file appears whole or not at all.
const writeFileAtomic = (file: string, content: string) => renameIntoPlace(file, content, { sync: false });

/** One submitted batch, as recorded in <run dir>/batch/batches.json. */
export interface BatchRecord {
  /** Requests file, relative to <run dir>/batch. */
  file: string;
  fileId: string;
  id: string;
  endpoint: string;
  baseURL: string | null;
  /** sha256 prefix of the API key that made the batch (batches are tied to their key). */
  keyFingerprint: string;
  status: string;
  /** Its output and error files were read and the answers stored in the cache. */
  collected: boolean;
  counts?: { total: number; completed: number; failed: number };
}

export interface BatchState {
  batches: BatchRecord[];
}

const stateFile = (runDir: string) => path.join(runDir, 'batch', 'batches.json');

export const keyFingerprint = (key: string) => `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;

export function readBatchState(runDir: string): BatchState {
  try {
    return JSON.parse(readFileSync(stateFile(runDir), 'utf8')) as BatchState;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { batches: [] };
    throw new UserError(`cannot read the batch record: ${(e as Error).message}`, { file: stateFile(runDir) });
  }
}

/** Written after every change, so that an interrupted submit or collect resumes. */
export async function writeBatchState(runDir: string, s: BatchState): Promise<void> {
  mkdirSync(path.dirname(stateFile(runDir)), { recursive: true });
  await writeFileAtomic(stateFile(runDir), JSON.stringify(s, null, 2) + '\n');
}
