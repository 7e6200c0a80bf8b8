import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getFormat } from '../../src/formats/registry.js';
import { validate } from '../../src/commands/validate.js';
import { Reporter } from '../../src/formats/reporter.js';
import { data, tmpDir } from '../support/paths.js';

type Rec = { tokens: string[]; tags: string[] };

describe('SpERT tag files: the scheme is the whole file\'s majority', () => {
  it('one sentence with a stray S- tag neither switches CoNLL04 to BIOES nor goes unreported', async () => {
    const recs: Rec[] = JSON.parse(readFileSync(data('conll04/conll04_train.json'), 'utf8'));
    // The first sentence with a unit-length entity, made to look BIOES.
    const k = recs.findIndex((r) => r.tags.some((t) => t.startsWith('U-')));
    const u = recs[k].tags.findIndex((t) => t.startsWith('U-'));
    recs[k].tags[u] = 'S-' + recs[k].tags[u].slice(2);
    const file = path.join(tmpDir(), 'stray.json');
    writeFileSync(file, JSON.stringify(recs));
    const r = await validate(file, { from: 'spert-tags' });
    expect(r.valid).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(new RegExp(`\\[${k}\\]\\.tags\\[${u}\\]: tag 'S-\\w+' does not fit the BILOU scheme`))]);
    // Read leniently: every other sentence decodes as BILOU, so its entities are the original's.
    const before: number[] = [];
    for await (const ex of getFormat('spert-tags').read(data('conll04/conll04_train.json'))) before.push(ex.entities.length);
    const after: number[] = [];
    for await (const ex of getFormat('spert-tags').read(file, { reporter: new Reporter('strict') })) after.push(ex.entities.length);
    expect(after.filter((n, i) => n !== before[i] && i !== k)).toEqual([]);
  });
});
