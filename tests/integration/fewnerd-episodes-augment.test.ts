import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';

// Invented Few-NERD episodes (IO labels): support and query sets of two sentences each.
const sentence = (words: string, labels: string) => [words.split(' '), labels.split(' ')] as const;
const part = (...ss: Array<readonly [string[], string[]]>) => ({ word: ss.map((s) => s[0]), label: ss.map((s) => s[1]) });
const EPISODES = [
  {
    support: part(
      sentence('Bradshaw travelled to Ogdenville yesterday afternoon with several colleagues', 'person O O location O O O O O'),
      sentence('The committee in Ogdenville thanked Quillen for the generous donation', 'O O O location O person O O O O'),
    ),
    query: part(
      sentence('Ferrante returned from Ogdenville after the long winter holidays', 'person O O location O O O O O'),
      sentence('Brannigan spoke about Rovan during the evening broadcast yesterday', 'person O O location O O O O O'),
    ),
    types: ['person', 'location'],
  },
];

describe('augmenting Few-NERD episodes', () => {
  it('copies support sentences only: every query set is written as it was read', async () => {
    const dir = tmpDir('fewnerd-aug');
    const input = path.join(dir, 'episodes.jsonl');
    writeFileSync(input, EPISODES.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const out = path.join(dir, 'run');
    const r = await cli('augment', 'noise', '--input', input, '--out', out, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(path.join(out, 'augmented.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(written).toHaveLength(EPISODES.length);
    written.forEach((ep, i) => {
      expect(ep.query).toEqual(EPISODES[i].query);
      expect(ep.support.word.length).toBeGreaterThan(EPISODES[i].support.word.length);
    });
  });
});
