import { statSync } from 'node:fs';

/** Median of several timed runs (ms); the machines are shared, so single runs mislead. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  await fn(); // warm-up: JIT and file cache
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    all.push(performance.now() - t0);
  }
  const s = [...all].sort((a, b) => a - b);
  const median = s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, all: all.map((x) => Math.round(x)) };
}

export const mb = (file: string) => statSync(file).size / 1e6;
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
