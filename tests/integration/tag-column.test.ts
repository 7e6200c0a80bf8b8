import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';
import { getFormat } from '../../src/formats/registry.js';

// The tag in the middle column, a POS tag last: without --tag-column the POS tags would be types.
const SENTENCES = [
  ['Ada B-PER NNP', 'Lovelace I-PER NNP', 'visited O VBD', 'Rome B-LOC NNP', '. O .'],
  ['Bo B-PER NNP', 'left O VBD', 'Oslo B-LOC NNP'],
  ['Rain O NN', 'fell O VBD', 'in O IN', 'Paris B-LOC NNP'],
  ['Cy B-PER NNP', 'sang O VBD'],
];
function input(): string {
  const f = path.join(tmpDir(), 'middle.conll');
  writeFileSync(f, SENTENCES.map((s) => s.join('\n') + '\n').join('\n'));
  return f;
}
async function types(file: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const ex of getFormat('conll').read(file)) for (const e of ex.entities) out.add(e.type);
  return out;
}

describe('--tag-column on every command that reads CoNLL', () => {
  it('fewshot reads the tag from the given column (and the POS column is kept, not typed)', async () => {
    const f = input();
    const out = path.join(tmpDir(), 'pool.conll');
    const r = await cli('fewshot', '--input', f, '--k', '1', '--out', out, '--tag-column', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(await types(out)).toEqual(new Set(['PER', 'LOC']));
    expect(readFileSync(out, 'utf8')).toMatch(/^Ada NNP B-PER$/m);
    // Without it the last column (POS) is the tag: the pool would be typed by POS.
    const wrong = path.join(tmpDir(), 'wrong.conll');
    expect((await cli('fewshot', '--input', f, '--k', '1', '--out', wrong)).code).toBe(0);
    expect(await types(wrong)).toContain('NNP');
  });

  it('augment reads the tag from the given column', async () => {
    const f = input();
    const out = path.join(tmpDir(), 'run');
    const r = await cli('augment', 'noise', '--input', f, '--out', out, '--tag-column', '2', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const written = readdirSync(out).find((n) => n.startsWith('augmented.'))!;
    expect(await types(path.join(out, written))).toEqual(new Set(['PER', 'LOC']));
  });

  it('evaluate reads --train and --test with it', async () => {
    const f = input();
    const r = await cli('evaluate', '--train', f, '--test', f, '--tag-column', '2', '--runs', '1', '--epochs', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).sets[0].perType).sort()).toEqual(['LOC', 'PER']);
  });

  it('validate, stats and convert take it too; a column that does not exist is named', async () => {
    const f = input();
    const s = await cli('stats', f, '--tag-column', '2', '--json');
    expect(JSON.parse(s.stdout).entities).toEqual({ PER: 3, LOC: 3 });
    expect((await cli('validate', f, '--tag-column', '2')).code).toBe(0);
    const bad = await cli('stats', f, '--tag-column', '4');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/middle\.conll:1: tag column 4 does not exist \(the line has 3 columns\)/);
    expect((await cli('stats', f, '--tag-column', '0')).stderr).toMatch(/--tag-column must be a column number of 1 or more/);
  });
});

describe('control characters in tokens', () => {
  it('a NUL in a CoNLL token is a validate error naming its line, and a read error elsewhere', async () => {
    const f = path.join(tmpDir(), 'nul.conll');
    writeFileSync(f, 'Ada B-PER\nLo\u0000ve O\n\nBo B-PER\n');
    const v = await cli('validate', f);
    expect(v.code).toBe(1);
    expect(v.stderr.trim()).toBe(`spanforge: error: ${f}:2: tokens[1]: token "Lo\\u0000ve" holds the control character U+0000`);
    const s = await cli('stats', f);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/U\+0000/);
  });

  it('an escape code in a JSON token is refused; a line-break token is a validate error and a warning elsewhere', async () => {
    const dir = tmpDir();
    const esc = path.join(dir, 'esc.json');
    writeFileSync(esc, JSON.stringify([{ tokens: ['a', '\u001b[0m', 'b'], entities: [], relations: [] }]));
    const e = await cli('validate', esc);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/^spanforge: error: .*esc\.json: \[0\]\.tokens\[1\]: token "\\u001b\[0m" holds the control character U\+001B/);
    const nl = path.join(dir, 'nl.json');
    writeFileSync(nl, JSON.stringify([{ tokens: ['a', '\n', 'b'], entities: [{ type: 'X', start: 0, end: 1 }], relations: [] }]));
    const v = await cli('validate', nl);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/^spanforge: error: .*nl\.json: \[0\]\.tokens\[1\]: token "\\n" holds the control character U\+000A/);
    const s = await cli('stats', nl);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toMatch(/warning: tokens holding a tab or a line break: 1 time/);
  });
});
