import { describe, expect, it } from 'vitest';
import { checkWritten, countByField, type CheckOptions } from '../support/truth/index.js';

/** Hand-written files: each good one passes, each bad one is flagged on the field named. */
const conllSeed = ['-DOCSTART- -X- -X- O', '', 'Acme NNP B-NP B-ORG', 'hires VBZ B-VP O', 'Danish JJ B-NP B-MISC', 'bread NN I-NP O', '', 'Maria NNP B-NP B-PER', 'Lopez NNP I-NP I-PER', '', ''].join('\n');
const lines = (...ls: string[]) => ls.join('\n') + '\n\n';

const casrel = (text: string, ...triples: string[][]) => JSON.stringify([{ text, triple_list: triples }]);
const fewrelInst = (tokens: string[], h: unknown[], t: unknown[]) => JSON.stringify({ P1: [{ tokens, h, t }] });
const fewrelSeed = fewrelInst(['Cape', 'Girardeau', 'bridge', 'on', 'the', 'Mississippi'], ['cape girardeau', 'Q1', [[0, 1]]], ['mississippi', 'Q2', [[5]]]);

const docredDoc = (over: Record<string, unknown> = {}) => ({
  title: 'T',
  sents: [['Willi', 'Schneider', 'won', '.'], ['Schneider', 'won', 'in', '55.5', '%', '.']],
  vertexSet: [
    [
      { name: 'Willi Schneider', sent_id: 0, pos: [0, 2], type: 'PER', global_pos: [0, 0], index: '0_0' },
      { name: 'Schneider', sent_id: 1, pos: [0, 1], type: 'PER', global_pos: [4, 4], index: '0_1' },
    ],
    [{ name: '55.5%', sent_id: 1, pos: [3, 5], type: 'NUM', global_pos: [7, 7], index: '1_0' }],
  ],
  labels: [{ h: 0, t: 1, r: 'P1', evidence: [1] }],
  ...over,
});
const docred = (over: Record<string, unknown> = {}) => JSON.stringify([docredDoc(over)]);
const mutDoc = (f: (d: ReturnType<typeof docredDoc>) => void) => {
  const d = docredDoc();
  f(d);
  return JSON.stringify([d]);
};

const dygieDoc = (over: Record<string, unknown> = {}) => ({
  doc_key: 'd1',
  sentences: [['We', 'use', 'CRFs', '.'], ['CRFs', 'tag', 'words', '.']],
  ner: [[[2, 2, 'Method']], [[4, 4, 'Method'], [6, 6, 'Material']]],
  relations: [[], [[4, 4, 6, 6, 'USED-FOR']]],
  clusters: [[[2, 2], [4, 4]]],
  ...over,
});
const dygie = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';

const tacredRec = (over: Record<string, unknown> = {}) => ({
  id: '0', relation: 'Message-Topic', token: ['audits', 'about', 'waste'], subj_start: 0, subj_end: 0, obj_start: 2, obj_end: 2,
  stanford_pos: ['NNS', 'IN', 'NN'], stanford_head: ['0', '1', '2'], stanford_deprel: ['root', 'prep', 'pobj'], ...over,
});
const tacred = (...recs: object[]) => JSON.stringify(recs);
const tacredSeed = tacred(tacredRec());

const spertRec = (over: Record<string, unknown> = {}) => ({
  tokens: ['Bruno', 'works', 'for', 'Fiat'], entities: [{ type: 'Peop', start: 0, end: 1 }, { type: 'Org', start: 3, end: 4 }],
  relations: [{ type: 'Work_For', head: 0, tail: 1 }], orig_id: 1, ...over,
});
const spertTags = (tags: string[]) => JSON.stringify([{ tokens: ['Bruno', 'Pusterla', 'of', 'Fiat'], tags, relations: [{ head: 0, tail: 1, type: 'Work_For' }] }]);

const jsonlRec = (over: Record<string, unknown> = {}) => ({
  text: 'I love New York',
  entities: [{ id: 7, label: 'LOC', start_offset: 7, end_offset: 15 }],
  relations: [],
  ...over,
});
const jsonl = (...recs: object[]) => recs.map((r) => JSON.stringify(r)).join('\n') + '\n';

type Case = [name: string, format: string, text: string, field: string | null, opts?: CheckOptions];

const CASES: Case[] = [
  // CoNLL
  ['conll: the seed file itself', 'conll', conllSeed, null, { seed: conllSeed }],
  ['conll: a line with a column missing', 'conll', lines('Acme NNP B-ORG', 'hires VBZ B-VP O'), 'columns'],
  ['conll: I- opening a chunk in an IOB2 file', 'conll', lines('Acme NNP B-NP B-ORG', 'met VBD B-VP O', 'Maria NNP B-NP B-PER', 'Lopez NNP I-NP I-PER', 'and CC O O', 'Okoro NNP B-NP I-PER'), 'tag'],
  ['conll: a BIOES chunk never closed', 'conll', lines('Acme x S-ORG', 'Maria x B-PER', 'Lopez x E-PER', 'Kenji x B-PER', 'said x O'), 'tag'],
  ['conll: an IO file (bare types, as spanforge writes IO)', 'conll', lines('Acme x ORG', 'Maria x PER', 'Lopez x PER', 'said x O'), null],
  ['conll: IOB1 tags in a file said to be IOB2', 'conll', lines('Acme x I-ORG', 'said x O'), 'tag', { scheme: 'IOB2' }],
  ['conll: the same IOB1 tags, scheme decided by the file', 'conll', lines('Acme x I-ORG', 'said x O'), null],
  ['conll: a typo among IOB2 tags', 'conll', lines('Acme x B-ORG', 'Maria x B_PER'), 'tag'],
  ['conll: -DOCSTART- as a token inside a sentence', 'conll', lines('Acme NNP B-NP B-ORG', '-DOCSTART- -X- -X- O'), 'token'],
  ['conll: a control character in a token', 'conll', lines('E\u0000U NNP B-NP B-ORG'), 'token'],
  ['conll: a -DOCSTART- before each variant', 'conll', lines('-DOCSTART- -X- -X- O', '', 'Acme NNP B-NP B-ORG', 'hires VBZ B-VP O', 'Danish JJ B-NP B-MISC', '', '-DOCSTART- -X- -X- O', '', 'Orbit NNP B-NP B-ORG', 'hires VBZ B-VP O', 'Danish JJ B-NP B-MISC'), 'docstart'],
  ['conll: a POS the seed never gives the token', 'conll', lines('-DOCSTART- -X- -X- O', '', '0.34 VBZ B-VP O', 'Danish JJ B-NP B-MISC'), 'column 2', { seed: conllSeed }],
  ['conll: a chunk tag the seed never gives the token', 'conll', lines('-DOCSTART- -X- -X- O', '', 'Acme NNP I-NP B-ORG'), 'column 3', { seed: conllSeed }],
  ['conll: a chunk going on through a new word (filler)', 'conll', lines('-DOCSTART- -X- -X- O', '', 'Danish JJ B-NP B-MISC', 'Acne _ _ O', 'bread NN I-NP O'), null, { seed: conllSeed }],
  ['conll: a chunk that lost its start', 'conll', lines('-DOCSTART- -X- -X- O', '', 'hires VBZ B-VP O', 'bread NN I-NP O'), 'column 3', { seed: conllSeed }],
  ['conll: filler columns for a new token', 'conll', lines('-DOCSTART- -X- -X- O', '', 'Acne _ _ B-ORG', 'danish JJ B-NP B-MISC'), null, { seed: conllSeed }],
  ['conll: more documents than the seed', 'conll', lines('-DOCSTART- -X- -X- O', '', 'Acme NNP B-NP B-ORG', '', '-DOCSTART- -X- -X- O', '', 'Maria NNP B-NP B-PER'), 'docstart', { seed: conllSeed }],
  // CasRel
  ['casrel: arguments in the text', 'casrel', casrel('Bobby Fischer lives in Iceland .', ['Bobby Fischer', '/people', 'Iceland']), null],
  ['casrel: a subject no longer in the text', 'casrel', casrel('Boris Spassky lives in Iceland .', ['Bobby Fischer', '/people', 'Iceland']), 'triple_list[0].subject'],
  ['casrel: an object that is part of a word', 'casrel', casrel('He lives in New Yorker .', ['He', '/people', 'New York']), 'triple_list[0].object'],
  ['casrel: text that is not single-space tokens', 'casrel', casrel('He  lives .', ['He', '/p', 'lives']), 'text'],
  // FewRel
  ['fewrel: the seed file itself', 'fewrel', fewrelSeed, null, { seed: fewrelSeed }],
  ['fewrel: whitespace tokens (a trap of val_wiki) and a name with its id', 'fewrel', fewrelInst(['Mississippi', ' ', 'Cape', 'Girardeau'], ['cape girardeau', 'Q1', [[2, 3]]], ['mississippi', 'Q2', [[0]]]), null, { seed: fewrelSeed }],
  ['fewrel: a name its tokens do not say', 'fewrel', fewrelInst(['DeSoto', 'bridge', 'on', 'the', 'Mississippi'], ['cape girardeau', 'Q1', [[0]]], ['mississippi', 'Q2', [[4]]]), 'h.name'],
  ['fewrel: a renamed argument keeping the old id', 'fewrel', fewrelInst(['Cape', 'Girardeau', 'on', 'the', 'Mississippi'], ['cape girardeau', 'Q1', [[0, 1]]], ['the mississippi', 'Q2', [[3, 4]]]), 't.id', { seed: fewrelSeed }],
  ['fewrel: a renamed argument with its id dropped', 'fewrel', fewrelInst(['Cape', 'Girardeau', 'on', 'the', 'Mississippi'], ['cape girardeau', 'Q1', [[0, 1]]], ['the mississippi', '', [[3, 4]]]), null, { seed: fewrelSeed }],
  ['fewrel: an index out of range', 'fewrel', fewrelInst(['a', 'b'], ['a', 'Q1', [[0]]], ['c', 'Q2', [[2]]]), 't[2][0]'],
  ['fewrel: indices not consecutive', 'fewrel', fewrelInst(['a', 'b', 'c'], ['a c', 'Q1', [[0, 2]]], ['b', 'Q2', [[1]]]), 'h[2][0]'],
  ['fewrel: a token with a space inside', 'fewrel', fewrelInst(['New York', 'b'], ['new york', 'Q1', [[0]]], ['b', 'Q2', [[1]]]), 'tokens'],
  // DocRED
  ['docred: the seed document itself', 'docred', docred(), null, { seed: docred() }],
  ['docred: a mention name its tokens do not say', 'docred', mutDoc((d) => (d.sents[1][0] = 'Alger')), 'vertexSet[0][1].name'],
  ['docred: a mention without type', 'docred', mutDoc((d) => delete (d.vertexSet[1][0] as { type?: string }).type), 'vertexSet[1][0].type'],
  ['docred: a sentence id out of range', 'docred', mutDoc((d) => (d.vertexSet[1][0].sent_id = 2)), 'vertexSet[1][0].sent_id'],
  ['docred: a pos past its sentence', 'docred', mutDoc((d) => (d.vertexSet[1][0].pos = [3, 7])), 'vertexSet[1][0].pos'],
  ['docred: a label pointing at no entity', 'docred', mutDoc((d) => (d.labels[0].t = 2)), 'labels[0].t'],
  ['docred: evidence naming no sentence', 'docred', mutDoc((d) => (d.labels[0].evidence = [2])), 'labels[0].evidence'],
  ['docred: a stale global_pos', 'docred', mutDoc((d) => (d.vertexSet[0][1].global_pos = [5, 5])), 'vertexSet[0][1].global_pos'],
  ['docred: a stale index', 'docred', mutDoc((d) => d.vertexSet.reverse()), 'vertexSet[0][0].index'],
  ['docred: one coreferent mention renamed', 'docred', mutDoc((d) => {
    d.sents[1][0] = 'Alger';
    d.vertexSet[0][1].name = 'Alger';
  }), 'vertexSet[0]', { seed: docred() }],
  ['docred: a cluster split in two', 'docred', mutDoc((d) => d.vertexSet.push([d.vertexSet[0].pop()!])), 'vertexSet', { seed: docred() }],
  // DyGIE
  ['dygie: a good document', 'dygie', dygie(dygieDoc()), null],
  ['dygie: a cluster mention pointing at no entity', 'dygie', dygie(dygieDoc({ clusters: [[[2, 2], [5, 5]]] })), 'clusters[0][1]'],
  ['dygie: a cluster mention outside the document', 'dygie', dygie(dygieDoc({ clusters: [[[2, 2], [8, 9]]] })), 'clusters[0][1]'],
  ['dygie: a relation argument that is no entity', 'dygie', dygie(dygieDoc({ relations: [[], [[4, 4, 5, 6, 'USED-FOR']]] })), 'relations[1][0]'],
  ['dygie: a relation in the wrong sentence', 'dygie', dygie(dygieDoc({ relations: [[[4, 4, 6, 6, 'USED-FOR']], []] })), 'relations[0][0]'],
  ['dygie: an entity across a sentence edge', 'dygie', dygie(dygieDoc({ ner: [[[2, 4, 'Method']], [[4, 4, 'Method'], [6, 6, 'Material']]] })), 'ner[0][0]'],
  ['dygie: ner lists not one per sentence', 'dygie', dygie(dygieDoc({ ner: [[[2, 2, 'Method']]] })), 'ner'],
  ['dygie: a repeated doc_key', 'dygie', dygie(dygieDoc(), dygieDoc()), 'doc_key'],
  // TACRED
  ['tacred: the seed record itself', 'tacred', tacredSeed, null, { seed: tacredSeed }],
  ['tacred: a repeated id', 'tacred', tacred(tacredRec(), tacredRec()), 'id'],
  ['tacred: an object past the tokens', 'tacred', tacred(tacredRec({ obj_end: 3 })), 'obj'],
  ['tacred: a subject ending before it starts', 'tacred', tacred(tacredRec({ subj_start: 1, subj_end: 0 })), 'subj'],
  ['tacred: a stanford column of the wrong length', 'tacred', tacred(tacredRec({ stanford_deprel: ['root', 'prep'] })), 'stanford_deprel'],
  ['tacred: a head outside the sentence', 'tacred', tacred(tacredRec({ stanford_head: ['0', '1', '4'] })), 'stanford_head'],
  ['tacred: a replaced token keeping the old POS', 'tacred', tacred(tacredRec({ token: ['audits', 'about', 'stories'] })), 'stanford_pos', { seed: tacredSeed }],
  ['tacred: a replaced token with the filler', 'tacred', tacred(tacredRec({ token: ['audits', 'about', 'stories'], stanford_pos: ['NNS', 'IN', '_'] })), null, { seed: tacredSeed }],
  // SpERT
  ['spert: a good record', 'spert', JSON.stringify([spertRec()]), null],
  ['spert: an entity past the tokens', 'spert', JSON.stringify([spertRec({ entities: [{ type: 'Peop', start: 0, end: 1 }, { type: 'Org', start: 3, end: 5 }] })]), 'entities[1]'],
  ['spert: an empty entity', 'spert', JSON.stringify([spertRec({ entities: [{ type: 'Peop', start: 1, end: 1 }, { type: 'Org', start: 3, end: 4 }] })]), 'entities[0]'],
  ['spert: a relation to no entity', 'spert', JSON.stringify([spertRec({ relations: [{ type: 'Work_For', head: 0, tail: 2 }] })]), 'relations[0].tail'],
  ['spert: a repeated orig_id', 'spert', JSON.stringify([spertRec(), spertRec()]), 'orig_id'],
  ['spert-tags: good BILOU tags', 'spert-tags', spertTags(['B-Peop', 'L-Peop', 'O', 'U-Org']), null],
  ['spert-tags: a chunk not closed', 'spert-tags', spertTags(['B-Peop', 'O', 'O', 'U-Org']), 'tags[0]'],
  ['spert-tags: a relation to a missing entity', 'spert-tags', spertTags(['B-Peop', 'L-Peop', 'O', 'O']), 'relations[0].tail'],
  // JSONL
  ['jsonl: a good record', 'jsonl', jsonl(jsonlRec()), null],
  ['jsonl: whitespace at a span edge', 'jsonl', jsonl(jsonlRec({ entities: [{ id: 7, label: 'LOC', start_offset: 6, end_offset: 15 }] })), 'entities[0]'],
  ['jsonl: a span cutting a word', 'jsonl', jsonl(jsonlRec({ entities: [{ id: 7, label: 'LOC', start_offset: 8, end_offset: 15 }] })), 'entities[0]'],
  ['jsonl: a [start, end, label] span past the text', 'jsonl', jsonl({ text: 'I love New York', label: [[7, 16, 'LOC']] }), 'label[0]'],
  ['jsonl: a relation to an unknown entity id', 'jsonl', jsonl(jsonlRec({ relations: [{ id: 0, from_id: 7, to_id: 8, type: 'x' }] })), 'relations[0].to_id'],
  ['jsonl: a token that is not at its offsets', 'jsonl', jsonl(jsonlRec({ tokens: [{ text: 'I', start: 0, end: 1 }, { text: 'love', start: 1, end: 5 }] })), 'tokens[1]'],
  ['jsonl: a repeated id', 'jsonl', jsonl(jsonlRec({ id: 1 }), jsonlRec({ id: 1 })), 'id'],
];

describe('the independent truth checker', () => {
  for (const [name, format, text, field, opts] of CASES) {
    it(name, () => {
      const vs = checkWritten(format, text, opts);
      if (field === null) expect(vs).toEqual([]);
      else expect(vs.map((v) => v.field)).toContain(field);
    });
  }

  it('counts violations by format and field, indices folded', () => {
    const vs = checkWritten('dygie', dygie(dygieDoc({ clusters: [[[5, 5], [7, 7]]] }), dygieDoc()));
    expect(countByField(vs)).toEqual({ 'dygie clusters[][]': 2, 'dygie doc_key': 1 });
  });

  it('refuses a format it has no checker for', () => {
    expect(() => checkWritten('csv', '')).toThrow(/no truth checker for format "csv"/);
  });

  it('reports unreadable JSON as one violation', () => {
    expect(checkWritten('fewrel', '{"P1": [').map((v) => v.field)).toEqual(['json']);
  });
});
