/** Built-in recipes with concepts swapped by type (`concept_phrases: any`, `partner_fit`
 *  off): on data whose types are all concepts (SciERC, SemEval) the recipes as shipped leave
 *  every mention as it is, and a test of what swaps write needs swaps. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT, tmpDir } from './paths.js';

export function swappingConceptsByType(recipe: string): string {
  return withSwapParams(recipe, 'concepts-by-type', { concept_phrases: 'any', partner_fit: false });
}

/** Built-in recipes with `partner_fit` off: on data that gives every entity one type (NYT's
 *  triples, FewRel) the recipes as shipped swap an argument only for one the seeds state the
 *  relation of with the same partner, which leaves few or no swaps to test. */
export function swappingByRelationAlone(recipe: string): string {
  return withSwapParams(recipe, 'by-relation', { partner_fit: false });
}

function withSwapParams(recipe: string, name: string, params: Record<string, unknown>): string {
  const doc = parse(readFileSync(path.join(ROOT, `recipes/${recipe}.yaml`), 'utf8')) as { operations: Array<Record<string, unknown>> };
  for (const op of doc.operations) if (op.op === 'mention_replacement_v2' || op.op === 'long_tail_v1') Object.assign(op, params);
  const file = path.join(tmpDir(), `${recipe}-${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}
