import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { SeedIndex } from '../../src/filters/copies.js';
import { formatFit } from '../../src/pipeline/format-fit.js';
import { getFormat } from '../../src/formats/registry.js';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';
import { lopezSeed } from '../support/lopez.js';

const seed: Example = lopezSeed([]);
const other: Example = { id: 't', tokens: ['the', 'method', 'of', 'Smith', 'works', 'in', '1987', '.'], entities: [{ start: 1, end: 2, type: 'Generic' }, { start: 6, end: 7, type: 'Other' }], relations: [] };
const plain = (text: string, id = 'c'): Example => ({ id, tokens: text.split(' '), entities: [], relations: [] });

describe('copies of seeds', () => {
  const idx = new SeedIndex();
  idx.add(seed);
  idx.add(other);

  it('a text equal to a seed, with or without marks, whatever its case and spacing, is a copy', () => {
    expect(idx.copyOfSeed(plain('Maria Lopez works for Acme in Lyon .'))?.reason).toBe('copy_of_seed');
    expect(idx.copyOfSeed({ ...seed, id: 'x', entities: [] })?.reason).toBe('copy_of_seed');
    expect(idx.copyOfSeed({ ...plain('maria lopez works for acme in lyon.'), spaces: [true, true, true, true, true, true, false, false] })?.reason).toBe('copy_of_seed');
    expect(idx.copyOfSeed(plain('Maria Lopez works for Acme in Paris .'))).toBeNull();
  });

  it('a negative naming a mention the seeds mark is rejected, whatever the type; lower-case mentions are words', () => {
    expect(idx.knownMention(plain('Prices in Lyon rose .'), other)?.reason).toBe('known_mention_in_negative');
    expect(idx.knownMention(plain('Nobody said a word about Maria Lopez .'), other)?.detail).toMatch(/"Maria Lopez"/);
    expect(idx.knownMention(plain('Prices rose in 1987 .'), seed)?.reason).toBe('known_mention_in_negative');
    // "Maria" alone is not the mention "Maria Lopez"; "method" is lower case.
    expect(idx.knownMention(plain('Maria said the method works .'), seed)).toBeNull();
    // A candidate with entities is no negative; a seed with the same words unmarked is the model's licence.
    expect(idx.knownMention({ ...seed, id: 'y' }, other)).toBeNull();
    expect(idx.knownMention(plain('Lyon was quiet .'), plain('Lyon was busy .', 'p'))).toBeNull();
    // A name by its last word; not as a sentence's first word.
    expect(idx.knownMention(plain('They met Lopez on Monday .'), other)?.detail).toMatch(/"Lopez", as in "Maria Lopez"/);
    expect(idx.knownMention(plain('Lopez is a common name .'), other)).toBeNull();
    // Its own seed marking the name is no licence.
    expect(idx.knownMention(plain('Officials from Acme met again .'), seed)?.reason).toBe('known_mention_in_negative');
  });
});

describe('what the output format cannot hold', () => {
  const fit = formatFit(getFormat('conll'), {}, new Set(['llm_op']));
  it('a model candidate with a -DOCSTART- token is rejected for CoNLL with the writer’s message', async () => {
    const cand: Example = { ...seed, id: 'c', tokens: ['-DOCSTART-', ...seed.tokens], entities: seed.entities.map((e) => ({ ...e, start: e.start + 1, end: e.end + 1 })) };
    const why = await fit(cand, seed, 'llm_op');
    expect(why?.reason).toBe('format_cannot_hold');
    expect(why?.detail).toMatch(/-DOCSTART-/);
    expect(await fit(cand, seed, 'offline_op')).toBeNull();
    expect(await fit({ ...seed, id: 'c2' }, seed, 'llm_op')).toBeNull();
  });

  it('what the seed cannot hold either is left to the writer (the run’s limit, and --lossy)', async () => {
    const rel: Example = { ...seed, relations: [{ head: 0, tail: 1, type: 'Work_For' }] };
    const fit = formatFit(getFormat('conll'), {}, new Set(['llm_op']));
    expect(await fit({ ...rel, id: 'c' }, rel, 'llm_op')).toBeNull();
  });
});

describe('validate', () => {
  it('rejects tokens of whitespace only and tokens with a line break or line separator', async () => {
    const f = path.join(tmpDir(), 'x.json');
    writeFileSync(f, JSON.stringify([{ tokens: ['a', '\u00a0', 'b'], entities: [], relations: [] }, { tokens: ['a', 'b\u2028c'], entities: [], relations: [] }, { tokens: ['a', '\n'], entities: [], relations: [] }]));
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/\[0\]\.tokens\[1\]: token "\u00a0" is whitespace only/);
    expect(r.stdout + r.stderr).toContain('[1].tokens[1]: token "b\\u2028c" holds a line separator');
    expect(r.stdout + r.stderr).toMatch(/\[2\]\.tokens\[1\]: token "\\n" holds the control character U\+000A/);
  });
});
