import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { replaceRange } from '../../core/edit.js';
import { inEntityMask, isWordToken, matchCase } from '../util.js';
import { synonyms } from './wordnet.js';
import type { Operation } from '../types.js';

const params = z.strictObject({
  p: z.number().min(0).max(1).default(0.3),
  /** Allow synonyms of several words (they add tokens; spans after them shift). */
  multi_word: z.boolean().default(true),
});
type Params = z.infer<typeof params>;

// Function words: their WordNet "synonyms" are rarely ones (a -> angstrom, be -> exist).
const STOP = new Set('a an the and or but if of at by for with about to from in on into over under is are was were be been being have has had do does did not no nor so than too very can will just it its this that these those he she they we you i me him her them us my his our your their what which who whom whose when where why how all any both each few more most other some such only own same s t don should now also as up out off then once here there again further'.split(' '));

/**
 * Synonym replacement (Dai & Adel 2020, SR) for tokens outside entities: each word, with
 * probability p, becomes a WordNet synonym. A multi-word synonym adds tokens and every span
 * after it shifts through the span-safe edit.
 */
export const synonymReplacement: Operation<Params> = {
  name: 'synonym_replacement_v1',
  summary: 'replace words outside entities by WordNet synonyms (multi-word allowed)',
  params,
  apply(ex, p, { rng }) {
    const mask = inEntityMask(ex);
    const edits: Array<[number, string[]]> = [];
    for (let i = 0; i < ex.tokens.length; i++) {
      const t = ex.tokens[i];
      if (mask[i] || !isWordToken(t) || t.length < 3 || STOP.has(t.toLowerCase())) continue;
      if (!rng.chance(p.p)) continue;
      let syns = synonyms(t);
      if (!p.multi_word) syns = syns.filter((s) => !s.includes(' '));
      if (syns.length === 0) continue;
      const words = rng.pick(syns).split(' ');
      words[0] = matchCase(words[0], t);
      edits.push([i, words]);
    }
    if (edits.length === 0) return null;
    let cur: Example = ex;
    for (let k = edits.length - 1; k >= 0; k--) {
      const [i, words] = edits[k];
      cur = replaceRange(cur, i, i + 1, words).example;
    }
    return cur;
  },
};
