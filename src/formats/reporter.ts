import { UserError, formatProblem, type Location } from '../core/errors.js';

export interface ReportedProblem {
  loc: Location;
  message: string;
}

/**
 * Collects what readers find. In strict mode (convert, stats, augment) the first problem
 * throws a UserError; in collect mode (validate) problems are kept and reading goes on.
 * Warnings (recoverable, e.g. a CasRel mention found twice) are counted by kind.
 */
export class Reporter {
  readonly problems: ReportedProblem[] = [];
  readonly warnings = new Map<string, { count: number; first: string[] }>();
  constructor(readonly mode: 'strict' | 'collect' = 'strict') {}

  problem(loc: Location, message: string): void {
    if (this.mode === 'strict') throw new UserError(message, loc);
    this.problems.push({ loc, message });
  }

  /** A problem that strict reading can live with (tolerant decoding): a warning there,
   *  a problem for validate. */
  soft(kind: string, loc: Location, message: string): void {
    if (this.mode === 'collect') this.problems.push({ loc, message });
    else this.warn(kind, loc, message);
  }

  warn(kind: string, loc: Location, message: string): void {
    let w = this.warnings.get(kind);
    if (!w) this.warnings.set(kind, (w = { count: 0, first: [] }));
    w.count++;
    if (w.first.length < 3) w.first.push(formatProblem(loc, message));
  }

  /** Human-readable warning summary lines. */
  warningLines(): string[] {
    const out: string[] = [];
    for (const [kind, w] of this.warnings) {
      out.push(`warning: ${kind}: ${w.count} time${w.count === 1 ? '' : 's'}`);
      for (const f of w.first) out.push(`  e.g. ${f}`);
    }
    return out;
  }
}

export const strictReporter = () => new Reporter('strict');
