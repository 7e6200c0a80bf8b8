import type { Example } from '../core/model.js';
import type { Rejection } from './consistency.js';
import { LEAD_END, SENT_END, mentionTextChatter, talksAboutTask } from '../llm/chatter-words.js';

/**
 * Chatter found by where it sits, not by a list of whole phrases: the parts of a candidate a
 * model adds around the sentence it was asked for (a lead-in ending in a colon or a dash, a
 * parenthetical remark, a sentence with no entity beyond the seed's sentences) and the words
 * of a mention are looked at; such a part is chatter when it talks about the task or to the
 * reader. Words the seed itself has never count (a seed about a court sentence may say so).
 */

/** Sentences of a candidate by token ranges: a sentence ends after . ! ? (or ...). */
function sentences(tokens: readonly string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (SENT_END.test(tokens[i]) && (i + 1 >= tokens.length || !SENT_END.test(tokens[i + 1]))) {
      out.push([s, i + 1]);
      s = i + 1;
    }
  }
  if (s < tokens.length) out.push([s, tokens.length]);
  return out;
}

const inEntity = (ex: Example, a: number, b: number) => ex.entities.some((e) => e.start < b && e.end > a);
const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** The parts of a candidate outside its sentence proper that talk about the task. */
export function structuralChatter(cand: Example, seed: Example): Rejection | null {
  const t = cand.tokens;
  const seedWords = new Set(seed.tokens.map((w) => w.toLowerCase()));
  // A lead-in: a few words before a colon or a dash, before any entity.
  const lead = t.findIndex((w, i) => i < 12 && LEAD_END.has(w));
  if (lead > 0 && !inEntity(cand, 0, lead)) {
    const hit = talksAboutTask(t, 0, lead, seedWords);
    if (hit) return { reason: 'chatter_lead_in', detail: `a lead-in before the sentence: ${show(hit)}` };
  }
  // A remark in parentheses with no entity in it.
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== '(') continue;
    const j = t.indexOf(')', i + 1);
    const end = j < 0 ? t.length : j;
    if (!inEntity(cand, i, end)) {
      const hit = talksAboutTask(t, i + 1, end, seedWords);
      if (hit) return { reason: 'chatter_remark', detail: `a remark in parentheses: ${show(hit)}` };
    }
  }
  // A sentence with no entity: an answer's preface or a note after it.
  const parts = sentences(t);
  for (const [a, b] of parts) {
    if (inEntity(cand, a, b)) continue;
    const hit = talksAboutTask(t, a, b, seedWords);
    if (hit) return { reason: a === 0 && parts.length > 1 ? 'chatter_lead_in' : 'chatter_note', detail: `a sentence about the task, not of it: ${show(hit)}` };
  }
  // A note glued to a sentence without end punctuation ("... 13 Feb 94 Let me know ..."):
  // from a capitalised word after the last entity to the end.
  const last = Math.max(0, ...cand.entities.map((e) => e.end));
  for (let i = Math.max(1, last); i < t.length; i++) {
    if (!/^\p{Lu}/u.test(t[i]) || seedWords.has(t[i].toLowerCase())) continue;
    const hit = talksAboutTask(t, i, t.length, seedWords);
    if (hit) return { reason: 'chatter_note', detail: `a note after the sentence: ${show(hit)}` };
  }
  return mentionChatter(cand, seed);
}

/** Chatter that became part of a mention ("Sure ! Bank of Canada" as an organisation). */
export function mentionChatter(cand: Example, seed: Example): Rejection | null {
  const seedMentions = new Set(seed.entities.map((e) => seed.tokens.slice(e.start, e.end).join(' ')));
  for (const e of cand.entities) {
    const words = cand.tokens.slice(e.start, e.end);
    if (seedMentions.has(words.join(' '))) continue;
    const why = mentionTextChatter(words);
    if (why) return { reason: 'chatter_in_mention', detail: `the mention ${show(words.join(' '))} ${why}` };
  }
  return null;
}
