import { Report, checkTokens, isIndex, isObject, jsonLines, uniqueIds, type CheckOptions, type Violation } from './types.js';

type Span = [number, number];

/**
 * DyGIE: one document per line, `{doc_key, sentences, ner, relations, clusters}`. Offsets are
 * document-level token indices with `end` inclusive; `ner` and `relations` hold one list per
 * sentence; a relation's arguments are `ner` spans of its sentence; a coreference cluster
 * mention names an entity, so it is a `ner` span too.
 */
export function checkDygie(text: string, _opts: CheckOptions = {}): Violation[] {
  const r = new Report('dygie');
  const docs = jsonLines(text, r);
  docs.forEach((d, k) => doc(d, k, r));
  uniqueIds(docs.map((d, k) => [k, isObject(d) ? d.doc_key : undefined]), r, 'doc_key');
  return r.list;
}

function doc(d: unknown, k: number, r: Report): void {
  if (!isObject(d) || !Array.isArray(d.sentences)) return r.add(k, 'record', 'not {doc_key, sentences, ...}');
  if (d.doc_key === undefined) r.add(k, 'doc_key', 'no doc_key');
  if (!d.sentences.every((s, i) => checkTokens(s, r, k, `sentences[${i}]`))) return;
  const sents = d.sentences as string[][];
  const bounds: Span[] = [];
  let n = 0;
  for (const s of sents) bounds.push([n, (n += s.length) - 1]);
  const entities = ner(d.ner, bounds, k, r);
  relations(d.relations, bounds, entities, k, r);
  clusters(d.clusters, n, entities, k, r);
}

const inSpan = (x: Span, s: number, e: number) => isIndex(s) && isIndex(e) && x[0] <= s && s <= e && e <= x[1];
const key = (s: number, e: number) => `${s}:${e}`;

/** Per sentence, the set of its entity spans. */
function ner(v: unknown, bounds: Span[], k: number, r: Report): Array<Set<string>> {
  const out = bounds.map(() => new Set<string>());
  if (v === undefined) return out;
  if (!Array.isArray(v) || v.length !== bounds.length) {
    r.add(k, 'ner', `not one list per sentence (${bounds.length} sentences)`);
    return out;
  }
  v.forEach((list, i) =>
    (Array.isArray(list) ? list : [null]).forEach((x, j) => {
      if (!Array.isArray(x) || x.length < 3 || typeof x[2] !== 'string' || x[2] === '') r.add(k, `ner[${i}][${j}]`, 'not [start, end, TYPE]');
      else if (!inSpan(bounds[i], x[0], x[1])) r.add(k, `ner[${i}][${j}]`, `[${x[0]}, ${x[1]}] is not inside sentence ${i} (tokens ${bounds[i][0]}..${bounds[i][1]})`);
      else out[i].add(key(x[0], x[1]));
    }),
  );
  return out;
}

function relations(v: unknown, bounds: Span[], entities: Array<Set<string>>, k: number, r: Report): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.length !== bounds.length) return r.add(k, 'relations', `not one list per sentence (${bounds.length} sentences)`);
  v.forEach((list, i) =>
    (Array.isArray(list) ? list : [null]).forEach((x, j) => {
      const f = `relations[${i}][${j}]`;
      if (!Array.isArray(x) || x.length < 5 || typeof x[4] !== 'string') return r.add(k, f, 'not [s1, e1, s2, e2, TYPE]');
      for (const [s, e] of [[x[0], x[1]], [x[2], x[3]]])
        if (!entities[i].has(key(s, e))) r.add(k, f, `argument [${s}, ${e}] is not an entity of sentence ${i}`);
    }),
  );
}

/** Each cluster mention inside the document and within one sentence's entities. */
function clusters(v: unknown, n: number, entities: Array<Set<string>>, k: number, r: Report): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) return r.add(k, 'clusters', 'not a list of clusters');
  const all = new Set(entities.flatMap((s) => [...s]));
  v.forEach((c, i) =>
    (Array.isArray(c) ? c : [null]).forEach((m, j) => {
      const f = `clusters[${i}][${j}]`;
      if (!Array.isArray(m) || m.length !== 2 || !inSpan([0, n - 1], m[0], m[1])) r.add(k, f, `${JSON.stringify(m)} is not a span of the document (${n} tokens)`);
      else if (!all.has(key(m[0], m[1]))) r.add(k, f, `[${m[0]}, ${m[1]}] points at no entity`);
    }),
  );
}
