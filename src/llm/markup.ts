import type { Entity, Example, Relation } from '../core/model.js';
import { entityText, exampleText, tokenCharOffsets } from '../core/model.js';
import { tokenize } from '../core/tokenize.js';
import { hasOverlap } from '../core/tags.js';

/**
 * The inline entity markup models read and write, in one place:
 *
 *     [Barack Obama]{PER#1} visited [Paris]{LOC#2} .
 *
 * `[mention]{TYPE#id}`: the mention's text, its type, and an id that names the seed entity it
 * stands for (1-based index into the seed's entities). Ids let relations follow their arguments
 * through a rewrite. Mentions cannot nest; a mention may not contain `[`, `]`, `{` or `}`.
 */
const MARK = /\[([^[\]{}]*)\]\{([^{}#\s][^{}#]*)#(\d+)\}/g;

export function renderMarkup(ex: Example): string {
  const text = exampleText(ex);
  const off = tokenCharOffsets(ex);
  const order = ex.entities.map((_, i) => i).sort((a, b) => ex.entities[a].start - ex.entities[b].start);
  let out = '';
  let pos = 0;
  for (const i of order) {
    const e = ex.entities[i];
    const s = off[e.start][0];
    const t = off[e.end - 1][1];
    out += text.slice(pos, s) + `[${text.slice(s, t)}]{${e.type}#${i + 1}}`;
    pos = t;
  }
  return out + text.slice(pos);
}

/** True when the example can be shown in markup (no nesting, no markup characters in mentions). */
export function markupCanHold(ex: Example): boolean {
  if (hasOverlap(ex.entities)) return false;
  return ex.entities.every((e) => !/[[\]{}]/.test(entityText(ex, e)));
}

export interface ParsedMention {
  start: number;
  end: number;
  type: string;
  id: number;
  text: string;
}

export type MarkupResult = { ok: true; text: string; mentions: ParsedMention[] } | { ok: false; reason: 'broken_markup'; detail: string };

export function parseMarkup(marked: string): MarkupResult {
  let text = '';
  const mentions: ParsedMention[] = [];
  let pos = 0;
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(pos, m.index);
    const start = text.length;
    text += m[1];
    mentions.push({ start, end: text.length, type: m[2].trim(), id: Number(m[3]), text: m[1] });
    pos = m.index! + m[0].length;
  }
  text += marked.slice(pos);
  const leftover = /\]\{[^}]*\}|\{[^{}]*#\d+\}|\[[^\]]*\]\{/.exec(text);
  if (leftover) return { ok: false, reason: 'broken_markup', detail: `unparsed markup near "${leftover[0].slice(0, 40)}"` };
  return { ok: true, text, mentions };
}

export interface Rejected {
  reason: string;
  detail: string;
}

/**
 * Turn a marked-up rewrite of `seed` back into an example. Every seed entity must come back
 * exactly once, with its type (and, when `sameText`, its text); relations follow by id.
 */
export function exampleFromMarkup(seed: Example, marked: string, opts: { sameText: boolean }): { example: Example } | Rejected {
  const parsed = parseMarkup(marked.trim());
  if (!parsed.ok) return parsed;
  const { text, mentions } = parsed;
  if (text.trim() === '') return { reason: 'empty_output', detail: 'the rewrite is empty' };
  const seen = new Map<number, ParsedMention>();
  for (const m of mentions) {
    if (m.id < 1 || m.id > seed.entities.length) return { reason: 'invented_entity', detail: `entity #${m.id} ("${m.text}") is not in the seed` };
    if (seen.has(m.id)) return { reason: 'duplicated_entity', detail: `entity #${m.id} appears more than once` };
    seen.set(m.id, m);
    const orig = seed.entities[m.id - 1];
    // A type written in another case is the same type (models often upper-case labels).
    if (m.type !== orig.type && m.type.toLowerCase() !== orig.type.toLowerCase()) return { reason: 'retyped_entity', detail: `entity #${m.id} changed type from ${orig.type} to ${m.type}` };
    if (m.text.trim() === '') return { reason: 'empty_mention', detail: `entity #${m.id} is empty` };
    if (opts.sameText && m.text.replace(/\s+/g, ' ').trim() !== entityText(seed, orig).replace(/\s+/g, ' ').trim()) {
      return { reason: 'changed_entity_text', detail: `entity #${m.id} changed from "${entityText(seed, orig)}" to "${m.text}"` };
    }
  }
  for (let i = 1; i <= seed.entities.length; i++) {
    if (!seen.has(i)) return { reason: 'missing_entity', detail: `entity #${i} ("${entityText(seed, seed.entities[i - 1])}", ${seed.entities[i - 1].type}) is missing` };
  }
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (norm(text) === norm(exampleText(seed))) return { reason: 'identical_to_seed', detail: 'the rewrite repeats the seed' };
  // Trim mention edges so spans never start or end on whitespace.
  const spans = mentions.map((m) => {
    let s = m.start;
    let e = m.end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    return { ...m, start: s, end: e };
  });
  const tok = tokenize(text, spans.flatMap((m) => [m.start, m.end]));
  const startTok = new Map<number, number>();
  const endTok = new Map<number, number>();
  tok.offsets.forEach(([s, e], i) => {
    startTok.set(s, i);
    endTok.set(e, i + 1);
  });
  const byId = new Map<number, Entity>();
  for (const m of spans) {
    const orig = seed.entities[m.id - 1];
    const ent: Entity = { start: startTok.get(m.start)!, end: endTok.get(m.end)!, type: orig.type };
    if (orig.cluster !== undefined) ent.cluster = orig.cluster;
    byId.set(m.id, ent);
  }
  const ids = [...byId.keys()].sort((a, b) => byId.get(a)!.start - byId.get(b)!.start || a - b);
  const index = new Map(ids.map((id, k) => [id, k]));
  const entities = ids.map((id) => byId.get(id)!);
  const relations: Relation[] = seed.relations.map((r) => ({ ...r, head: index.get(r.head + 1)!, tail: index.get(r.tail + 1)! }));
  const ex: Example = { id: seed.id, tokens: tok.tokens, spaces: tok.spaces, entities, relations };
  return { example: ex };
}
