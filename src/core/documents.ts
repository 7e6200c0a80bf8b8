import type { Entity, Example, Relation } from './model.js';
import { sentenceRanges } from './model.js';

export interface SplitResult {
  sentences: Example[];
  /** Entities crossing a sentence boundary (cannot be placed in one sentence). */
  crossingEntities: number;
  /** Relations whose arguments are in different sentences. */
  crossingRelations: number;
}

/**
 * Split a document-level example into sentence examples. Entities that cross a boundary and
 * relations across sentences are counted and left out; callers decide whether that is an error.
 */
export function splitDocument(ex: Example): SplitResult {
  if (!ex.sentenceStarts || ex.sentenceStarts.length <= 1) {
    const one: Example = { ...ex };
    delete one.sentenceStarts;
    return { sentences: [one], crossingEntities: 0, crossingRelations: 0 };
  }
  const ranges = sentenceRanges(ex);
  const where = ex.entities.map((e) => ranges.findIndex(([s, t]) => e.start >= s && e.end <= t));
  let crossingEntities = where.filter((w) => w < 0).length;
  let crossingRelations = 0;
  const sentences: Example[] = ranges.map(([s, t], k) => {
    const localIndex = new Map<number, number>();
    const entities: Entity[] = [];
    ex.entities.forEach((e, i) => {
      if (where[i] !== k) return;
      localIndex.set(i, entities.length);
      entities.push({ ...e, start: e.start - s, end: e.end - s });
    });
    const relations: Relation[] = [];
    for (const r of ex.relations) {
      const h = localIndex.get(r.head);
      const tl = localIndex.get(r.tail);
      if (h !== undefined && tl !== undefined) relations.push({ ...r, head: h, tail: tl });
    }
    const sent: Example = {
      id: `${ex.id}#${k}`,
      tokens: ex.tokens.slice(s, t),
      entities,
      relations,
    };
    if (ex.spaces) sent.spaces = ex.spaces.slice(s, t);
    if (ex.columns) sent.columns = ex.columns.slice(s, t);
    if (k === 0 && ex.docStart !== undefined) sent.docStart = ex.docStart;
    if (ex.meta) sent.meta = ex.meta;
    return sent;
  });
  for (const r of ex.relations) {
    const wh = where[r.head];
    const wt = where[r.tail];
    if (wh < 0 || wt < 0 || wh !== wt) crossingRelations++;
  }
  if (crossingEntities < 0) crossingEntities = 0;
  return { sentences, crossingEntities, crossingRelations };
}

/** A sentence of a sentence-level file (CoNLL) that can join a document: not one already, and
 *  as read (the token origins of an edited one name its own tokens only). */
const joinable = (ex: Example): boolean => ex.sentenceStarts === undefined && ex.origin === undefined;

/**
 * Sentence-level examples grouped into the documents their markers open (CoNLL `-DOCSTART-`):
 * a sentence with a marker opens a document, the sentences after it join it until the next
 * marker or an example that is a document already. Sentences before the first marker, and
 * streams without markers, pass through one example each. For document formats (DyGIE, DocRED).
 */
export async function* joinDocuments(examples: AsyncIterable<Example> | Iterable<Example>): AsyncGenerator<Example> {
  let group: Example[] = [];
  for await (const ex of examples) {
    if (joinable(ex) && (ex.docStart !== undefined || group.length > 0)) {
      if (ex.docStart !== undefined && group.length > 0) yield mergeSentences(group.splice(0));
      group.push(ex);
      continue;
    }
    if (group.length > 0) yield mergeSentences(group.splice(0));
    yield ex;
  }
  if (group.length > 0) yield mergeSentences(group);
}

/** One document of sentences, in order: the first's id, marker, provenance and fields. */
export function mergeSentences(sentences: readonly Example[]): Example {
  const first = sentences[0];
  const doc: Example = { ...first, tokens: [], entities: [], relations: [], sentenceStarts: [] };
  delete doc.spaces;
  delete doc.columns;
  const clusters = new Map<string, number>();
  sentences.forEach((s, k) => {
    const offset = doc.tokens.length;
    const base = doc.entities.length;
    doc.sentenceStarts!.push(offset);
    for (const t of s.tokens) doc.tokens.push(t);
    for (const e of s.entities) {
      const ent: Entity = { ...e, start: e.start + offset, end: e.end + offset };
      // Cluster numbers are the sentence's own: renumbered so two sentences never share one.
      if (e.cluster !== undefined) {
        const key = `${k}:${e.cluster}`;
        if (!clusters.has(key)) clusters.set(key, clusters.size);
        ent.cluster = clusters.get(key)!;
      }
      doc.entities.push(ent);
    }
    for (const r of s.relations) doc.relations.push({ ...r, head: r.head + base, tail: r.tail + base });
  });
  if (sentences.some((s) => s.spaces)) {
    // A sentence without flags has a space after each token but its last; sentences are apart.
    doc.spaces = sentences.flatMap((s, k) => {
      const flags = s.spaces ?? s.tokens.map((_, i) => i < s.tokens.length - 1);
      return k < sentences.length - 1 ? [...flags.slice(0, -1), true] : flags;
    });
  }
  if (sentences.every((s) => s.columns)) doc.columns = sentences.flatMap((s) => s.columns!);
  return doc;
}
