import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { FIXTURES, tmpDir } from '../support/paths.js';

const TASKS = path.join(FIXTURES, 'label-studio/tasks.json');

describe('Label Studio tasks (jsonl format)', () => {
  it('are detected, counted, and written back as the same tasks', async () => {
    const s = JSON.parse((await cli('stats', TASKS, '--json')).stdout);
    expect(s.format).toBe('jsonl');
    expect(s.entities).toEqual({ PER: 2, LOC: 2, ORG: 1 });
    expect(s.relations).toEqual({ lives_in: 1, works_for: 1 });
    const out = path.join(tmpDir(), 'back.jsonl');
    expect((await cli('convert', TASKS, out, '--to', 'jsonl')).code).toBe(0);
    const back = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(back).toEqual(JSON.parse(readFileSync(TASKS, 'utf8')));
  });

  it('convert to SpERT with the spans on the right tokens', async () => {
    const out = path.join(tmpDir(), 'spert.json');
    expect((await cli('convert', TASKS, out, '--to', 'spert')).code).toBe(0);
    const [first] = JSON.parse(readFileSync(out, 'utf8'));
    const span = (e: { start: number; end: number }) => first.tokens.slice(e.start, e.end).join(' ');
    expect(first.entities.map(span)).toEqual(['Maria Lopez', 'Acme Robotics', 'Lyon']);
    expect(first.relations).toEqual([{ type: 'works_for', head: 0, tail: 1 }]);
  });
});
