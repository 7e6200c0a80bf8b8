import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getFormat } from '../../src/formats/registry.js';
import { tmpDir } from '../support/paths.js';
import { clusterCount } from '../../src/formats/coreference-loss.js';
import type { Example } from '../../src/core/model.js';
import type { WriteOptions, WriteSummary } from '../../src/formats/types.js';

/** "Ada met Bo . She left ." with Ada and She one entity, Bo another of one mention. */
const doc = (): Example => ({
  id: 'doc',
  tokens: ['Ada', 'met', 'Bo', '.', 'She', 'left', '.'],
  sentenceStarts: [0, 4],
  entities: [
    { start: 0, end: 1, type: 'PER', cluster: 0 },
    { start: 2, end: 3, type: 'PER', cluster: 1 },
    { start: 4, end: 5, type: 'PER', cluster: 0 },
  ],
  relations: [],
});

/** Few-NERD writes only sentences of an episode: there, each example is in episode 0's support. */
async function* placed(format: string, examples: Iterable<Example> | AsyncIterable<Example>): AsyncGenerator<Example> {
  for await (const ex of examples) yield format === 'fewnerd' ? { ...ex, extra: { ...ex.extra, fewnerd: { episode: 0, set: 'support' } } } : ex;
}

async function write(format: string, examples: Iterable<Example> | AsyncIterable<Example>, opts: WriteOptions): Promise<WriteSummary> {
  return getFormat(format).write(format === 'fewnerd' ? placed(format, examples) : examples, { write: () => {} }, opts);
}

async function* streamed(exs: Example[]): AsyncGenerator<Example> {
  for (const ex of exs) yield ex;
}

const LOSING: Array<[string, string]> = [
  ['spert', 'SpERT JSON'],
  ['conll', 'CoNLL'],
  ['jsonl', 'character-offset JSONL'],
  ['spert-tags', 'SpERT tag variant'],
  ['fewnerd', 'Few-NERD episodes'],
];

describe('coreference clusters are never dropped silently', () => {
  it.each(LOSING)('%s: refused without --lossy, naming the example; counted with it', async (format, label) => {
    await expect(write(format, [doc()], {})).rejects.toThrow(new RegExp(`^${label} cannot hold coreference clusters \\(which mentions name one entity\\) \\(example doc\\); pass --lossy`));
    await expect(write(format, streamed([doc()]), {})).rejects.toThrow(/cannot hold coreference clusters/);
    const r = await write(format, streamed([doc(), { ...doc(), id: 'doc2' }]), { lossy: true });
    expect(r.dropped['coreference clusters']).toBe(2);
    expect((await write(format, [doc()], { lossy: true })).dropped['coreference clusters']).toBe(1);
  });

  it('entities of one mention each (DocRED vertices of one mention) are no loss', async () => {
    const ex = doc();
    ex.entities[2].cluster = 2;
    expect(clusterCount(ex)).toBe(0);
    const r = await write('spert', [ex], {});
    expect(r.dropped).toEqual({});
  });

  it("DyGIE's clusters as read count, mentions that are no entity included; after an edit the entities' do", () => {
    const ex: Example = { ...doc(), entities: [], extra: { dygie: { clusters: [[[0, 0], [4, 4]], [[2, 2]]] } } };
    expect(clusterCount(ex)).toBe(1);
    expect(clusterCount({ ...doc(), extra: ex.extra, origin: [0, 1, 2, 3, 4, 5, 6] })).toBe(1);
    expect(clusterCount({ ...ex, origin: [0, 1, 2, 3, 4, 5, 6] })).toBe(0);
  });

  it.each([['dygie'], ['docred']])('%s holds them: nothing refused, nothing counted', async (format) => {
    expect((await write(format, [doc()], {})).dropped).toEqual({});
  });

  it('DyGIE -> DocRED: a cluster mention that is no entity, or in a second cluster, is refused, then counted', async () => {
    const f = path.join(tmpDir(), 'c.jsonl');
    // "Ada met Bo . She left ." : [Ada, She] (She is no entity), [Ada, Bo], [Bo, Ada] (Ada again).
    const rec = { doc_key: 'k', sentences: [['Ada', 'met', 'Bo', '.'], ['She', 'left', '.']], ner: [[[0, 0, 'PER'], [2, 2, 'PER']], []], relations: [[], []], clusters: [[[0, 0], [4, 4]], [[2, 2], [0, 0]]] };
    writeFileSync(f, JSON.stringify(rec) + '\n');
    const read: Example[] = [];
    for await (const ex of getFormat('dygie').read(f)) read.push(ex);
    await expect(write('docred', read, {})).rejects.toThrow(/^DocRED JSON cannot hold a coreference mention that is no entity \(no type\), or one in a second cluster \(example k\); pass --lossy/);
    expect((await write('docred', read, { lossy: true })).dropped).toEqual({ 'coreference mentions that are no entity or in a second cluster': 2 });
    // Edited, the clusters are the entities' own: nothing more to lose.
    expect((await write('docred', [{ ...read[0], origin: read[0].tokens.map((_, i) => i) }], {})).dropped).toEqual({});
  });
});

describe('SpERT keeps a cluster within one sentence, and loses one across sentences', () => {
  it('refuses (or counts) only the clusters spread over sentences', async () => {
    // Ada ... She: two sentences, lost; a cluster inside the first sentence is kept.
    await expect(write('spert', [doc()], { lossy: false })).rejects.toThrow(/SpERT JSON cannot hold coreference clusters/);
    expect((await write('spert', [doc()], { lossy: true })).dropped).toEqual({ 'coreference clusters': 1 });
    const within: Example = { ...doc(), entities: [{ start: 0, end: 1, type: 'PER', cluster: 0 }, { start: 2, end: 3, type: 'PER', cluster: 0 }, { start: 4, end: 5, type: 'PER', cluster: 1 }] };
    expect((await write('spert', [within], { lossy: false })).dropped).toEqual({});
  });
});
