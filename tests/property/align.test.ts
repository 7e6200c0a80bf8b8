import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { align } from '../../src/core/align.js';

// Latin words, a script without spaces (Han), whitespace runs with line breaks, punctuation.
const text = fc.stringMatching(/^[a-zA-Zé0-9北京天 \n\t.,'()-]{0,40}$/);
const spans = (n: number) => fc.array(fc.tuple(fc.integer({ min: -2, max: n + 2 }), fc.integer({ min: -2, max: n + 2 })).map(([start, end]) => ({ start, end })), { maxLength: 5 });

// An oracle written apart from the aligner: a Latin letter or digit on both sides of an offset.
const latin = (c: string | undefined) => c !== undefined && /[a-zA-Zé0-9]/.test(c);
const splitsWord = (t: string, i: number) => latin(t[i - 1]) && latin(t[i]);

describe('the aligner, on random text and random character spans', () => {
  it('accepts a span exactly when it is in range, not blank and on word edges once trimmed; then its tokens spell it', () => {
    fc.assert(
      fc.property(text.chain((t) => fc.tuple(fc.constant(t), spans(t.length))), ([t, sps]) => {
        const a = align(t, sps);
        sps.forEach((sp, k) => {
          const r = a.spans[k];
          if (sp.start < 0 || sp.end > t.length) return expect(r).toMatchObject({ ok: false, code: 'out_of_range' });
          if (sp.end <= sp.start) return expect(r).toMatchObject({ ok: false, code: 'empty' });
          const inner = t.slice(sp.start, sp.end);
          if (inner.trim() === '') return expect(r).toMatchObject({ ok: false, code: 'blank' });
          const s = sp.start + (inner.length - inner.trimStart().length);
          const e = sp.end - (inner.length - inner.trimEnd().length);
          if (splitsWord(t, s) || splitsWord(t, e)) return expect(r).toMatchObject({ ok: false, code: 'inside_word' });
          expect(r).toMatchObject({ ok: true, chars: [s, e], how: s === sp.start && e === sp.end ? 'exact' : 'trimmed' });
          if (!r.ok) return;
          expect(a.offsets[r.start][0]).toBe(s);
          expect(a.offsets[r.end - 1][1]).toBe(e);
          let spelled = '';
          for (let i = r.start; i < r.end; i++) spelled += a.tokens[i] + (i < r.end - 1 && a.spaces[i] ? ' ' : '');
          expect(spelled).toBe(t.slice(s, e).replace(/\s+/g, ' '));
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('never makes an empty or whitespace token; offsets point at each token; the text comes back with one space per whitespace run', () => {
    fc.assert(
      fc.property(text.chain((t) => fc.tuple(fc.constant(t), spans(t.length))), ([t, sps]) => {
        const a = align(t, sps);
        let rebuilt = '';
        a.tokens.forEach((w, i) => {
          expect(w).not.toBe('');
          expect(/\s/.test(w)).toBe(false);
          expect(t.slice(a.offsets[i][0], a.offsets[i][1])).toBe(w);
          rebuilt += w + (a.spaces[i] ? ' ' : '');
        });
        expect(rebuilt).toBe(t.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 500 },
    );
  });
});
