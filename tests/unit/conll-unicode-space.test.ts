import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getFormat } from '../../src/formats/registry.js';
import { Reporter } from '../../src/formats/reporter.js';
import type { Example } from '../../src/core/model.js';
import { tmpDir } from '../support/paths.js';
import { cli } from '../support/cli.js';

const conll = getFormat('conll');

async function read(file: string): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of conll.read(file)) out.push(ex);
  return out;
}

async function write(examples: Example[], separator: string): Promise<string> {
  let text = '';
  await conll.write(examples, { write: (s: string) => void (text += s) }, { separator });
  return text;
}

function file(text: string): string {
  const f = path.join(tmpDir(), 'nb.txt');
  writeFileSync(f, text);
  return f;
}

describe('CoNLL: a token holding a no-break space (or other Unicode whitespace)', () => {
  it('is a reading error naming the character, in a space-separated file', async () => {
    const f = file('a\u00a0b O\nc B-PER\n\n');
    await expect(read(f)).rejects.toThrow(/^the token "a\\u00A0b" holds a no-break space \(U\+00A0\): columns of a space-separated CoNLL file are split on whitespace/);
    const v = await cli('validate', f);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toMatch(/nb\.txt:1: the token "a\\u00A0b" holds a no-break space/);
  });

  it('names other whitespace by its code point, and validate lists every line', async () => {
    const f = file('a\u3000b O\nc B-PER\n\u2009 O\n\n');
    const reporter = new Reporter('collect');
    for await (const _ of conll.read(f, { reporter })) void _;
    expect(reporter.problems.map((p) => [p.loc.line, p.message.replace(/:.*/s, '')])).toEqual([
      [1, 'the token "a\\u3000b" holds the whitespace character U+3000'],
      [3, 'the token "\\u2009" holds the whitespace character U+2009'],
    ]);
  });

  it('is kept in a tab-separated file, and written back as it was', async () => {
    const text = 'a\u00a0b\tO\nc\tB-PER\n\n';
    const back = await write(await read(file(text)), '\t');
    expect(back).toBe(text);
  });

  it('property: what a space-separated file reads, it writes back unchanged (without --lossy)', async () => {
    const unit = fc.constantFrom('a', 'B', 'é', '\u00a0', '\u1680', '\u2000', '\u2009', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b');
    const token = fc.string({ unit, minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 6 }), async (tokens) => {
        // A first token of its own: U+FEFF opening a file is its byte-order mark, not a token.
        const text = ['x', ...tokens].map((t) => `${t} O\n`).join('') + '\n';
        let examples: Example[];
        try {
          examples = await read(file(text));
        } catch (err) {
          // Refused at reading, never later: only for a token the writer could not hold.
          expect(String(err)).toMatch(/holds (a no-break space|the whitespace character U\+)/);
          expect(tokens.some((t) => /\s/u.test(t))).toBe(true);
          return;
        }
        expect(await write(examples, ' ')).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
});
