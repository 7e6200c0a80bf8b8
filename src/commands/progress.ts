import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';

/**
 * A byte progress bar for reading a large input on a terminal; nothing when output is not a
 * TTY, when asked to be quiet, or for files small enough to finish at once.
 */
export function byteProgress(file: string, label: string, quiet = false): { onBytes?: (bytes: number) => void; stop(): void } {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return { stop() {} };
  }
  if (quiet || !process.stderr.isTTY || size < 8 << 20) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} |{bar}| {percentage}% | {value}/{total} MB | {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const mb = (b: number) => Math.round(b / 1e5) / 10;
  bar.start(mb(size), 0);
  return { onBytes: (b) => bar.update(mb(b)), stop: () => bar.stop() };
}

/**
 * A count progress bar (trainings, steps) on a terminal; nothing when the stream is not a TTY
 * or when asked to be quiet. `update(done, detail)` moves it; `stop()` clears it.
 */
export function countProgress(label: string, unit: string, quiet = false, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): { update(done: number, total: number, detail: string): void; stop(): void } {
  if (quiet || stream.isTTY !== true) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} |{bar}| {value}/{total} ${unit} | {eta_formatted} left | {detail}`, stream, hideCursor: true, clearOnComplete: true, etaBuffer: 4 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, detail) {
      if (!started) bar.start(total, done, { detail });
      else bar.update(done, { detail });
      started = true;
    },
    stop: () => started && bar.stop(),
  };
}
