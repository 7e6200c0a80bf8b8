import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder, type CorpusStats } from '../../src/ops/corpus.js';
import { OPERATIONS } from '../../src/ops/registry.js';
import type { Operation } from '../../src/ops/types.js';
import { getFormat } from '../../src/formats/registry.js';
import { example } from '../support/arbitraries.js';
import { tmpDir } from '../support/paths.js';
import { checkWritten, countByField } from '../support/truth/index.js';

/**
 * Every offline operation on random examples, in every format with metadata: the seeds are
 * written and read back (so they carry the format's names, ids, columns and markers), each
 * operation edits them, the result is written, and the independent checker judges the text.
 * Our writers write; only tests/support/truth decides what is true.
 */
const FORMATS: Array<[format: string, ext: string]> = [
  ['conll', 'txt'], ['casrel', 'json'], ['fewrel', 'json'], ['docred', 'json'], ['dygie', 'jsonl'],
  ['tacred', 'json'], ['spert', 'json'], ['spert-tags', 'json'], ['jsonl', 'jsonl'],
];

async function write(format: string, exs: Example[]): Promise<string> {
  let text = '';
  await getFormat(format).write(exs, { write: (s: string) => void (text += s) }, { lossy: true });
  return text;
}

/** The seeds as written, or null when a pair format holds none of them (it refuses to write
 *  an empty dataset): such a draw says nothing about the operations. */
async function writeSeeds(format: string, exs: Example[]): Promise<string | null> {
  try {
    return await write(format, exs);
  } catch (err) {
    if (/the output would be an empty dataset/.test(String(err))) return null;
    throw err;
  }
}

let files = 0;
async function read(format: string, ext: string, text: string): Promise<Example[]> {
  const file = path.join(DIR, `seeds-${files++}.${ext}`);
  writeFileSync(file, text);
  const out: Example[] = [];
  for await (const ex of getFormat(format).read(file)) out.push(ex);
  return out;
}

/** What the runner does: each candidate gets its own id, `<seed id>~<n>` ... */
function run(op: Operation<any>, seeds: Example[], corpus: CorpusStats): Example[] {
  const params = op.params.parse({});
  const state = op.prepare?.(seeds, params, corpus, 1);
  const out: Example[] = [];
  for (const seed of seeds)
    for (let v = 0; v < 2; v++) {
      const ctx = { rng: rngFor(1, seed.id, op.name, v), corpus, state };
      const made = op.expand ? (v === 0 ? op.expand(seed, params, ctx) : []) : [op.apply(seed, params, ctx)];
      // ... and the document marker stays with the seed (the runner writes it once per document).
      made.forEach((ex, n) => {
        if (!ex) return;
        const { docStart: _d, ...cand } = ex;
        out.push({ ...cand, id: `${seed.id}~${v + 1}.${n}` });
      });
    }
  return out;
}

/** Random seed sets; CoNLL ones carry POS-like columns and a document marker. */
const seedSets = fc.array(example({ nested: false, columns: true }), { minLength: 2, maxLength: 5 }).map((exs) =>
  exs.map((ex, i): Example => ({ ...ex, id: `s${i}`, relations: ex.relations.filter((r) => r.head !== r.tail), ...(i === 0 ? { docStart: '-DOCSTART- -X- -X- O' } : {}) })),
);

const DIR = tmpDir();

describe('every operation, written in every format, agrees with its tokens (independent checker)', () => {
  for (const [format, ext] of FORMATS)
    for (const op of OPERATIONS)
      it(`${op.name} -> ${format}`, async () => {
        await fc.assert(
          fc.asyncProperty(seedSets, async (raw) => {
            const seedText = await writeSeeds(format, format === 'conll' ? raw : raw.map(({ columns: _c, docStart: _d, ...ex }) => ex));
            fc.pre(seedText !== null);
            const seeds = await read(format, ext, seedText);
            const corpus = new CorpusBuilder();
            for (const ex of seeds) corpus.add(ex);
            const written = await write(format, [...seeds, ...run(op, seeds, corpus.build())]);
            const vs = checkWritten(format, written, { seed: seedText, scheme: 'IOB2' }); // the writers' default
            expect(countByField(vs), vs.slice(0, 3).map((v) => `[${v.record}] ${v.field}: ${v.message}`).join('\n')).toEqual({});
          }),
          { numRuns: 25, seed: 9 },
        );
      });
});
