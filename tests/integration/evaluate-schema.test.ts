import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { evaluate } from '../../src/commands/evaluate.js';
import { tmpDir } from '../support/paths.js';
import { cli } from '../support/cli.js';

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

describe('evaluate says what the flat tagger leaves out', () => {
  it('nested entities of the test set and the seeds, counted in notes', async () => {
    const dir = tmpDir('eval-nested');
    const nested = path.join(dir, 'nested.json');
    // "Bank of Ogdenville" (ORG) holds "Ogdenville" (LOC): one of the two is left out.
    const ex = (tokens: string[], entities: Array<{ type: string; start: number; end: number }>) => ({ tokens, entities, relations: [] });
    writeFileSync(nested, JSON.stringify([
      ex(['Bradshaw', 'joined', 'Bank', 'of', 'Ogdenville', '.'], [{ type: 'PER', start: 0, end: 1 }, { type: 'ORG', start: 2, end: 5 }, { type: 'LOC', start: 4, end: 5 }]),
      ex(['Quillen', 'visited', 'Rovan', '.'], [{ type: 'PER', start: 0, end: 1 }, { type: 'LOC', start: 2, end: 3 }]),
    ]));
    const r = await evaluate({ train: nested, test: nested, runs: '1', epochs: '1', resamples: '0' });
    expect(r.notes).toEqual([
      'the test set: 1 nested or overlapping entity is left out (the tagger reads one flat layer; the outermost is kept)',
      'the seeds: 1 nested or overlapping entity is left out (the tagger reads one flat layer; the outermost is kept)',
    ]);
    // Flat seeds: only the test set is noted.
    const flat = path.join(dir, 'flat.json');
    writeFileSync(flat, JSON.stringify([ex(['Quillen', 'visited', 'Rovan', '.'], [{ type: 'PER', start: 0, end: 1 }, { type: 'LOC', start: 2, end: 3 }]), ex(['Bradshaw', 'joined', 'Bank', 'of', 'Ogdenville', '.'], [{ type: 'ORG', start: 2, end: 5 }])]));
    const one = await evaluate({ train: flat, test: nested, runs: '1', epochs: '1', resamples: '0' });
    expect(one.notes).toEqual([r.notes[0]]);
    const printed = await cli('evaluate', '--train', flat, '--test', nested, '--runs', '1', '--epochs', '1', '--resamples', '0', '--quiet');
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stderr).toContain(`note: ${r.notes[0]}\n`);
  });
});
