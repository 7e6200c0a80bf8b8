/**
 * The form of a mention, so a substitute fits its slot: a coarse type such as CoNLL04's
 * `Other` mixes dates, amounts, titles and nationalities, and "get married [Saturday]" must
 * not become "get married [trees]". Classes are read off the tokens alone (no model):
 *
 *   time, weekday, year         clock times, days of the week, years and decades
 *   date:<format>, month        dates with a number, by how they are written ("Oct. 24 , 1962"
 *                               is `date:Md,y`), months alone ("Dec.")
 *   number:<$><unit>            amounts, keyed by currency sign and unit word ("9 percent")
 *   pronoun                     it, they, this, ... (never replaced, never drawn)
 *   demonym, demonyms           one nationality-like word ("German"), its plural ("Germans")
 *   acronym                     one short word in capitals ("EU", "U.S.", "NATO")
 *   caps                        other capitals ("NEW YORK", "KRASNAYA ZVEZDA")
 *   lower, lower:pl             lower-case phrases, and sentence-case ones at a sentence
 *                               start ("Machine translation is ..."); `:pl` a plural head
 *   name-phrase(:pl)            a capital, then lower-case words ("Korean newspaper articles")
 *   hyphenated                  one hyphenated word ending in lower case ("U.S.-sponsored")
 *   name(:pl)                   capitalised names, titles and events (`:pl`: a plural
 *                               lower-case head, "CFG filtering techniques")
 *   symbol                      no letter or digit
 */

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const MONTH_ABBR = 'jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const MONTH = new RegExp(`^(?:${MONTHS}|(?:${MONTH_ABBR})\\.?)$`, 'i');
const WEEKDAY = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/i;
const CLOCK = /^(?:a\.m\.?|p\.m\.?|am|pm|gmt|utc|noon|midnight|o'clock|\d{1,2}:\d{2}(?::\d{2})?)$/i;
const YEAR = /^'?(?:1[0-9]|20)\d\d(?:'?s)?\.?$|^'\d\d$|^\d\ds$/;
const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|several|percent|per)$/i;
const CURRENCY = /^[A-Z]{0,3}[$£€¥]|^(?:usd|eur|dm|yen)$/i;
const PRONOUN =
  /^(?:it|its|they|them|their|this|these|that|those|which|who|whom|whose|he|she|him|her|his|we|us|our|you|i|one|ones|itself|themselves|both|each|all|some|the|a|an|other|others|another)$/i;
const DEMONYM_LIST =
  /^(?:german|french|dutch|welsh|greek|thai|swiss|czech|arab|basque|scots|soviet|kurd|croat|serb|turk|pole|dane|finn|swede|israeli|iraqi|saudi|pakistani|kuwaiti|somali|yemeni|bangladeshi|omani|qatari|afghani|nepali|jew)s?$/i;
const DEMONYM_SUFFIX = /^[A-Z][a-z]+(?:ian|ean|ican|ese|ish)s?$/;

const hasLetter = (t: string) => /\p{L}/u.test(t);
const isUpperWord = (t: string) => hasLetter(t) && t === t.toUpperCase() && t !== t.toLowerCase();
const isLowerStart = (t: string) => /^[^\p{L}\d]*\p{Ll}/u.test(t);
/** "Machine" in "Machine translation": a capital, then lower-case letters only. */
const isSentenceCased = (t: string) => /^\p{Lu}[\p{Ll}'-]*$/u.test(t);

/** A two-digit year in its century: "'45" and "50s" are the 1900s', "'05" the 2000s'. */
const century = (yy: number): number => (yy <= 30 ? 2000 + yy : 1900 + yy);

/** The year a mention names: "1962", "1980s", "'45", "50s", or the two digits after a day and a
 *  month ("10 Nov 93"; in "Oct. 24" the number after the month is its day); null for none. */
export function yearOf(tokens: readonly string[]): number | null {
  for (const t of tokens) {
    const full = /^'?((?:1[0-9]|20)\d\d)(?:'?s)?\.?$/.exec(t);
    if (full) return Number(full[1]);
    const short = /^'(\d\d)$|^(\d\d)'?s$/.exec(t);
    if (short) return century(Number(short[1] ?? short[2]));
  }
  const n = tokens.length;
  return n > 2 && /^\d\d$/.test(tokens[n - 1]) && MONTH.test(tokens[n - 2]) && /^\d\d?$/.test(tokens[n - 3]) ? century(Number(tokens[n - 1])) : null;
}

/** A date token's part of its format: "Oct. 24 , 1962" is `Md,y`, "10 Nov 93" `dMd`. A date
 *  takes only one written the same way: a dateline's "10 Nov 93" does not go into running text. */
function dateToken(t: string): string {
  if (MONTH.test(t)) return 'M';
  if (/^\d{4}$/.test(t) || /^'\d\d$/.test(t)) return 'y';
  if (/^\d{1,2}(?:st|nd|rd|th)?$/.test(t)) return 'd';
  if (/^[\p{P}]+$/u.test(t)) return t;
  return WEEKDAY.test(t) ? 'w' : '?';
}

function dateClass(tokens: readonly string[]): string | null {
  if (tokens.some((t) => CLOCK.test(t)) || (tokens.includes(':') && tokens.some((t) => /^\d/.test(t)))) return 'time';
  const month = tokens.some((t) => MONTH.test(t));
  const hasDigit = tokens.some((t) => /\d/.test(t));
  // "May", "June", "March" are names too: a month word counts alone or with a number.
  if (month && hasDigit) return `date:${tokens.map(dateToken).join('')}`;
  if (month && tokens.every((t) => MONTH.test(t) || /^[,.]$/.test(t))) return 'month';
  if (tokens.some((t) => WEEKDAY.test(t)) && tokens.length <= 3) return 'weekday';
  // "fiscal 1997" is a year; "1500 miles", a number before its unit, is an amount.
  const unit = tokens.length === 2 && /\d/.test(tokens[0]) && /^\p{Ll}/u.test(tokens[1]);
  if (tokens.length <= 2 && !unit && tokens.some((t) => YEAR.test(t)) && tokens.every((t) => YEAR.test(t) || !/\d/.test(t))) return 'year';
  return null;
}

function numberClass(tokens: readonly string[]): string | null {
  const first = tokens[0];
  if (!(/^[^\p{L}]*\d/u.test(first) || NUMBER_WORD.test(first) || CURRENCY.test(first))) return null;
  const money = tokens.some((t) => CURRENCY.test(t)) ? '$' : '';
  const words = tokens.filter((t) => /^\p{L}+$/u.test(t) && !NUMBER_WORD.test(t));
  // The unit is what the amount counts: "percent", "miles", "crowns" (plural or not).
  const unit = words.length > 0 ? words[words.length - 1].toLowerCase().replace(/s$/, '') : tokens.some((t) => /^(?:percent|%)$/i.test(t) || t.endsWith('%')) ? 'percent' : '';
  return `number:${money}${unit}`;
}

/** The shape class of a mention's tokens (see the module comment), as seen at a sentence start or not. */
export function shapeClass(tokens: readonly string[], atSentenceStart = false): string {
  if (tokens.length === 0) return 'symbol';
  // A trailing punctuation token ("Feb. 2 ,") is part of the form: a substitute brings the same.
  const last = tokens[tokens.length - 1];
  if (tokens.length > 1 && /^[\p{P}]+$/u.test(last)) return `${shapeClass(tokens.slice(0, -1), atSentenceStart)}+${last}`;
  const date = dateClass(tokens);
  if (date) return date;
  const num = numberClass(tokens);
  if (num) return num;
  const letters = tokens.filter(hasLetter);
  if (letters.length === 0) return 'symbol';
  if (tokens.every((t) => PRONOUN.test(t) || !hasLetter(t))) return 'pronoun';
  // "German call" and "Germans say" are not the same slot: the plural is a noun.
  if (tokens.length === 1 && (DEMONYM_LIST.test(tokens[0]) || DEMONYM_SUFFIX.test(tokens[0]))) return /[^s]s$/.test(tokens[0]) ? 'demonyms' : 'demonym';
  const capitals = letters.join('').replace(/[^\p{L}]/gu, '').length;
  // "U.S.-sponsored", "Bosnian-held": an adjective made with a hyphen, not a name.
  if (tokens.length === 1 && /^\p{Lu}\S*-\p{Ll}+$/u.test(tokens[0])) return 'hyphenated';
  if (letters.every(isUpperWord) && capitals >= 2) return tokens.length === 1 && capitals <= 4 ? 'acronym' : 'caps';
  if (isLowerStart(tokens[0])) return `lower${plural(tokens)}`;
  // "Statistical machine translation" at the start of a sentence: a lower-case phrase.
  // Elsewhere a capital then lower-case words ("Korean newspaper articles", "Atomenergoproekt
  // institute") is a phrase about a name: neither a name ("English") nor a plain phrase.
  if (letters.length >= 2 && isSentenceCased(letters[0]) && letters.slice(1).every(isLowerStart)) return `${atSentenceStart ? 'lower' : 'name-phrase'}${plural(tokens)}`;
  // "[CFG filtering techniques] were": a name whose head is a plural common noun.
  return `name${isLowerStart(letters[letters.length - 1]) ? plural(tokens) : ''}`;
}

const HEAD_END = /^(?:of|for|in|with|to|on|from|by|at|as|via|using|under|over|between|,|:|;|-LRB-|\()$/i;

/** `:pl` when the phrase's head word (its last before "of", "for", ...) is a plural. */
function plural(tokens: readonly string[]): string {
  const cut = tokens.findIndex((t, i) => i > 0 && HEAD_END.test(t));
  const head = tokens[(cut < 0 ? tokens.length : cut) - 1];
  return /\p{Ll}{2}s$/u.test(head) && !/(?:ss|us|is)$/.test(head) ? ':pl' : '';
}

/** A lower-case phrase set in the case of its slot: capitalised at a sentence start, else not. */
export function recase(tokens: readonly string[], atSentenceStart: boolean): string[] {
  const [first, ...rest] = tokens;
  if (atSentenceStart) return [first.charAt(0).toUpperCase() + first.slice(1), ...rest];
  if (isSentenceCased(first)) return [first.charAt(0).toLowerCase() + first.slice(1), ...rest];
  return [...tokens];
}

/** Opening quotes and brackets: a mention after only these starts its sentence. */
const OPENER = /^(?:["'“‘«(\[{]|``|`|-LRB-|-LSB-|-LCB-)+$/;

/** True when only opening quotes or brackets stand between `sentenceStart` and `start`. */
export function startsSentence(tokens: readonly string[], start: number, sentenceStart: number): boolean {
  for (let i = sentenceStart; i < start; i++) if (!OPENER.test(tokens[i])) return false;
  return true;
}

/** Closing quotes and brackets: a mention followed only by these ends its sentence. */
export const isCloser = (t: string) => /^(?:["'”’»)\]}]|''|-RRB-|-RSB-|-RCB-)+$/.test(t);

/** True when most words of the tokens are in capitals (a CoNLL-2003 headline). */
export function isHeadline(tokens: readonly string[]): boolean {
  const words = tokens.filter((t) => /\p{L}.*\p{L}/u.test(t));
  return words.length >= 2 && words.filter(isUpperWord).length >= 0.6 * words.length;
}

/** A token that continues a sentence: lower-case word, comma-like punctuation, possessive. */
const CONTINUES = /^(?:\p{Ll}|[,;:)%-]|'s$|-RRB-)/u;

/**
 * True when the sentence plainly goes on after token `end` (up to `limit`), closing quotes
 * aside: "U.S. forces", "Calif. ,". After "Ball. 1926" or "North. The" it may not: the period
 * may be the sentence's own, glued to the last word of a name.
 */
export function continuesAfter(tokens: readonly string[], end: number, limit: number): boolean {
  let i = end;
  while (i < limit && isCloser(tokens[i])) i++;
  return i < limit && CONTINUES.test(tokens[i]);
}

/** Whether "an" goes before these words: a vowel, or a capital letter read as its name ("an FBI"). */
export function takesAn(tokens: readonly string[]): boolean {
  const first = tokens[0];
  if (/^\p{Lu}(?:[\p{Lu}.]*)$/u.test(first) && first.replace(/\./g, '').length <= 5) return /^[AEFHILMNORSX]/.test(first);
  return /^[aeiou]/i.test(first);
}
