import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { getFormat } from '../../src/formats/registry.js';
import type { WriteSummary } from '../../src/formats/types.js';
import { validate } from '../../src/commands/validate.js';
import { tmpDir } from '../support/paths.js';

/**
 * Pair formats (TACRED, FewRel, CasRel) hold relation instances only: an entity outside every
 * pair, or an example with no pair, cannot be written. Without --lossy the writer refuses;
 * with it, every dropped example and entity is counted. Output is read back with JSON.parse.
 */
async function writeOut(format: string, exs: Example[], lossy: boolean): Promise<{ text: string; summary: WriteSummary }> {
  let text = '';
  const summary = await getFormat(format).write(exs, { write: (s: string) => void (text += s) }, { lossy });
  return { text, summary };
}

const pairWithExtra: Example = {
  id: 'a',
  tokens: ['Ann', 'works', 'for', 'Acme', 'in', 'Oslo', '.'],
  entities: [
    { start: 0, end: 1, type: 'PER' },
    { start: 3, end: 4, type: 'ORG' },
    { start: 5, end: 6, type: 'LOC' },
  ],
  relations: [{ head: 0, tail: 1, type: 'Work_For' }],
};
const noPair: Example = { id: 'b', tokens: ['Bob', 'slept', '.'], entities: [{ start: 0, end: 1, type: 'PER' }], relations: [] };

/** The example as an untyped format reads it: every type the placeholder ENTITY. */
const untyped = (ex: Example): Example => ({ ...ex, entities: ex.entities.map((e) => ({ ...e, type: 'ENTITY' })) });

describe.each(['tacred', 'fewrel', 'casrel'])('the %s writer drops nothing silently', (format) => {
  const name = { tacred: 'TACRED JSON', fewrel: 'FewRel JSON', casrel: 'CasRel JSON' }[format]!;
  // FewRel and CasRel have no entity types (a typed argument is a limit of its own, below).
  const write = (f: string, exs: Example[], lossy: boolean) => writeOut(f, format === 'tacred' ? exs : exs.map(untyped), lossy);

  it('refuses an entity outside every relation unless --lossy, then counts it', async () => {
    await expect(write(format, [pairWithExtra], false)).rejects.toThrow(new RegExp(`${name} cannot hold entities that are no argument of a relation \\(example a\\); pass --lossy`));
    const { text, summary } = await write(format, [pairWithExtra], true);
    expect(summary.dropped).toEqual({ 'entities outside any relation': 1 });
    expect(text).not.toMatch(/Oslo"?\s*[,\]]\s*"?(LOC|ENTITY)/); // the LOC entity is in no record
    expect(text).toContain('Acme');
  });

  it('refuses an example without a relation unless --lossy, then counts it and its entities', async () => {
    await expect(write(format, [noPair], false)).rejects.toThrow(/--lossy/);
    const { summary } = await write(format, [pairWithExtra, noPair], true);
    if (format === 'casrel') {
      // CasRel keeps the sentence (an empty triple list is a record); only its entity goes.
      expect(summary.dropped).toEqual({ 'entities outside any relation': 2 });
    } else {
      expect(summary.dropped).toEqual({ 'entities outside any relation': 2, 'examples without a relation': 1 });
    }
  });

  it('writes an example that fits without dropping anything', async () => {
    const fits: Example = { ...pairWithExtra, entities: pairWithExtra.entities.slice(0, 2) };
    const { summary } = await write(format, [fits], false);
    expect(summary.dropped).toEqual({});
  });
});

describe('FewRel lists coreferent mentions of an argument', () => {
  it('counts a mention coreferent with an argument as held, not dropped', async () => {
    const ex: Example = {
      id: 'c',
      tokens: ['Ann', 'met', 'Bo', ';', 'Ann', 'left', '.'],
      entities: [
        { start: 0, end: 1, type: 'PER', cluster: 0 },
        { start: 2, end: 3, type: 'PER', cluster: 1 },
        { start: 4, end: 5, type: 'PER', cluster: 0 },
      ],
      relations: [{ head: 0, tail: 1, type: 'P1' }],
    };
    const { text, summary } = await writeOut('fewrel', [untyped(ex)], false);
    expect(summary.dropped).toEqual({});
    const rec = JSON.parse(text).P1[0];
    expect(rec.h[2]).toEqual([[0], [4]]);
  });
});

describe('validate and CasRel arguments', () => {
  it('a triple whose argument is not in its text is a validate error', async () => {
    const file = path.join(tmpDir(), 'bad-casrel.json');
    writeFileSync(file, JSON.stringify([{ text: 'Ann works for Acme .', triple_list: [['Ann', '/works_for', 'Globex']] }]));
    const r = await validate(file, { from: 'casrel' });
    expect(r.valid).toBe(false);
    expect(r.problems.join('\n')).toMatch(/\[0\].*"Globex" is not in the text/);
  });
});
