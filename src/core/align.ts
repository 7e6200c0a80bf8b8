import { tokenize, type TokenizeMode, type Tokenized } from './tokenize.js';

/**
 * The one place where character offsets become token spans: every character-offset format
 * (JSONL, CasRel, CSV) and the LLM markup parser align through `align`. A span is trimmed of
 * whitespace at its edges; a span whose edge falls inside a word is refused, never split.
 */

/** Why a span could not be aligned. */
export type AlignCode = 'out_of_range' | 'empty' | 'blank' | 'inside_word' | 'off_token';

export interface AlignProblem {
  code: AlignCode;
  message: string;
}

/** How a span was aligned: as given, or after trimming whitespace at its edges. */
export type AlignHow = 'exact' | 'trimmed';

export interface CharSpan {
  start: number;
  end: number;
}

export interface TokenSpan {
  /** Token offsets, end exclusive. */
  start: number;
  end: number;
  /** The character span after trimming. */
  chars: [number, number];
  how: AlignHow;
}

export type SpanResult = ({ ok: true } & TokenSpan) | ({ ok: false } & AlignProblem);

export interface Alignment extends Tokenized {
  spans: SpanResult[];
}

const WORDCHAR = /[\p{L}\p{N}\p{M}]/u;
// Scripts written without spaces between words: any letter boundary there is a word boundary.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const lo = text.charCodeAt(i - 1);
  return lo >= 0xdc00 && lo <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1];
}

function charAt(text: string, i: number): string {
  return i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '';
}

/** True when offset `i` falls between two letters/digits of one word (`Ne|w`). */
export function insideWord(text: string, i: number): boolean {
  const a = charBefore(text, i);
  const b = charAt(text, i);
  return WORDCHAR.test(a) && WORDCHAR.test(b) && !UNSPACED.test(a) && !UNSPACED.test(b);
}

/** The word around offset `i`, for messages. */
function wordAround(text: string, i: number): string {
  let s = i;
  let e = i;
  while (s > 0 && WORDCHAR.test(text[s - 1])) s--;
  while (e < text.length && WORDCHAR.test(text[e])) e++;
  return text.slice(s, e);
}

/** [start, end) without whitespace at either edge. */
export function trimSpace(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s])) s++;
  while (e > s && /\s/u.test(text[e - 1])) e--;
  return [s, e];
}

const show = (s: string) => JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);

/**
 * Check one character span and trim whitespace at its edges; no tokens involved. `words: false`
 * skips the inside-word check (a tokenisation the data carries says where words end).
 */
export function checkSpan(text: string, start: number, end: number, o: { words?: boolean } = {}): { start: number; end: number; how: AlignHow } | AlignProblem {
  const where = `character span [${start}, ${end})`;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length) {
    return { code: 'out_of_range', message: `${where} is outside the text (${text.length} characters)` };
  }
  if (end <= start) return { code: 'empty', message: `${where} is ${end < start ? 'reversed (its end before its start)' : 'empty'}` };
  const [s, e] = trimSpace(text, start, end);
  if (s === e) return { code: 'blank', message: `${where} holds only whitespace` };
  for (const [at, edge] of [[s, 'starts'], [e, 'ends']] as const) {
    if (o.words !== false && insideWord(text, at)) return { code: 'inside_word', message: `${where} ${show(text.slice(s, e))} ${edge} inside the word ${show(wordAround(text, at))}` };
  }
  return { start: s, end: e, how: s === start && e === end ? 'exact' : 'trimmed' };
}

/**
 * Tokenise `text` so that every good span starts and ends on token boundaries, and map each
 * span to tokens. With `tokens` given (a tokenisation the data carries), spans must fall on its
 * boundaries instead, and the inside-word check is left to that tokenisation.
 */
export function align(text: string, spans: readonly CharSpan[], opts: { mode?: TokenizeMode; tokens?: Tokenized } = {}): Alignment {
  const checked = spans.map((sp) => checkSpan(text, sp.start, sp.end, { words: !opts.tokens }));
  const good = checked.filter((c): c is { start: number; end: number; how: AlignHow } => !('code' in c));
  const tok = opts.tokens ?? tokenize(text, good.flatMap((c) => [c.start, c.end]), opts.mode);
  const startTok = new Map<number, number>();
  const endTok = new Map<number, number>();
  tok.offsets.forEach(([s, e], i) => {
    startTok.set(s, i);
    endTok.set(e, i + 1);
  });
  const results = checked.map((c, k): SpanResult => {
    if ('code' in c) return { ok: false, ...c };
    const s = startTok.get(c.start);
    const e = endTok.get(c.end);
    if (s === undefined || e === undefined) {
      const sp = spans[k];
      return { ok: false, code: 'off_token', message: `character span [${sp.start}, ${sp.end}) does not start and end on token boundaries` };
    }
    return { ok: true, start: s, end: e, chars: [c.start, c.end], how: c.how };
  });
  return { ...tok, spans: results };
}
