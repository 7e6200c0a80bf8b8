import { describe, expect, it } from 'vitest';
import { detectConllLayout, FORCED_IO } from '../../src/formats/conll.js';
import { Reporter } from '../../src/formats/reporter.js';
import { getFormat } from '../../src/formats/registry.js';
import { readAs } from '../support/format-io.js';
import { tmpDir } from '../support/paths.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

// A JSON file read with --from conll once became one "sentence": the token `[{"tokens":` with
// the entity type `1}]}]`, and validate called it valid. Names are invented.

describe('a JSON file read as CoNLL', () => {
  const record = { tokens: ['Orla', 'Vance', 'spoke', '.'], entities: [{ type: 'PER', start: 0, end: 2 }], relations: [] };

  it.each([
    ['one line (json.dump)', JSON.stringify([record])],
    ['pretty-printed', JSON.stringify([record], null, 2)],
    ['an object first', '\uFEFF' + JSON.stringify({ doc: [record] })],
    ['JSON lines', JSON.stringify({ text: 'Orla Vance spoke .' }) + '\n'],
  ])('is refused, %s, with what to pass instead', async (_, content) => {
    const err = await readAs('conll', 'x.json', content).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/this file holds JSON, not CoNLL columns \(it starts with '[[{]["{]?'\): read it without --from/);
  });

  it.each([
    ['{}\tB-Code_Block\nis\tO\n\n', ['{}', 'is']],
    ['[[ O\nOrla B-PER\n]] O\n\n', ['[[', 'Orla', ']]']],
    ['["x" O\nOrla B-PER\n\n', ['["x"', 'Orla']],
  ])('a CoNLL file whose first token looks like JSON reads as CoNLL: %j', async (content, tokens) => {
    const [ex] = await readAs('conll', 'x.conll', content);
    expect(ex.tokens).toEqual(tokens);
  });

  it('a CoNLL file whose first token is a bracket reads as before', async () => {
    const [ex] = await readAs('conll', 'x.conll', '[ O\nOrla B-PER\nVance I-PER\n] O\n\n{ O\n" O\n\n');
    expect(ex.tokens).toEqual(['[', 'Orla', 'Vance', ']']);
    expect(ex.entities).toEqual([{ start: 1, end: 3, type: 'PER' }]);
    expect(detectConllLayout('[ O\n{ O\n').problem).toBeUndefined();
  });
});

describe('--input-scheme IO on a file whose tags read as IOB2', () => {
  async function readIO(content: string) {
    const file = path.join(tmpDir(), 'x.conll');
    writeFileSync(file, content);
    const reporter = new Reporter('strict');
    const out = [];
    for await (const ex of getFormat('conll').read(file, { reporter, scheme: 'IO' })) out.push(ex);
    return { out, warned: reporter.warnings.get(FORCED_IO)?.count ?? 0 };
  }

  it('reads B-PER as a type, as asked, and says once that the tags read as IOB2', async () => {
    const { out, warned } = await readIO('Give O\nPeter B-PER\nPaul B-PER\nbooks O\n\nAsk O\nOrla B-PER\nVance I-PER\n\n');
    expect(out[0].entities).toEqual([{ start: 1, end: 3, type: 'B-PER' }]);
    expect(warned).toBe(1);
  });

  it('says nothing of an IO file', async () => {
    const { out, warned } = await readIO('Give O\nPeter PER\nPaul PER\n\n');
    expect(out[0].entities).toEqual([{ start: 1, end: 3, type: 'PER' }]);
    expect(warned).toBe(0);
  });
});
