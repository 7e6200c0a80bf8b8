import { closest } from '../core/did-you-mean.js';

/**
 * Keys of a JSON record that its reader does not read but that look like the labels it would:
 * a misspelt label key ("lables", "nner"), or, in a record with no label key at all, another
 * key holding what look like entity spans ("ents", "annotations"). Read as they are, such
 * records would come out with no entities and pass as valid: a silently unlabelled file.
 * Other unknown keys (metadata, hashes, a tool's own fields) are kept as before.
 */
export interface LabelKeys {
  /** The keys the reader takes labels from (entities, relations, clusters...). */
  labels: readonly string[];
  /** Those of `labels` that hold entities: a record with none of them is checked for spans kept elsewhere. */
  entities: readonly string[];
  /** Other keys the reader reads (text, tokens, ids): never stray, whatever they hold. */
  other: readonly string[];
  /** Whether a value holds what look like entity spans in this format. */
  looksLikeSpans: (v: unknown) => boolean;
  /** Whether a value holds what look like relations in this format. */
  looksLikeRelations: (v: unknown) => boolean;
}

/** The message for the first stray key of `rec`, with the key, or null. */
export function strayLabelKey(rec: Record<string, unknown>, keys: LabelKeys): { key: string; message: string } | null {
  const hasEntities = keys.entities.some((k) => rec[k] !== undefined);
  for (const [k, v] of Object.entries(rec)) {
    if (keys.labels.includes(k) || keys.other.includes(k) || k.startsWith('$')) continue;
    // A near miss only where it holds labels: "labeled": true or "label_ids": [1, 0] beside
    // real labels are a tool's own fields.
    const meant = closest(k, keys.labels);
    if (meant !== undefined && (keys.looksLikeSpans(v) || keys.looksLikeRelations(v))) {
      return { key: k, message: `unknown key "${k}": did you mean "${meant}"? Labels are read only from ${list(keys.labels)}; as it is, this record would be read without the labels under "${k}"` };
    }
    if (!hasEntities && keys.looksLikeSpans(v)) {
      return { key: k, message: `key "${k}" holds what look like entity spans, but entities are read only from ${list(keys.entities)}: rename the key; as it is, this record would be read without entities` };
    }
  }
  return null;
}

const list = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(', ').replace(/, ([^,]*)$/, ' or $1');

const isInt = (x: unknown) => Number.isInteger(x);

/** `[start, end, "TYPE", ...]`: a span triple as doccano and DyGIE write them. */
export const isSpanTriple = (x: unknown): boolean => Array.isArray(x) && x.length >= 3 && isInt(x[0]) && isInt(x[1]) && typeof x[2] === 'string';

/** `{start, end, label}` or `{start_offset, end_offset, label}` (or `type`, `labels`): a
 *  labelled span object. Offsets alone (sentence bounds, highlights) are no entity. */
export const isSpanObject = (x: unknown): boolean => {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  const labelled = typeof o.label === 'string' || typeof o.type === 'string' || Array.isArray(o.labels);
  return labelled && ((isInt(o.start) && isInt(o.end)) || (isInt(o.start_offset) && isInt(o.end_offset)));
};

/** `{from_id, to_id, ...}`: a relation by entity ids. */
export const isRelationObject = (x: unknown): boolean => !!x && typeof x === 'object' && 'from_id' in x && 'to_id' in x;

/** `[start1, end1, start2, end2, "TYPE"]`: a DyGIE relation. */
export const isRelationTuple = (x: unknown): boolean => Array.isArray(x) && x.length >= 5 && x.slice(0, 4).every(isInt) && typeof x[4] === 'string';

/** A non-empty list whose first item passes `item`. */
export const listOf = (item: (x: unknown) => boolean) => (v: unknown): boolean => Array.isArray(v) && v.length > 0 && item(v[0]);

/** A list of per-sentence lists, one of which starts with an item that passes `item` (DyGIE's `ner`). */
export const perSentence = (item: (x: unknown) => boolean) => (v: unknown): boolean => Array.isArray(v) && v.some(listOf(item));
