import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { withAtomicFile } from '../formats/atomic.js';
import { openInput, schemeOption } from '../formats/open.js';
import { FORMATS, getFormat, outputFormatFor } from '../formats/registry.js';
import { Reporter } from '../formats/reporter.js';
import type { WriteOptions, WriteSummary } from '../formats/types.js';

export interface ReadExamplesOptions {
  /** Format name (`spert`, `conll`, ...); detected from content and extension when absent. */
  format?: string;
  /** Tag scheme of a tag-based input (`IOB2`, `BIOES`, ...); detected when absent. */
  scheme?: string;
  /** CoNLL: 1-based column that holds the tag (default: the last). */
  tagColumn?: number;
  /** Warnings of a tolerant read (a CasRel mention found twice, ...), one line each, at the end. */
  onWarning?: (line: string) => void;
}

/**
 * The examples of a file, one at a time (memory does not grow with the file for streaming
 * formats). A user mistake (missing file, unknown format, malformed line, span out of range)
 * is a `UserError` naming the file and the line or field.
 */
export async function* streamExamples(file: string, options: ReadExamplesOptions = {}): AsyncGenerator<Example> {
  const reporter = new Reporter('strict');
  const inp = await openInput(file, { from: options.format, inputScheme: options.scheme, tagColumn: options.tagColumn }, reporter);
  yield* inp.examples;
  if (options.onWarning) for (const line of reporter.warningLines()) options.onWarning(line);
}

/** Every example of a file (see `streamExamples`). */
export async function readExamples(file: string, options: ReadExamplesOptions = {}): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of streamExamples(file, options)) out.push(ex);
  return out;
}

export interface WriteExamplesOptions {
  /** Format name; from the extension when absent (`.json` is several formats: name it). */
  format?: string;
  /** Tag scheme of a tag-based output (default IOB2; BILOU for spert-tags). */
  scheme?: string;
  /** CoNLL column separator (default a space). */
  separator?: string;
  /** Drop what the format cannot hold (nested entities, relations, ...) and count it in the
   *  summary, instead of failing. */
  lossy?: boolean;
  /** CSV: one row per relation instance or per mention (default: relations when there are any). */
  csvLayout?: 'relations' | 'entities';
}

function formatFor(file: string, name?: string) {
  if (name) return getFormat(name);
  const ext = path.extname(file).slice(1).toLowerCase();
  if (ext === 'json') {
    const names = FORMATS.filter((f) => f.extensions.includes(ext)).map((f) => f.name);
    throw new UserError(`.json is used by several formats; pass the format option (one of ${names.join(', ')})`, { file });
  }
  return outputFormatFor(file);
}

/**
 * Write examples to a file atomically: under a temporary name, renamed into place when
 * complete, so a failure or an interrupt leaves no half-written file. Missing parent
 * directories are made. Returns how many examples (records) were written and what a lossy
 * write dropped.
 */
export async function writeExamples(file: string, examples: Iterable<Example> | AsyncIterable<Example>, options: WriteExamplesOptions = {}): Promise<WriteSummary> {
  const format = formatFor(file, options.format);
  const w: WriteOptions = { lossy: !!options.lossy, scheme: schemeOption(options.scheme), separator: options.separator, csvLayout: options.csvLayout };
  let all = examples;
  if (format.name === 'csv' && !w.csvLayout) {
    const list: Example[] = [];
    for await (const ex of examples) list.push(ex);
    w.csvLayout = list.some((e) => e.relations.length > 0) ? 'relations' : 'entities';
    all = list;
  }
  await mkdir(path.dirname(path.resolve(file)), { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new UserError(`cannot create the directory: ${err.message}`, { file });
  });
  return withAtomicFile(file, (sink) => format.write(all, sink, w));
}
