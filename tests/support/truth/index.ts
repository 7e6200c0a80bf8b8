import type { CheckOptions, Violation } from './types.js';
import { checkConll } from './conll.js';
import { checkCasrel } from './casrel.js';
import { checkFewrel } from './fewrel.js';
import { checkDocred } from './docred.js';
import { checkDygie } from './dygie.js';
import { checkTacred } from './tacred.js';
import { checkSpert } from './spert.js';
import { checkJsonl } from './jsonl.js';

export type { CheckOptions, Violation } from './types.js';

const CHECKERS: Record<string, (text: string, opts?: CheckOptions) => Violation[]> = {
  conll: checkConll,
  casrel: checkCasrel,
  fewrel: checkFewrel,
  docred: checkDocred,
  dygie: checkDygie,
  tacred: checkTacred,
  spert: checkSpert,
  'spert-tags': checkSpert,
  jsonl: checkJsonl,
};

export const CHECKED_FORMATS = Object.keys(CHECKERS);

/** Check a written file of `format` against its own tokens (and the seed file, when given). */
export function checkWritten(format: string, text: string, opts: CheckOptions = {}): Violation[] {
  const check = CHECKERS[format];
  if (!check) throw new Error(`no truth checker for format "${format}"; checked: ${CHECKED_FORMATS.join(', ')}`);
  return check(text, opts);
}

/** Violations counted by format and field (indices folded: `vertexSet[][].name`). */
export function countByField(vs: readonly Violation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of vs) {
    const k = `${v.format} ${v.field.replace(/\[\d+\]/g, '[]')}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
