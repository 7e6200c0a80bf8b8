import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { data } from '../support/paths.js';

/** The counts in shared/data/README.md, which a reader must reproduce. */
const EXPECTED: Array<{ file: string; sentences: number; tokens?: number; documents?: number; entities?: Record<string, number>; relations?: Record<string, number>; relationTotal?: number }> = [
  { file: 'conll2003/train.txt', sentences: 14041, tokens: 203621, documents: 946, entities: { LOC: 7140, PER: 6600, ORG: 6321, MISC: 3438 } },
  { file: 'conll2003/valid.txt', sentences: 3250, tokens: 51362, documents: 216, entities: { PER: 1842, LOC: 1837, ORG: 1341, MISC: 922 } },
  { file: 'conll2003/test.txt', sentences: 3453, tokens: 46435, documents: 231, entities: { LOC: 1668, ORG: 1661, PER: 1617, MISC: 702 } },
  { file: 'conll04/conll04_train.json', sentences: 922, tokens: 26525, entities: { Loc: 1219, Peop: 1087, Org: 616, Other: 455 }, relations: { Live_In: 330, OrgBased_In: 271, Work_For: 256, Located_In: 247, Kill: 179 } },
  { file: 'conll04/conll04_dev.json', sentences: 231, tokens: 6993, entities: { Loc: 322, Peop: 283, Org: 170, Other: 118 }, relations: { Live_In: 91, OrgBased_In: 76, Work_For: 69, Located_In: 65, Kill: 42 } },
  { file: 'conll04/conll04_test.json', sentences: 288, tokens: 8336, entities: { Loc: 427, Peop: 321, Org: 198, Other: 133 }, relations: { OrgBased_In: 105, Live_In: 100, Located_In: 94, Work_For: 76, Kill: 47 } },
  { file: 'conll04-spert/conll04_train.json', sentences: 922, tokens: 26525, entities: { Loc: 1219, Peop: 1087, Org: 616, Other: 455 }, relations: { Live_In: 330, OrgBased_In: 271, Work_For: 256, Located_In: 247, Kill: 179 } },
  { file: 'scierc/scierc_joint_er_train.json', sentences: 1861, tokens: 45412, entities: { OtherScientificTerm: 1536, Method: 1445, Generic: 950, Task: 894, Material: 542, Metric: 231 }, relations: { 'Used-for': 1690, Conjunction: 400, 'Evaluate-for': 313, 'Hyponym-of': 298, 'Part-of': 179, 'Feature-of': 173, Compare: 166 } },
  { file: 'scierc/train.json', sentences: 1861, tokens: 45412, documents: 350, entities: { OtherScientificTerm: 1536, Method: 1445, Generic: 950, Task: 894, Material: 542, Metric: 231 }, relations: { 'USED-FOR': 1690, CONJUNCTION: 400, 'EVALUATE-FOR': 313, 'HYPONYM-OF': 298, 'PART-OF': 179, 'FEATURE-OF': 173, COMPARE: 166 } },
  { file: 'scierc/dev.json', sentences: 275, tokens: 6521, documents: 50 },
  { file: 'scierc/test.json', sentences: 551, tokens: 13401, documents: 100 },
  { file: 'nyt-casrel/test_triples.json', sentences: 5000, relationTotal: 8616 },
  { file: 'nyt-casrel/val_triples.json', sentences: 5000, relationTotal: 8489 },
  { file: 'tacred-format/semeval/test.json', sentences: 2717, relations: { Other: 454, 'Cause-Effect': 328, 'Component-Whole': 312, 'Entity-Destination': 292, 'Message-Topic': 261, 'Entity-Origin': 258, 'Member-Collection': 233, 'Product-Producer': 231, 'Content-Container': 192, 'Instrument-Agency': 156 } },
  { file: 'fewrel/val_wiki.json', sentences: 11200, relationTotal: 11200 },
  { file: 'fewrel/val_pubmed.json', sentences: 1000, relationTotal: 1000 },
  { file: 'fewnerd/dev_5_1.jsonl', sentences: 4947 + 4953 },
  { file: 'docred/dev_revised.json', sentences: 4110, documents: 500, entities: { LOC: 4054, PER: 2439, TIME: 2040, ORG: 2029, MISC: 1977, NUM: 650 }, relationTotal: 17284 },
];

describe('stats --json reproduces the published counts', () => {
  for (const e of EXPECTED) {
    it(e.file, async () => {
      const r = await cli('stats', data(e.file), '--json');
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout);
      expect(s.sentences).toBe(e.sentences);
      if (e.tokens !== undefined) expect(s.tokens).toBe(e.tokens);
      if (e.documents !== undefined) expect(s.documents).toBe(e.documents);
      if (e.entities) expect(s.entities).toEqual(e.entities);
      if (e.relations) expect(s.relations).toEqual(e.relations);
      if (e.relationTotal !== undefined) expect(s.relationTotal).toBe(e.relationTotal);
    });
  }

  it('lists relation signatures and the human-readable view', async () => {
    const j = JSON.parse((await cli('stats', data('conll04-spert/conll04_train.json'), '--json')).stdout);
    const workFor = j.signatures.find((g: { head: string; relation: string; tail: string }) => g.relation === 'Work_For' && g.head === 'Peop' && g.tail === 'Org');
    expect(workFor.count).toBeGreaterThan(200);
    const text = (await cli('stats', data('conll04-spert/conll04_train.json'))).stdout;
    expect(text).toMatch(/sentences\s+922/);
    expect(text).toMatch(/Peop -Work_For-> Org/);
  });

  it('counts NYT relation types with a long tail', async () => {
    const j = JSON.parse((await cli('stats', data('nyt-casrel/test_triples.json'), '--json')).stdout);
    expect(Object.keys(j.relations)).toHaveLength(22);
    expect(j.relations['/location/location/contains']).toBe(4059);
    expect(j.longTail.length).toBeGreaterThan(0);
    for (const t of j.longTail) expect(j.relations[t]).toBeLessThan(j.relations['/location/location/contains']);
  });
});
