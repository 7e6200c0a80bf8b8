import { UserError, formatProblem } from '../core/errors.js';
import { openInput, type InputOptions } from '../formats/open.js';
import { Reporter } from '../formats/reporter.js';

export interface ValidateResult {
  valid: boolean;
  format?: string;
  examples: number;
  /** One line per problem, `file:line: message` or `file: json.path: message`. */
  problems: string[];
  warnings: string[];
}

/** Read the whole input, collecting every problem instead of stopping at the first. */
export async function validate(file: string, opts: InputOptions = {}): Promise<ValidateResult> {
  const reporter = new Reporter('collect');
  let examples = 0;
  let format: string | undefined;
  const problems: string[] = [];
  try {
    const inp = await openInput(file, opts, reporter);
    format = inp.format.name;
    for await (const ex of inp.examples) {
      void ex;
      examples++;
    }
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    reporter.problems.push({ loc: { file, ...err.loc }, message: err.message });
  }
  for (const p of reporter.problems) problems.push(formatProblem({ file, ...p.loc }, p.message));
  return { valid: problems.length === 0, format, examples, problems, warnings: reporter.warningLines() };
}
