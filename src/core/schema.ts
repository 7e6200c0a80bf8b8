import type { Example } from './model.js';

/** Entity types, relation types and relation argument signatures seen in (or declared for) data. */
export interface LabelSchema {
  entityTypes: Set<string>;
  relationTypes: Set<string>;
  /** `head type|relation|tail type` -> count */
  signatures: Map<string, number>;
  /** Relation types declared symmetric (from a types file or a recipe). */
  symmetric: Set<string>;
}

export function signatureKey(headType: string, rel: string, tailType: string): string {
  return `${headType}|${rel}|${tailType}`;
}

export function emptySchema(): LabelSchema {
  return { entityTypes: new Set(), relationTypes: new Set(), signatures: new Map(), symmetric: new Set() };
}

export function addToSchema(schema: LabelSchema, ex: Example): void {
  for (const e of ex.entities) schema.entityTypes.add(e.type);
  for (const r of ex.relations) {
    schema.relationTypes.add(r.type);
    const h = ex.entities[r.head];
    const t = ex.entities[r.tail];
    if (!h || !t) continue;
    const k = signatureKey(h.type, r.type, t.type);
    schema.signatures.set(k, (schema.signatures.get(k) ?? 0) + 1);
  }
}

export function schemaOf(examples: Iterable<Example>): LabelSchema {
  const s = emptySchema();
  for (const ex of examples) addToSchema(s, ex);
  return s;
}
