/**
 * Tokenisation that keeps character offsets exact: the text is rebuilt from tokens and
 * whitespace flags byte for byte, and every offset in `boundaries` falls between tokens.
 * Words are runs of letters/digits (with inner apostrophes, hyphens, periods as in "U.S." or
 * "state-of-the-art"); every other non-space character is its own token. Whitespace other than
 * one plain space after a token becomes a whitespace token, as spaCy does.
 */
export interface Tokenized {
  tokens: string[];
  spaces: boolean[];
  /** Character offsets [start, end) of each token. */
  offsets: Array<[number, number]>;
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.\-][\p{L}\p{N}\p{M}]+)*\.?/uy;
const SPACE = /\s+/uy;

export function tokenize(text: string, boundaries: Iterable<number> = []): Tokenized {
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
    WORD.lastIndex = i;
    m = WORD.exec(text);
    let len = m ? m[0].length : String.fromCodePoint(text.codePointAt(i)!).length;
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
    const isSpace = /^\s+$/u.test(piece);
    if (isSpace && piece === ' ' && tokens.length > 0 && !spaces[spaces.length - 1] && !/^\s+$/u.test(tokens[tokens.length - 1])) {
      spaces[spaces.length - 1] = true;
      continue;
    }
    tokens.push(piece);
    spaces.push(false);
    offsets.push([s, e]);
  }
  return { tokens, spaces, offsets };
}
