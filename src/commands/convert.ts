import { UserError } from '../core/errors.js';
import { refuseOverwrite } from '../core/same-file.js';
import type { Example } from '../core/model.js';
import { getFormat, outputFormatFor } from '../formats/registry.js';
import { openInput, schemeOption, tagColumnOption, type InputOptions } from '../formats/open.js';
import { withAtomicFile } from '../formats/atomic.js';
import { Reporter } from '../formats/reporter.js';
import type { WriteOptions, WriteSummary } from '../formats/types.js';
import { PAIR_FORMATS } from './counts.js';
import { ensureParentDir } from './out-path.js';
import { joinDocuments } from '../core/documents.js';

/** Formats whose records are documents of sentences. */
const DOCUMENT_FORMATS = new Set(['dygie', 'docred']);

export interface ConvertOptions extends InputOptions {
  to?: string;
  scheme?: string;
  lossy?: boolean;
  csvLayout?: string;
  quiet?: boolean;
}

export interface ConvertResult extends WriteSummary {
  from: string;
  to: string;
  warnings: string[];
  /** Examples handed to the writer. */
  written: number;
  /** Records in the output when a pair format writes one per relation instance. */
  records?: number;
}

/** The examples as they pass, counted (a pair format's writer counts its records instead). */
async function* counted(examples: AsyncIterable<Example> | Example[], n: { count: number }): AsyncGenerator<Example> {
  for await (const ex of examples) {
    n.count++;
    yield ex;
  }
}

/** Output formats whose writer takes a tag scheme. */
const TAGGED_FORMATS = new Set(['conll', 'spert-tags']);

export async function convert(input: string, output: string, opts: ConvertOptions = {}): Promise<ConvertResult> {
  // The same path, or the same file by another (a symbolic or hard link).
  refuseOverwrite(input, output);
  const reporter = new Reporter('strict');
  const inp = await openInput(input, opts, reporter);
  const outFormat = opts.to ? getFormat(opts.to) : outputFormatFor(output, inp.format);
  const wopts: WriteOptions = { lossy: !!opts.lossy };
  // Only tag formats have a scheme: an ignored flag would leave the user thinking it applied.
  if (opts.scheme !== undefined && !TAGGED_FORMATS.has(outFormat.name)) throw new UserError(`--scheme applies to tagged output (${[...TAGGED_FORMATS].join(', ')}); ${outFormat.name} writes spans, not tags`);
  wopts.scheme = schemeOption(opts.scheme) ?? (outFormat.name === 'conll' && inp.conll?.scheme ? inp.conll.scheme : undefined);
  if (outFormat.name === 'conll' && inp.conll) {
    wopts.separator = inp.conll.separator;
    wopts.tagColumn = tagColumnOption(opts.tagColumn);
  }
  // A document format gets a sentence-level file's documents (CoNLL -DOCSTART- groups) whole.
  let examples: AsyncIterable<Example> | Example[] = DOCUMENT_FORMATS.has(outFormat.name) ? joinDocuments(inp.examples) : inp.examples;
  if (opts.csvLayout !== undefined && outFormat.name !== 'csv') throw new UserError(`--csv-layout is for CSV output; this convert writes ${outFormat.name}`);
  if (outFormat.name === 'csv') {
    if (opts.csvLayout && opts.csvLayout !== 'relations' && opts.csvLayout !== 'entities') {
      throw new UserError(`--csv-layout must be "relations" or "entities", got "${opts.csvLayout}"`);
    }
    const all: Example[] = [];
    for await (const ex of inp.examples) all.push(ex);
    examples = all;
    wopts.csvLayout = (opts.csvLayout as 'relations' | 'entities' | undefined) ?? (all.some((e) => e.relations.length > 0) ? 'relations' : 'entities');
  }
  const n = { count: 0 };
  await ensureParentDir(output);
  const summary = await withAtomicFile(output, (sink) => outFormat.write(counted(examples, n), sink, wopts));
  const records = PAIR_FORMATS.has(outFormat.name) ? summary.examples : undefined;
  return { ...summary, from: inp.format.name, to: outFormat.name, warnings: reporter.warningLines(), written: n.count, records };
}

/** One line per kind of dropped item; "(--lossy)" only when the user gave the flag. */
export function describeDropped(d: Record<string, number>, lossy: boolean): string[] {
  return Object.entries(d)
    .filter(([k, n]) => k && n > 0)
    .map(([k, n]) => `dropped ${n} ${k}${lossy ? ' (--lossy)' : ''}`);
}
