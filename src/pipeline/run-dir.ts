import { createReadStream, promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { folderError } from '../core/folder-error.js';
import { writeFileAtomic } from '../formats/atomic.js';
import { configDifferences, describeDifferences, fingerprintOf, legacyFingerprint } from './fingerprint.js';
import { refusal, type RunDescription } from './run-description.js';
import { sameFile } from '../core/same-file.js';
import { SIDECAR } from './negatives-sidecar.js';
import { SHARD_ITEMS, SHARD_RECORD } from './shard.js';

const MARKER = '.spanforge-run.json';
const TEMP = /^\..+\.tmp-\d+-[0-9a-f]+$/;

/** Remove a directory this run made when it holds nothing but the run's marker: a run that
 *  failed before writing a file (a format that cannot hold its output) leaves no folder. */
export async function removeIfOnlyMarker(dir: string): Promise<void> {
  const left = await fsp.readdir(dir).catch(() => null);
  if (left?.length !== 1 || left[0] !== MARKER) return;
  await fsp.unlink(path.join(dir, MARKER)).catch(() => undefined);
  await fsp.rmdir(dir).catch(() => undefined);
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** What an earlier run recorded in the directory (nothing when there is no readable marker). */
async function readMarker(dir: string): Promise<{ fingerprint?: string; config?: Record<string, unknown>; run?: RunDescription }> {
  try {
    return JSON.parse(await fsp.readFile(path.join(dir, MARKER), 'utf8'));
  } catch {
    return {};
  }
}

/**
 * The output directory must be new, empty, or hold an earlier run of the same configuration
 * (then this run resumes it: the LLM cache makes finished requests free). Anything else needs
 * --force (--resume always), and is refused with what differs. Temporary files of an
 * interrupted run are removed. Returns what differs from the earlier run written into (forced).
 */
export async function prepareOutDir(dir: string, force: boolean, config: Record<string, unknown>, run?: RunDescription): Promise<string[]> {
  const fingerprint = fingerprintOf(config);
  const st = await fsp.stat(dir).catch(() => null);
  if (st && !st.isDirectory()) throw new UserError('exists and is not a directory', { file: dir });
  let diffs: string[] = [];
  if (st) {
    const entries = await fsp.readdir(dir);
    const marker = await readMarker(dir);
    // A marker of an earlier version holds the fingerprint alone.
    const same = marker.fingerprint === (marker.config ? fingerprint : legacyFingerprint(config));
    if (!same && marker.config) diffs = configDifferences(marker.config, config);
    // Only the marker and temporary files of a failed or killed run: as good as empty.
    const real = entries.filter((e) => e !== MARKER && !TEMP.test(e));
    if (real.length > 0 && !force && !same) {
      const what = diffs.length ? ` (what differs from the run it holds: ${describeDifferences(diffs)})` : '';
      const before = marker.run ?? (marker.fingerprint ? 'undescribed' : null);
      const base = run ? refusal(before, run, real.sort()) : 'output directory is not empty and holds no earlier run of this recipe on this input; pass --force (or --resume always) to write into it anyway, or choose another --out';
      // The run's description says what differs in words; where it cannot ("other settings"),
      // the configuration's own differences follow.
      throw new UserError(marker.run && !base.includes('with other settings;') ? base : base + what, { file: dir });
    }
    if (real.length === 0) diffs = [];
    for (const e of entries) if (TEMP.test(e)) await fsp.unlink(path.join(dir, e)).catch(() => undefined);
  } else {
    await fsp.mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new UserError(`cannot create the output directory: ${folderError(err)}`, { file: dir });
    });
  }
  await writeFileAtomic(path.join(dir, MARKER), JSON.stringify({ fingerprint, config, ...(run ? { run } : {}) }) + '\n');
  return diffs;
}

/** The files a run writes in its directory, besides its `augmented.<ext>`. */
const RUN_FILES = ['rejected.jsonl', 'provenance.jsonl', 'manifest.json', 'report.json', 'report.html', SIDECAR, SHARD_ITEMS, SHARD_RECORD, MARKER];

/** The dataset an earlier run wrote into the directory, as its manifest names it (null: none,
 *  or a name spanforge does not write). */
export async function earlierOutput(dir: string): Promise<string | null> {
  try {
    const file = JSON.parse(await fsp.readFile(path.join(dir, 'manifest.json'), 'utf8'))?.output?.file;
    return typeof file === 'string' && /^augmented\.[^/\\]+$/.test(file) ? file : null;
  } catch {
    return null;
  }
}

/** Refuse a run whose input (or other file it reads) is one of the files the run writes or
 *  removes in its directory: it would replace what it reads, as `convert` refuses. */
export function refuseInputInRun(dir: string, inputs: ReadonlyArray<string | undefined>, outputs: ReadonlyArray<string | null>): void {
  for (const input of inputs) {
    if (!input) continue;
    for (const name of [...outputs, ...RUN_FILES]) {
      if (name && sameFile(input, path.join(dir, name))) {
        throw new UserError(`the run would overwrite its input (it writes or replaces ${name} in ${dir}); copy the input elsewhere or choose another --out`, { file: input });
      }
    }
  }
}

/** After a run in another output format (--force), the earlier run's dataset goes, as its
 *  negatives.jsonl does: the directory holds one run's files. */
export async function removeEarlierOutput(dir: string, earlier: string | null, current: string): Promise<void> {
  if (earlier && earlier !== current) await fsp.unlink(path.join(dir, earlier)).catch(() => undefined);
}

/** The directory's files, each with its inode: a file written atomically gets a new one. */
export async function fileIds(dir: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const e of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (e === MARKER || TEMP.test(e)) continue;
    const st = await fsp.stat(path.join(dir, e)).catch(() => null);
    if (st?.isFile()) ids.set(e, st.ino);
  }
  return ids;
}

/**
 * A run that failed while writing (a full disk) says what it left: the files it finished (each
 * complete, written atomically) and those it did not, so the error's "nothing was written",
 * true of the one file, is not read as true of the run. Other errors pass unchanged.
 */
export async function unfinishedRun(err: unknown, dir: string, before: Map<string, number>): Promise<unknown> {
  if (!(err instanceof UserError)) return err;
  const after = await fileIds(dir);
  const done = [...after].filter(([f, ino]) => before.get(f) !== ino).map(([f]) => f).sort();
  if (done.length === 0) return err;
  const what = err.message.replace(/; nothing was written$/, '');
  const manifest = done.includes('manifest.json') ? '' : ' (no manifest.json: it is written last, and marks a finished run)';
  return new UserError(`${what}; the run is unfinished: it wrote ${done.join(', ')}${manifest}; make room and run the same command again to finish it in ${dir}`, err.loc);
}
