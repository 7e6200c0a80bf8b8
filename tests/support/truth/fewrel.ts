import { Report, checkTokens, isIndex, isObject, parseJson, squash, type CheckOptions, type Violation } from './types.js';

/**
 * FewRel: `{relation: [{tokens, h: [name, id, [[i, j, ...], ...]], t: [...]}]}`. A mention lists
 * every token index (consecutive); the name is the first mention's text, lower-cased in
 * val_wiki; the id is the Wikidata id of that name.
 */
export function checkFewrel(text: string, opts: CheckOptions = {}): Violation[] {
  const r = new Report('fewrel');
  const data = parseJson(text, r);
  if (data === undefined) return r.list;
  if (!isObject(data)) {
    r.add(0, 'json', 'not a JSON object of relation -> instances');
    return r.list;
  }
  const ids = opts.seed === undefined ? undefined : seedIds(opts.seed);
  let k = 0;
  for (const [rel, list] of Object.entries(data)) {
    if (!Array.isArray(list)) r.add(k, rel, 'not a list of instances');
    else for (const inst of list) instance(inst, k++, r, ids);
  }
  return r.list;
}

/** The (squashed name, id) pairs of the seed file. */
function seedIds(seed: string): Set<string> {
  const pairs = new Set<string>();
  const data = JSON.parse(seed) as Record<string, Array<{ h: unknown[]; t: unknown[] }>>;
  for (const list of Object.values(data))
    for (const inst of list) for (const arg of [inst.h, inst.t]) pairs.add(`${squash(String(arg[0]))}\u0000${String(arg[1])}`);
  return pairs;
}

function instance(inst: unknown, k: number, r: Report, ids: Set<string> | undefined): void {
  if (!isObject(inst) || !checkTokens(inst.tokens, r, k, 'tokens', true)) {
    if (!isObject(inst)) r.add(k, 'record', 'not {tokens, h, t}');
    return;
  }
  const tokens = inst.tokens as string[];
  for (const role of ['h', 't'] as const) {
    const arg = inst[role];
    if (!Array.isArray(arg) || arg.length < 3 || typeof arg[0] !== 'string' || typeof arg[1] !== 'string' || !Array.isArray(arg[2]) || arg[2].length === 0) {
      r.add(k, role, 'not [name, id, [[indices], ...]]');
      continue;
    }
    const [name, id, mentions] = arg as [string, string, unknown[]];
    const ok = mentions.every((m, i) => mention(m, tokens.length, r, k, `${role}[2][${i}]`));
    if (!ok) continue;
    const first = (mentions[0] as number[]).map((i) => tokens[i]).join(' ');
    if (squash(name) !== squash(first)) r.add(k, `${role}.name`, `name "${name}" but its tokens say "${first}"`);
    else if (ids && id !== '' && !ids.has(`${squash(name)}\u0000${id}`)) r.add(k, `${role}.id`, `id ${id} is never the id of "${name}" in the seed file`);
  }
}

/** A mention: a non-empty run of consecutive token indices, in range. */
function mention(m: unknown, n: number, r: Report, k: number, field: string): boolean {
  if (!Array.isArray(m) || m.length === 0 || !m.every(isIndex)) r.add(k, field, 'not a non-empty list of token indices');
  else if (m.some((i) => i >= n)) r.add(k, field, `index out of range (${n} tokens)`);
  else if (m.some((i, j) => j > 0 && i !== m[j - 1] + 1)) r.add(k, field, 'indices not consecutive');
  else return true;
  return false;
}
