import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointsFromUnits, unitsFromCodePoints } from '../../src/core/code-points.js';
import { entityText } from '../../src/core/model.js';
import { readAs, writeAs } from '../support/format-io.js';
import { checkJsonl } from '../support/truth/jsonl.js';

// Python counts code points: in "Jöhn Smith 😀 lives in Paris ." Paris is [22, 27).
const TEXT = 'Jöhn Smith 😀 lives in Paris .';
const py = (s: string, a: number, b: number) => Array.from(s).slice(a, b).join('');

describe('JSONL offsets count code points, as Python tools write them', () => {
  it('reads spaCy / Prodigy offsets after an emoji onto the right words', async () => {
    expect(py(TEXT, 22, 27)).toBe('Paris');
    const [ex] = await readAs('jsonl', 'emoji.jsonl', JSON.stringify({ text: TEXT, spans: [{ start: 22, end: 27, label: 'LOC' }, { start: 0, end: 10, label: 'PER' }] }) + '\n');
    expect(ex.entities.map((e) => [entityText(ex, e), e.type])).toEqual([['Paris', 'LOC'], ['Jöhn Smith', 'PER']]);
  });

  it('writes offsets a Python slice reads back, tokens included, in every shape', async () => {
    const [ex] = await readAs('jsonl', 'emoji.jsonl', JSON.stringify({ text: TEXT, label: [[22, 27, 'LOC']] }) + '\n');
    const plain = { ...ex, extra: undefined };
    const rec = JSON.parse(await writeAs('jsonl', [plain]));
    expect(rec.entities.map((e: { start_offset: number; end_offset: number }) => py(rec.text, e.start_offset, e.end_offset))).toEqual(['Paris']);
    for (const t of rec.tokens) expect(py(rec.text, t.start, t.end)).toBe(t.text);
    expect(checkJsonl(JSON.stringify(rec) + '\n')).toEqual([]);
    const again = JSON.parse(await writeAs('jsonl', [ex]));
    expect(again.label).toEqual([[22, 27, 'LOC']]);
  });

  it('Label Studio regions: code-point offsets, the region text sliced right', async () => {
    const task = { data: { text: TEXT }, annotations: [{ result: [{ id: 'a', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 22, end: 27, text: 'Paris', labels: ['LOC'] } }] }] };
    const [ex] = await readAs('jsonl', 'ls.json', JSON.stringify([task]));
    expect(ex.entities.map((e) => entityText(ex, e))).toEqual(['Paris']);
    const back = JSON.parse(await writeAs('jsonl', [ex]));
    expect(back.annotations[0].result[0].value).toMatchObject({ start: 22, end: 27, text: 'Paris' });
  });

  it('the two maps invert each other at every code point of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const toUnits = unitsFromCodePoints(s);
        const toCp = codePointsFromUnits(s);
        const n = Array.from(s).length;
        for (let i = 0; i <= n; i++) {
          if (toCp(toUnits(i)) !== i) return false;
          if (s.slice(0, toUnits(i)) !== Array.from(s).slice(0, i).join('')) return false;
        }
        // An offset inside a surrogate pair (no token edge is) counts as the pair's end.
        let cp = 0;
        for (let u = 0; u < s.length; cp++) {
          const w = (s.codePointAt(u) ?? 0) > 0xffff ? 2 : 1;
          if (w === 2 && toCp(u + 1) !== cp + 1) return false;
          u += w;
        }
        return true;
      }),
    );
  });
});
