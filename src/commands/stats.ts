import { openInput, type InputOptions } from '../formats/open.js';
import { Reporter } from '../formats/reporter.js';
import { StatsCollector, type DatasetStats } from '../report/stats.js';

export async function stats(file: string, opts: InputOptions = {}): Promise<{ format: string; stats: DatasetStats; warnings: string[] }> {
  const reporter = new Reporter('strict');
  const inp = await openInput(file, opts, reporter);
  const c = new StatsCollector();
  for await (const ex of inp.examples) c.add(ex);
  return { format: inp.format.name, stats: c.result(), warnings: reporter.warningLines() };
}
