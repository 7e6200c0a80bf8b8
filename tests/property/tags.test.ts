import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTags, encodeTags, guessScheme, splitTag, TAG_SCHEMES } from '../../src/core/tags.js';
import { tokenize } from '../../src/core/tokenize.js';
import { example } from '../support/arbitraries.js';

const flatExample = example({ nested: false });

describe('tag schemes', () => {
  for (const scheme of TAG_SCHEMES) {
    it(`${scheme}: encode then decode gives back the entities, with no scheme violation`, () => {
      fc.assert(
        fc.property(flatExample, (ex) => {
          const { tags, ioMerges } = encodeTags(ex.tokens.length, ex.entities, scheme);
          const { entities, issues } = decodeTags(tags, scheme);
          expect(issues).toEqual([]);
          const key = (es: typeof entities) => es.map((e) => `${e.start}:${e.end}:${e.type}`).sort();
          if (scheme === 'IO' && ioMerges > 0) return; // IO cannot tell adjacent same-type entities apart
          expect(key(entities)).toEqual(key(ex.entities));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('splits a tag on the first "-" only, so types may contain "-" and "B"', () => {
    expect(splitTag('B-Other-Thing')).toEqual({ prefix: 'B', type: 'Other-Thing' });
    expect(splitTag('I-B-X')).toEqual({ prefix: 'I', type: 'B-X' });
    expect(splitTag('person-scholar')).toEqual({ prefix: 'IO', type: 'person-scholar' });
  });

  it('decodes a stray I- after O as the start of an entity and reports it in IOB2', () => {
    const r = decodeTags(['O', 'I-PER', 'I-PER', 'O'], 'IOB2');
    expect(r.entities).toEqual([{ start: 1, end: 3, type: 'PER' }]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].index).toBe(1);
    expect(decodeTags(['O', 'I-PER', 'I-PER', 'O'], 'IOB1').issues).toEqual([]);
  });

  it('IOB1 uses B- only between adjacent entities of one type', () => {
    const ents = [{ start: 0, end: 2, type: 'LOC' }, { start: 2, end: 3, type: 'LOC' }, { start: 4, end: 5, type: 'PER' }];
    expect(encodeTags(5, ents, 'IOB1').tags).toEqual(['I-LOC', 'I-LOC', 'B-LOC', 'O', 'I-PER']);
  });

  it('guesses the scheme from one sentence', () => {
    expect(guessScheme(['B-PER', 'I-PER', 'O'])).toBe('IOB2');
    expect(guessScheme(['I-PER', 'O'])).toBe('IOB1');
    expect(guessScheme(['B-PER', 'E-PER', 'S-LOC'])).toBe('BIOES');
    expect(guessScheme(['B-PER', 'L-PER', 'O'])).toBe('BILOU');
    expect(guessScheme(['O', 'O'])).toBeNull();
  });
});

describe('tokenize keeps character offsets exact', () => {
  const text = fc.stringMatching(/^[A-Za-zé0-9 .,;:'"()\n\t-]{0,60}$/);
  it('rebuilds the text with whitespace runs as one space, never a whitespace token, and cuts at every requested boundary', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(60)), (t, cuts) => {
        const bounds = cuts.filter((c) => c <= t.length);
        const tok = tokenize(t, bounds);
        let rebuilt = '';
        tok.tokens.forEach((w, i) => {
          expect(t.slice(tok.offsets[i][0], tok.offsets[i][1])).toBe(w);
          expect(w.trim()).toBe(w);
          expect(w).not.toBe('');
          rebuilt += w + (tok.spaces[i] ? ' ' : '');
        });
        expect(rebuilt).toBe(t.split(/[ \n\t]+/).filter(Boolean).join(' '));
        const edges = new Set(tok.offsets.flat());
        for (const b of bounds) if (b > 0 && b < t.length) expect(edges.has(b) || /\s/.test(t[b - 1]) && /\s/.test(t[b] ?? '')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('splits punctuation from words but keeps abbreviations and clitics sensible', () => {
    expect(tokenize("Obama visited the U.S. in 2009, didn't he?").tokens).toEqual(['Obama', 'visited', 'the', 'U.S.', 'in', '2009', ',', "didn't", 'he', '?']);
    expect(tokenize("the country 's market").tokens).toEqual(['the', 'country', "'", 's', 'market']);
    expect(tokenize("the country's market").tokens).toEqual(['the', 'country', "'s", 'market']);
  });
});
