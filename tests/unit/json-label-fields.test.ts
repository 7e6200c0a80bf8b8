import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { entityText } from '../../src/core/model.js';
import { UserError } from '../../src/core/errors.js';
import { readAs } from '../support/format-io.js';

// A record whose labels sit under a key the reader does not read would come out unlabelled
// and pass as valid. Sentences and names are invented.

async function failure(format: string, name: string, content: string): Promise<string> {
  const err = await readAs(format, name, content).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return path.basename((err as UserError).format());
}

const named = (ex: Example) => ex.entities.map((e) => `${entityText(ex, e)}/${e.type}`);
const TEXT = 'Orla Vance works for Brightwell Mills .';

describe('character-offset JSONL: labels under a key it does not read are refused', () => {
  it.each([
    ['lables', 'labels'],
    ['entites', 'entities'],
    ['relation', 'relations'],
  ])('a misspelt "%s" names the key meant', async (key, meant) => {
    const value = key === 'relation' ? [{ from_id: 0, to_id: 1, type: 'Work_For' }] : key === 'entites' ? [{ id: 0, label: 'PER', start_offset: 0, end_offset: 10 }] : [[0, 10, 'PER']];
    const msg = await failure('jsonl', 'x.jsonl', JSON.stringify({ text: TEXT, [key]: value }) + '\n');
    expect(msg).toContain(`x.jsonl:1: ${key}: unknown key "${key}": did you mean "${meant}"?`);
  });

  it.each([
    ['ents', [[0, 10, 'PER']]],
    ['annotations', [{ start: 0, end: 10, label: 'PER' }]],
  ])('spans under "%s", in a record with no label key, are refused', async (key, value) => {
    const msg = await failure('jsonl', 'x.jsonl', JSON.stringify({ text: TEXT, [key]: value }) + '\n');
    expect(msg).toContain(`key "${key}" holds what look like entity spans`);
  });

  it.each([
    ['a flag named like a label key, beside the labels', { labeled: true }],
    ['ids named like a label key, beside the labels', { label_ids: [1, 0, 0, 3], labeler: 'annotator-2' }],
  ])('%s reads as before', async (_, more) => {
    const [ex] = await readAs('jsonl', 'x.jsonl', JSON.stringify({ text: TEXT, label: [[0, 10, 'PER']], ...more }) + '\n');
    expect(named(ex)).toEqual(['Orla Vance/PER']);
  });

  it('offsets without a label (sentence bounds) in an unlabelled record are no entities', async () => {
    const [ex] = await readAs('jsonl', 'x.jsonl', JSON.stringify({ text: TEXT, sents: [{ start: 0, end: 20 }, { start: 21, end: 39 }] }) + '\n');
    expect(ex.entities).toEqual([]);
  });

  it('other keys (metadata, Prodigy tokens and hashes, another list beside real labels) read as before', async () => {
    const rec = {
      text: TEXT,
      labels: [[0, 10, 'PER'], [21, 36, 'ORG']],
      meta: { source: 'x' },
      _input_hash: 12,
      tokens: [{ text: 'Orla', start: 0, end: 4, id: 0 }, { text: 'Vance', start: 5, end: 10, id: 1 }, { text: 'works', start: 11, end: 16, id: 2 }, { text: 'for', start: 17, end: 20, id: 3 }, { text: 'Brightwell', start: 21, end: 31, id: 4 }, { text: 'Mills', start: 32, end: 37, id: 5 }, { text: '.', start: 38, end: 39, id: 6 }],
      // A second span list beside the labels is a tool's own (predictions): not the gold.
      predictions: [[0, 4, 'PER']],
    };
    rec.labels[1] = [21, 37, 'ORG'];
    const [ex] = await readAs('jsonl', 'x.jsonl', JSON.stringify(rec) + '\n');
    expect(named(ex)).toEqual(['Orla Vance/PER', 'Brightwell Mills/ORG']);
    // A record with no labels at all, and nothing that looks like them, is an unlabelled
    // sentence; so is one with Prodigy's tokens (objects with start and end) and no spans.
    const [plain] = await readAs('jsonl', 'y.jsonl', JSON.stringify({ text: TEXT, meta: { n: 1 } }) + '\n');
    expect(plain.entities).toEqual([]);
    const [tokensOnly] = await readAs('jsonl', 'z.jsonl', JSON.stringify({ text: TEXT, tokens: rec.tokens }) + '\n');
    expect(tokensOnly.entities).toEqual([]);
    expect(tokensOnly.tokens).toHaveLength(7);
  });
});

describe('DyGIE: labels under a key it does not read are refused', () => {
  const doc = (more: Record<string, unknown>) => JSON.stringify({ doc_key: 'd1', sentences: [['Orla', 'Vance', 'spoke', '.'], ['She', 'left', '.']], ...more }) + '\n';

  it('a misspelt "nner" names "ner"', async () => {
    expect(await failure('dygie', 'd.jsonl', doc({ nner: [[[0, 1, 'PER']], []] }))).toContain('d.jsonl:1: nner: unknown key "nner": did you mean "ner"?');
  });

  it('entity spans under another key, with no "ner", are refused (the first sentence may have none)', async () => {
    expect(await failure('dygie', 'd.jsonl', doc({ entities_gold: [[], [[4, 4, 'PER']]] }))).toContain('key "entities_gold" holds what look like entity spans');
  });

  it('a key named like a label key that holds no labels reads as before', async () => {
    const [ex] = await readAs('dygie', 'd.jsonl', doc({ ner: [[[0, 1, 'PER']], []], nel: [[[0, 1, 42]], []] }));
    expect(named(ex)).toEqual(['Orla Vance/PER']);
  });

  it('a document with "ner" and a tool\'s own keys reads as before', async () => {
    const [ex] = await readAs('dygie', 'd.jsonl', doc({ ner: [[[0, 1, 'PER']], []], predicted_ner: [[[0, 0, 'PER']], []], dataset: 'x' }));
    expect(named(ex)).toEqual(['Orla Vance/PER']);
  });
});

describe('DyGIE: a coreference mention outside the document or across sentences is refused', () => {
  const doc = (clusters: unknown) => JSON.stringify({ doc_key: 'd1', sentences: [['Orla', 'Vance', 'spoke', '.'], ['She', 'left', '.']], ner: [[[0, 1, 'PER']], [[4, 4, 'PER']]], clusters }) + '\n';

  it.each([
    [[[[0, 1], [7, 7]]], 'clusters[0][1]: mention [7, 7] is outside the document (tokens 0..6)'],
    [[[[0, 1], [3, 4]]], 'clusters[0][1]: mention [3, 4] runs across sentences 0 and 1'],
    [[[[0, 1], [4, 3]]], 'clusters[0][1]: mention [4, 3] is reversed (its end before its start)'],
    [[[[0, 1], [-1, 0]]], 'clusters[0][1]: mention [-1, 0] is outside the document'],
    [[[[0, 1], ['4', 4]]], 'clusters[0][1]: expected [start, end]'],
    [[{ a: 1 }], 'clusters[0]: expected a list of [start, end] mentions'],
  ])('%j', async (clusters, message) => {
    expect(await failure('dygie', 'd.jsonl', doc(clusters))).toContain(`d.jsonl:1: ${message}`);
  });

  it('a cluster of the two mentions reads as before, one cluster number on both', async () => {
    const [ex] = await readAs('dygie', 'd.jsonl', doc([[[0, 1], [4, 4]]]));
    expect(ex.entities.map((e) => e.cluster)).toEqual([0, 0]);
  });
});

describe('a relation listed twice', () => {
  it('is read, and counted in a warning naming both (public gold has such: SciERC train)', async () => {
    const { Reporter } = await import('../../src/formats/reporter.js');
    const rec = { tokens: ['Orla', 'joined', 'Brightwell', '.'], entities: [{ type: 'PER', start: 0, end: 1 }, { type: 'ORG', start: 2, end: 3 }], relations: [{ type: 'Work_For', head: 0, tail: 1 }, { type: 'Work_For', head: 0, tail: 1 }, { type: 'Work_For', head: 1, tail: 0 }, { type: 'Other', head: 0, tail: 1 }] };
    const reporter = new Reporter('collect');
    const [ex] = await readAs('spert', 'r.json', JSON.stringify([rec]), reporter);
    expect(ex.relations).toHaveLength(4);
    expect(reporter.problems).toEqual([]);
    const w = reporter.warnings.get('relations listed twice (same head, tail and type)');
    expect(w?.count).toBe(1);
    expect(w?.first[0]).toContain('[0].relations[1]: duplicates relations[0] (same head 0, tail 1 and type "Work_For")');
  });
});

describe('character-offset JSONL: shapes of other tools are named', () => {
  it('span triples under "entities" say where triples go', async () => {
    const msg = await failure('jsonl', 'e.jsonl', JSON.stringify({ text: TEXT, entities: [[0, 10, 'PER']] }) + '\n');
    expect(msg).toContain('e.jsonl:1: entities[0]: "entities" holds [start, end, label] triples: that shape is read under "label" or "labels"');
  });

  it("Prodigy's relations (head, child) are refused as what they are", async () => {
    const rec = { text: TEXT, spans: [{ start: 0, end: 10, label: 'PER' }, { start: 21, end: 37, label: 'ORG' }], relations: [{ head: 1, child: 4, label: 'Work_For' }] };
    expect(await failure('jsonl', 'p.jsonl', JSON.stringify(rec) + '\n')).toContain("p.jsonl:1: relations[0]: relations in Prodigy's form (head, child, label) are not read");
  });
});
