import { Report, checkTokens, isIndex, isObject, parseJson, squash, type CheckOptions, type Violation } from './types.js';

type Doc = { title?: unknown; sents: string[][]; vertexSet: unknown[]; labels?: unknown };
type Mention = { name?: unknown; sent_id?: unknown; pos?: unknown; type?: unknown; global_pos?: unknown; index?: unknown };

/**
 * DocRED: `[{title, sents, vertexSet: [[mention, ...], ...], labels: [{h, t, r, evidence}]}]`.
 * A mention's `name` is the text of `sents[sent_id][pos[0]:pos[1]]`; Re-DocRED's `global_pos`
 * is `[s, s]` with s the document-level start token, and `index` is `<entity>_<mention>`.
 */
export function checkDocred(text: string, opts: CheckOptions = {}): Violation[] {
  const r = new Report('docred');
  const data = parseJson(text, r);
  if (data === undefined) return r.list;
  if (!Array.isArray(data)) {
    r.add(0, 'json', 'not a JSON array');
    return r.list;
  }
  const seeds = opts.seed === undefined ? undefined : seedDocs(opts.seed);
  data.forEach((doc, k) => {
    if (!isObject(doc) || !Array.isArray(doc.sents) || !Array.isArray(doc.vertexSet)) return r.add(k, 'record', 'not {sents, vertexSet, labels}');
    if (!doc.sents.every((s, i) => checkTokens(s, r, k, `sents[${i}]`, true))) return;
    const d = doc as Doc;
    d.vertexSet.forEach((v, e) => vertex(d, v, e, k, r));
    labels(d, k, r);
    // A candidate's title is its seed's with a `~variant` suffix (its own id).
    const seed = seeds?.get(String(d.title)) ?? seeds?.get(String(d.title).replace(/~[\d.]+$/, ''));
    if (seed) clusters(d, seed, k, r);
  });
  return r.list;
}

function seedDocs(seed: string): Map<string, Doc> {
  return new Map((JSON.parse(seed) as Doc[]).map((d) => [String(d.title), d]));
}

function vertex(d: Doc, v: unknown, e: number, k: number, r: Report): void {
  if (!Array.isArray(v) || v.length === 0) return r.add(k, `vertexSet[${e}]`, 'not a non-empty list of mentions');
  const starts = d.sents.reduce<number[]>((acc, s, i) => [...acc, i === 0 ? 0 : acc[i - 1] + d.sents[i - 1].length], []);
  v.forEach((m: Mention, j) => {
    const f = `vertexSet[${e}][${j}]`;
    if (!isObject(m)) return r.add(k, f, 'not a mention object');
    if (typeof m.type !== 'string' || m.type === '') r.add(k, `${f}.type`, 'no type');
    const pos = m.pos as number[];
    if (!isIndex(m.sent_id) || m.sent_id >= d.sents.length) return r.add(k, `${f}.sent_id`, `sentence ${String(m.sent_id)} out of range (${d.sents.length} sentences)`);
    const sent = d.sents[m.sent_id];
    if (!Array.isArray(pos) || pos.length !== 2 || !pos.every(isIndex) || pos[0] >= pos[1] || pos[1] > sent.length)
      return r.add(k, `${f}.pos`, `${JSON.stringify(pos)} is not a span of sentence ${m.sent_id} (${sent.length} tokens)`);
    const words = sent.slice(pos[0], pos[1]).join(' ');
    if (typeof m.name !== 'string' || squash(m.name) !== squash(words)) r.add(k, `${f}.name`, `name ${JSON.stringify(m.name)} but its tokens say "${words}"`);
    const g = starts[m.sent_id] + pos[0];
    if (m.global_pos !== undefined && JSON.stringify(m.global_pos) !== JSON.stringify([g, g])) r.add(k, `${f}.global_pos`, `${JSON.stringify(m.global_pos)} but the mention starts at document token ${g}`);
    if (m.index !== undefined && m.index !== `${e}_${j}`) r.add(k, `${f}.index`, `${JSON.stringify(m.index)} but the mention is ${e}_${j}`);
  });
}

function labels(d: Doc, k: number, r: Report): void {
  if (d.labels === undefined) return;
  if (!Array.isArray(d.labels)) return r.add(k, 'labels', 'not a list');
  d.labels.forEach((l, i) => {
    const f = `labels[${i}]`;
    if (!isObject(l)) return r.add(k, f, 'not a label object');
    for (const role of ['h', 't'] as const)
      if (!isIndex(l[role]) || l[role] >= d.vertexSet.length) r.add(k, `${f}.${role}`, `${String(l[role])} is not an entity (${d.vertexSet.length} entities)`);
    if (typeof l.r !== 'string' || l.r === '') r.add(k, `${f}.r`, 'no relation');
    const ev = l.evidence ?? [];
    if (!Array.isArray(ev) || !ev.every((s) => isIndex(s) && s < d.sents.length)) r.add(k, `${f}.evidence`, `${JSON.stringify(ev)}: not sentence ids of this document`);
  });
}

/** Coreferent mentions are replaced together or not at all: against the seed document with the
 *  same title, no entity is split off (same count of entities and mentions), and an entity whose
 *  mentions changed name has changed them all. */
function clusters(d: Doc, seed: Doc, k: number, r: Report): void {
  const mentions = (x: Doc) => x.vertexSet.reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
  if (seed.vertexSet.length !== d.vertexSet.length || mentions(seed) !== mentions(d))
    return r.add(k, 'vertexSet', `${d.vertexSet.length} entities with ${mentions(d)} mentions, the seed document has ${seed.vertexSet.length} with ${mentions(seed)}: a coreference cluster was split or merged`);
  d.vertexSet.forEach((v, e) => {
    const was = seed.vertexSet[e] as Mention[];
    const now = v as Mention[];
    if (!Array.isArray(now) || now.length !== was.length || now.length < 2) return;
    const renamed = now.filter((m, j) => squash(String(m.name)) !== squash(String(was[j].name))).length;
    if (renamed > 0 && renamed < now.length) r.add(k, `vertexSet[${e}]`, `${renamed} of ${now.length} coreferent mentions renamed: the cluster now names different things`);
  });
}
