import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { entityText } from '../../src/core/model.js';
import { checkExample, duplicateEntities } from '../../src/core/check.js';
import { Reporter } from '../../src/formats/reporter.js';
import { LS_WARNINGS } from '../../src/formats/label-studio.js';
import { readAs, writeAs } from '../support/format-io.js';
import { UserError } from '../../src/core/errors.js';

// Only gold is read: what an annotator labelled and kept. Sentences are invented.

const read = readAs;
const write = writeAs;

/** The reading error as the CLI prints it, file name and location included. */
async function failure(format: string, name: string, content: string): Promise<string> {
  const err = await read(format, name, content).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return path.basename((err as UserError).format());
}

const named = (ex: Example) => ex.entities.map((e) => `${entityText(ex, e)}/${e.type}`);
const rels = (ex: Example) => ex.relations.map((r) => `${r.head}-${r.type}->${r.tail}`);
const counts = (r: Reporter) => Object.fromEntries([...r.warnings].map(([k, w]) => [k, w.count]));

const region = (id: string, start: number, end: number, labels: string[]) => ({ id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, labels } });
const arrow = (from: string, to: string, labels: string[]) => ({ from_id: from, to_id: to, type: 'relation', direction: 'right', labels });
const task = (id: number, text: string, annotations: unknown[], more: Record<string, unknown> = {}) => ({ id, data: { text }, annotations, ...more });

describe('Label Studio: only gold annotations are read', () => {
  it('a region with several labels is one entity per label, written back as the one region', async () => {
    const tasks = [task(1, 'Orla met Tamsin Vale.', [{ id: 9, result: [region('a', 0, 4, ['PER']), region('b', 9, 20, ['PER', 'ORG', 'PER'])] }])];
    const [ex] = await read('jsonl', 't.json', JSON.stringify(tasks));
    expect(named(ex)).toEqual(['Orla/PER', 'Tamsin Vale/PER', 'Tamsin Vale/ORG']);
    const back = JSON.parse(await write('jsonl', [ex]));
    expect(back.annotations[0].result.map((r: { id: string; value: { labels: string[] } }) => [r.id, r.value.labels])).toEqual([
      ['a', ['PER']],
      ['b', ['PER', 'ORG']],
    ]);
  });

  it('a relation naming a region with several labels is an error naming the region', async () => {
    const tasks = [task(2, 'Orla joined Brindle Works.', [{ result: [region('a', 0, 4, ['PER']), region('b', 12, 25, ['ORG', 'LOC']), arrow('a', 'b', ['works_for'])] }])];
    expect(await failure('jsonl', 't.json', JSON.stringify(tasks))).toMatch(/^t\.json: \[0\]\.annotations\[0\]\.result\[2\]: links region b, which has several labels \(ORG, LOC\)/);
  });

  it('a relation with several labels is one relation per label, written back as the one arrow', async () => {
    const tasks = [task(3, 'Orla runs Brindle Works.', [{ result: [region('a', 0, 4, ['PER']), region('b', 10, 23, ['ORG']), arrow('a', 'b', ['works_for', 'owns'])] }])];
    const [ex] = await read('jsonl', 't.json', JSON.stringify(tasks));
    expect(rels(ex)).toEqual(['0-works_for->1', '0-owns->1']);
    const back = JSON.parse(await write('jsonl', [ex]));
    expect(back.annotations[0].result[2].labels).toEqual(['works_for', 'owns']);
  });

  it('an arrow drawn "left" points from to_id back at from_id: to_id is the head, and it is written back as drawn', async () => {
    const left = { ...arrow('a', 'b', ['works_for']), direction: 'left' };
    const tasks = [task(3, 'Brindle Works hired Orla.', [{ result: [region('a', 0, 13, ['ORG']), region('b', 20, 24, ['PER']), left, { ...arrow('b', 'a', ['knows', 'visits']), direction: 'left' }] }])];
    const [ex] = await read('jsonl', 't.json', JSON.stringify(tasks));
    expect(rels(ex)).toEqual(['1-works_for->0', '0-knows->1', '0-visits->1']);
    const back = JSON.parse(await write('jsonl', [ex]));
    expect(back.annotations[0].result.slice(2)).toEqual([
      { from_id: 'a', to_id: 'b', direction: 'left', type: 'relation', labels: ['works_for'] },
      { from_id: 'b', to_id: 'a', direction: 'left', type: 'relation', labels: ['knows', 'visits'] },
    ]);
  });

  it('an arrow drawn both ways (a symmetric relation) is read one way, counted, and written back as drawn', async () => {
    const tasks = [task(3, 'Orla and Pell are siblings.', [{ result: [region('a', 0, 4, ['PER']), region('b', 9, 13, ['PER']), { ...arrow('a', 'b', ['sibling']), direction: 'bi' }] }])];
    const reporter = new Reporter('strict');
    const [ex] = await read('jsonl', 't.json', JSON.stringify(tasks), reporter);
    expect(rels(ex)).toEqual(['0-sibling->1']);
    expect(counts(reporter)).toEqual({ [LS_WARNINGS.bothWays]: 1 });
    const back = JSON.parse(await write('jsonl', [ex]));
    expect(back.annotations[0].result[2]).toEqual({ from_id: 'a', to_id: 'b', direction: 'bi', type: 'relation', labels: ['sibling'] });
  });

  it('reads the first annotation not cancelled, counts the tasks with several, and writes them all back in order', async () => {
    const tasks = [
      task(4, 'Pell lives in Karsk.', [
        { id: 1, was_cancelled: true, result: [region('x', 0, 4, ['ORG'])] },
        { id: 2, result: [region('p', 0, 4, ['PER'])] },
        { id: 3, result: [region('q', 14, 19, ['LOC'])] },
      ]),
    ];
    const reporter = new Reporter('strict');
    const [ex] = await read('jsonl', 't.json', JSON.stringify(tasks), reporter);
    expect(named(ex)).toEqual(['Pell/PER']);
    expect(counts(reporter)).toEqual({ [LS_WARNINGS.cancelled]: 1, [LS_WARNINGS.several]: 1 });
    const back = JSON.parse(await write('jsonl', [ex]));
    expect(back.annotations.map((a: { id: number }) => a.id)).toEqual([1, 2, 3]);
  });

  it('skips tasks with no annotation or only cancelled ones, and never reads predictions', async () => {
    const tasks = [
      task(5, 'Nobody is named here.', [], { predictions: [{ result: [region('m', 0, 6, ['PER'])] }] }),
      task(6, 'Vesna left early.', [{ was_cancelled: true, result: [region('c', 0, 5, ['PER'])] }]),
      task(7, 'Rain fell all day.', [{ result: [] }]),
      { id: 8, data: { text: 'Osk bought bread.' }, predictions: [{ result: [region('n', 0, 3, ['PER'])] }] },
    ];
    const reporter = new Reporter('strict');
    const exs = await read('jsonl', 't.json', JSON.stringify(tasks), reporter);
    // The one task annotated as holding nothing is a gold negative; the others are not gold.
    expect(exs.map((e) => e.tokens.join(' '))).toEqual(['Rain fell all day .']);
    expect(exs[0].entities).toEqual([]);
    expect(counts(reporter)).toEqual({ [LS_WARNINGS.unread]: 3, [LS_WARNINGS.cancelled]: 1 });
  });
});

describe('Prodigy answers', () => {
  const lines = [
    { text: 'Ilse sold the boat.', spans: [{ start: 0, end: 4, label: 'PER' }], answer: 'accept' },
    { text: 'Quill is a bird.', spans: [{ start: 0, end: 5, label: 'ORG' }], answer: 'reject' },
    { text: 'Dace swam.', spans: [{ start: 0, end: 4, label: 'PER' }], answer: 'ignore' },
    { text: 'Maro slept.', spans: [{ start: 0, end: 4, label: 'PER' }] },
  ];
  const file = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

  it('records rejected or ignored are skipped and counted, in strict and collect reading', async () => {
    for (const mode of ['strict', 'collect'] as const) {
      const reporter = new Reporter(mode);
      const exs = await read('jsonl', 'p.jsonl', file, reporter);
      expect(exs.flatMap(named)).toEqual(['Ilse/PER', 'Maro/PER']);
      expect([...reporter.warnings.values()].map((w) => w.count)).toEqual([2]);
      expect(reporter.warningLines()[0]).toMatch(/rejected or ignored.*2 times/);
      expect(reporter.problems).toEqual([]);
    }
  });
});

describe('entity ids and duplicates', () => {
  it('an entity id given twice in one record is an error naming the id', async () => {
    const rec = { text: 'Tovi moved to Ardel .', entities: [{ id: 7, label: 'PER', start_offset: 0, end_offset: 4 }, { id: 7, label: 'LOC', start_offset: 14, end_offset: 19 }], relations: [{ from_id: 7, to_id: 7, type: 'Live_In' }] };
    const line = JSON.stringify(rec) + '\n';
    expect(await failure('jsonl', 'd.jsonl', line)).toMatch(/^d\.jsonl:1: entities\[1\]\.id: duplicate entity id 7 \(also entities\[0\]\)/);
    const collect = new Reporter('collect');
    expect(await read('jsonl', 'd.jsonl', line, collect)).toEqual([]);
    expect(collect.problems).toHaveLength(1);
  });

  it('a relation from an entity to itself is refused; an entity listed twice is a reading warning and a validate error', async () => {
    const self = { tokens: ['Wen', 'waved'], entities: [{ type: 'PER', start: 0, end: 1 }], relations: [{ type: 'Knows', head: 0, tail: 0 }] };
    expect(await failure('spert', 's.json', JSON.stringify([self]))).toBe('s.json: [0].relations[0]: links entity 0 to itself');
    const twice = { tokens: ['Wen', 'waved'], entities: [{ type: 'PER', start: 0, end: 1 }, { type: 'PER', start: 0, end: 1 }], relations: [] };
    // A copy: a counted warning when reading (DocRED's repeated mentions survive a conversion
    // to a format without clusters), an error for validate.
    const warned = new Reporter('strict');
    expect((await read('spert', 's.json', JSON.stringify([twice]), warned))[0].entities).toHaveLength(2);
    expect(warned.warningLines()[0]).toBe('warning: entities listed twice (same span and type): 1 time');
    expect(warned.warningLines()[1]).toMatch(/s\.json: \[0\]\.entities\[1\]: duplicates entities\[0\] \(same span \[0, 1\) and type "PER"\)$/);
    const collect = new Reporter('collect');
    await read('spert', 's.json', JSON.stringify([twice]), collect);
    expect(collect.problems.map((p) => `${p.loc.path}: ${p.message}`)).toEqual(['[0].entities[1]: duplicates entities[0] (same span [0, 1) and type "PER")']);
    // Same span, other type: two claims, both kept.
    const typed = { ...twice, entities: [{ type: 'PER', start: 0, end: 1 }, { type: 'ORG', start: 0, end: 1 }] };
    expect((await read('spert', 's.json', JSON.stringify([typed])))[0].entities).toHaveLength(2);
  });

  it('checkExample refuses a self-relation; a mention repeated inside one cluster is no duplicate', () => {
    const ex: Example = { id: 'x', tokens: ['Wen', 'waved'], entities: [{ start: 0, end: 1, type: 'PER' }], relations: [{ head: 0, tail: 0, type: 'Knows' }] };
    expect(checkExample(ex).map((p) => p.path)).toEqual(['relations[0]']);
    const clustered = [{ start: 0, end: 1, type: 'PER', cluster: 0 }, { start: 0, end: 1, type: 'PER', cluster: 0 }];
    expect(duplicateEntities({ entities: clustered })).toEqual([]);
    expect(duplicateEntities({ entities: clustered.map(({ cluster: _c, ...e }) => e) }).map((p) => p.path)).toEqual(['entities[1]']);
  });
});
