import { sentenceRanges, type Example } from '../../core/model.js';
import { isPunct } from '../util.js';

/**
 * Word shapes and word classes for the v2 token operations: what a replacement must share
 * with the token it replaces so the sentence keeps its form (a comma stays a comma, a number
 * a number, a name-like capitalised word is never swapped for a lower-case one).
 */
export type Shape = 'punct' | 'num' | 'upper' | 'cap' | 'lower' | 'other';

export function shapeOf(t: string): Shape {
  if (isPunct(t)) return 'punct';
  if (/\p{N}/u.test(t)) return 'num';
  if (/^\p{Lu}/u.test(t)) return t.length > 1 && t === t.toUpperCase() ? 'upper' : 'cap';
  if (/^\p{Ll}[\p{Ll}'-]*$/u.test(t)) return 'lower';
  return 'other';
}

/** "4:45" and "1996-08-22" keep their pattern: digits become 9. */
export const digitShape = (t: string) => t.replace(/\p{Nd}/gu, '9');

// Closed-class words: determiners, pronouns, prepositions, conjunctions, auxiliaries and
// modals. Swapping one for a drawn word ("have" -> "of") breaks the sentence's grammar, and
// their WordNet "synonyms" are rarely ones (a -> angstrom, be -> exist).
export const FUNCTION_WORDS = new Set(
  (
    'a an the and or but nor if then else than as so yet of at by for with about against between into through during before after ' +
    'above below to from up down in out on off over under again further once here there when where why how all any both each few ' +
    'more most other some such no not only own same too very can could will would shall should may might must ought is are was ' +
    'were be been being am have has had having do does did doing it its itself this that these those he him his himself she her ' +
    'hers herself they them their theirs themselves we us our ours ourselves you your yours yourself yourselves i me my mine myself ' +
    'what which who whom whose while because until unless although though since per via upon onto among amid within without ' +
    "toward towards across along around behind beside besides beyond despite except inside near outside past throughout 's n't " +
    'just also s t don now ago one someone somebody anyone anybody everyone everybody nobody something anything everything nothing'
  ).split(' '),
);

export const isFunctionWord = (t: string) => FUNCTION_WORDS.has(t.toLowerCase());

/** Tokens that start a sentence (capitalised there by position, not because they are names). */
export function sentenceInitial(ex: Example): boolean[] {
  const out = new Array<boolean>(ex.tokens.length).fill(false);
  for (const [s, e] of sentenceRanges(ex)) {
    // An opening quote or bracket comes first sometimes: the word after it starts the sentence.
    let i = s;
    while (i < e && isPunct(ex.tokens[i])) i++;
    if (i < e) out[i] = true;
  }
  return out;
}

/** Headline-style text ("SOCCER - HOSTS WIN AT LAST"): most words all capitals. */
export function isHeadline(ex: Example): boolean {
  let words = 0;
  let upper = 0;
  for (const t of ex.tokens) {
    const s = shapeOf(t);
    if (s === 'upper' || s === 'cap' || s === 'lower') words++;
    if (s === 'upper') upper++;
  }
  return words > 0 && upper * 2 > words;
}

const PENN = new Set(
  'CC CD DT EX FW IN JJ JJR JJS LS MD NN NNS NNP NNPS PDT POS PRP PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB . , : `` \'\' ( ) $ # " -LRB- -RRB- -NONE-'.split(' '),
);

/**
 * The extra column that holds Penn Treebank part-of-speech tags (CoNLL-2003's second column),
 * or -1: a column counts when nine in ten of its filled values are Penn tags. Rows of tokens
 * an earlier edit changed hold `_` and are not counted.
 */
export function pennColumn(ex: Example): number {
  const rows = ex.columns;
  if (!rows || rows.length === 0) return -1;
  const width = rows[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    let filled = 0;
    let penn = 0;
    for (const row of rows) {
      const v = row[c];
      if (v === undefined || v === '_') continue;
      filled++;
      if (PENN.has(v)) penn++;
    }
    if (filled > 0 && penn * 10 >= filled * 9) return c;
  }
  return -1;
}

const MONTHS = 'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' ');
const WEEKDAYS = 'monday tuesday wednesday thursday friday saturday sunday'.split(' ');

/** `month` or `weekday` for a calendar word ("June", "Sept."), else ''. */
export function calendarKind(t: string): string {
  const w = t.toLowerCase().replace(/\.$/, '');
  if (MONTHS.includes(w)) return 'month';
  if (WEEKDAYS.includes(w)) return 'weekday';
  return '';
}
