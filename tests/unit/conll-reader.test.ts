import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { getFormat } from '../../src/formats/registry.js';
import { UserError } from '../../src/core/errors.js';
import type { Example } from '../../src/core/model.js';
import { tmpDir } from '../support/paths.js';

async function read(text: string): Promise<Example[]> {
  const file = path.join(tmpDir(), 'in.conll');
  writeFileSync(file, text);
  const out: Example[] = [];
  for await (const ex of getFormat('conll').read(file)) out.push(ex);
  return out;
}

describe('CoNLL reader line scanning', () => {
  it('keeps an empty middle column of a tab-separated file as a column', async () => {
    const [ex] = await read('Mara\tNNP\tB-PER\r\nsings\t\tO\r\n\r\n');
    expect(ex.tokens).toEqual(['Mara', 'sings']);
    expect(ex.columns).toEqual([['NNP'], ['']]);
    expect(ex.entities).toEqual([{ start: 0, end: 1, type: 'PER' }]);
  });

  it('tolerates runs of spaces and CRLF line ends in space-separated files', async () => {
    const [ex] = await read('Lumen  NNP   B-ORG\r\nhires VBZ O \r\n');
    expect(ex.tokens).toEqual(['Lumen', 'hires']);
    expect(ex.columns).toEqual([['NNP'], ['VBZ']]);
  });

  it('names the line of a row without a tag', async () => {
    const err = await read('Lumen B-ORG\nhires\nbakers O\n').catch((e: UserError) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).format()).toMatch(/in\.conll:2: line has 1 column, expected 2/);
  });

  it('reads back random sentences with their columns, LF or CRLF', async () => {
    const token = fc.stringMatching(/^[A-Za-z0-9.,'-]{1,8}$/);
    const sentence = fc.array(fc.tuple(token, fc.constantFrom('NN', 'VB', 'NNP'), fc.constantFrom('O', 'B-PER', 'I-PER', 'B-LOC')), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 20 }), fc.boolean(), async (sents, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = sents.map((s) => s.map((r) => r.join(' ')).join(eol) + eol).join(eol);
        const got = await read(text);
        expect(got.map((e) => e.tokens)).toEqual(sents.map((s) => s.map((r) => r[0])));
        expect(got.map((e) => e.columns)).toEqual(sents.map((s) => s.map((r) => [r[1]])));
      }),
      { numRuns: 60 },
    );
  });

  it('counts lines across 1 MB read batches (a line cut by a batch, the error line number)', async () => {
    const sentence = 'Ada NNP B-PER\nOkafor NNP I-PER\nrows VBZ O\n\n'; // 4 lines
    const copies = 40_000; // ~2 MB: lines fall across batch boundaries
    const file = path.join(tmpDir(), 'big.conll');
    writeFileSync(file, sentence.repeat(copies) + 'broken\n');
    let n = 0;
    let tokens = 0;
    const err = await (async () => {
      for await (const ex of getFormat('conll').read(file)) {
        n++;
        tokens += ex.tokens.length;
        expect(ex.entities).toEqual([{ start: 0, end: 2, type: 'PER' }]);
      }
    })().catch((e: UserError) => e);
    expect(n).toBe(copies);
    expect(tokens).toBe(3 * copies);
    expect((err as UserError).loc.line).toBe(4 * copies + 1);
  });
});
