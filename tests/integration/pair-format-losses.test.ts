import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';

/**
 * What converting into and out of the pair formats (FewRel, CasRel, TACRED) and CSV loses, and
 * how it is said: a clear error, or with --lossy a counted drop; never a silent change.
 * The files are written here and read back with JSON.parse, not with our readers.
 */
const DIR = tmpDir();
const file = (name: string, content: unknown) => {
  const p = path.join(DIR, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const out = (name: string) => path.join(DIR, name);

const typed = [{ tokens: ['John', 'Smith', 'lives', 'in', 'Paris', '.'], entities: [{ type: 'Peop', start: 0, end: 2 }, { type: 'Loc', start: 4, end: 5 }], relations: [{ type: 'Live_In', head: 0, tail: 1 }] }];

describe('FewRel and CasRel have no entity types', () => {
  it.each(['fewrel', 'casrel'])('converting typed data to %s fails without --lossy, naming the types, and writes nothing', async (to) => {
    const target = out(`typed.${to}.json`);
    const r = await cli('convert', file('typed.json', typed), target, '--from', 'spert', '--to', to);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot hold entity types such as "Peop", "Loc".*reads back as ENTITY.*pass --lossy/);
    expect(existsSync(target)).toBe(false);
  });

  it.each(['fewrel', 'casrel'])('with --lossy the %s output counts one dropped type per argument', async (to) => {
    const r = await cli('convert', file('typed.json', typed), out(`lossy.${to}.json`), '--from', 'spert', '--to', to, '--lossy');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dropped 2 entity type labels (--lossy)');
  });

  it('data read from FewRel or CasRel (every type ENTITY) converts without --lossy, losing nothing', async () => {
    const fr = file('in.fewrel.json', { P1: [{ tokens: ['Ann', 'met', 'Bo', '.'], h: ['ann', 'Q1', [[0]]], t: ['bo', 'Q2', [[2]]] }] });
    const cr = out('fr.casrel.json');
    expect((await cli('convert', fr, cr, '--to', 'casrel')).code).toBe(0);
    const back = out('back.fewrel.json');
    const r = await cli('convert', cr, back, '--to', 'fewrel');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/dropped/);
    expect(JSON.parse(readFileSync(back, 'utf8')).P1[0].h[2]).toEqual([[0]]);
  });
});

describe('a --lossy write to a pair format that keeps nothing', () => {
  const noRelations = [
    { tokens: ['Ann', 'slept', '.'], entities: [{ type: 'PER', start: 0, end: 1 }], relations: [] },
    { tokens: ['Bo', 'ran', '.'], entities: [], relations: [] },
  ];
  it.each(['fewrel', 'tacred'])('is refused for %s with what was dropped, and no file is written', async (to) => {
    const target = out(`empty.${to}.json`);
    const r = await cli('convert', file('norel.json', noRelations), target, '--from', 'spert', '--to', to, '--lossy');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds none of the 2 examples \(--lossy dropped 1 entities outside any relation, 2 examples without a relation\): the output would be an empty dataset, so it was not written/);
    expect(r.stderr).not.toMatch(/wrote/);
    expect(existsSync(target)).toBe(false);
  });
});

describe('a CasRel triple whose argument is not in the text', () => {
  const cr = () => file('cr.json', [{ text: 'John Smith lives in Paris .', triple_list: [['John Smith', '/people/person/place_lived', 'Pariss'], ['John Smith', '/people/person/nationality', 'Paris']] }]);

  it('is kept as read for a CasRel output, and the warning says so', async () => {
    const target = out('cr.back.json');
    const r = await cli('convert', cr(), target, '--to', 'casrel');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/triple kept as read, without entities: only a CasRel output can write it/);
    expect(JSON.parse(readFileSync(target, 'utf8'))[0].triple_list).toHaveLength(2);
  });

  it.each(['spert', 'jsonl', 'tacred', 'fewrel', 'dygie', 'docred', 'conll'])('makes a %s output fail unless --lossy, which counts it', async (to) => {
    const ext = to === 'conll' ? 'txt' : to === 'jsonl' || to === 'dygie' ? 'jsonl' : 'json';
    const target = out(`cr.${to}.${ext}`);
    const r = await cli('convert', cr(), target, '--to', to);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot hold a relation triple whose argument is not in the text, kept as read from CasRel: \["John Smith", "\/people\/person\/place_lived", "Pariss"\].*pass --lossy/);
    expect(existsSync(target)).toBe(false);
    const lossy = await cli('convert', cr(), target, '--to', to, '--lossy');
    expect(lossy.code).toBe(0);
    expect(lossy.stderr).toContain('dropped 1 relation triples whose argument is not in the text (--lossy)');
  });
});

describe('a CSV row whose mention is not in the text', () => {
  it.each([
    ['entities', 'text,mention,type\nJohn met Mary .,Johnny,PER\nJohn met Mary .,Mary,PER\n', 'mention "Johnny"'],
    ['relations', 'text,head,head_type,tail,tail_type,relation\nJohn met Mary .,John,PER,Mary,PER,met\nJohn met Mary .,Johnny,PER,Mary,PER,met\n', 'head "Johnny"'],
  ])('is an error in the %s layout, with its line, for convert and validate alike', async (layout, csv, what) => {
    const src = file(`${layout}.csv`, csv);
    const target = out(`${layout}.spert.json`);
    const c = await cli('convert', src, target, '--to', 'spert');
    expect(c.code).toBe(1);
    const line = layout === 'entities' ? 2 : 3;
    expect(c.stderr).toContain(`${layout}.csv:${line}: ${what} is not in the text; correct the row or remove it`);
    expect(existsSync(target)).toBe(false);
    const v = await cli('validate', src);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toContain(`${what} is not in the text`);
  });
});

describe('FewRel arguments with several mentions', () => {
  it('survive fewrel -> spert -> fewrel as one argument (SpERT entities carry the cluster)', async () => {
    const inst = { tokens: ['The', 'New', 'Bridge', 'spans', 'the', 'Kill', ';', 'the', 'New', 'Bridge', 'opened', '.'], h: ['new bridge', 'Q9', [[1, 2], [8, 9]]], t: ['kill', 'Q8', [[5]]] };
    const src = file('multi.fewrel.json', { P177: [inst] });
    const sp = out('multi.spert.json');
    expect((await cli('convert', src, sp, '--to', 'spert')).code).toBe(0);
    const spert = JSON.parse(readFileSync(sp, 'utf8'))[0];
    expect(spert.entities.filter((e: { cluster?: number }) => e.cluster !== undefined)).toHaveLength(2);
    const back = out('multi.back.json');
    const r = await cli('convert', sp, back, '--to', 'fewrel');
    expect(r.code).toBe(0);
    const rec = JSON.parse(readFileSync(back, 'utf8')).P177[0];
    expect(rec.h[2]).toEqual(inst.h[2]);
    expect(rec.t[2]).toEqual(inst.t[2]);
    expect(rec.tokens).toEqual(inst.tokens);
  });
});
