import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getFormat } from '../../src/formats/registry.js';
import { UserError } from '../../src/core/errors.js';
import type { Example } from '../../src/core/model.js';
import type { WriteOptions, WriteSummary } from '../../src/formats/types.js';

const conll = getFormat('conll');
const ex = (tokens: string[], entities: Example['entities'] = [], more: Partial<Example> = {}): Example => ({ id: 'e1', tokens, entities, relations: [], ...more });

async function write(examples: Example[], opts: WriteOptions = {}): Promise<{ text: string; summary: WriteSummary }> {
  let text = '';
  const summary = await conll.write(examples, { write: (s: string) => void (text += s) }, opts);
  return { text, summary };
}

/** The file as a plain reader sees it, independent of ours: sentences of lines, lines of fields. */
const rows = (text: string, sep = ' ') => text.split('\n\n').filter((b) => b.trim()).map((b) => b.split('\n').filter(Boolean).map((l) => l.split(sep)));

/** Each thing CoNLL cannot hold: the example, what the refusal names, the `dropped` kind. */
const CASES: Array<[string, Example[], WriteOptions, RegExp, string, number]> = [
  ['an entity type with a space', [ex(['Ada', 'sings'], [{ start: 0, end: 1, type: 'Famous Person' }, { start: 1, end: 2, type: 'ACT' }])], {}, /CoNLL cannot hold the entity type "Famous Person" in a tag column \(it holds whitespace/, 'entities whose type a tag cannot hold', 1],
  ['an entity type with a tab, in a tab-separated file', [ex(['Ada'], [{ start: 0, end: 1, type: 'P\tER' }])], { separator: '\t' }, /entity type "P\\tER"/, 'entities whose type a tag cannot hold', 1],
  ['the IO type O', [ex(['Ada'], [{ start: 0, end: 1, type: 'O' }])], { scheme: 'IO' }, /entity type "O" in a tag column \(IO reads it as no entity\)/, 'entities whose type a tag cannot hold', 1],
  ['a token -DOCSTART-', [ex(['-DOCSTART-', 'opens'])], {}, /CoNLL cannot hold a token "-DOCSTART-" \(it would be read back as a document marker\)/, 'sentences with a -DOCSTART- token', 1],
  ['a token with a space', [ex(['New York', 'grew'])], {}, /CoNLL cannot hold the token "New York" \(it holds whitespace or a control character\)/, 'tokens with whitespace or control characters (written with _)', 1],
  ['a token with a line break, in a tab-separated file', [ex(['a\nb', 'c'])], { separator: '\t' }, /the token "a\\nb"/, 'tokens with whitespace or control characters (written with _)', 1],
  ['a token with a NUL, in a tab-separated file', [ex(['a\u0000b'])], { separator: '\t' }, /the token "a\\u0000b"/, 'tokens with whitespace or control characters (written with _)', 1],
  ['a token with an escape code', [ex(['\u001b[31mred'])], {}, /the token "\\u001b\[31mred"/, 'tokens with whitespace or control characters (written with _)', 1],
  ['a token with a line separator, in a tab-separated file', [ex(['a\u2028b'])], { separator: '\t' }, /the token "a\u2028b"/, 'tokens with whitespace or control characters (written with _)', 1],
  ['an empty token', [ex(['', 'x'])], {}, /CoNLL cannot hold an empty token/, 'empty tokens (written as _)', 1],
  ['relations', [ex(['Ada', 'met', 'Bo'], [{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'PER' }], { relations: [{ head: 0, tail: 1, type: 'Meets' }] })], {}, /CoNLL cannot hold relations/, 'relations', 1],
  ['overlapping entities', [ex(['New', 'York', 'City'], [{ start: 0, end: 3, type: 'LOC' }, { start: 0, end: 2, type: 'LOC' }])], {}, /CoNLL cannot hold nested or overlapping entities/, 'overlapping entities', 1],
  ['adjacent same-type entities in IO', [ex(['Ada', 'Bo'], [{ start: 0, end: 1, type: 'PER' }, { start: 1, end: 2, type: 'PER' }])], { scheme: 'IO' }, /CoNLL with IO tags cannot hold adjacent entities of the same type/, 'adjacent same-type entities merged (IO)', 1],
  ['an entity across sentences', [ex(['Ada', '.', 'Bo'], [{ start: 0, end: 3, type: 'X' }], { sentenceStarts: [0, 2] })], {}, /CoNLL cannot hold entities that cross a sentence boundary/, 'entities across sentences', 1],
];

describe('the CoNLL writer drops nothing silently', () => {
  for (const [name, examples, opts, refusal, kind, n] of CASES) {
    it(`${name}: refused without --lossy, counted with it`, async () => {
      const err = await write(examples, opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(refusal);
      expect((err as UserError).message).toMatch(/pass --lossy/);
      const { summary } = await write(examples, { ...opts, lossy: true });
      expect(summary.dropped[kind]).toBe(n);
    });
  }

  it('with --lossy, what is written reads back plainly: one token and one tag per line, no stray marker', async () => {
    const { text, summary } = await write(
      [
        ex(['Ada', 'of', 'New York'], [{ start: 0, end: 1, type: 'Famous Person' }, { start: 2, end: 3, type: 'LOC' }], { docStart: '-DOCSTART- O' }),
        ex(['-DOCSTART-', 'x']),
        ex(['a\u0000b', 'c\td'], [{ start: 1, end: 2, type: 'MISC' }]),
      ],
      { lossy: true },
    );
    expect(summary.examples).toBe(2);
    expect(summary.dropped).toEqual({
      'entities whose type a tag cannot hold': 1,
      'tokens with whitespace or control characters (written with _)': 3,
      'sentences with a -DOCSTART- token': 1,
    });
    expect(rows(text)).toEqual([
      [['-DOCSTART-', 'O']],
      [['Ada', 'O'], ['of', 'O'], ['New_York', 'B-LOC']],
      [['a_b', 'O'], ['c_d', 'B-MISC']],
    ]);
  });

  it('a dropped sentence hands its document marker to the next one', async () => {
    const { text } = await write([ex(['-DOCSTART-'], [], { docStart: '-DOCSTART- O' }), ex(['Ada'])], { lossy: true });
    expect(text).toBe('-DOCSTART- O\n\nAda O\n\n');
  });

  it('a tab-separated file keeps tokens with spaces as they are', async () => {
    const { text, summary } = await write([ex(['New York', 'grew'], [{ start: 0, end: 1, type: 'LOC' }])], { separator: '\t' });
    expect(summary.dropped).toEqual({});
    expect(text).toBe('New York\tB-LOC\ngrew\tO\n\n');
  });

  it('property: with --lossy, any token is written on one line of plain fields, and each changed one is counted', async () => {
    const token = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '\n', '\r', '\u0000', '\u0007', '\u0085', '\u00a0', '\u2028', 'é'), minLength: 0, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', '\t'), async (tokens, sep) => {
        const { text, summary } = await write([ex(tokens)], { lossy: true, separator: sep });
        const lines = text.split('\n');
        expect(lines.slice(-2)).toEqual(['', '']);
        const body = lines.slice(0, -2);
        expect(body).toHaveLength(tokens.length);
        let changed = 0;
        body.forEach((line, i) => {
          expect(line).not.toMatch(sep === '\t' ? /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/u : /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u);
          const fields = line.split(sep);
          expect(fields).toHaveLength(2);
          expect(fields[0]).not.toBe('');
          if (sep === ' ') expect(fields[0]).not.toMatch(/\s/u);
          if (fields[0] !== tokens[i]) changed++;
        });
        const counted = (summary.dropped['tokens with whitespace or control characters (written with _)'] ?? 0) + (summary.dropped['empty tokens (written as _)'] ?? 0);
        expect(counted).toBe(changed);
      }),
      { numRuns: 300 },
    );
  });
});
