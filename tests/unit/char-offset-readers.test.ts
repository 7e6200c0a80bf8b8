import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { entityText } from '../../src/core/model.js';
import { Reporter } from '../../src/formats/reporter.js';
import { readAs, writeAs } from '../support/format-io.js';

const read = readAs;
const write = writeAs;

const noWhitespaceTokens = (exs: Example[]) => {
  for (const ex of exs) for (const t of ex.tokens) expect(t.trim() === t && t !== '', JSON.stringify(t)).toBe(true);
};
const named = (ex: Example) => ex.entities.map((e) => `${entityText(ex, e)}/${e.type}`);

describe('character-offset readers align through the one aligner', () => {
  it('JSONL: a span with whitespace at its edges is trimmed (doccano), with a warning', async () => {
    const reporter = new Reporter('strict');
    const [ex] = await read('jsonl', 'd.jsonl', JSON.stringify({ text: 'I love New York .', label: [[6, 15, 'LOC']] }) + '\n', reporter);
    expect(named(ex)).toEqual(['New York/LOC']);
    expect([...reporter.warnings.keys()]).toEqual(['entity span trimmed of whitespace at its edges']);
  });

  it('JSONL: a span whose edge falls inside a word is an error naming the word, never a split', async () => {
    const line = JSON.stringify({ text: 'I love New York', label: [[8, 15, 'LOC']] }) + '\n';
    await expect(read('jsonl', 'd.jsonl', line)).rejects.toThrow('character span [8, 15) "ew York" starts inside the word "New"');
    const collect = new Reporter('collect');
    expect(await read('jsonl', 'd.jsonl', line, collect)).toEqual([]);
    expect(collect.problems.map((p) => p.message)).toEqual(['character span [8, 15) "ew York" starts inside the word "New"']);
  });

  it('JSONL: line breaks and whitespace runs are never tokens, and an unedited record is written back as read', async () => {
    const rec = { text: 'Obama  visited\n\nParis .\n', label: [[16, 21, 'LOC'], [0, 5, 'PER']] };
    const exs = await read('jsonl', 'd.jsonl', JSON.stringify(rec) + '\n');
    noWhitespaceTokens(exs);
    expect(exs[0].tokens).toEqual(['Obama', 'visited', 'Paris', '.']);
    expect(named(exs[0])).toEqual(['Paris/LOC', 'Obama/PER']);
    expect(JSON.parse(await write('jsonl', exs))).toEqual(rec);
    // Edited tokens no longer spell the text read: the text the tokens make is written.
    const edited = { ...exs[0], tokens: ['Obama', 'saw', 'Paris', '.'] };
    const back = JSON.parse(await write('jsonl', [edited]));
    expect(back.text).toBe('Obama saw Paris .');
    expect(back.label).toEqual([[10, 15, 'LOC'], [0, 5, 'PER']]);
    // Same tokens, other spacing: the text read is no longer theirs either.
    const glued = JSON.parse(await write('jsonl', [{ ...exs[0], spaces: [false, true, true, false] }]));
    expect(glued.text).toBe('Obamavisited Paris .');
  });

  it('JSONL (Prodigy tokens): whitespace tokens are gaps, not tokens', async () => {
    const text = 'Obama\nvisited Paris';
    const tokens = [
      { text: 'Obama', start: 0, end: 5, id: 0 },
      { text: '\n', start: 5, end: 6, id: 1 },
      { text: 'visited', start: 6, end: 13, id: 2 },
      { text: 'Paris', start: 14, end: 19, id: 3 },
    ];
    const exs = await read('jsonl', 'p.jsonl', JSON.stringify({ text, tokens, spans: [{ start: 14, end: 19, label: 'LOC' }] }) + '\n');
    noWhitespaceTokens(exs);
    expect(exs[0].tokens).toEqual(['Obama', 'visited', 'Paris']);
    expect(named(exs[0])).toEqual(['Paris/LOC']);
    const back = JSON.parse(await write('jsonl', exs));
    expect(back.text).toBe(text);
    expect(back.spans).toEqual([{ start: 14, end: 19, label: 'LOC' }]);
  });

  it('CasRel: double spaces and line breaks in the text are never tokens', async () => {
    const exs = await read('casrel', 'c.json', JSON.stringify([{ text: 'Barack Obama  was born in\nHonolulu .', triple_list: [['Barack Obama', '/people/person/place_of_birth', 'Honolulu']] }]));
    noWhitespaceTokens(exs);
    expect(exs[0].tokens).toEqual(['Barack', 'Obama', 'was', 'born', 'in', 'Honolulu', '.']);
    expect(named(exs[0]).sort()).toEqual(['Barack Obama/ENTITY', 'Honolulu/ENTITY'].sort());
    // Whitespace around a surface string is not part of it.
    const [ex] = await read('casrel', 'c.json', JSON.stringify([{ text: 'Obama was born in\nHonolulu .', triple_list: [['Obama ', 'born_in', ' Honolulu']] }]));
    expect(ex.relations).toHaveLength(1);
    expect(named(ex)).toEqual(['Obama/ENTITY', 'Honolulu/ENTITY']);
  });

  it('CasRel: an argument is found inside a run of a script written without spaces', async () => {
    const exs = await read('casrel', 'c.json', JSON.stringify([{ text: '我爱北京天安门', triple_list: [['北京', 'contains', '天安门']] }]));
    expect(exs[0].relations).toHaveLength(1);
    expect(named(exs[0])).toEqual(['北京/ENTITY', '天安门/ENTITY']);
  });

  it('CSV: offsets with whitespace at the edges are trimmed; an edge inside a word is an error', async () => {
    const csv = (hs: number, he: number) => `text,head,head_type,tail,tail_type,relation,head_start,head_end,tail_start,tail_end\n"Maria Lopez works for Acme .",Maria Lopez,PER,Acme,ORG,Work_For,${hs},${he},22,26\n`;
    const [ex] = await read('csv', 'r.csv', csv(0, 12));
    expect(named(ex)).toEqual(['Maria Lopez/PER', 'Acme/ORG']);
    await expect(read('csv', 'r.csv', csv(0, 9))).rejects.toThrow(/inside the word "Lopez"/);
  });
});
