import type { Example } from '../core/model.js';
import { parseScheme, type TagScheme } from '../core/tags.js';
import { UserError } from '../core/errors.js';
import { detectFormat, getFormat } from './registry.js';
import { detectConllFile, type ConllLayout } from './conll.js';
import { Reporter } from './reporter.js';
import { checkInputFile } from './input.js';
import type { Format } from './types.js';

export interface InputOptions {
  /** Bytes read so far, for a progress bar (streaming formats). */
  progress?: (bytes: number) => void;
  from?: string;
  inputScheme?: string;
  tagColumn?: string | number;
  /** CoNLL: told the file line each example starts on. */
  startLine?: (ex: Example, line: number) => void;
}

export interface OpenedInput {
  file: string;
  format: Format;
  /** CoNLL inputs: what the file looks like (to write it back the same way). */
  conll?: ConllLayout;
  examples: AsyncIterable<Example>;
}

export function schemeOption(s: string | undefined): TagScheme | undefined {
  if (s === undefined) return undefined;
  try {
    return parseScheme(s);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
}

export function tagColumnOption(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  // 1: the tag comes first and the token last (some public NER sets ship like that).
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--tag-column must be a column number of 1 or more (1: the tag comes first and the token last), got "${v}"`);
  return n;
}

export async function openInput(file: string, opts: InputOptions, reporter = new Reporter('strict')): Promise<OpenedInput> {
  await checkInputFile(file);
  const format = opts.from ? getFormat(opts.from) : await detectFormat(file);
  const scheme = schemeOption(opts.inputScheme);
  const tagColumn = tagColumnOption(opts.tagColumn);
  const opened: OpenedInput = { file, format, examples: nonEmpty(format.read(file, { scheme, tagColumn, reporter, progress: opts.progress, startLine: opts.startLine }), file, format, reporter) };
  if (format.name === 'conll') opened.conll = await detectConllFile(file, tagColumn);
  return opened;
}

/**
 * An input that yields no example at all is a mistake worth naming (wrong file or format).
 * A plain iterator rather than an async generator: this wraps every example of every read.
 */
function nonEmpty(examples: AsyncIterable<Example>, file: string, format: Format, reporter: Reporter): AsyncIterable<Example> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Example> {
      const inner = examples[Symbol.asyncIterator]();
      let n = 0;
      return {
        async next() {
          const r = await inner.next();
          if (!r.done) n++;
          else if (n === 0 && reporter.problems.length === 0) reporter.problem({ file }, `contains no examples (read as ${format.name})`);
          return r;
        },
        async return(value?: unknown) {
          await inner.return?.(value);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
