/** Built-in recipes with concepts swapped by type (`concept_phrases: any`, `partner_fit`
 *  off): on data whose types are all concepts (SciERC, SemEval) the recipes as shipped leave
 *  every mention as it is, and a test of what swaps write needs swaps. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT, tmpDir } from './paths.js';

export function swappingConceptsByType(recipe: string): string {
  const doc = parse(readFileSync(path.join(ROOT, `recipes/${recipe}.yaml`), 'utf8')) as { operations: Array<Record<string, unknown>> };
  for (const op of doc.operations) {
    if (op.op !== 'mention_replacement_v2' && op.op !== 'long_tail_v1') continue;
    op.concept_phrases = 'any';
    op.partner_fit = false;
  }
  const file = path.join(tmpDir(), `${recipe}-concepts-by-type.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}
