import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Example } from '../../src/core/model.js';
import { exampleText } from '../../src/core/model.js';
import { joinDocuments, splitDocument } from '../../src/core/documents.js';

const sent = (id: string, tokens: string[], more: Partial<Example> = {}): Example => ({ id, tokens, entities: [], relations: [], ...more });

async function all(it: AsyncIterable<Example>): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of it) out.push(ex);
  return out;
}

describe('joinDocuments: CoNLL -DOCSTART- groups become documents', () => {
  it('a marker opens a document; the sentences after it join it; earlier ones and documents pass alone', async () => {
    const input = [
      sent('0', ['Hi']),
      sent('1', ['John', 'left'], { docStart: '-DOCSTART- O', entities: [{ start: 0, end: 1, type: 'PER' }] }),
      sent('2', ['He', 'met', 'Ann'], { entities: [{ start: 0, end: 1, type: 'PER', cluster: 0 }, { start: 2, end: 3, type: 'PER' }], relations: [{ head: 0, tail: 1, type: 'Meets' }] }),
      sent('3', ['Mary'], { docStart: '-DOCSTART- O', entities: [{ start: 0, end: 1, type: 'PER', cluster: 0 }] }),
      { ...sent('d', ['A', '.']), sentenceStarts: [0] },
      sent('4', ['Late']),
    ];
    const docs = await all(joinDocuments(input));
    expect(docs.map((d) => [d.id, d.sentenceStarts, d.tokens.join(' ')])).toEqual([
      ['0', undefined, 'Hi'],
      ['1', [0, 2], 'John left He met Ann'],
      ['3', [0], 'Mary'],
      ['d', [0], 'A .'],
      ['4', undefined, 'Late'],
    ]);
    expect(docs[1].docStart).toBe('-DOCSTART- O');
    expect(docs[1].entities).toEqual([{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'PER', cluster: 0 }, { start: 4, end: 5, type: 'PER' }]);
    expect(docs[1].relations).toEqual([{ head: 1, tail: 2, type: 'Meets' }]);
  });

  it('sentences keep their whitespace flags and columns, and are apart', async () => {
    const docs = await all(joinDocuments([sent('0', ['a', 'b'], { docStart: 'M', spaces: [false, false], columns: [['X'], ['Y']] }), sent('1', ['c'], { columns: [['Z']] })]));
    expect(docs).toHaveLength(1);
    expect(docs[0].spaces).toEqual([false, true, false]);
    expect(exampleText(docs[0])).toBe('ab c');
    expect(docs[0].columns).toEqual([['X'], ['Y'], ['Z']]);
  });

  it('cluster numbers of two sentences never merge', async () => {
    const e = { start: 0, end: 1, type: 'X', cluster: 0 };
    const [doc] = await all(joinDocuments([sent('0', ['a'], { docStart: 'M', entities: [e] }), sent('1', ['b'], { entities: [e] })]));
    expect(doc.entities.map((x) => x.cluster)).toEqual([0, 1]);
  });

  it('property: split again, the documents give back every sentence; one document per marker', async () => {
    const sentence = fc.record({
      tokens: fc.array(fc.constantFrom('a', 'b', 'C'), { minLength: 1, maxLength: 5 }),
      marker: fc.boolean(),
      ent: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(sentence, { maxLength: 12 }), async (raw) => {
        const input = raw.map((r, i) => sent(String(i), r.tokens, { ...(r.marker ? { docStart: `M${i}` } : {}), entities: r.ent ? [{ start: 0, end: r.tokens.length, type: 'T' }] : [] }));
        const docs = await all(joinDocuments(input));
        const leading = raw.findIndex((r) => r.marker);
        const markers = raw.filter((r) => r.marker).length;
        expect(docs).toHaveLength(leading < 0 ? raw.length : leading + markers);
        const back = docs.flatMap((d) => splitDocument(d).sentences);
        expect(back.map((s) => [s.tokens, s.entities])).toEqual(input.map((s) => [s.tokens, s.entities]));
        expect(docs.filter((d) => d.docStart !== undefined).map((d) => d.docStart)).toEqual(input.filter((s) => s.docStart).map((s) => s.docStart));
      }),
      { numRuns: 200 },
    );
  });
});
