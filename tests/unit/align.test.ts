import { describe, expect, it } from 'vitest';
import { align, checkSpan, insideWord } from '../../src/core/align.js';
import { tokenize } from '../../src/core/tokenize.js';

const text = 'I love New York';

describe('the aligner (character spans to token spans)', () => {
  it('maps an exact span to its tokens', () => {
    const a = align(text, [{ start: 7, end: 15 }]);
    expect(a.tokens).toEqual(['I', 'love', 'New', 'York']);
    expect(a.spans).toEqual([{ ok: true, start: 2, end: 4, chars: [7, 15], how: 'exact' }]);
  });

  it('trims whitespace at span edges (doccano exports) and says so', () => {
    const a = align(text, [{ start: 6, end: 15 }]);
    expect(a.spans[0]).toEqual({ ok: true, start: 2, end: 4, chars: [7, 15], how: 'trimmed' });
    const b = align('a  New York \n', [{ start: 1, end: 13 }]);
    expect(b.spans[0]).toMatchObject({ ok: true, start: 1, end: 3, how: 'trimmed' });
  });

  it('refuses a span whose edge falls inside a word, naming the word, and does not split it', () => {
    const a = align(text, [{ start: 8, end: 15 }]);
    expect(a.spans[0]).toMatchObject({ ok: false, code: 'inside_word' });
    expect((a.spans[0] as { message: string }).message).toBe('character span [8, 15) "ew York" starts inside the word "New"');
    expect(a.tokens).toEqual(['I', 'love', 'New', 'York']);
    expect(align(text, [{ start: 2, end: 5 }]).spans[0]).toMatchObject({ ok: false, code: 'inside_word' });
  });

  it('takes edges next to punctuation, apostrophes and hyphens as word edges', () => {
    expect(align("O'Brien's state-of-the-art", [{ start: 2, end: 7 }]).spans[0]).toMatchObject({ ok: true, how: 'exact' });
    expect(align('(Paris)', [{ start: 1, end: 6 }]).spans[0]).toMatchObject({ ok: true, start: 1, end: 2 });
    expect(align('state-of-the-art', [{ start: 6, end: 8 }]).spans[0]).toMatchObject({ ok: true });
  });

  it('takes every letter boundary of a script written without spaces as a word edge', () => {
    const a = align('我爱北京天安门', [{ start: 2, end: 4 }]);
    expect(a.spans[0]).toMatchObject({ ok: true });
    expect(a.tokens).toEqual(['我爱', '北京', '天安门']);
    expect(insideWord('iPhone手机', 6)).toBe(false);
    expect(insideWord('Москва', 3)).toBe(true);
  });

  it('refuses empty, blank and out-of-range spans with their own codes', () => {
    expect(checkSpan(text, 3, 3)).toMatchObject({ code: 'empty' });
    expect(checkSpan(text, 6, 7)).toMatchObject({ code: 'blank' });
    expect(checkSpan(text, 10, 16)).toMatchObject({ code: 'out_of_range' });
    expect(checkSpan(text, -1, 3)).toMatchObject({ code: 'out_of_range' });
    expect(checkSpan(text, 1.5, 3)).toMatchObject({ code: 'out_of_range' });
  });

  it('with a given tokenisation, spans must fall on its boundaries', () => {
    const given = tokenize('New York', [1]);
    expect(given.tokens).toEqual(['N', 'ew', 'York']);
    expect(align('New York', [{ start: 1, end: 8 }], { tokens: given }).spans[0]).toMatchObject({ ok: true, start: 1, end: 3 });
    expect(align('New York', [{ start: 2, end: 8 }], { tokens: tokenize('New York') }).spans[0]).toMatchObject({ ok: false, code: 'off_token' });
  });

  it('never makes a token of whitespace, and rebuilds the text with one space per run', () => {
    const a = align('Obama\n\nvisited \t Paris .\n', [{ start: 14, end: 22 }]);
    expect(a.tokens).toEqual(['Obama', 'visited', 'Paris', '.']);
    expect(a.spaces).toEqual([true, true, true, false]);
    expect(a.spans[0]).toMatchObject({ ok: true, start: 2, end: 3, chars: [17, 22], how: 'trimmed' });
  });
});

describe('the tokenizer keeps a symbol whole', () => {
  it.each([
    ['I ❤️ Paris 👍🏽 !!', ['I', '❤️', 'Paris', '👍🏽', '!!']],
    ['Family 👨‍👩‍👧‍👦 here', ['Family', '👨‍👩‍👧‍👦', 'here']],
    ['🇫🇷 flag', ['🇫🇷', 'flag']],
    ['❤❤ and -- stay runs', ['❤❤', 'and', '--', 'stay', 'runs']],
    // A prepended mark (end of ayah) stays apart from the number after it, as before.
    ['\u06dd\u0661\u0662 \u0628\u064a\u062a', ['\u06dd', '\u0661\u0662', '\u0628\u064a\u062a']],
  ])('%s', (text, tokens) => {
    const t = tokenize(text);
    expect(t.tokens).toEqual(tokens);
    // Offsets still spell the text.
    expect(t.offsets.map(([s, e]) => text.slice(s, e))).toEqual(tokens);
  });
});
