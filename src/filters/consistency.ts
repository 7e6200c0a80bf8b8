import type { Example } from '../core/model.js';
import { checkExample } from '../core/check.js';
import { hasOverlap } from '../core/tags.js';
import { signatureKey, type LabelSchema } from '../core/schema.js';

export interface Rejection {
  reason: string;
  detail: string;
}

/** Spans in bounds and non-empty, relations on entities of the example; overlaps only where
 *  the seeds had them and the output format can hold them. */
export function spanConsistency(ex: Example, opts: { allowOverlap: boolean }): Rejection | null {
  const problems = checkExample(ex);
  if (problems.length) return { reason: 'span_inconsistent', detail: `${problems[0].path}: ${problems[0].message}` };
  if (!opts.allowOverlap && hasOverlap(ex.entities)) return { reason: 'overlapping_entities', detail: 'entities overlap, but the seeds or the output format have none' };
  return null;
}

/** What the seed's data does not already hold: a token that is blank, or holds whitespace, a
 *  line break or a control character. A writer could not hold it, so it is a rejection here
 *  (never a failed write of the whole run). */
export function tokenIntegrity(cand: Example, seed: Example): Rejection | null {
  let seedTokens: Set<string> | null = null;
  for (let i = 0; i < cand.tokens.length; i++) {
    const t = cand.tokens[i];
    if (t.length > 0 && !BAD_TOKEN.test(t)) continue;
    seedTokens ??= new Set(seed.tokens);
    if (seedTokens.has(t)) continue;
    return { reason: 'invalid_token', detail: `token ${i} ${JSON.stringify(t)} is blank or holds whitespace or a control character` };
  }
  return null;
}
// Any whitespace (a token is a word), C0/C1 controls, and the Unicode line separators.
const BAD_TOKEN = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** Every label in the schema; every relation signature seen in the seeds or declared. */
export function labelConsistency(ex: Example, schema: LabelSchema, declared: ReadonlySet<string>, negativeLabels: ReadonlySet<string> = new Set()): Rejection | null {
  for (const e of ex.entities) {
    if (!schema.entityTypes.has(e.type)) return { reason: 'unknown_entity_type', detail: `entity type "${e.type}" is not in the seed schema` };
  }
  for (const r of ex.relations) {
    // A negative instance carries the recipe's negative label and no signature to check.
    if (r.negative) {
      if (!negativeLabels.has(r.type) && !schema.relationTypes.has(r.type)) return { reason: 'unknown_relation_type', detail: `negative label "${r.type}" is not the recipe's` };
      continue;
    }
    if (!schema.relationTypes.has(r.type)) return { reason: 'unknown_relation_type', detail: `relation type "${r.type}" is not in the seed schema` };
    const k = signatureKey(ex.entities[r.head].type, r.type, ex.entities[r.tail].type);
    if (!schema.signatures.has(k) && !declared.has(k)) {
      return { reason: 'unseen_relation_signature', detail: `(${k.split('|').join(', ')}) never occurs in the seeds` };
    }
  }
  return null;
}
