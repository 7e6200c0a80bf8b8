import type { Example } from '../core/model.js';
import { exampleText } from '../core/model.js';
import type { Rejection } from './consistency.js';

const at = (t: readonly string[], i: number, m: readonly string[]) => i + m.length <= t.length && m.every((w, k) => t[i + k] === w);

/** Whether `m` occurs in `ex` outside every entity (then a model may write it unmarked too). */
const unmarkedIn = (ex: Example, m: readonly string[]) => ex.tokens.some((_, j) => at(ex.tokens, j, m) && !ex.entities.some((e) => e.start < j + m.length && e.end > j));

/** A text compared whatever its case and whitespace (a copy may drop the spaces before a comma). */
export const textKey = (text: string): string => text.replace(/\s+/gu, '').toLowerCase();

/**
 * What the seeds say, for the checks of model output that compare with every seed: their texts
 * (a model may give a seed or a demonstration back, with or without its marks) and the
 * mentions they mark (a negative must name none of them). Filled while the seeds are read.
 */
export class SeedIndex {
  private readonly texts = new Set<string>();
  /** Marked mentions with a capital letter or a digit (names, dates, numbers), by first token. */
  private readonly mentions = new Map<string, string[][]>();
  /** Last words of marked names of several words ("Blackburn" of "Peter Blackburn"). */
  private readonly surnames = new Map<string, string>();

  add(ex: Example): void {
    this.texts.add(textKey(exampleText(ex)));
    for (const e of ex.entities) {
      const toks = ex.tokens.slice(e.start, e.end);
      // Lower-case mentions ("method", "it") are words before they are names: a sentence may
      // use them unmarked.
      if (!toks.some((t) => /[\p{Lu}\p{N}]/u.test(t))) continue;
      const lastWord = toks[toks.length - 1];
      if (toks.length > 1 && /^\p{Lu}\p{Ll}{2,}$/u.test(lastWord) && !this.surnames.has(lastWord)) this.surnames.set(lastWord, toks.join(' '));
      const list = this.mentions.get(toks[0]) ?? [];
      if (!list.some((m) => m.length === toks.length && m.every((t, i) => t === toks[i]))) list.push(toks);
      this.mentions.set(toks[0], list);
    }
  }

  /** A model's candidate whose text is a seed's, marks aside. */
  copyOfSeed(cand: Example): Rejection | null {
    if (!this.texts.has(textKey(exampleText(cand)))) return null;
    return { reason: 'copy_of_seed', detail: 'the text is a seed’s (or a demonstration’s), whatever its marks' };
  }

  /** A negative (no entity) that names a mention the seeds mark, whatever its type there
   *  (unless its own seed has the same words outside its entities). */
  knownMention(cand: Example, seed: Example): Rejection | null {
    if (cand.entities.length > 0) return null;
    const t = cand.tokens;
    for (let i = 0; i < t.length; i++) {
      for (const m of this.mentions.get(t[i]) ?? []) {
        if (at(t, i, m) && !unmarkedIn(seed, m)) {
          return { reason: 'known_mention_in_negative', detail: `the negative names "${m.join(' ')}", which the seeds mark as an entity` };
        }
      }
      // A name by its last word, past the first word (which any sentence capitalises).
      const whole = i > 0 ? this.surnames.get(t[i]) : undefined;
      if (whole && !unmarkedIn(seed, [t[i]])) return { reason: 'known_mention_in_negative', detail: `the negative names "${t[i]}", as in "${whole}", which the seeds mark as an entity` };
    }
    return null;
  }
}
