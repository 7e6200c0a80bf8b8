import type { Example } from '../../core/model.js';
import { entityText } from '../../core/model.js';
import { replaceRange } from '../../core/edit.js';
import { tokenize } from '../../core/tokenize.js';
import { mentionTextChatter } from '../../llm/chatter-words.js';

/** Scripts a mention's letters come from (Latin, Cyrillic, Han, ...), ignoring digits and marks. */
function scripts(s: string): Set<string> {
  const out = new Set<string>();
  for (const ch of s) {
    if (/\p{Script=Latin}/u.test(ch)) out.add('Latin');
    else if (/\p{Script=Cyrillic}/u.test(ch)) out.add('Cyrillic');
    else if (/\p{Script=Greek}/u.test(ch)) out.add('Greek');
    else if (/\p{Script=Han}/u.test(ch)) out.add('Han');
    else if (/\p{Script=Arabic}/u.test(ch)) out.add('Arabic');
    else if (/\p{Script=Hangul}/u.test(ch)) out.add('Hangul');
    else if (/\p{Script=Hiragana}|\p{Script=Katakana}/u.test(ch)) out.add('Kana');
    else if (/\p{L}/u.test(ch)) out.add('Other');
  }
  return out;
}

/**
 * Check a generated mention (MELM#3: generated entities can be empty or garbled): not empty,
 * one script (Han with Kana is one), no markup, no chatter, not the old mention again. A line
 * break is whitespace like any other (whitespace is never a token).
 */
export function checkMention(text: string, old: string): { reason: string; detail: string } | null {
  const t = text.trim();
  if (!t) return { reason: 'empty_mention', detail: 'the generated mention is empty' };
  if (/[[\]{}<>]/.test(t)) return { reason: 'broken_markup', detail: `the generated mention "${t.slice(0, 40)}" carries markup` };
  // What the old mention has too is its own (a name with a colon), not chatter.
  const chatter = mentionTextChatter(tokenize(old).tokens) ? null : mentionTextChatter(tokenize(t).tokens);
  if (chatter) return { reason: 'chatter_in_mention', detail: `the generated mention "${t.slice(0, 40)}" ${chatter}` };
  const sc = scripts(t);
  sc.delete('Other');
  if (sc.size > 1 && !(sc.size === 2 && sc.has('Han') && sc.has('Kana'))) return { reason: 'mixed_script', detail: `"${t.slice(0, 40)}" mixes ${[...sc].join(' and ')}` };
  if (scripts(t).size === 0 && !/\p{N}/u.test(t)) return { reason: 'empty_mention', detail: `"${t}" has no letters or digits` };
  if (t.toLowerCase() === old.trim().toLowerCase()) return { reason: 'unchanged_entity', detail: `"${t}" is the mention it should replace` };
  if (t.split(/\s+/).length > 12) return { reason: 'implausible_mention', detail: `"${t.slice(0, 40)}..." is too long for a mention` };
  return null;
}

/** Replace entities (by index) with new texts through the span-safe edit; relations stay. */
export function replaceMentions(seed: Example, replacements: Map<number, string>): Example {
  const order = [...replacements.keys()].sort((a, b) => seed.entities[b].start - seed.entities[a].start);
  let cur = seed;
  let map = seed.entities.map((_, i) => i);
  for (const i of order) {
    const idx = map[i];
    const e = cur.entities[idx];
    const tok = tokenize(replacements.get(i)!.trim());
    const r = replaceRange(cur, e.start, e.end, tok.tokens, {
      spaces: tok.spaces.map((s, k) => (k === tok.tokens.length - 1 ? (cur.spaces ? cur.spaces[e.end - 1] : true) : s)),
      place: [{ start: 0, end: tok.tokens.length, from: idx }],
    });
    map = map.map((m) => (m >= 0 ? r.entityMap[m] : -1));
    cur = r.example;
  }
  return cur;
}

export const oldText = (seed: Example, i: number) => entityText(seed, seed.entities[i]);
