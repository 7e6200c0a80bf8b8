import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectFormat, sniff } from '../../src/formats/registry.js';
import { tmpDir } from '../support/paths.js';

// A first record longer than the first head read (64 KB) once made a valid file "of no known
// format" (SpERT: its keys came later), or read DyGIE lines as character-offset JSONL.
const TOKENS = Array.from({ length: 9000 }, (_, i) => `word${i}`);

async function formatOf(name: string, content: string): Promise<string> {
  const file = path.join(tmpDir(), name);
  writeFileSync(file, content);
  return (await detectFormat(file)).name;
}

describe('format detection when the first record is longer than 64 KB', () => {
  it('SpERT: its "entities" key comes after the tokens', async () => {
    const recs = [{ tokens: TOKENS, entities: [{ type: 'PER', start: 0, end: 1 }], relations: [] }, { tokens: ['Orla', 'spoke'], entities: [], relations: [] }];
    const content = JSON.stringify(recs);
    expect(content.length).toBeGreaterThan(1 << 16);
    expect(await formatOf('long.json', content)).toBe('spert');
  });

  it('DyGIE lines: the first line ends past the first head', async () => {
    const doc = { doc_key: 'd1', sentences: [TOKENS], ner: [[[0, 0, 'PER']]], relations: [[]] };
    expect(await formatOf('long.jsonl', JSON.stringify(doc) + '\n')).toBe('dygie');
  });

  it('DyGIE lines whose tokens include "h" and "t", cut by the first head, are not FewRel', async () => {
    const words = TOKENS.map((w, i) => (i % 50 === 0 ? 'h' : i % 51 === 0 ? 't' : w));
    const sentences = Array.from({ length: 300 }, (_, k) => words.slice(30 * k, 30 * k + 30));
    const doc = { clusters: [], sentences, ner: sentences.map((_, k) => (k ? [] : [[0, 0, 'PER']])), relations: sentences.map(() => []), doc_key: 'd' };
    expect(await formatOf('long.json', JSON.stringify(doc) + '\n')).toBe('dygie');
  });

  it('a tab-separated CoNLL file with a no-break space inside a token', async () => {
    expect(await formatOf('n.dat', 'New\u00a0York\tB-LOC\nis\tO\n\n')).toBe('conll');
  });

  it('a file that tells no format in any head is still refused by name', async () => {
    await expect(formatOf('x.dat', 'x'.repeat(70_000))).rejects.toThrow(/cannot tell the format of this file/);
  });
});

describe('a JSON object of lists is FewRel only when the lists hold instances', () => {
  it('relation ids to instances is FewRel; relation ids to names (its pid2name.json) is no dataset', () => {
    const instance = { tokens: ['Orla', 'founded', 'Brightwell', '.'], h: ['orla', 'Q1', [[0]]], t: ['brightwell', 'Q2', [[2]]] };
    expect(sniff(JSON.stringify({ P112: [instance] }))).toBe('fewrel');
    expect(sniff(JSON.stringify({ P112: ['founded by', 'founder or co-founder of this organization'], P17: ['country', 'sovereign state'] }))).toBeNull();
  });
});
