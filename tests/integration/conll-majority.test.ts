import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, tmpDir } from '../support/paths.js';

const TRAIN = readFileSync(data('conll2003/train.txt'), 'utf8').split('\n');
const ORIGINAL_TYPES = { LOC: 7140, PER: 6600, ORG: 6321, MISC: 3438 };

/** The 1-based line of the n-th line ending in ` tag`. */
function nth(lines: readonly string[], tag: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith(` ${tag}`) && ++seen === n) return i + 1;
  throw new Error(`no ${n}th ${tag}`);
}

/** A copy of the lines with the tag (last column) of some 1-based lines replaced. */
function retag(lines: readonly string[], changes: Record<number, string>): string {
  return lines.map((l, i) => (changes[i + 1] === undefined ? l : l.replace(/\S+$/, changes[i + 1]))).join('\n');
}

describe('CoNLL-2003 train with a few mistyped tags among 34,000', () => {
  // A bare LOC, a B_PER typo, a stray S- tag: each alone once switched the file's scheme.
  const bare = nth(TRAIN, 'B-LOC', 1000);
  const under = nth(TRAIN, 'B-PER', 1000);
  const stray = nth(TRAIN, 'B-ORG', 2000);
  const file = path.join(tmpDir(), 'train-typos.txt');
  writeFileSync(file, retag(TRAIN, { [bare]: 'LOC', [under]: 'B_PER', [stray]: 'S-ORG' }));

  it('validate exits 1 and names each line that does not fit the majority IOB2 scheme', async () => {
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain(`spanforge: error: ${file}:${bare}: tag 'LOC' does not fit the IOB2 scheme (it has no B-/I- prefix)`);
    expect(lines).toContain(`spanforge: error: ${file}:${under}: tag 'B_PER' does not fit the IOB2 scheme (it has no B-/I- prefix)`);
    expect(lines).toContain(`spanforge: error: ${file}:${stray}: tag 'S-ORG' does not fit the IOB2 scheme (IOB2 has no S- prefix)`);
    // Nothing else is named but the tag after a typo (an I- that now starts an entity).
    const named = lines.map((l) => Number(l.slice('spanforge: error: '.length + file.length + 1).split(':')[0]));
    expect(named.filter((n) => ![bare, under, stray].includes(n))).toEqual([under + 1, stray + 1].filter((n) => /I-\w+$/.test(TRAIN[n - 1])));
  });

  it('stats reads the file as IOB2: no type keeps a B-/I- prefix, and the counts barely move', async () => {
    const r = await cli('stats', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const types: Record<string, number> = JSON.parse(r.stdout).entities;
    expect(Object.keys(types).filter((t) => /^[BIES]-/.test(t))).toEqual([]);
    // LOC reads as a LOC; S-ORG is an ORG of its own; B_PER is a label of its own (and named).
    // (TRAIN[n] is the line after line n.) An I- after a typo starts an entity of its own.
    const after = (n: number, tag: string) => (TRAIN[n].endsWith(` ${tag}`) ? 1 : 0);
    expect(types).toEqual({ ...ORIGINAL_TYPES, ORG: ORIGINAL_TYPES.ORG + after(stray, 'I-ORG'), PER: ORIGINAL_TYPES.PER - 1 + after(under, 'I-PER'), B_PER: 1 });
    expect(r.stderr).toMatch(/warning: invalid tag sequence \(decoded tolerantly\): \d+ times/);
  });

  it('the scheme decided from the first 1 MB is checked against the rest of the file', async () => {
    // The first 50,000 lines (0.7 MB) in IOB2, the other 170,000 in IO: the head elects IOB2,
    // the whole file would elect IO. Refused, with the way out, not read half wrong.
    const head = 50_000;
    expect(Buffer.byteLength(TRAIN.slice(0, head).join('\n'))).toBeLessThan(0.8 * 2 ** 20);
    const mixed = path.join(tmpDir(), 'mixed.txt');
    writeFileSync(mixed, TRAIN.map((l, i) => (i < head ? l : l.replace(/ [BI]-(\w+)$/, ' $1'))).join('\n'));
    const r = await cli('stats', mixed);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mixed\.txt: \d+ tags do not fit the IOB2 scheme decided from the first 1 MB \(the file has \d+ entities\): .*pass --input-scheme/);
    expect((await cli('stats', file)).code).toBe(0);
  });
});

describe('CoNLL files with the tag first and the token last', () => {
  const VALID = readFileSync(data('conll2003/valid.txt'), 'utf8');
  const flip = (line: string) => {
    const c = line.split(' ');
    return c.length < 2 ? line : [c[c.length - 1], ...c.slice(1, -1), c[0]].join(' ');
  };

  it('are detected and read with tokens as tokens; convert writes the usual layout back', async () => {
    const dir = tmpDir();
    const tagFirst = path.join(dir, 'tag-first.txt');
    writeFileSync(tagFirst, VALID.split('\n').map(flip).join('\n'));
    expect(readFileSync(tagFirst, 'utf8').split('\n')[2]).toBe('O NNP B-NP CRICKET');
    const a = JSON.parse((await cli('stats', tagFirst, '--json')).stdout);
    const b = JSON.parse((await cli('stats', data('conll2003/valid.txt'), '--json')).stdout);
    expect(a.entities).toEqual(b.entities);
    expect(a.tokens).toEqual(b.tokens);
    const back = path.join(dir, 'back.txt');
    expect((await cli('convert', tagFirst, back)).code).toBe(0);
    expect(readFileSync(back, 'utf8')).toBe(VALID);
  });

  it('two columns, tag first, read with --tag-column 1 as with detection', async () => {
    const f = path.join(tmpDir(), 'two.txt');
    writeFileSync(f, 'B-PER Ada\nI-PER Lovelace\nO wrote\n\nB-LOC Rome\nO fell\n');
    for (const args of [[], ['--tag-column', '1']]) {
      const r = await cli('stats', f, '--json', ...args);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ tokens: 5, entities: { PER: 1, LOC: 1 } });
    }
  });

  it('keeps document markers of either form, written token first', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'docs.txt');
    writeFileSync(f, '-DOCSTART- -X- O\n\nB-PER NNP Ada\nO VBD sang\n\nO -X- -DOCSTART-\n\nB-LOC NNP Rome\nO VBD fell\n');
    const out = path.join(dir, 'out.txt');
    expect((await cli('convert', f, out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('-DOCSTART- -X- O\n\nAda NNP B-PER\nsang VBD O\n\n-DOCSTART- -X- O\n\nRome NNP B-LOC\nfell VBD O\n\n');
  });

  it('a last column of words is refused with a hint, never read as entity types', async () => {
    // token, tag, then a lower-cased copy of the token: the last column is words.
    const f = path.join(tmpDir(), 'words-last.txt');
    writeFileSync(f, VALID.split('\n').map((l) => { const c = l.split(' '); return c.length < 4 ? l : [c[0], c[3], c[0].toLowerCase()].join(' '); }).join('\n'));
    const r = await cli('stats', f);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/words-last\.txt: the last column does not look like NER tags .* such as 'cricket', .*column 2 looks like tags: pass --tag-column 2/);
    const v = await cli('validate', f);
    expect(v.code).toBe(1);
    expect(v.stderr.trim().split('\n')).toHaveLength(1);
    const ok = await cli('stats', f, '--tag-column', '2', '--json');
    expect(JSON.parse(ok.stdout).entities).toEqual(JSON.parse((await cli('stats', data('conll2003/valid.txt'), '--json')).stdout).entities);
  });

  it('a last column of part-of-speech tags (a few dozen values, no O) is refused, never read as entity types', async () => {
    // token, NER tag, then the POS tag last: each POS tag would become an entity type.
    const f = path.join(tmpDir(), 'pos-last.txt');
    writeFileSync(f, VALID.split('\n').map((l) => { const c = l.split(' '); return c.length < 4 ? l : [c[0], c[3], c[1]].join(' '); }).join('\n'));
    for (const cmd of ['stats', 'validate']) {
      const r = await cli(cmd, f);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/pos-last\.txt: the last column does not look like NER tags \(\d+ distinct values .* such as 'NNP'.*part-of-speech.*column 2 looks like tags: pass --tag-column 2/);
    }
    const ok = await cli('stats', f, '--tag-column', '2', '--json');
    expect(JSON.parse(ok.stdout).entities).toEqual(JSON.parse((await cli('stats', data('conll2003/valid.txt'), '--json')).stdout).entities);
  });

  it('a last column of chunk tags (B-NP, I-VP) is refused where another column holds the NER tags', async () => {
    // token, POS, NER, then the chunk tag last: NP, VP and PP would each become an entity type.
    const f = path.join(tmpDir(), 'chunk-last.txt');
    writeFileSync(f, VALID.split('\n').map((l) => { const c = l.split(' '); return c.length < 4 ? l : [c[0], c[1], c[3], c[2]].join(' '); }).join('\n'));
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/chunk-last\.txt: the last column holds chunk tags, not NER tags \(such as 'B-NP'.*column 3 looks like tags: pass --tag-column 3; if the last column does hold the entity types, pass --tag-column 4/);
    const ok = await cli('stats', f, '--tag-column', '3', '--json');
    expect(JSON.parse(ok.stdout).entities).toEqual(JSON.parse((await cli('stats', data('conll2003/valid.txt'), '--json')).stdout).entities);
  });

  it('a list of names with bare labels and hardly any O is read as it is, not refused', async () => {
    const dir = tmpDir();
    const names = [['Ada', 'PER'], ['Rome', 'LOC'], ['Brightwell', 'ORG'], ['Ogdenville', 'LOC']];
    const f = path.join(dir, 'names.txt');
    writeFileSync(f, Array.from({ length: 40 }, (_, i) => `${names[i % 4].join(' ')}\n${names[(i + 1) % 4].join(' ')}\n`).join('\n'));
    const r = await cli('stats', f, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entities).toEqual({ PER: 20, LOC: 40, ORG: 20 });
    // Few-NERD's fine types, tab-separated, every token an entity.
    const g = path.join(dir, 'fine.txt');
    writeFileSync(g, Array.from({ length: 40 }, () => 'Ada\tperson-politician\nRome\tlocation-GPE\n').join('\n'));
    const t = await cli('stats', g, '--json');
    expect(t.code, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout).entities).toEqual({ 'person-politician': 40, 'location-GPE': 40 });
    // As many distinct types as Few-NERD has (66) over 200 names: labels, not words.
    const fine = Array.from({ length: 66 }, (_, k) => `kind${String.fromCharCode(97 + (k % 26))}-sub${k}`);
    const h = path.join(dir, 'fine66.txt');
    writeFileSync(h, Array.from({ length: 100 }, (_, i) => `Ada${i}\t${fine[i % 66]}\nRome${i}\t${fine[(i * 7) % 66]}\n`).join('\n'));
    const u = await cli('stats', h, '--json');
    expect(u.code, u.stderr).toBe(0);
    expect(Object.keys(JSON.parse(u.stdout).entities)).toHaveLength(66);
  });

  it('a last column of O alone beside a NER column is refused; lower-case POS tags last are refused', async () => {
    const dir = tmpDir();
    const allO = path.join(dir, 'all-o.txt');
    writeFileSync(allO, VALID.split('\n').map((l) => { const c = l.split(' '); return c.length < 4 ? l : [c[0], c[3], 'O'].join(' '); }).join('\n'));
    const r = await cli('stats', allO);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/all-o\.txt: the last column holds only O, while an earlier column holds NER tags; .*column 2 looks like tags: pass --tag-column 2; if the file has no entities, pass --tag-column 3/);
    const lower = path.join(dir, 'lower-pos.txt');
    writeFileSync(lower, VALID.split('\n').map((l) => { const c = l.split(' '); return c.length < 4 ? l : [c[0], c[3], c[1].toLowerCase()].join(' '); }).join('\n'));
    const p = await cli('stats', lower);
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/part-of-speech tags as entity types: column 2 looks like tags: pass --tag-column 2/);
  });
});

describe('an IO file (bare labels) with one prefixed tag', () => {
  it('is read as IO, the prefixed tag named; given --input-scheme IO, the tag is a type of its own', async () => {
    const f = path.join(tmpDir(), 'io.conll');
    const sents = ['Ada person\nsang O\nin O\nRome location', 'Bo person\nleft O', 'Cy B-person\nwon O'];
    writeFileSync(f, sents.join('\n\n') + '\n');
    const v = await cli('validate', f);
    expect(v.code).toBe(1);
    expect(v.stderr.trim()).toBe(`spanforge: error: ${f}:9: tag 'B-person' does not fit the IO scheme (IO labels have no B- prefix; pass --input-scheme IO to read 'B-person' as a type)`);
    expect((await cli('validate', f, '--input-scheme', 'IO')).code).toBe(0);
    expect(JSON.parse((await cli('stats', f, '--json', '--input-scheme', 'IO')).stdout).entities).toEqual({ person: 2, location: 1, 'B-person': 1 });
  });
});
