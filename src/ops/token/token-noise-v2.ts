import { z } from 'zod';
import { sentenceRanges, type Example } from '../../core/model.js';
import { replaceRange } from '../../core/edit.js';
import { relationCueMask } from '../relation-cues.js';
import { inEntityMask, isPunct } from '../util.js';
import { isFunctionWord } from './words.js';
import type { Operation } from '../types.js';

const rate = z.number().min(0).max(1);
const params = z.strictObject({
  /** Per-position rates. Entity tokens are never deleted, swapped or split. */
  insert: rate.default(0.02),
  delete: rate.default(0.02),
  swap: rate.default(0.02),
  punctuation: rate.default(0.02),
  /** Relation cue words (between a relation's arguments, and this many on either side of each
   *  argument) are never deleted, swapped or split, and nothing is inserted among them. */
  cue_window: z.number().int().min(0).default(0),
  /** At most this many token edits per copy (0: no limit): stacked edits make word salad. */
  max_edits: z.number().int().min(0).default(0),
  /** `function`: delete only function words and punctuation, so no noun, verb or number is
   *  silently lost ("We attempt three ways" -> "We three ways"); `any`: any token. */
  delete_words: z.enum(['any', 'function']).default('any'),
  /** The marks punctuation noise adds or drops (default: the common ones). */
  marks: z.array(z.string().regex(/^[\p{P}\p{S}]+$/u)).min(1).optional(),
  /** Where a mark is added: `pause`, only where a writer pauses, after a content word and
   *  before a word that opens a clause ("the talks failed , but"), or as the serial comma of a
   *  list of names of one type ("[Ruritania] , [Elbonia] , and [Strelsau]"); and the mark added
   *  there is a comma, the one a pause takes (the other `marks` are only dropped). `anywhere`:
   *  any of `marks` at any gap. Two audits of 100 copies read marks added anywhere as
   *  machine-made in about half of them ("a , woman", "the , display area", "[exile] , ."). */
  mark_at: z.enum(['pause', 'anywhere']).default('pause'),
});
type Params = z.infer<typeof params>;

const PUNCT = [',', '.', ';', ':', '!', '?', '-', '"', "'"];

const hasDigit = (t: string | undefined) => t !== undefined && /\d/.test(t);
const capital = (t: string | undefined) => t !== undefined && /^\p{Lu}/u.test(t);

/** Whether a mark dropped at i or added after i would touch a number or split a capitalised
 *  name ("Lakeside ; Trade Fair"). */
function nearNumberOrInName(tokens: readonly string[], i: number): boolean {
  const [prev, here, next, after] = [tokens[i - 1], tokens[i], tokens[i + 1], tokens[i + 2]];
  if (isPunct(here)) return hasDigit(prev) || hasDigit(next) || (capital(prev) && capital(next));
  return hasDigit(here) || hasDigit(next) || (capital(here) && capital(next)) || (next !== undefined && isPunct(next) && hasDigit(after));
}

/** Words that open a clause: a writer's stray comma may go before them ("the talks failed ,
 *  but"). Not "who" or "which": a comma there turns a defining clause into an aside ("People ,
 *  who know her"); not "and" or "or" between two words ("Lebanon , and Pakistan"). */
const CLAUSE_OPENERS = new Set(['but', 'because', 'although', 'whereas', 'unless']);

/**
 * Whether "and" or "or" after token i ends a list that has a comma already: the serial comma.
 * The list is of names: a mention ends right before that comma, and another of the same type
 * stands alone between the comma and "and" ("[Ruritania] , [Elbonia] and"). A comma that
 * closes an opening phrase ("On Monday , [Ada] and [Tom]") or an apposition ("[Ada] ,
 * president of [Acme] and") has no such pair around it.
 */
function endsList(ex: Example, i: number): boolean {
  const item = ex.entities.find((e) => e.end === i + 1);
  // The item is the name alone, right after the comma: "[Romania] , settling in [Bucharest]" is no list.
  const k = item ? item.start - 1 : -1;
  if (k < 1 || ex.tokens[k] !== ',') return false;
  return ex.entities.some((e) => e.end === k && e.type === item!.type);
}

/** Whether a writer might pause after token i: a content word (no "in", "Mr."), then a word
 *  that opens a clause, or the "and" or "or" that ends a list of names. */
function pauseAfter(ex: Example, i: number): boolean {
  const [here, next] = [ex.tokens[i], ex.tokens[i + 1]?.toLowerCase()];
  // A word: not a mark, nor a bracket written out ("-LRB-").
  if (next === undefined || !/^[\p{L}\p{Nd}]/u.test(here) || isFunctionWord(here) || here.endsWith('.')) return false;
  if (CLAUSE_OPENERS.has(next)) return true;
  return (next === 'and' || next === 'or') && endsList(ex, i);
}

/** Which tokens must stay as they are, and which gaps take no insertion, in `ex` as it is now. */
interface Guard {
  /** Token i is never deleted or swapped. */
  token: boolean[];
  /** Nothing is inserted at gap g (before token g). */
  gap: boolean[];
  /** Token i starts a sentence. */
  start: boolean[];
}

function guard(ex: Example, window: number): Guard {
  const n = ex.tokens.length;
  const token = inEntityMask(ex);
  const cue = relationCueMask(ex, window);
  const gap = new Array<boolean>(n + 1).fill(false);
  for (let i = 0; i < n; i++) {
    if (!cue[i]) continue;
    token[i] = true;
    gap[i] = gap[i + 1] = true;
  }
  // Arguments side by side ("[Booth] [Lincoln]"): nothing may come between them either; with
  // a window, nothing comes right beside an argument (where the text ends, the window is short).
  for (const r of ex.relations) {
    if (r.negative) continue;
    const h = ex.entities[r.head];
    const t = ex.entities[r.tail];
    if (!h || !t) continue;
    if (h.end === t.start || t.end === h.start) gap[h.end === t.start ? h.end : t.end] = true;
    if (window > 0) for (const e of [h, t]) gap[e.start] = gap[e.end] = true;
  }
  // The sentence-final marks ('.', '. "') stay final: never deleted, swapped, nor followed by a
  // new token. A swap never crosses a sentence boundary.
  const start = new Array<boolean>(n + 1).fill(false);
  for (const [s, e] of sentenceRanges(ex)) {
    start[s] = true;
    let k = e - 1;
    for (; k >= s && isPunct(ex.tokens[k]); k--) {
      token[k] = true;
      gap[k + 1] = true;
    }
    // A word with the period glued to it ("assassination.") ends the sentence too.
    if (k >= s && GLUED_END.test(ex.tokens[k])) {
      token[k] = true;
      gap[k + 1] = true;
    }
  }
  for (const e of ex.entities) for (let k = e.start + 1; k < e.end; k++) gap[k] = true;
  return { token, gap, start };
}

/**
 * Words noise may insert: the seeds' unlabelled words in lower case only. A capitalised word,
 * a number, a month or an amount could be an entity nobody labelled ("1955.", "$62.50").
 */
const insertPools = new WeakMap<object, string[]>();
function insertable(corpus: { labelTokens: Map<string, string[]> }): string[] {
  let pool = insertPools.get(corpus);
  if (!pool) insertPools.set(corpus, (pool = (corpus.labelTokens.get('O') ?? []).filter((t) => /^\p{Ll}+$/u.test(t) && !MONTHS.has(t))));
  return pool;
}
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

const GLUED_END = /[.!?]["'”’)]*$/u;

/**
 * Token-level noise outside entities, second version: insert a seed token, delete a token,
 * swap two neighbouring tokens, add or drop punctuation. Unlike v1, the words that carry a
 * relation are never deleted, swapped or interleaved ("[Mount Blanc] , in the western [Alps]"
 * lost its "in"), and a sentence's final punctuation stays final. Each edit is one span-safe
 * replace; spans after it shift, entities are never cut.
 */
export const tokenNoiseV2: Operation<Params> = {
  name: 'token_noise_v2',
  summary: 'insert, delete or swap tokens outside entities and relation cue words; the final mark stays',
  params,
  apply(ex, p, { rng, corpus }) {
    let cur: Example = ex;
    let changed = false;
    let edits = 0;
    const deletable = (t: string) => p.delete_words === 'any' || isPunct(t) || isFunctionWord(t);
    let guarded: Example | null = null;
    let guardNow!: Guard;
    // The guard depends on the example only: made when a drawn edit first asks (most copies
    // draw none), and again after an edit, not at every position.
    const g = {
      get now(): Guard {
        if (guarded !== cur) [guardNow, guarded] = [guard(cur, p.cue_window), cur];
        return guardNow;
      },
    };
    // Right to left: positions still to visit are not shifted by earlier edits.
    for (let i = ex.tokens.length - 1; i >= 0; i--) {
      if (p.max_edits > 0 && edits >= p.max_edits) break;
      const n = cur.tokens.length;
      if (rng.chance(p.swap) && i + 1 < n && !g.now.start[i + 1] && !g.now.token[i] && !g.now.token[i + 1] && cur.tokens[i] !== cur.tokens[i + 1]) {
        const cols = cur.columns ? [cur.columns[i + 1], cur.columns[i]] : undefined;
        cur = replaceRange(cur, i, i + 2, [cur.tokens[i + 1], cur.tokens[i]], { columns: cols }).example;
        changed = true;
        edits++;
        continue;
      }
      if (rng.chance(p.delete) && !g.now.token[i] && n > 1 && deletable(cur.tokens[i])) {
        cur = replaceRange(cur, i, i + 1, []).example;
        changed = true;
        edits++;
        continue;
      }
      if (rng.chance(p.insert) && insertable(corpus).length && !g.now.gap[i]) {
        cur = replaceRange(cur, i, i, [rng.pick(insertable(corpus))]).example;
        changed = true;
        edits++;
        continue;
      }
      if (rng.chance(p.punctuation)) {
        const marks = p.marks ?? PUNCT;
        // Never beside a number ("1.25 \" 1.50" reads as inches) nor inside a capitalised name.
        if (nearNumberOrInName(cur.tokens, i)) continue;
        if (isPunct(cur.tokens[i]) && marks.includes(cur.tokens[i]) && !g.now.token[i] && n > 1) {
          cur = replaceRange(cur, i, i + 1, []).example;
          changed = true;
          edits++;
        } else if (!g.now.gap[i + 1] && (p.mark_at === 'anywhere' || (marks.includes(',') && pauseAfter(cur, i)))) {
          const mark = p.mark_at === 'anywhere' ? rng.pick(marks) : ',';
          cur = replaceRange(cur, i + 1, i + 1, [mark], { spaces: [true] }).example;
          changed = true;
          edits++;
        }
      }
    }
    return changed ? cur : null;
  },
};
