import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';
import { isWord, scriptsOf, type SeedProfile } from './seed-profile.js';
import { newMentions } from './type-fit.js';

/**
 * Language and script of a model's answer against its seed. Language identification of one
 * short sentence is unreliable (eld calls a sixth of CoNLL-2003 sentences something other than
 * English), so a rewrite counts as another language only when two signals agree: eld names a
 * language other than the seeds', and the words outside its mentions hold almost none of the
 * seeds' function words ("the", "of", "said").
 */
export interface LanguageId {
  detect(text: string): string;
}

let loading: Promise<LanguageId> | undefined;

/** eld (efficient language detector, its small database), loaded on first use. */
export function languageId(): Promise<LanguageId> {
  loading ??= import('eld/small').then(({ eld }) => ({ detect: (text: string) => eld.detect(text).language }));
  return loading;
}

/** Share of function words at or under which a sentence does not read as the seeds' language. */
const FOREIGN_SHARE = 0.15;

interface Evidence {
  words: number;
  functionWords: number;
  lang: string;
}

/** Words outside the mentions: their count, how many are function words, eld's language. */
function evidence(ex: Example, p: SeedProfile, id: LanguageId): Evidence {
  const inMention = new Array<boolean>(ex.tokens.length).fill(false);
  for (const e of ex.entities) for (let i = e.start; i < e.end; i++) inMention[i] = true;
  const words = ex.tokens.filter((t, i) => !inMention[i] && isWord(t));
  const text = words.join(' ');
  return { words: words.length, functionWords: words.filter((w) => p.functionWords.has(w.toLowerCase())).length, lang: text ? id.detect(text.toLowerCase()) : '' };
}

const looksForeign = (e: Evidence, seedsLang: string) => e.words >= 2 && e.functionWords <= FOREIGN_SHARE * e.words && e.lang !== seedsLang;

const seedLangs = new WeakMap<SeedProfile, string>();
function seedsLanguage(p: SeedProfile, id: LanguageId): string {
  let l = seedLangs.get(p);
  if (l === undefined) seedLangs.set(p, (l = p.sample ? id.detect(p.sample.toLowerCase()) : ''));
  return l;
}

/** A rewrite in another language than its seed's (`language_mismatch`). */
export function languageMismatch(cand: Example, seed: Example, p: SeedProfile, id: LanguageId): Rejection | null {
  const lang = seedsLanguage(p, id);
  const c = evidence(cand, p, id);
  if (!looksForeign(c, lang)) return null;
  const s = evidence(seed, p, id);
  // A seed that itself reads as foreign (a headline, a list of names): only a rewrite that eld
  // gives another language and that has no function word at all is judged foreign.
  if (looksForeign(s, lang) && (c.lang === s.lang || c.functionWords > 0 || c.words < 4)) return null;
  return { reason: 'language_mismatch', detail: `the rewrite reads as "${c.lang || 'unknown'}" (${c.functionWords} of its ${c.words} words outside mentions are the seeds' function words); the seeds are "${lang || 'unknown'}"` };
}

/**
 * Scripts: a new mention in a script that the seeds' mentions of its type never use
 * (`mention_script`), or any token the seed lacks in a script no seed uses (`foreign_script`).
 * Every token is looked at, not one mention: "Sen. Иван Петров".
 */
export function scriptMismatch(cand: Example, seed: Example, p: SeedProfile): Rejection | null {
  for (const i of newMentions(cand, seed)) {
    const e = cand.entities[i];
    const allowed = p.typeScripts.get(e.type) ?? p.scripts;
    const text = entityText(cand, e);
    const odd = [...scriptsOf(text)].filter((s) => !allowed.has(s));
    if (odd.length) return { reason: 'mention_script', detail: `the new ${e.type} "${text.slice(0, 40)}" is in ${odd.join(' and ')}, which the seeds' ${e.type} mentions never use` };
  }
  const seedTokens = new Set(seed.tokens);
  for (const t of cand.tokens) {
    if (seedTokens.has(t)) continue;
    const odd = [...scriptsOf(t)].filter((s) => !p.scripts.has(s));
    if (odd.length) return { reason: 'foreign_script', detail: `"${t.slice(0, 40)}" is in ${odd.join(' and ')}, which the seeds never use` };
  }
  return null;
}
