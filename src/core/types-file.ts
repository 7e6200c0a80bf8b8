import { readFileSync } from 'node:fs';
import { parseYaml } from './yaml-locate.js';
import { UserError } from './errors.js';

export interface DeclaredTypes {
  entities: Set<string>;
  relations: Set<string>;
  symmetric: Set<string>;
}

/**
 * A label schema from a file: SpERT's types JSON (`{"entities": {T: {...}}, "relations": {R:
 * {"symmetric": bool}}}`) or a plain JSON/YAML list form (`entities: [..]`, `relations: [..]`,
 * `symmetric: [..]`).
 */
export function readTypesFile(file: string): DeclaredTypes {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'), file).value;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'no such file' : `cannot read the types file: ${(err as Error).message.split('\n')[0]}`, { file });
  }
  const o = raw as { entities?: unknown; relations?: unknown; symmetric?: unknown };
  const shape = '(such as {"entities": ["PER", "ORG"], "relations": ["Work_For"]}, or in YAML "entities: [PER, ORG]")';
  if (Array.isArray(o)) throw new UserError(`expected "entities" and/or "relations" ${shape}: a plain list does not say whether it names entity or relation types`, { file });
  if (!o || typeof o !== 'object' || (!o.entities && !o.relations)) throw new UserError(`expected a types file with "entities" and/or "relations" ${shape}`, { file });
  const names = (v: unknown, key: string): string[] => {
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.keys(v);
    throw new UserError(`"${key}" must be a list of names or an object keyed by name`, { file, path: key });
  };
  const symmetric = new Set(names(o.symmetric, 'symmetric'));
  if (o.relations && typeof o.relations === 'object' && !Array.isArray(o.relations)) {
    for (const [k, v] of Object.entries(o.relations as Record<string, { symmetric?: boolean }>)) if (v?.symmetric === true) symmetric.add(k);
  }
  return { entities: new Set(names(o.entities, 'entities')), relations: new Set(names(o.relations, 'relations')), symmetric };
}
