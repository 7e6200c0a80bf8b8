import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { evaluate } from '../../src/commands/evaluate.js';
import { tmpDir } from '../support/paths.js';

// Invented sentences, CoNLL with IOB2 tags.
const conll = (rows: string[][]) => rows.map((s) => s.join('\n') + '\n').join('\n');
const UPPER = conll([
  ['Bradshaw B-PER', 'visited O', 'Ogdenville B-LOC', '. O'],
  ['Quillen B-PER', 'joined O', 'Rovan B-ORG', 'Systems I-ORG', '. O'],
]);
const MIXED = conll([['Ferrante B-Peop', 'left O', 'Ogdenville B-Loc', '. O']]);

describe('evaluate refuses sets of another schema', () => {
  const dir = tmpDir('eval-schema');
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const train = file('train.txt', UPPER);

  it('a test set sharing no entity type with the seeds', async () => {
    await expect(evaluate({ train, test: file('other.txt', MIXED), runs: '1', epochs: '1' })).rejects.toThrow(/share none with the training set's \(LOC, ORG, PER\)/);
  });

  it('an augmented file with types the seeds lack, naming them', async () => {
    const aug = file('aug.txt', UPPER + '\n' + MIXED);
    await expect(evaluate({ train, test: train, augmented: aug, runs: '1', epochs: '1' })).rejects.toThrow(/has entity types the training set lacks \(Loc, Peop;/);
  });

  it('sets of one schema still train', async () => {
    const aug = file('aug-ok.txt', UPPER + '\n' + conll([['Brannigan B-PER', 'met O', 'Quillen B-PER', '. O']]));
    const r = await evaluate({ train, test: train, augmented: aug, runs: '1', epochs: '1' });
    expect(r.sets.map((s) => s.kind)).toEqual(['seeds', 'seeds+augmented']);
  });
});
