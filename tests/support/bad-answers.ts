/**
 * Bad answers on demand: the ways real models get an answer item wrong, for the test server
 * (llm-test-server.ts `badAnswers`) and for filter tests. Each class turns one good answer item
 * into a bad one, deterministically (from a hash of the request and the item's position):
 *
 * | class | what the model did |
 * |---|---|
 * | `other_language` | wrote the rewrite in German or Spanish, marks intact |
 * | `other_script` | wrote the context in Cyrillic, or a replacement like "Иван Петров" |
 * | `chatter` | talked around the answer (lead-ins, trailing notes, remarks, a second paragraph) or inside a mention ("Sure! Bank of Canada") |
 * | `unmarked_name` | added a real capitalised name without marking it |
 * | `wrong_type_fill` | put a name of another type in a slot (a city in a person slot) |
 * | `seed_copy` | gave the seed back (a negative: the seed without marks; long-tail: a demonstration) |
 * | `named_negative` | gave a negative that names entities the seed sentence names |
 * | `newline` | put a line break inside the answer |
 *
 * An item is the unit that becomes one candidate: one rewrite, one generated sentence, or the
 * whole answer of a replacement or mask-fill request. `expectedText` says what the candidate's
 * text would be if accepted, so a benchmark can trace every output row back to its item.
 */
import { createHash } from 'node:crypto';

export type BadClass = 'other_language' | 'other_script' | 'chatter' | 'unmarked_name' | 'wrong_type_fill' | 'seed_copy' | 'named_negative' | 'newline';
export const BAD_CLASSES: BadClass[] = ['other_language', 'other_script', 'chatter', 'unmarked_name', 'wrong_type_fill', 'seed_copy', 'named_negative', 'newline'];

/** Which classes make sense for each kind of answer item (by the request's schema name). */
export const CLASSES_FOR: Record<string, BadClass[]> = {
  context_rewrites: ['other_language', 'other_script', 'chatter', 'unmarked_name', 'seed_copy', 'newline'],
  entity_replacements: ['other_script', 'chatter', 'wrong_type_fill', 'seed_copy', 'newline'],
  mask_fills: ['other_script', 'chatter', 'wrong_type_fill', 'newline'],
  long_tail_sentences: ['other_language', 'other_script', 'chatter', 'unmarked_name', 'wrong_type_fill', 'seed_copy', 'newline'],
  entity_free_sentences: ['other_language', 'other_script', 'chatter', 'unmarked_name', 'seed_copy', 'named_negative', 'newline'],
};

export interface BadAnswerOptions {
  /** Share of answer items made bad, 0..1. */
  rate: number;
  /** Classes to draw from (those that fit the item's kind); default all. */
  classes?: BadClass[];
}

/** One answer item as sent: its class (null: left good) and the candidate text it would give. */
export interface BadItem {
  schema: string;
  cls: BadClass | null;
  /** The candidate's text if accepted, without marks or whitespace, lower case (`textKey`). */
  expected: string;
  /** The text (`textKey`) of the sentence the request was about. */
  from: string;
  /** A rewrite that went on to a replacement request (LLM-DA both levels): its candidate is
   *  that request's item, which inherits its class. */
  chained?: boolean;
  /** What a right verifier knows of the bad text (the test server's truth book): a wrong-type
   *  fill's real class, a name added or given without a mark. Absent: the marks as written. */
  truth?: Array<{ text: string; type: string; unmarked?: boolean }>;
}

/** The type a right verifier gives a name of the wrong type: none the schema has. */
export const WRONG_TYPE = 'WRONG_TYPE';

/** What a right verifier knows of a bad sentence-like item (see BadItem.truth). */
function sentenceTruth(cls: BadClass, bad: string): BadItem['truth'] {
  const marks = [...bad.matchAll(MARK)].map((m) => ({ text: m[1], type: m[2] }));
  if (cls === 'wrong_type_fill') return [...bad.matchAll(MARK)].map((m) => ({ text: m[1], type: m[3] === '1' ? WRONG_TYPE : m[2] }));
  if (cls === 'unmarked_name') {
    const name = REAL_NAMES.find((n) => unmark(bad).includes(n));
    return name ? [...marks, { text: name, type: 'PER', unmarked: true }] : undefined;
  }
  if (cls === 'named_negative') {
    const name = /^Officials from (.+) met again on Tuesday \.$/.exec(bad)?.[1];
    return name ? [{ text: name, type: 'ORG', unmarked: true }] : undefined;
  }
  return undefined;
}

/** The key a candidate is traced by: its text without whitespace, lower case. */
export const textKey = (s: string) => s.replace(/\s+/gu, '').toLowerCase();

const MARK = /\[([^[\]{}]*)\]\{([^{}#]+)#(\d+)\}/g;
const unmark = (s: string) => s.replace(MARK, '$1');
const unit = (s: string) => parseInt(createHash('sha1').update(s).digest('hex').slice(0, 8), 16) / 2 ** 32;
const pick = <T>(xs: readonly T[], s: string): T => xs[Math.floor(unit(s) * xs.length)];

// Real, well-known names (a model adds names like these): none is in the test server's pools.
const REAL_NAMES = ['Angela Merkel', 'Nelson Mandela', 'Boris Yeltsin', 'Jacques Chirac', 'Helmut Kohl'];

/** The kind of an entity type, across schemas: CoNLL-2003's PER is CoNLL04's Peop. The truth
 *  book writes a bad item's names under CoNLL-2003's types; a right verifier asked about
 *  "Angela Merkel" as a Peop says yes. */
export function typeKind(type: string): string {
  const t = type.toLowerCase();
  return /^(per|peop|person)/.test(t) ? 'PER' : /^(loc|gpe|place)/.test(t) ? 'LOC' : /^org/.test(t) ? 'ORG' : t;
}

/** A name of a type other than `type`, as a careless fill would give. */
function wrongTypeName(type: string, s: string): string {
  const t = type.toLowerCase();
  if (/^(per|peop|person)/.test(t)) return pick(['Paris', 'Germany', 'Chicago'], s);
  if (/^(loc|gpe|place)/.test(t)) return pick(['Microsoft', 'Reuters', 'Bill Clinton'], s);
  if (/^org/.test(t)) return pick(['Jacques Chirac', 'London', 'Helmut Kohl'], s);
  return pick(['Berlin', 'Boris Yeltsin', 'Toyota'], s);
}

const cyrillicName = (type: string) => (/^(per|peop)/i.test(type) ? 'Иван Петров' : /^(loc|gpe)/i.test(type) ? 'Новосибирск' : /^org/i.test(type) ? 'Газпром Нефть' : 'Олимпиада');

/** The marks of a marked sentence, in order. */
const marksOf = (s: string) => [...s.matchAll(MARK)].map((m) => m[0]);
const listed = (xs: string[], and: string) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(' , ')} ${and} ${xs[xs.length - 1]}`);

/** The same marks in a sentence of another language (or script); an unmarked one without any. */
function otherLanguage(item: string, s: string, script: boolean): string {
  const marks = marksOf(item);
  if (script) return marks.length ? `По данным источников , ${listed(marks, 'и')} снова упоминались в понедельник .` : 'Погода оставалась мягкой всю неделю .';
  if (unit(`${s}#lang`) < 0.5) return marks.length ? `Laut offiziellen Angaben wurden ${listed(marks, 'und')} am Montag erneut erwähnt .` : 'Das Wetter blieb die ganze Woche über mild .';
  return marks.length ? `Según fuentes oficiales , ${listed(marks, 'y')} volvieron a ser noticia el lunes .` : 'El tiempo siguió templado durante toda la semana .';
}

/** Chatter around a sentence, in the forms models use. */
export const CHATTER_FORMS: Array<(x: string) => string> = [
  (x) => `Sure! Here's the rewritten sentence: ${x}`,
  (x) => `Okay, here you go - ${x}`,
  (x) => `${x} Explanation: I replaced a few words outside the marked entities.`,
  (x) => `${x} Let me know if you need more variations!`,
  (x) => `${x} (I kept every marked entity unchanged.)`,
  (x) => `${x}\n\nThis version keeps a neutral, formal tone.`,
  (x) => `Rewritten version - ${x}`,
  (x) => `${x} I hope this helps.`,
];
/** Chatter inside a mention. */
export const MENTION_CHATTER: Array<(x: string) => string> = [(x) => `Sure ! ${x}`, (x) => `Here: ${x}`, (x) => `${x} (a new name)`, (x) => `Okay, ${x}`];

/** A line break inside a text, where a model puts one. */
function withNewline(x: string, s: string): string {
  const words = x.split(' ');
  const k = Math.floor(unit(`${s}#nl`) * 3);
  if (k === 0 || words.length < 3) return `${x}\n`;
  const at = 1 + Math.floor(unit(`${s}#at`) * (words.length - 1));
  return `${words.slice(0, at).join(' ')}${k === 1 ? '\n' : '\r\n'}${words.slice(at).join(' ')}`;
}

// Capitalised words that are not names (after a quote, in a title, dates).
const NOT_NAMES = new Set(['The', 'A', 'An', 'We', 'I', 'He', 'She', 'It', 'They', 'In', 'On', 'At', 'But', 'And', 'Mr.', 'Mrs.', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);

/** Capitalised word runs of a plain sentence after its first word (the names it likely holds). */
function namesIn(sentence: string): string[] {
  const words = sentence.split(/\s+/).slice(1);
  const out: string[] = [];
  let run: string[] = [];
  for (const w of [...words, '.']) {
    if (/^\p{Lu}[\p{Ll}.'-]+$/u.test(w) && !NOT_NAMES.has(w)) run.push(w);
    else if (run.length) {
      out.push(run.join(' '));
      run = [];
    }
  }
  return out;
}

/** One sentence-like item (a rewrite, a long-tail or entity-free sentence) made bad. */
function badSentence(cls: BadClass, item: string, ctx: { sentence: string; demos: string[]; s: string }): string {
  const { s } = ctx;
  switch (cls) {
    case 'other_language':
      return otherLanguage(item, s, false);
    case 'other_script':
      return otherLanguage(item, s, true);
    case 'chatter':
      return pick(CHATTER_FORMS, `${s}#form`)(item);
    case 'unmarked_name':
      return `${item.replace(/\s*[.!?]\s*$/, '')} , said ${pick(REAL_NAMES, `${s}#name`)} .`;
    case 'wrong_type_fill':
      return item.replace(/\[([^[\]{}]*)\]\{([^{}#]+)#1\}/, (_m, _t, type) => `[${wrongTypeName(type, s)}]{${type}#1}`);
    case 'seed_copy':
      if (ctx.demos.length) return pick(ctx.demos, `${s}#demo`);
      return unit(`${s}#marks`) < 0.5 && /\]\{[^{}]*#\d+\}/.test(ctx.sentence) ? ctx.sentence : unmark(ctx.sentence);
    case 'named_negative': {
      const names = namesIn(unmark(ctx.sentence));
      return `Officials from ${names.length ? pick(names, `${s}#nn`) : pick(REAL_NAMES, `${s}#nn`)} met again on Tuesday .`;
    }
    case 'newline':
      return withNewline(item, s);
  }
}

interface Fill {
  id?: number;
  slot?: number;
  text: string;
}

/** A replacement or mask-fill answer made bad (its first entry). */
function badFills(cls: BadClass, fills: Fill[], types: string[], olds: string[], s: string): Fill[] {
  if (!fills.length) return fills;
  const out = fills.map((f) => ({ ...f }));
  const f = out[0];
  const type = types[0] ?? 'PER';
  if (cls === 'other_script') f.text = cyrillicName(type);
  else if (cls === 'chatter') f.text = pick(MENTION_CHATTER, `${s}#mc`)(f.text);
  else if (cls === 'wrong_type_fill') f.text = wrongTypeName(type, s);
  else if (cls === 'seed_copy') out.forEach((x, k) => (x.text = olds[k] ?? x.text));
  else if (cls === 'newline') f.text = f.text.includes(' ') ? f.text.replace(' ', '\n') : `${f.text}\n`;
  return out;
}

/** The class drawn for item `index` of the request with key `key` (null: the item stays good). */
function classFor(schema: string, key: string, index: number, o: BadAnswerOptions): BadClass | null {
  const fit = (CLASSES_FOR[schema] ?? []).filter((c) => (o.classes ?? BAD_CLASSES).includes(c));
  if (!fit.length || unit(`${key}#${index}#bad`) >= o.rate) return null;
  return pick(fit, `${key}#${index}#cls`);
}

const sentenceOf = (user: string) => /<sentence>([\s\S]*?)<\/sentence>/.exec(user)?.[1] ?? '';

/** Candidate text of a replacement answer: the marked sentence with the replaced mentions. */
function replacedText(sentence: string, fills: Fill[]): string {
  const by = new Map(fills.map((f) => [f.id, f.text]));
  return sentence.replace(MARK, (_m, text, _type, id) => by.get(Number(id)) ?? text);
}

/** Candidate text of a mask-fill answer: the linearised sentence with slots filled, tags gone. */
function filledText(sentence: string, fills: Fill[]): string {
  const by = new Map(fills.map((f) => [f.slot, f.text]));
  return sentence.replace(/\[MASK-(\d+)\]/g, (_m, n) => by.get(Number(n)) ?? '').replace(/<\/?[^<>\s]+>/g, '');
}

/**
 * Make a share of the items of one answer bad. `content` is the good answer (JSON); the result
 * is the answer to send and one `BadItem` per item. Unknown schemas pass through untouched.
 * `inherited` gives the class of a marked sentence that was itself a bad rewrite (a both-levels
 * replacement of it inherits its class).
 */
export function misbehave(schema: string, user: string, content: string, key: string, o: BadAnswerOptions, inherited: (expected: string) => BadClass | null = () => null): { content: string; items: BadItem[] } {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(content);
  } catch {
    return { content, items: [] };
  }
  const sentence = sentenceOf(user);
  const items: BadItem[] = [];
  const listKey = schema === 'context_rewrites' ? 'rewrites' : schema === 'long_tail_sentences' || schema === 'entity_free_sentences' ? 'sentences' : null;
  if (listKey && Array.isArray(j[listKey])) {
    const demos = schema === 'long_tail_sentences' ? [...user.matchAll(/^- (.+)$/gm)].map((m) => m[1]) : [];
    j[listKey] = (j[listKey] as string[]).map((good, k) => {
      const cls = classFor(schema, key, k, o);
      const text = cls ? badSentence(cls, good, { sentence, demos, s: `${key}#${k}` }) : good;
      items.push({ schema, cls, expected: textKey(unmark(text)), from: textKey(unmark(sentence)), ...(cls ? { truth: sentenceTruth(cls, text) } : {}) });
      return text;
    });
  } else if ((schema === 'entity_replacements' && Array.isArray(j.replacements)) || (schema === 'mask_fills' && Array.isArray(j.fills))) {
    const fills = (schema === 'mask_fills' ? j.fills : j.replacements) as Fill[];
    const cls = classFor(schema, key, 0, o);
    const asked = schema === 'mask_fills' ? [...user.matchAll(/(\d+) \(([^)]+)\)/g)] : [...user.matchAll(/#(\d+) \(([^,]+), now "([^"]*)"\)/g)];
    const typeOf = new Map(asked.map((m) => [Number(m[1]), m[2]]));
    const oldOf = new Map(asked.map((m) => [Number(m[1]), m[3] ?? '']));
    const idOf = (f: Fill) => (schema === 'mask_fills' ? f.slot : f.id) ?? 0;
    const bad = cls ? badFills(cls, fills, fills.map((f) => typeOf.get(idOf(f)) ?? ''), fills.map((f) => oldOf.get(idOf(f)) ?? ''), `${key}#0`) : fills;
    if (schema === 'mask_fills') j.fills = bad;
    else j.replacements = bad;
    const expected = schema === 'mask_fills' ? filledText(sentence, bad) : unmark(replacedText(sentence, bad));
    const before = schema === 'entity_replacements' ? inherited(textKey(unmark(sentence))) : null;
    const truth = cls === 'wrong_type_fill' ? bad.map((f, k) => ({ text: f.text, type: k === 0 ? WRONG_TYPE : (typeOf.get(idOf(f)) ?? '') })) : undefined;
    items.push({ schema, cls: cls ?? before, expected: textKey(expected), from: textKey(unmark(sentence)), ...(truth ? { truth } : {}) });
  } else return { content, items: [] };
  return { content: JSON.stringify(j), items };
}
