import { Report, checkTokens, isIndex, isObject, parseJson, uniqueIds, type CheckOptions, type Violation } from './types.js';

const FILLER = '_';
/** Per-token columns whose value belongs to the token itself; head and deprel describe its
 *  place in the tree, which a same-role replacement may keep. */
const TOKEN_COLUMNS = ['stanford_pos', 'stanford_ner'];

/**
 * TACRED: `[{id, relation, token, subj_start, subj_end, obj_start, obj_end, stanford_*}]`, ends
 * inclusive; every `stanford_*` list has one entry per token.
 */
export function checkTacred(text: string, opts: CheckOptions = {}): Violation[] {
  const r = new Report('tacred');
  const data = parseJson(text, r);
  if (data === undefined) return r.list;
  if (!Array.isArray(data)) {
    r.add(0, 'json', 'not a JSON array');
    return r.list;
  }
  const seen = opts.seed === undefined ? undefined : seedColumns(opts.seed);
  data.forEach((rec, k) => record(rec, k, r, seen));
  uniqueIds(data.map((d, k) => [k, isObject(d) ? d.id : undefined]), r);
  return r.list;
}

/** column -> `token\0value` pairs of the seed file. */
function seedColumns(seed: string): Map<string, Set<string>> {
  const out = new Map(TOKEN_COLUMNS.map((c) => [c, new Set<string>()]));
  for (const rec of JSON.parse(seed) as Array<Record<string, unknown>>)
    for (const c of TOKEN_COLUMNS) {
      const vals = rec[c];
      if (Array.isArray(vals)) (rec.token as string[]).forEach((t, i) => out.get(c)!.add(`${t}\u0000${vals[i]}`));
    }
  return out;
}

function record(rec: unknown, k: number, r: Report, seen: Map<string, Set<string>> | undefined): void {
  if (!isObject(rec) || !checkTokens(rec.token, r, k, 'token')) {
    if (!isObject(rec)) r.add(k, 'record', 'not an object');
    return;
  }
  const tokens = rec.token as string[];
  const n = tokens.length;
  if (rec.id === undefined) r.add(k, 'id', 'no id');
  if (typeof rec.relation !== 'string' || rec.relation === '') r.add(k, 'relation', 'no relation');
  for (const who of ['subj', 'obj']) {
    const [s, e] = [rec[`${who}_start`], rec[`${who}_end`]];
    if (!isIndex(s) || !isIndex(e) || s > e || e >= n) r.add(k, who, `[${String(s)}, ${String(e)}] is not a span of the ${n} tokens (ends inclusive)`);
  }
  for (const [c, vals] of Object.entries(rec)) {
    if (!c.startsWith('stanford_')) continue;
    if (!Array.isArray(vals) || vals.length !== n) {
      r.add(k, c, `${Array.isArray(vals) ? vals.length : 'no'} entries for ${n} tokens`);
      continue;
    }
    if (c === 'stanford_head') {
      if (!vals.every((h) => Number.isInteger(Number(h)) && Number(h) >= 0 && Number(h) <= n)) r.add(k, c, `a head outside 0..${n}`);
      continue;
    }
    const pairs = seen?.get(c);
    if (pairs)
      vals.forEach((v, i) => {
        if (v !== FILLER && !pairs.has(`${tokens[i]}\u0000${v}`)) r.add(k, c, `token ${i} '${tokens[i]}' has '${v}', which the seed file never gives it`);
      });
  }
}
