import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { convert } from '../../src/commands/convert.js';
import { cli } from '../support/cli.js';
import { data, DATA, tmpDir } from '../support/paths.js';

/** Every data file in shared/data with its format (SOURCE.md / README.md are docs, not data). */
const FILES: Array<[string, string]> = [
  ['conll2003/train.txt', 'conll'],
  ['conll2003/valid.txt', 'conll'],
  ['conll2003/test.txt', 'conll'],
  ['conll04/conll04_train.json', 'spert-tags'],
  ['conll04/conll04_dev.json', 'spert-tags'],
  ['conll04/conll04_test.json', 'spert-tags'],
  ['conll04-spert/conll04_train.json', 'spert'],
  ['conll04-spert/conll04_dev.json', 'spert'],
  ['conll04-spert/conll04_test.json', 'spert'],
  ['scierc/scierc_joint_er_train.json', 'spert'],
  ['scierc/scierc_joint_er_dev.json', 'spert'],
  ['scierc/scierc_joint_er_test.json', 'spert'],
  ['scierc/train.json', 'dygie'],
  ['scierc/dev.json', 'dygie'],
  ['scierc/test.json', 'dygie'],
  ['fewrel/val_wiki.json', 'fewrel'],
  ['fewrel/val_pubmed.json', 'fewrel'],
  ['nyt-casrel/test_triples.json', 'casrel'],
  ['nyt-casrel/val_triples.json', 'casrel'],
  ['tacred-format/semeval/test.json', 'tacred'],
  ['fewnerd/dev_5_1.jsonl', 'fewnerd'],
  ['docred/dev_revised.json', 'docred'],
];

/** Label schemas and id tables that ship beside the datasets. */
const METADATA = ['conll04/conll04_types.json', 'conll04-spert/conll04_types.json', 'scierc/scierc_types.json', 'fewrel/pid2name.json', 'nyt-casrel/rel2id.json'];

const parseJson = (text: string, jsonLines: boolean) =>
  jsonLines ? text.trim().split('\n').map((l) => JSON.parse(l)) : JSON.parse(text);

describe('read -> write in the same format gives back the same data', () => {
  for (const [file, format] of FILES) {
    it(`${file} (${format})`, async () => {
      const out = path.join(tmpDir(), 'out');
      // Detection must find the format on its own.
      const r = await convert(data(file), out, { to: format });
      expect(r.from).toBe(format);
      const before = readFileSync(data(file), 'utf8');
      const after = readFileSync(out, 'utf8');
      if (format === 'conll') {
        expect(after).toBe(before); // byte for byte, -DOCSTART- and POS/chunk columns included
      } else {
        const jsonLines = format === 'dygie' || format === 'fewnerd';
        expect(parseJson(after, jsonLines)).toEqual(parseJson(before, jsonLines));
      }
    });
  }

  it('covers every data file in shared/data; the others are label metadata that no reader takes for a dataset', async () => {
    const all = (dir: string): string[] =>
      readdirSync(path.join(DATA, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? all(path.join(dir, d.name)) : [path.join(dir, d.name)]));
    const notListed = all('').filter((f) => !f.endsWith('.md') && !FILES.some(([g]) => g === f));
    expect(notListed.sort()).toEqual(METADATA.slice().sort());
    for (const f of METADATA) {
      const r = await cli('validate', data(f));
      expect(r.code, f).toBe(1);
      expect(r.stdout + r.stderr, f).toMatch(/cannot tell the format of this file/);
    }
  });
});
