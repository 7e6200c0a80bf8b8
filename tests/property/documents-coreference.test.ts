import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Entity, Example } from '../../src/core/model.js';
import { entityClusters } from '../../src/core/coreference.js';
import { joinDocuments } from '../../src/core/documents.js';
import { getFormat } from '../../src/formats/registry.js';
import type { WriteOptions } from '../../src/formats/types.js';
import { tmpDir } from '../support/paths.js';

const word = fc.constantFrom('Ada', 'met', 'Bo', 'in', 'Rome', '.', 'she');

/** One sentence: tokens and flat entities inside it (`flat`: no two share a token). */
const sentence = (flat: boolean) =>
  fc.array(word, { minLength: 1, maxLength: 6 }).chain((tokens) =>
    fc
      .array(fc.tuple(fc.nat(tokens.length - 1), fc.integer({ min: 1, max: 2 }), fc.constantFrom('PER', 'LOC'), fc.option(fc.nat(2), { nil: undefined })), { maxLength: 3 })
      .map((raw) => {
        let entities: Entity[] = raw.map(([s, len, type, cluster]) => ({ start: s, end: Math.min(tokens.length, s + len), type, ...(cluster === undefined ? {} : { cluster }) }));
        entities.sort((a, b) => a.start - b.start || a.end - b.end);
        if (flat) entities = entities.filter((e, i) => i === 0 || e.start >= entities[i - 1].end).map(({ cluster: _c, ...e }) => e);
        return { tokens, entities };
      }),
  );

/** Documents of 1-3 sentences; entities anywhere in them, spans repeated at times (as DocRED). */
const documents = (flat: boolean) =>
  fc.array(fc.array(sentence(flat), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }).map((docs) =>
    docs.map((sents, d): Example => {
      const ex: Example = { id: `d${d}`, tokens: [], entities: [], relations: [], sentenceStarts: [] };
      for (const s of sents) {
        const off = ex.tokens.length;
        ex.sentenceStarts!.push(off);
        ex.tokens.push(...s.tokens);
        for (const e of s.entities) ex.entities.push({ ...e, start: e.start + off, end: e.end + off });
      }
      return ex;
    }),
  );

async function roundTrip(format: string, exs: Example[], opts: WriteOptions = {}): Promise<Example[]> {
  const f = getFormat(format);
  let text = '';
  await f.write(exs, { write: (s: string) => void (text += s) }, opts);
  const file = path.join(tmpDir(), `data.${format === 'conll' ? 'txt' : 'json'}`);
  writeFileSync(file, text);
  const out: Example[] = [];
  for await (const ex of f.read(file)) out.push(ex);
  return out;
}

/** What coreference says, independent of cluster numbers: each cluster as its sorted spans. */
const corefOf = (ex: Example) => entityClusters(ex).map((c) => c.map(([s, e]) => `${s}:${e}`).join(' ')).sort();
const mentionsOf = (ex: Example) => ex.entities.map((e) => `${e.start}:${e.end}:${e.type}`).sort();

describe('documents and coreference survive the document formats, on random data', () => {
  it('DyGIE and DocRED, and DocRED -> DyGIE -> DocRED: the same mentions in the same clusters', async () => {
    await fc.assert(
      fc.asyncProperty(documents(false), async (docs) => {
        const want = docs.map((d) => ({ tokens: d.tokens, sentenceStarts: d.sentenceStarts, mentions: mentionsOf(d), coref: corefOf(d) }));
        const got = (exs: Example[]) => exs.map((d) => ({ tokens: d.tokens, sentenceStarts: d.sentenceStarts, mentions: mentionsOf(d), coref: corefOf(d) }));
        expect(got(await roundTrip('dygie', docs))).toEqual(want);
        const viaDocred = await roundTrip('docred', docs);
        expect(got(viaDocred)).toEqual(want);
        expect(got(await roundTrip('docred', await roundTrip('dygie', viaDocred)))).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it('CoNLL: documents written with markers, joined again, give the same documents', async () => {
    await fc.assert(
      fc.asyncProperty(documents(true), async (docs) => {
        const back: Example[] = [];
        for await (const d of joinDocuments(await roundTrip('conll', docs))) back.push(d);
        const view = (exs: Example[]) => exs.map((d) => ({ tokens: d.tokens, sentenceStarts: d.sentenceStarts, mentions: mentionsOf(d) }));
        expect(view(back)).toEqual(view(docs));
      }),
      { numRuns: 150 },
    );
  });
});
