import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { replaceRange } from '../../src/core/edit.js';
import { rngFor } from '../../src/core/random.js';
import { getFormat } from '../../src/formats/registry.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { mentionReplacement } from '../../src/ops/span/mention-replacement.js';
import { replaceSameLength } from '../../src/ops/util.js';
import { tmpDir } from '../support/paths.js';

/**
 * Issue 9 item 1: every format field that describes the text follows an edit (recomputed, or
 * dropped when it cannot be); a candidate never carries its seed's id. Seeds are read from small
 * hand-written files through the real readers; what is written is checked with JSON.parse and
 * a few lines that re-derive the truth from the tokens.
 */
const DIR = tmpDir();
async function readOne(format: string, name: string, content: string): Promise<Example[]> {
  const file = path.join(DIR, name);
  writeFileSync(file, content);
  const out: Example[] = [];
  for await (const ex of getFormat(format).read(file)) out.push(ex);
  return out;
}
async function writeText(format: string, exs: Example[]): Promise<string> {
  let text = '';
  await getFormat(format).write(exs, { write: (s: string) => void (text += s) }, {});
  return text;
}

describe('the span-safe edit invalidates what it touched', () => {
  const ex: Example = {
    id: 's',
    tokens: ['Ann', 'Lee', 'saw', 'Bo', '.'],
    entities: [
      { start: 0, end: 2, type: 'PER', extra: { x: { name: 'Ann Lee' } } },
      { start: 3, end: 4, type: 'PER', extra: { x: { name: 'Bo' } } },
    ],
    relations: [],
    columns: [['NNP'], ['NNP'], ['VBD'], ['NNP'], ['.']],
  };

  it('keeps the fields of mentions it did not touch and drops those of mentions it did', () => {
    const r = replaceRange(ex, 1, 2, ['Kim']).example; // inside the first mention, same length
    expect(r.entities[0].extra).toBeUndefined();
    expect(r.entities[1].extra).toEqual({ x: { name: 'Bo' } });
    const ins = replaceRange(ex, 2, 2, ['then']).example; // an insertion between mentions touches none
    expect(ins.entities.map((e) => e.extra)).toEqual([{ x: { name: 'Ann Lee' } }, { x: { name: 'Bo' } }]);
  });

  it('maps each token to the token it came from, -1 for a new or changed one', () => {
    const r = replaceRange(ex, 2, 3, ['met', 'with']).example;
    expect(r.origin).toEqual([0, 1, -1, -1, 3, 4]);
    const same = replaceRange(r, 0, 2, ['Ann', 'Moe']).example;
    expect(same.origin).toEqual([0, -1, -1, -1, 3, 4]);
  });

  it('gives a changed token the filler row and keeps the row of an unchanged one', () => {
    const r = replaceRange(ex, 2, 4, ['saw', 'Al']).example;
    expect(r.columns).toEqual([['NNP'], ['NNP'], ['VBD'], ['_'], ['.']]);
    const fast = replaceSameLength(ex, 0, 5, ['Ann', 'Lee', '0.34', 'Bo', '.']);
    expect(fast.columns).toEqual([['NNP'], ['NNP'], ['_'], ['NNP'], ['.']]);
    expect(fast.origin).toEqual([0, 1, -1, 3, 4]);
    expect(fast.entities.map((e) => e.extra)).toEqual(ex.entities.map((e) => e.extra));
  });
});

describe('mention replacement', () => {
  it('replaces coreferent mentions together, by one mention, bringing its own columns', () => {
    const seed: Example = {
      id: 'd',
      tokens: ['Ann', 'Lee', 'said', 'Lee', 'left', '.'],
      entities: [
        { start: 0, end: 2, type: 'PER', cluster: 0 },
        { start: 3, end: 4, type: 'PER', cluster: 0 },
      ],
      relations: [],
      columns: [['NNP'], ['NNP'], ['VBD'], ['NNP'], ['VBD'], ['.']],
    };
    const other: Example = { id: 'o', tokens: ['Bo', 'Wu', 'ran'], entities: [{ start: 0, end: 2, type: 'PER' }], relations: [], columns: [['NNPX'], ['NNPY'], ['VBD']] };
    const b = new CorpusBuilder();
    b.add(seed);
    b.add(other);
    const corpus = b.build();
    for (let v = 0; v < 20; v++) {
      const out = mentionReplacement.apply(seed, mentionReplacement.params.parse({ p: 1 }), { rng: rngFor(1, 'd', 'mr', v), corpus });
      expect(out).not.toBeNull();
      // The only other name is "Bo Wu": both mentions become it (never one of the group's own).
      expect(out!.tokens.join(' ')).toBe('Bo Wu said Bo Wu left .');
      expect(out!.entities.map((e) => [e.start, e.end, e.cluster])).toEqual([[0, 2, 0], [3, 5, 0]]);
      expect(out!.columns).toEqual([['NNPX'], ['NNPY'], ['VBD'], ['NNPX'], ['NNPY'], ['VBD'], ['.']]);
    }
  });
});

describe('mention replacement never makes two entities look like one', () => {
  it('draws no name the example already uses, nor one an earlier replacement took', () => {
    const seed: Example = { id: 'n', tokens: ['Ann', 'met', 'Bo', '.'], entities: [{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'PER' }], relations: [] };
    const b = new CorpusBuilder();
    b.add(seed);
    b.add({ id: 'x', tokens: ['Cy', 'ran'], entities: [{ start: 0, end: 1, type: 'PER' }], relations: [] });
    const corpus = b.build();
    for (let v = 0; v < 10; v++) {
      const out = mentionReplacement.apply(seed, mentionReplacement.params.parse({ p: 1 }), { rng: rngFor(1, 'n', 'mr', v), corpus });
      expect(out!.tokens.join(' ')).toBe('Cy met Bo .');
    }
  });
});

describe('chunk columns describe a place in the sentence, not a word', () => {
  const seed: Example = {
    id: 'c',
    tokens: ['He', 'met', 'Ann', 'Lee', 'today', '.'],
    entities: [{ start: 2, end: 4, type: 'PER' }],
    relations: [],
    columns: [['PRP', 'B-NP'], ['VBD', 'B-VP'], ['NNP', 'B-NP'], ['NNP', 'I-NP'], ['NN', 'B-NP'], ['.', 'O']],
  };

  it('a replacement mention brings its POS and takes the chunk of the slot it fills', () => {
    const other: Example = { id: 'o', tokens: ['the', 'tall', 'Bo', 'Wu', 'Li'], entities: [{ start: 2, end: 5, type: 'PER' }], relations: [], columns: [['DT', 'B-NP'], ['JJ', 'I-NP'], ['NNP', 'I-NP'], ['NNP', 'I-NP'], ['NNP', 'I-NP']] };
    const b = new CorpusBuilder();
    b.add(seed);
    b.add(other);
    const out = mentionReplacement.apply(seed, mentionReplacement.params.parse({ p: 1 }), { rng: rngFor(1, 'c', 'mr', 0), corpus: b.build() })!;
    expect(out.tokens.join(' ')).toBe('He met Bo Wu Li today .');
    expect(out.columns).toEqual([['PRP', 'B-NP'], ['VBD', 'B-VP'], ['NNP', 'B-NP'], ['NNP', 'I-NP'], ['NNP', 'I-NP'], ['NN', 'B-NP'], ['.', 'O']]);
  });

  it('a replacement inside a chunk continues it, whatever chunk it had where it was seen', () => {
    const inChunk: Example = { id: 'i', tokens: ['He', 'met', 'the', 'Ann', '.'], entities: [{ start: 3, end: 4, type: 'PER' }], relations: [], columns: [['PRP', 'B-NP'], ['VBD', 'B-VP'], ['DT', 'B-NP'], ['NNP', 'I-NP'], ['.', 'O']] };
    const b = new CorpusBuilder();
    b.add(inChunk);
    b.add({ id: 'o', tokens: ['Bo', 'Wu', 'ran'], entities: [{ start: 0, end: 2, type: 'PER' }], relations: [], columns: [['NNP', 'B-NP'], ['NNP', 'I-NP'], ['VBD', 'B-VP']] });
    const out = mentionReplacement.apply(inChunk, mentionReplacement.params.parse({ p: 1 }), { rng: rngFor(1, 'i', 'mr', 0), corpus: b.build() })!;
    expect(out.columns).toEqual([['PRP', 'B-NP'], ['VBD', 'B-VP'], ['DT', 'B-NP'], ['NNP', 'I-NP'], ['NNP', 'I-NP'], ['.', 'O']]);
  });

  it('a chunk whose first word an edit removed or moved starts again', () => {
    expect(replaceRange(seed, 2, 3, []).example.columns!.map((r) => r[1])).toEqual(['B-NP', 'B-VP', 'B-NP', 'B-NP', 'O']);
    const swapped = replaceSameLength(seed, 0, 6, ['He', 'met', 'Lee', 'Ann', 'today', '.'], undefined, [seed.columns![0], seed.columns![1], seed.columns![3], seed.columns![2], seed.columns![4], seed.columns![5]]);
    expect(swapped.columns!.map((r) => r[1])).toEqual(['B-NP', 'B-VP', 'B-NP', 'B-NP', 'B-NP', 'O']);
    // An IOB1 column (an I- opens a chunk there) is left as it is.
    const iob1: Example = { ...seed, columns: seed.columns!.map(([pos, c]) => [pos, c.replace(/^B-/, 'I-')]) };
    expect(replaceRange(iob1, 2, 3, []).example.columns!.map((r) => r[1])).toEqual(['I-NP', 'I-VP', 'I-NP', 'I-NP', 'O']);
    // The filler says nothing of chunks: a chunk may go on through a new word.
    expect(replaceRange(seed, 3, 3, ['M.']).example.columns!.map((r) => r[1])).toEqual(['B-NP', 'B-VP', 'B-NP', '_', 'I-NP', 'B-NP', 'O']);
  });
});

describe('writers recompute or drop what an edit made stale', () => {
  it('TACRED: own id; stanford_pos carried, `_` for new tokens; a parse that lost a token is dropped', async () => {
    const [seed] = await readOne('tacred', 't.json', JSON.stringify([{ id: 'r1', relation: 'rel', token: ['Ann', 'met', 'Bo', '.'], stanford_pos: ['NNP', 'VBD', 'NNP', '.'], stanford_head: ['2', '0', '2', '2'], stanford_deprel: ['nsubj', 'root', 'dobj', 'punct'], subj_start: 0, subj_end: 0, obj_start: 2, obj_end: 2 }]));
    const cand = { ...replaceRange(seed, 1, 2, ['greeted', 'warmly']).example, id: 'r1~1' };
    const [orig, rec] = JSON.parse(await writeText('tacred', [seed, cand]));
    expect(orig.id).toBe('r1');
    expect(orig.stanford_head).toEqual(['2', '0', '2', '2']);
    expect(rec.id).toBe('r1~1');
    expect(rec.stanford_pos).toEqual(['NNP', '_', '_', 'NNP', '.']);
    expect(rec.stanford_head).toBeUndefined();
    expect(rec.stanford_deprel).toBeUndefined();
    // A new token has no head: nothing is made up, the parse goes.
    const ins = { ...replaceRange(seed, 0, 0, ['Yesterday']).example, id: 'r1~2' };
    const [, r2] = JSON.parse(await writeText('tacred', [seed, ins]));
    expect(r2.stanford_head).toBeUndefined();
    expect(r2.stanford_pos).toEqual(['_', 'NNP', 'VBD', 'NNP', '.']);
    // A deleted leaf ("."): the rest of the tree holds, heads renumbered to the new positions.
    const del = { ...replaceRange(seed, 3, 4, []).example, id: 'r1~3' };
    const [, r3] = JSON.parse(await writeText('tacred', [seed, del]));
    expect(r3.stanford_head).toEqual(['2', '0', '2']);
    expect(r3.stanford_deprel).toEqual(['nsubj', 'root', 'dobj']);
    // A deleted head ("met", the root): its dependents lose their head, the parse goes.
    const root = { ...replaceRange(seed, 1, 2, []).example, id: 'r1~4' };
    const [, r4] = JSON.parse(await writeText('tacred', [seed, root]));
    expect(r4.stanford_head).toBeUndefined();
    expect(r4.stanford_pos).toEqual(['NNP', 'NNP', '.']);
    // A deleted leaf before others: the heads after it are renumbered.
    const [s2] = await readOne('tacred', 't2.json', JSON.stringify([{ id: 'r2', relation: 'rel', token: ['Oh', 'Ann', 'met', 'Bo'], stanford_head: ['3', '3', '0', '3'], stanford_deprel: ['intj', 'nsubj', 'root', 'dobj'], subj_start: 1, subj_end: 1, obj_start: 3, obj_end: 3 }]));
    const [, r5] = JSON.parse(await writeText('tacred', [s2, { ...replaceRange(s2, 0, 1, []).example, id: 'r2~1' }]));
    expect(r5.stanford_head).toEqual(['2', '0', '2']);
    expect(r5.token.filter((_: string, i: number) => r5.stanford_head[i] === '0')).toEqual(['met']);
  });

  it('DyGIE: clusters follow the tokens, the doc_key is the example\'s own', async () => {
    const doc = { doc_key: 'k1', sentences: [['Ann', 'met', 'Bo', '.'], ['She', 'left', '.']], ner: [[[0, 0, 'PER'], [2, 2, 'PER']], [[4, 4, 'PER']]], relations: [[], []], clusters: [[[0, 0], [4, 4]]] };
    const [seed] = await readOne('dygie', 'd.jsonl', JSON.stringify(doc) + '\n');
    const cand = { ...replaceRange(seed, 1, 1, ['quietly']).example, id: 'k1~1' };
    const lines = (await writeText('dygie', [seed, cand])).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].clusters).toEqual(doc.clusters);
    expect(lines[1].doc_key).toBe('k1~1');
    expect(lines[1].clusters).toEqual([[[0, 0], [5, 5]]]);
    const flat = lines[1].sentences.flat();
    expect(lines[1].clusters[0].map(([s, e]: number[]) => flat.slice(s, e + 1).join(' '))).toEqual(['Ann', 'She']);
  });

  it('DocRED: names recomputed from the tokens, positions as read dropped, mentions in the order read', async () => {
    const d = [{ title: 'T', sents: [['Ann', 'Lee', 'met', 'Bo', '.'], ['Lee', 'left', '.']], vertexSet: [[{ name: 'Lee', pos: [0, 1], sent_id: 1, type: 'PER', global_pos: [5, 5], index: '0_0' }, { name: 'Ann Lee', pos: [0, 2], sent_id: 0, type: 'PER', global_pos: [0, 0], index: '0_1' }], [{ name: 'Bo', pos: [3, 4], sent_id: 0, type: 'PER', global_pos: [3, 3], index: '1_0' }]], labels: [{ h: 0, t: 1, r: 'P1', evidence: [0] }] }];
    const [seed] = await readOne('docred', 'dr.json', JSON.stringify(d));
    const bo = seed.entities.findIndex((e) => e.start === 3);
    const cand = { ...replaceRange(seed, 3, 4, ['Cy', 'Po'], { place: [{ start: 0, end: 2, from: bo }] }).example, id: '0~1' };
    const [orig, out] = JSON.parse(await writeText('docred', [seed, cand]));
    expect(orig.vertexSet).toEqual(d[0].vertexSet);
    expect(out.vertexSet[0].map((m: { name: string }) => m.name)).toEqual(['Lee', 'Ann Lee']);
    for (const v of out.vertexSet)
      for (const m of v) {
        expect(m.name).toBe(out.sents[m.sent_id].slice(m.pos[0], m.pos[1]).join(' '));
        expect(m.global_pos).toBeUndefined();
        expect(m.index).toBeUndefined();
      }
  });

  it('FewRel: a replaced argument gets the name of its tokens and no Wikidata id', async () => {
    const f = { P1: [{ tokens: ['Ann', 'met', 'Bo', '.'], h: ['ann', 'Q1', [[0]]], t: ['bo', 'Q2', [[2]]] }] };
    const [seed] = await readOne('fewrel', 'f.json', JSON.stringify(f));
    const cand = { ...replaceRange(seed, 0, 1, ['Cy'], { place: [{ start: 0, end: 1, from: 0 }] }).example, id: 'P1/0~1' };
    const [orig, out] = JSON.parse(await writeText('fewrel', [seed, cand])).P1;
    expect(orig.h).toEqual(['ann', 'Q1', [[0]]]);
    expect(out.h).toEqual(['cy', '', [[0]]]);
    expect(out.t).toEqual(['bo', 'Q2', [[2]]]);
  });

  it('CasRel: an edited text writes its own spelling and no triple it cannot place', async () => {
    const c = [{ text: 'Ann lives in Medellin , Colombia .', triple_list: [['Medellín', '/contains', 'Colombia'], ['Ann', '/lives_in', 'Bogota']] }];
    const [seed] = await readOne('casrel', 'c.json', JSON.stringify(c));
    const cand = { ...replaceRange(seed, 0, 1, ['Ana']).example, id: '0~1' };
    const [orig, out] = JSON.parse(await writeText('casrel', [seed, cand]));
    expect(orig.triple_list).toEqual(c[0].triple_list);
    expect(out.triple_list).toEqual([['Medellin', '/contains', 'Colombia']]);
    for (const [h, , t] of out.triple_list) expect(out.text.includes(h) && out.text.includes(t)).toBe(true);
  });

  it('SpERT: a candidate writes its own orig_id', async () => {
    const [seed] = await readOne('spert', 's.json', JSON.stringify([{ tokens: ['Ann', 'ran'], entities: [{ type: 'PER', start: 0, end: 1 }], relations: [], orig_id: 'x7' }]));
    expect(seed.id).toBe('x7');
    const cand = { ...replaceRange(seed, 1, 2, ['left']).example, id: 'x7~1' };
    expect(JSON.parse(await writeText('spert', [seed, cand])).map((r: { orig_id: string }) => r.orig_id)).toEqual(['x7', 'x7~1']);
  });
});
