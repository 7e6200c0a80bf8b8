import { UserError, formatProblem } from '../core/errors.js';
import { openInput, type InputOptions } from '../formats/open.js';
import { Reporter } from '../formats/reporter.js';
import { readTypesFile } from '../core/types-file.js';

export interface ValidateResult {
  valid: boolean;
  format?: string;
  examples: number;
  /** One line per problem, `file:line: message` or `file: json.path: message`. */
  problems: string[];
  warnings: string[];
}

/** Read the whole input, collecting every problem instead of stopping at the first. */
export async function validate(file: string, opts: InputOptions & { types?: string } = {}): Promise<ValidateResult> {
  const reporter = new Reporter('collect');
  const declared = opts.types ? readTypesFile(opts.types) : null;
  let examples = 0;
  let format: string | undefined;
  const problems: string[] = [];
  try {
    const inp = await openInput(file, opts, reporter);
    format = inp.format.name;
    for await (const ex of inp.examples) {
      examples++;
      if (!declared) continue;
      // Labels against the declared schema: each unknown one named with its example.
      ex.entities.forEach((e, i) => {
        if (declared.entities.size && !declared.entities.has(e.type)) reporter.problem({ file, path: `example ${ex.id}: entities[${i}].type` }, `entity type "${e.type}" is not in ${opts.types}`);
      });
      ex.relations.forEach((r, i) => {
        if (declared.relations.size && !declared.relations.has(r.type)) reporter.problem({ file, path: `example ${ex.id}: relations[${i}].type` }, `relation type "${r.type}" is not in ${opts.types}`);
      });
    }
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    reporter.problems.push({ loc: { file, ...err.loc }, message: err.message });
  }
  for (const p of reporter.problems) problems.push(formatProblem({ file, ...p.loc }, p.message));
  return { valid: problems.length === 0, format, examples, problems, warnings: reporter.warningLines() };
}
