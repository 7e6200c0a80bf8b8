import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';

// Every command that reads a file skips what the annotator did not accept, and says so.
// Sentences are invented.

const PRODIGY = [
  { text: 'Ilse Brandt sold the boat to Kemi .', spans: [{ start: 0, end: 11, label: 'PER' }, { start: 29, end: 33, label: 'PER' }], answer: 'accept' },
  { text: 'Quill Systems is a bird .', spans: [{ start: 0, end: 13, label: 'ORG' }], answer: 'reject' },
  { text: 'Dace swam across Lake Orm .', spans: [{ start: 0, end: 4, label: 'PER' }], answer: 'ignore' },
  { text: 'Maro Tull slept in Vesk .', spans: [{ start: 0, end: 9, label: 'PER' }, { start: 19, end: 23, label: 'LOC' }], answer: 'accept' },
];

const SKIPPED = /warning: records the annotator rejected or ignored \(Prodigy "answer"\), skipped: 2 times/;

function prodigyFile(): string {
  const file = path.join(tmpDir(), 'answers.jsonl');
  writeFileSync(file, PRODIGY.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

describe('Prodigy records the annotator rejected or ignored', () => {
  it('stats and validate count only accepted records and say how many were skipped', async () => {
    const file = prodigyFile();
    const s = await cli('stats', file, '--json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).entities).toEqual({ PER: 3, LOC: 1 });
    expect(s.stderr).toMatch(SKIPPED);
    const v = await cli('validate', file);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('2 examples');
    expect(v.stderr).toMatch(SKIPPED);
  });

  it('convert writes only accepted records and augment seeds only from them', async () => {
    const file = prodigyFile();
    const dir = tmpDir();
    const out = path.join(dir, 'out.json');
    const c = await cli('convert', file, out, '--to', 'spert');
    expect(c.code).toBe(0);
    expect(c.stderr).toMatch(SKIPPED);
    const written = JSON.parse(readFileSync(out, 'utf8')) as Array<{ entities: Array<{ type: string }> }>;
    expect(written.flatMap((e) => e.entities.map((x) => x.type))).toEqual(['PER', 'PER', 'PER', 'LOC']);
    const a = await cli('augment', 'noise', '--input', file, '--out', path.join(dir, 'run'));
    expect(a.code).toBe(0);
    expect(a.stderr).toMatch(SKIPPED);
    expect(a.stderr + a.stdout).toMatch(/\b2 seeds\b/);
  });
});

describe('Label Studio tasks that are not gold', () => {
  it('stats skips unannotated and cancelled tasks and counts tasks with several annotations', async () => {
    const region = (id: string, start: number, end: number, labels: string[]) => ({ id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, labels } });
    const tasks = [
      { id: 1, data: { text: 'Pell Arno lives in Karsk .' }, annotations: [{ result: [region('a', 0, 9, ['PER'])] }, { result: [region('b', 19, 24, ['LOC'])] }] },
      { id: 2, data: { text: 'Nobody is named here .' }, annotations: [] },
      { id: 3, data: { text: 'Vesna left early .' }, annotations: [{ was_cancelled: true, result: [region('c', 0, 5, ['PER'])] }] },
      { id: 4, data: { text: 'Tamsin Vale waved .' }, annotations: [{ result: [region('d', 0, 11, ['PER', 'ORG'])] }] },
    ];
    const file = path.join(tmpDir(), 'tasks.json');
    writeFileSync(file, JSON.stringify(tasks));
    const s = await cli('stats', file, '--json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ examples: 2, entities: { PER: 2, ORG: 1 } });
    expect(s.stderr).toMatch(/several annotations: only the first one not cancelled was read: 1 time\b/);
    expect(s.stderr).toMatch(/no annotation to read \(none yet, or all cancelled\), skipped: 2 times/);
    expect(s.stderr).toMatch(/cancelled annotations, never read as gold: 1 time\b/);
  });
});
