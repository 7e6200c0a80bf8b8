import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTags, encodeTags, SchemeVote, tagMisfits, TAG_SCHEMES, type TagScheme } from '../../src/core/tags.js';
import type { Entity } from '../../src/core/model.js';

const vote = (sentences: string[][]): TagScheme | null => {
  const v = new SchemeVote();
  for (const s of sentences) v.add(s);
  return v.decide();
};

// Hand-written sentences in each scheme (entities apart, so every scheme's own marks show).
const IOB2 = [['B-PER', 'I-PER', 'O', 'B-LOC'], ['O', 'B-ORG', 'O', 'B-PER', 'I-PER', 'I-PER']];
const SAMPLES: Record<TagScheme, string[][]> = {
  IOB2,
  IOB1: [['I-PER', 'I-PER', 'O', 'I-LOC'], ['O', 'I-ORG', 'O', 'I-PER', 'B-PER']],
  BIOES: [['B-PER', 'E-PER', 'O', 'S-LOC'], ['O', 'S-ORG', 'O', 'B-PER', 'I-PER', 'E-PER']],
  BILOU: [['B-PER', 'L-PER', 'O', 'U-LOC'], ['O', 'U-ORG', 'O', 'B-PER', 'I-PER', 'L-PER']],
  IO: [['PER', 'PER', 'O', 'LOC'], ['O', 'ORG', 'O', 'person-artist']],
};
const many = (sentences: string[][], n: number) => Array.from({ length: n }, (_, i) => sentences[i % sentences.length]);

describe('the tag scheme is decided by majority', () => {
  for (const scheme of TAG_SCHEMES) {
    it(`${scheme}: its own sentences fit it and elect it`, () => {
      for (const s of SAMPLES[scheme]) expect(tagMisfits(s, scheme, true)).toBe(0);
      expect(vote(SAMPLES[scheme])).toBe(scheme);
    });
  }

  it('one un-prefixed tag, one B_PER, one stray S-, E- or I- among many IOB2 sentences leaves the file IOB2', () => {
    for (const typo of [['LOC'], ['B_PER', 'I-PER'], ['S-PER'], ['B-PER', 'E-PER'], ['O', 'I-PER'], ['U-LOC'], ['B-PER', 'L-PER']]) {
      expect(vote([...many(IOB2, 40), typo]), typo.join(' ')).toBe('IOB2');
    }
  });

  it('one stray tag cannot switch a BIOES, IOB1 or IO file either', () => {
    expect(vote([...many(SAMPLES.BIOES, 40), ['B-PER', 'I-PER', 'O']])).toBe('BIOES');
    expect(vote([...many(SAMPLES.IOB1, 40), ['O', 'B-PER', 'I-PER']])).toBe('IOB1');
    expect(vote([...many(SAMPLES.IO, 40), ['B-PER', 'I-PER']])).toBe('IO');
  });

  it('a file with no entity tag does not tell', () => {
    expect(vote([['O', 'O'], ['O']])).toBeNull();
  });

  it('names the tag that does not fit and why, once per tag', () => {
    const { entities, issues } = decodeTags(['O', 'B_PER', 'O', 'LOC', 'S-ORG'], 'IOB2');
    expect(issues).toEqual([
      { index: 1, message: "tag 'B_PER' does not fit the IOB2 scheme (it has no B-/I- prefix)" },
      { index: 3, message: "tag 'LOC' does not fit the IOB2 scheme (it has no B-/I- prefix)" },
      { index: 4, message: "tag 'S-ORG' does not fit the IOB2 scheme (IOB2 has no S- prefix)" },
    ]);
    // Still decoded tolerantly: a bare label is a one-label entity.
    expect(entities.map((e) => e.type)).toEqual(['B_PER', 'LOC', 'ORG']);
    expect(decodeTags(['B-PER', 'I-PER', 'O'], 'BIOES').issues).toEqual([
      { index: 1, message: "tag 'I-PER' does not fit the BIOES scheme: the PER entity ends here without E-PER" },
    ]);
    expect(decodeTags(['O', 'B-PER', 'O'], 'IOB1').issues).toEqual([
      { index: 1, message: "tag 'B-PER' does not fit the IOB1 scheme: IOB1 starts an entity with I-PER, and B-PER only right after another PER entity" },
    ]);
    // IO given by the user may hold types that look prefixed; IO detected from the file may not.
    expect(decodeTags(['B-X', 'O'], 'IO').issues).toEqual([]);
    expect(decodeTags(['B-X', 'O'], 'IO', true).issues).toHaveLength(1);
  });
});

/** Sentences whose entities stand apart (O between them): every scheme marks each entity. */
const TYPES = ['PER', 'LOC', 'ORG', 'Other-Thing'];
const sentence = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...TYPES)), { minLength: 1, maxLength: 4 })
  .map((parts) => {
    const entities: Entity[] = [];
    let at = 0;
    for (const [gap, len, type] of parts) {
      at += gap;
      entities.push({ start: at, end: at + len, type });
      at += len;
    }
    return { length: at + 1, entities };
  });

describe('majority decision, property', () => {
  it('data encoded in any scheme, with one tag mistyped anywhere, is read in that scheme', () => {
    const typo = fc.constantFrom('bare', 'underscore', 'foreign');
    fc.assert(
      fc.property(fc.constantFrom(...TAG_SCHEMES), fc.array(sentence, { minLength: 8, maxLength: 20 }), fc.nat(), typo, (scheme, sents, pick, kind) => {
        const tagged = sents.map((s) => encodeTags(s.length, s.entities, scheme).tags);
        const spots = tagged.flatMap((tags, i) => tags.map((t, j) => [i, j, t] as const)).filter(([, , t]) => t !== 'O');
        const [i, j, t] = spots[pick % spots.length];
        const type = t.includes('-') && scheme !== 'IO' ? t.slice(2) : t;
        tagged[i][j] = kind === 'bare' ? (scheme === 'IO' ? `B-${type}` : type) : kind === 'underscore' ? `B_${type}` : scheme === 'BIOES' ? `L-${type}` : `S-${type}`;
        expect(vote(tagged)).toBe(scheme);
      }),
      { numRuns: 400 },
    );
  });
});
