/**
 * Tokenisation that keeps character offsets exact: `offsets` point into the text as given, and
 * every offset in `boundaries` falls between tokens.
 * Words are runs of letters/digits (with inner apostrophes, hyphens, periods as in "U.S." or
 * "state-of-the-art"); any other symbol is a token (a run of one repeated symbol, like `--`, stays
 * one token). Whitespace is never a token: any run of it (newlines, tabs, several spaces) after
 * a token sets that token's space flag, so the text rebuilt from tokens and flags is the given
 * text with each whitespace run as one space and none at either end (`normaliseSpace`).
 */
export interface Tokenized {
  tokens: string[];
  spaces: boolean[];
  /** Character offsets [start, end) of each token. */
  offsets: Array<[number, number]>;
}

// Inner apostrophes join only "n't" and names like O'Brien; "'s" and friends are clitics.
const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:[.\-]|['’](?=[tT](?![\p{L}])|\p{Lu}))[\p{L}\p{N}\p{M}]+)*\.?/uy;
const SPACE = /\s+/uy;
const CLITIC = /['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)(?![\p{L}\p{N}])/uy;

/**
 * `words` splits punctuation off words (raw text); `whitespace` only splits at whitespace,
 * for text that is already tokenised (CasRel/NYT: tokens joined by single spaces).
 */
export type TokenizeMode = 'words' | 'whitespace';

/** The text `tokenize` rebuilds: whitespace runs as one space, trimmed. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** What extends a symbol into a longer grapheme: a mark, a joiner, a variation selector, a
 *  skin tone, the second half of a flag. */
const EXTENDER = /[\p{M}\u200D\uFE0E\uFE0F\p{Emoji_Modifier}\p{Regional_Indicator}]/u;

/**
 * The symbol that starts at `i`: one code point, or the whole grapheme where the next code
 * point extends it (an emoji with its variation selector, skin tone or joined parts). The
 * segmenter is asked only then: asked for every symbol it tripled the time to tokenize prose,
 * and it joins a prepended mark to the digit after it (Arabic U+06DD).
 */
function graphemeAt(text: string, i: number): string {
  const cp = String.fromCodePoint(text.codePointAt(i)!);
  const next = text.codePointAt(i + cp.length);
  if (next === undefined || !EXTENDER.test(String.fromCodePoint(next))) return cp;
  const first = GRAPHEMES.segment(text.slice(i, i + 64))[Symbol.iterator]().next();
  return first.done ? cp : first.value.segment;
}

export function tokenize(text: string, boundaries: Iterable<number> = [], mode: TokenizeMode = 'words'): Tokenized {
  const cuts = new Set<number>(boundaries);
  // Raw pieces: words, single symbols, whitespace runs.
  const pieces: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    SPACE.lastIndex = i;
    let m = SPACE.exec(text);
    if (m) {
      pieces.push([i, i + m[0].length]);
      i += m[0].length;
      continue;
    }
    if (mode === 'whitespace') {
      let j = i;
      while (j < text.length && !/\s/u.test(text[j])) j++;
      pieces.push([i, j]);
      i = j;
      continue;
    }
    CLITIC.lastIndex = i;
    m = CLITIC.exec(text);
    if (m && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1])) {
      pieces.push([i, i + m[0].length]);
      i += m[0].length;
      continue;
    }
    WORD.lastIndex = i;
    m = WORD.exec(text);
    let len: number;
    if (m) len = m[0].length;
    else {
      // A run of one repeated symbol stays one token ('' -- ...). A symbol is a whole
      // grapheme: an emoji keeps its variation selector, skin tone and joined parts.
      const ch = graphemeAt(text, i);
      len = ch.length;
      while (text.startsWith(ch, i + len)) len += ch.length;
    }
    // A trailing period belongs to the word only for abbreviations like "U.S." / "Inc.".
    if (m && m[0].endsWith('.') && !/[.].+\.$|^\p{Lu}[\p{Ll}]{0,3}\.$/u.test(m[0])) len -= 1;
    pieces.push([i, i + len]);
    i += len;
  }
  // Split pieces at required boundaries.
  const split: Array<[number, number]> = [];
  for (const [s, e] of pieces) {
    let from = s;
    for (let c = s + 1; c < e; c++) {
      if (cuts.has(c)) {
        split.push([from, c]);
        from = c;
      }
    }
    split.push([from, e]);
  }
  const tokens: string[] = [];
  const spaces: boolean[] = [];
  const offsets: Array<[number, number]> = [];
  for (const [s, e] of split) {
    const piece = text.slice(s, e);
    if (/^\s+$/u.test(piece)) {
      // Whitespace is never a token: it only sets the previous token's space flag.
      if (tokens.length > 0) spaces[spaces.length - 1] = true;
      continue;
    }
    tokens.push(piece);
    spaces.push(false);
    offsets.push([s, e]);
  }
  if (spaces.length > 0) spaces[spaces.length - 1] = false;
  return { tokens, spaces, offsets };
}
