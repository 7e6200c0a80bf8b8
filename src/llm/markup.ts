import type { Entity, Example, Relation } from '../core/model.js';
import { entityText, exampleText, tokenCharOffsets } from '../core/model.js';
import { normaliseSpace } from '../core/tokenize.js';
import { align, checkSpan, type TokenSpan } from '../core/align.js';
import { isChatterLine } from './chatter.js';
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

const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;

/**
 * The answer without its line structure: a line of commentary before or after the content is
 * rejected (`leading_chatter`, `trailing_chatter`); the other lines are joined, since line
 * breaks are whitespace and whitespace is never a token.
 */
export function answerText(answer: string): { text: string; paragraphs: number } | Rejected {
  const lines = answer.split(LINE_BREAK).filter((l) => l.trim() !== '');
  if (lines.length > 1) {
    let content = false;
    for (const l of lines) {
      if (!isChatterLine(l)) content = true;
      else return { reason: content ? 'trailing_chatter' : 'leading_chatter', detail: `a line of commentary ${content ? 'after' : 'before'} the answer: "${l.trim().slice(0, 60)}"` };
    }
  }
  // A line that ends a sentence, with more after it, starts another paragraph; a line break
  // inside a sentence is only whitespace.
  const paragraphs = 1 + lines.slice(0, -1).filter((l) => SENTENCE_END.test(l)).length;
  return { text: lines.join(' ').trim(), paragraphs };
}

const SENTENCE_END = /[.!?…]["'’”)\]}]*\s*$/;

/** Sentences of a text by its end punctuation (for comparing a rewrite with its seed). */
export function sentenceCount(text: string): number {
  const ends = (text.match(/[.!?…]+(?=["'’”)\]]*(\s|$))/g) ?? []).length;
  // Words after the last end punctuation are a sentence too.
  return Math.max(1, ends + (SENTENCE_END.test(text) ? 0 : 1));
}

/** An answer in more paragraphs than its seed has sentences: a second paragraph is not the
 *  sentence that was asked for (a note, a second answer). */
export function extraParagraph(body: { text: string; paragraphs: number }, seedText: string): Rejected | null {
  if (body.paragraphs <= sentenceCount(seedText)) return null;
  return { reason: 'extra_paragraph', detail: `the answer runs to ${body.paragraphs} paragraphs where one sentence was asked for` };
}

/** A bracket the markup did not consume and the seed does not have: a mark the model broke. */
function strayBracket(text: string, seedText: string): Rejected | null {
  for (const ch of '[]{}') {
    const n = text.split(ch).length - 1;
    if (n > seedText.split(ch).length - 1) {
      const at = text.indexOf(ch);
      return { reason: 'stray_bracket', detail: `"${ch}" outside any mark near "${text.slice(Math.max(0, at - 20), at + 20)}"` };
    }
  }
  return null;
}

/**
 * Turn a marked-up rewrite of `seed` back into an example. The answer is normalised first
 * (commentary lines rejected, line breaks and whitespace runs never tokens), marks must be whole
 * and sit on word edges; every seed entity must come back exactly once, with its type (and,
 * when `sameText`, its text); relations follow by id. Tokens and spans come from the aligner.
 */
export function exampleFromMarkup(seed: Example, marked: string, opts: { sameText: boolean }): { example: Example } | Rejected {
  const body = answerText(marked);
  if ('reason' in body) return body;
  const extra = extraParagraph(body, exampleText(seed));
  if (extra) return extra;
  const parsed = parseMarkup(body.text);
  if (!parsed.ok) return parsed;
  const { text, mentions } = parsed;
  if (text.trim() === '') return { reason: 'empty_output', detail: 'the rewrite is empty' };
  const stray = strayBracket(text, exampleText(seed));
  if (stray) return stray;
  for (const m of mentions) {
    const c = checkSpan(text, m.start, m.end);
    if ('code' in c && c.code === 'inside_word') return { reason: 'mention_inside_word', detail: `entity #${m.id}: ${c.message}` };
  }
  const why = checkMentions(seed, mentions, opts);
  if (why) return why;
  if (normaliseSpace(text) === normaliseSpace(exampleText(seed))) return { reason: 'identical_to_seed', detail: 'the rewrite repeats the seed' };
  return { example: build(seed, text, mentions) };
}

/** Ids, types and texts of the mentions against the seed's entities. */
function checkMentions(seed: Example, mentions: ParsedMention[], opts: { sameText: boolean }): Rejected | null {
  const seen = new Map<number, ParsedMention>();
  for (const m of mentions) {
    if (m.id < 1 || m.id > seed.entities.length) return { reason: 'invented_entity', detail: `entity #${m.id} ("${m.text}") is not in the seed` };
    if (seen.has(m.id)) return { reason: 'duplicated_entity', detail: `entity #${m.id} appears more than once` };
    seen.set(m.id, m);
    const orig = seed.entities[m.id - 1];
    // A type written in another case is the same type (models often upper-case labels).
    if (m.type !== orig.type && m.type.toLowerCase() !== orig.type.toLowerCase()) return { reason: 'retyped_entity', detail: `entity #${m.id} changed type from ${orig.type} to ${m.type}` };
    if (m.text.trim() === '') return { reason: 'empty_mention', detail: `entity #${m.id} is empty` };
    if (opts.sameText && normaliseSpace(m.text) !== normaliseSpace(entityText(seed, orig))) {
      return { reason: 'changed_entity_text', detail: `entity #${m.id} changed from "${entityText(seed, orig)}" to "${m.text}"` };
    }
  }
  for (let i = 1; i <= seed.entities.length; i++) {
    if (!seen.has(i)) return { reason: 'missing_entity', detail: `entity #${i} ("${entityText(seed, seed.entities[i - 1])}", ${seed.entities[i - 1].type}) is missing` };
  }
  return null;
}

/** A mention's end without the lone marks the tokenizer split off its last word: a seed that
 *  glued a sentence's period to a name ("[Warren Commission.]", as CoNLL04 does) came back with
 *  the "." token inside the entity. No name ends in a lone period, comma, colon or semicolon. */
function trimmedEnd(tokens: readonly string[], start: number, end: number): number {
  while (end - start > 1 && /^[.,;:]$/.test(tokens[end - 1])) end--;
  return end;
}

/** The example: tokens and spans from the aligner, entities in text order, relations by id. */
function build(seed: Example, text: string, mentions: ParsedMention[]): Example {
  const a = align(text, mentions);
  const byId = new Map<number, Entity>();
  mentions.forEach((m, k) => {
    const sp = a.spans[k] as TokenSpan;
    const orig = seed.entities[m.id - 1];
    const ent: Entity = { start: sp.start, end: trimmedEnd(a.tokens, sp.start, sp.end), type: orig.type };
    if (orig.cluster !== undefined) ent.cluster = orig.cluster;
    byId.set(m.id, ent);
  });
  const ids = [...byId.keys()].sort((x, y) => byId.get(x)!.start - byId.get(y)!.start || x - y);
  const index = new Map(ids.map((id, k) => [id, k]));
  const entities = ids.map((id) => byId.get(id)!);
  const relations: Relation[] = seed.relations.map((r) => ({ ...r, head: index.get(r.head + 1)!, tail: index.get(r.tail + 1)! }));
  return { id: seed.id, tokens: a.tokens, spaces: a.spaces, entities, relations };
}
