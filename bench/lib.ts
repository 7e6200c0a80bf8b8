import { statSync } from 'node:fs';

/** Median and fastest of several timed runs (ms). The fastest run is the least disturbed by
 *  neighbours on a shared machine; the median is what the targets are stated in. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; min: number; all: number[] }> {
  const all: number[] = [];
  await fn(); // warm-up: JIT and file cache
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    all.push(performance.now() - t0);
  }
  const s = [...all].sort((a, b) => a - b);
  const median = s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, min: s[0], all: all.map((x) => Math.round(x)) };
}

export const mb = (file: string) => statSync(file).size / 1e6;
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
