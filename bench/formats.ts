/** Read and write throughput of the format layer, and peak memory of a large streaming convert. */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { getFormat } from '../src/formats/registry.js';
import type { Example } from '../src/core/model.js';
import { convert } from '../src/commands/convert.js';
import { medianMs, mb, round } from './lib.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.resolve(ROOT, '../shared/data');

async function readAll(file: string, format: string): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of getFormat(format).read(file)) out.push(ex);
  return out;
}

async function throughput(rel: string, format: string, runs: number) {
  const file = path.join(DATA, rel);
  const size = mb(file);
  // The end-to-end convert first, while the heap holds nothing else.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-'));
  const out = path.join(dir, 'out');
  const both = await medianMs(runs, () => convert(file, out, { to: format }));
  rmSync(dir, { recursive: true, force: true });
  const read = await medianMs(runs, async () => {
    let n = 0;
    for await (const ex of getFormat(format).read(file)) n += ex.tokens.length;
    return n;
  });
  const examples = await readAll(file, format);
  const write = await medianMs(runs, async () => {
    let n = 0;
    await getFormat(format).write(examples, { write: (s: string) => void (n += s.length) });
    return n;
  });
  return {
    file: rel,
    format,
    mb: round(size, 3),
    read_mb_s: round(size / (read.median / 1000), 1),
    write_mb_s: round(size / (write.median / 1000), 1),
    convert_read_write_mb_s: round(size / (both.median / 1000), 1),
    convert_ms_median: round(both.median, 0),
    convert_read_write_mb_s_fastest_run: round(size / (both.min / 1000), 1),
    convert_ms_runs: both.all,
    runs,
  };
}

/** Convert a 50x concatenation of conll2003/train.txt in a child process and read its peak RSS. */
async function peakMemory(copies: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-'));
  const big = path.join(dir, 'big.txt');
  const ws = createWriteStream(big);
  for (let i = 0; i < copies; i++) {
    await new Promise<void>((resolve, reject) => {
      const rs = createReadStream(path.join(DATA, 'conll2003/train.txt'));
      rs.on('end', () => resolve());
      rs.on('error', reject);
      rs.pipe(ws, { end: false });
    });
  }
  await new Promise<void>((r) => ws.end(r));
  const size = mb(big);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/convert-child.ts'), big, path.join(dir, 'out.conll')], { cwd: ROOT, encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`child convert failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!);
  return { input_mb: round(size, 1), copies, peak_rss_mb: round(r.maxRssKb / 1024, 1), seconds: round(r.ms / 1000, 2), mb_s: round(size / (r.ms / 1000), 1) };
}

export async function benchFormats(runs = 7) {
  return {
    throughput: [
      await throughput('conll2003/train.txt', 'conll', runs),
      await throughput('scierc/scierc_joint_er_train.json', 'spert', runs),
      await throughput('scierc/train.json', 'dygie', runs),
    ],
    streaming_convert_50x_conll2003: await peakMemory(50),
  };
}
