import path from 'node:path';
import { UserError, formatProblem, type Location } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { openInput, type InputOptions } from '../formats/open.js';
import { Reporter } from '../formats/reporter.js';
import { readTypesFile, type DeclaredTypes } from '../core/types-file.js';

export interface ValidateResult {
  valid: boolean;
  format?: string;
  examples: number;
  /** One line per problem, `file:line: message` or `file: json.path: message`. */
  problems: string[];
  warnings: string[];
  /** With --types: each label the schema lacks, with how often the data uses it. */
  undeclared: Array<{ kind: 'entity' | 'relation'; type: string; count: number }>;
}

/** Labels against a declared schema: each unknown one named where it is, and counted. */
class LabelCheck {
  readonly counts = new Map<string, number>();
  /** The file line each CoNLL example starts on (other formats have none). */
  readonly startLines = new WeakMap<Example, number>();
  constructor(
    private readonly declared: DeclaredTypes,
    private readonly file: string,
    private readonly typesFile: string,
    private readonly reporter: Reporter,
  ) {}

  check(ex: Example): void {
    // CoNLL: the line of the mention's first token; other formats: the example and field.
    const first = this.startLines.get(ex);
    const at = (field: string, token: number): Location => (first !== undefined ? { file: this.file, line: first + token } : { file: this.file, path: `example ${ex.id}: ${field}` });
    const { entities, relations } = this.declared;
    ex.entities.forEach((e, i) => {
      if (entities.size && !entities.has(e.type)) this.unknown('entity', e.type, at(`entities[${i}].type`, e.start));
    });
    ex.relations.forEach((r, i) => {
      if (relations.size && !relations.has(r.type)) this.unknown('relation', r.type, at(`relations[${i}].type`, ex.entities[r.head]?.start ?? 0));
    });
  }

  private unknown(kind: 'entity' | 'relation', type: string, loc: Location): void {
    const key = `${kind}\u0000${type}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.reporter.problem(loc, `${kind} type "${type}" is not in ${this.typesFile}`);
  }

  summary(): ValidateResult['undeclared'] {
    return [...this.counts]
      .map(([k, count]) => {
        const [kind, type] = k.split('\u0000') as ['entity' | 'relation', string];
        return { kind, type, count };
      })
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  }
}

/** Read the whole input, collecting every problem instead of stopping at the first. */
export async function validate(file: string, opts: InputOptions & { types?: string } = {}): Promise<ValidateResult> {
  const reporter = new Reporter('collect');
  const labels = opts.types ? new LabelCheck(readTypesFile(opts.types), file, opts.types, reporter) : null;
  let examples = 0;
  let format: string | undefined;
  const problems: string[] = [];
  try {
    const startLine = labels ? (ex: Example, line: number) => labels.startLines.set(ex, line) : undefined;
    const inp = await openInput(file, { ...opts, startLine }, reporter);
    format = inp.format.name;
    for await (const ex of inp.examples) {
      examples++;
      labels?.check(ex);
    }
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    reporter.problems.push({ loc: { file, ...err.loc }, message: err.message });
  }
  for (const p of reporter.problems) problems.push(formatProblem({ file, ...p.loc }, p.message));
  return { valid: problems.length === 0, format, examples, problems, warnings: reporter.warningLines(), undeclared: labels?.summary() ?? [] };
}

/** The closing line of `validate --types`: each undeclared label and how often it occurs. */
export function undeclaredSummary(r: ValidateResult, typesFile: string): string | null {
  if (r.undeclared.length === 0) return null;
  const parts = r.undeclared.map((u) => `${u.kind} "${u.type}" ${u.count} ${u.count === 1 ? 'time' : 'times'}`);
  const negative = r.undeclared.some((u) => u.kind === 'relation' && u.type === NEGATIVE_LABEL);
  // The negatives recipes write this label inline where the format shows negatives (jsonl):
  // say so, as the user's types file holds only the positive relations.
  const why = negative ? `; "${NEGATIVE_LABEL}" is the label the negatives recipes give pairs with no relation: add it to the types file if the trainer reads negatives inline, or write them with --to spert (negatives.jsonl beside the dataset)` : '';
  return `labels not in ${path.basename(typesFile)}: ${parts.join(', ')}${why}`;
}

const NEGATIVE_LABEL = 'no_relation';
