import { describe, expect, it } from 'vitest';
import { detectConllLayout } from '../../src/formats/conll.js';
import { readAs } from '../support/format-io.js';

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

  it('a CoNLL file whose first token is a bracket reads as before', async () => {
    const [ex] = await readAs('conll', 'x.conll', '[ O\nOrla B-PER\nVance I-PER\n] O\n\n{ O\n" O\n\n');
    expect(ex.tokens).toEqual(['[', 'Orla', 'Vance', ']']);
    expect(ex.entities).toEqual([{ start: 1, end: 3, type: 'PER' }]);
    expect(detectConllLayout('[ O\n{ O\n').problem).toBeUndefined();
  });
});
