import { Report, checkTokens, isIndex, isObject, parseJson, uniqueIds, type CheckOptions, type Violation } from './types.js';
import { tagProblems } from './tags.js';

/**
 * SpERT: `[{tokens, entities: [{type, start, end}], relations: [{type, head, tail}], orig_id}]`,
 * `end` exclusive, relations index `entities`. The tag variant (`spert-tags`) has BILOU `tags`
 * instead of entities, and relations index the tag spans from left to right.
 */
export function checkSpert(text: string, _opts: CheckOptions = {}): Violation[] {
  const r = new Report('spert');
  const data = parseJson(text, r);
  if (data === undefined) return r.list;
  if (!Array.isArray(data)) {
    r.add(0, 'json', 'not a JSON array');
    return r.list;
  }
  data.forEach((rec, k) => record(rec, k, r));
  uniqueIds(data.map((d, k) => [k, isObject(d) ? d.orig_id : undefined]), r, 'orig_id');
  return r.list;
}

function record(rec: unknown, k: number, r: Report): void {
  if (!isObject(rec) || !checkTokens(rec.tokens, r, k)) {
    if (!isObject(rec)) r.add(k, 'record', 'not an object');
    return;
  }
  const n = (rec.tokens as string[]).length;
  let count: number;
  if (Array.isArray(rec.tags)) count = tags(rec.tags, n, k, r);
  else if (Array.isArray(rec.entities)) {
    count = rec.entities.length;
    rec.entities.forEach((e, i) => {
      if (!isObject(e) || typeof e.type !== 'string' || e.type === '') r.add(k, `entities[${i}]`, 'no type');
      else if (!isIndex(e.start) || !isIndex(e.end) || e.start >= e.end || e.end > n) r.add(k, `entities[${i}]`, `[${String(e.start)}, ${String(e.end)}) is not a span of the ${n} tokens`);
    });
  } else return r.add(k, 'entities', 'neither entities nor tags');
  (Array.isArray(rec.relations) ? rec.relations : []).forEach((x, i) => {
    if (!isObject(x) || typeof x.type !== 'string' || x.type === '') return r.add(k, `relations[${i}]`, 'no type');
    for (const role of ['head', 'tail'] as const)
      if (!isIndex(x[role]) || x[role] >= count) r.add(k, `relations[${i}].${role}`, `${String(x[role])} is not an entity (${count} entities)`);
  });
}

/** BILOU tags, one per token; returns the number of entities they encode. */
function tags(tags: unknown[], n: number, k: number, r: Report): number {
  if (tags.length !== n || !tags.every((t) => typeof t === 'string')) {
    r.add(k, 'tags', `${tags.length} tags for ${n} tokens`);
    return 0;
  }
  for (const [i, msg] of tagProblems(tags as string[], 'BILOU')) r.add(k, `tags[${i}]`, msg);
  return (tags as string[]).filter((t) => t.startsWith('B-') || t.startsWith('U-')).length;
}
