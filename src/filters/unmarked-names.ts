import type { Example } from '../core/model.js';
import type { Rejection } from './consistency.js';
import { tokenKind, type SeedProfile } from './seed-profile.js';

/** Tokens after which a capital starts a sentence (or a quote, or a heading's text). */
const BOUNDARY = /^(?:[.!?:;]|\.\.\.|["'“‘«(\[{]|``|`|-LRB-|-LSB-|--?|—)$/;

/**
 * Names a rewrite adds without marking them (`unmarked_name`): outside its mentions, a
 * capitalised word, or a number or date word of a kind the seeds mark, that its seed lacks.
 * What is fine (yield matters): a capital at a sentence start (unless the word is a name word
 * of the seeds), a word of the seed in any case, a word the seeds use outside mentions as
 * written, words in capitals when the seed is a headline.
 */
export function unmarkedName(cand: Example, seed: Example, p: SeedProfile): Rejection | null {
  const inMention = new Array<boolean>(cand.tokens.length).fill(false);
  for (const e of cand.entities) for (let i = e.start; i < e.end; i++) inMention[i] = true;
  const seedLower = seedWords(cand, seed);
  const headline = isHeadline(seed.tokens);
  for (let i = 0; i < cand.tokens.length; i++) {
    const t = cand.tokens[i];
    if (inMention[i] || seedLower.has(t.toLowerCase()) || p.outside.has(t)) continue;
    const kind = tokenKind(t);
    if (kind) {
      if (p.markedKinds.has(kind)) return flag(t, kind === 'digit' ? 'number' : 'date word');
      continue;
    }
    if (!/^\p{Lu}/u.test(t)) continue;
    const caps = !/\p{Ll}/u.test(t);
    if (caps && headline) continue;
    // A single capital letter ("I", "A") is a word, not a name.
    if (t.length === 1) continue;
    const initial = i === 0 || BOUNDARY.test(cand.tokens[i - 1]);
    if (initial && !p.nameWords.has(t.toLowerCase())) continue;
    return flag(t, 'capitalised word');
  }
  return null;
}

/**
 * The seed's words a candidate may repeat unmarked (lower case). A negative (no mention)
 * may not repeat the words of the seed's mentions: "Officials from Institute met" names
 * what the seed marked, even when no seed marks that word alone.
 */
function seedWords(cand: Example, seed: Example): Set<string> {
  if (cand.entities.length > 0) return new Set(seed.tokens.map((t) => t.toLowerCase()));
  const inSeedMention = new Array<boolean>(seed.tokens.length).fill(false);
  for (const e of seed.entities) for (let i = e.start; i < e.end; i++) inSeedMention[i] = true;
  return new Set(seed.tokens.filter((_, i) => !inSeedMention[i]).map((t) => t.toLowerCase()));
}

/** Most words in capitals: a CoNLL-2003 headline. */
function isHeadline(tokens: readonly string[]): boolean {
  const words = tokens.filter((t) => /\p{L}.*\p{L}/u.test(t));
  return words.length >= 2 && words.filter((t) => !/\p{Ll}/u.test(t)).length >= 0.6 * words.length;
}

function flag(t: string, what: string): Rejection {
  return { reason: 'unmarked_name', detail: `the rewrite adds the ${what} "${t.slice(0, 40)}", which its seed lacks, without marking it` };
}
