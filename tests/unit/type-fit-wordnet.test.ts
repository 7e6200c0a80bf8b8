import { describe, expect, it } from 'vitest';
import { seedProfile } from '../../src/filters/seed-profile.js';
import { WordNetTypes } from '../../src/filters/wordnet-types.js';
import { properNounClasses } from '../../src/ops/token/wordnet.js';
const instanceClass = (t: string) => properNounClasses(t)[0] ?? null;
import { NameWords } from '../../src/filters/name-words.js';
import { unmarkedName } from '../../src/filters/unmarked-names.js';
import { modelOutputCheck } from '../../src/filters/model-output.js';
import { marked } from '../support/marked.js';
import { buildCorpus } from '../../src/pipeline/operation-params.js';

// Seeds whose person mentions WordNet knows as people, place mentions as places, organisation
// mentions as organisations: the classes are learned from them, not from the type names.
const SEEDS = [
  '[Abraham Lincoln]{PEOPLE} spoke in [Chicago]{PLACE} about [NATO]{GROUP} .',
  '[Charles Darwin]{PEOPLE} sailed from [London]{PLACE} for [Interpol]{GROUP} .',
  '[Isaac Newton]{PEOPLE} wrote to [Boston]{PLACE} and the [United Nations]{GROUP} .',
  '[Albert Einstein]{PEOPLE} lived in [Germany]{PLACE} , said [UNESCO]{GROUP} .',
  '[Jacques Delors]{PEOPLE} met [Jacques Santer]{PEOPLE} in [Brussels]{PLACE} .',
  '[Francois Chirac]{PEOPLE} left [Canada]{PLACE} on a visit .',
].map((s, i) => marked(s, `s${i}`));

const C = buildCorpus(SEEDS);

describe('WordNet classes of names', () => {
  it('gives the class of the most frequent capitalised sense, null for words and unknown names', () => {
    expect(instanceClass('Paris')).toBe(15);
    expect(instanceClass('Bill Clinton')).toBe(18);
    expect(instanceClass('NATO')).toBe(14);
    expect(instanceClass('table')).toBeNull();
    expect(instanceClass('Kirkhaven')).toBeNull();
  });
});

describe('type fit by WordNet class, learned from the seeds', () => {
  const wn = new WordNetTypes(C.mentions, properNounClasses);
  const one = (s: string) => {
    const ex = marked(s);
    return wn.conflict(ex, ex.entities.map((_, i) => i));
  };
  it('rejects a place in a person slot and a person in a place slot', () => {
    const r = one('[Paris]{PEOPLE} said so .');
    expect(r?.reason).toBe('type_conflict');
    expect(r?.detail).toMatch(/a place, which the seeds mark PLACE/);
    expect(one('He went to [Bill Clinton]{PLACE} .')?.reason).toBe('type_conflict');
  });
  it('keeps names that fit, names WordNet does not know, and places named after people', () => {
    expect(one('[Bill Clinton]{PEOPLE} said so .')).toBeNull();
    expect(one('[Sofia Lindqvist]{PEOPLE} said so .')).toBeNull();
    // "Iowa" is first a people in WordNet, and a state too: a place may be named after people.
    expect(one('He went to [Iowa]{PLACE} .')).toBeNull();
  });
  it('lets organisations go by their places (teams, governments)', () => {
    expect(one('[Chicago]{GROUP} beat [Boston]{GROUP} .')).toBeNull();
  });
  it('judges no type with too few mentions WordNet knows', () => {
    const few = new WordNetTypes(new Map([['PEOPLE', [['Charles', 'Darwin'], ['Kirk']]], ['PLACE', [['London'], ['Boston'], ['Canada']]]]), properNounClasses);
    const ex = marked('[Paris]{PEOPLE} said so .');
    expect(few.conflict(ex, [0])).toBeNull();
  });
});

describe('type fit by the seeds name words', () => {
  const nw = new NameWords(C.mentions);
  const one = (s: string) => {
    const ex = marked(s);
    return nw.conflict(ex, ex.entities.map((_, i) => i));
  };
  it('rejects a mention made only of words the seeds use in names of another type', () => {
    const r = one('Shares of [Jacques Chirac]{GROUP} rose .');
    expect(r?.reason).toBe('type_conflict');
    expect(r?.detail).toMatch(/only in names of type PEOPLE/);
  });
  it('keeps a mention with an unknown word or a word of its own type', () => {
    expect(one('Shares of [Jacques Holdings]{GROUP} rose .')).toBeNull();
    expect(one('[Jacques Chirac]{PEOPLE} spoke .')).toBeNull();
    // "Chicago" alone is seen once as a place: too little to judge.
    expect(one('[Chicago]{PEOPLE} spoke .')).toBeNull();
  });
});

describe('a negative that names its seed mentions', () => {
  const P = seedProfile(C);
  it('flags a word of the seed mentions, unmarked, in a negative, but not in a rewrite that keeps the marks', () => {
    const seed = SEEDS[0];
    const neg = marked('Officials from Lincoln met again on a rainy day .');
    expect(unmarkedName(neg, seed, P)?.reason).toBe('unmarked_name');
    expect(unmarkedName(marked('Officials from [Abraham Lincoln]{PEOPLE} met again .'), seed, P)).toBeNull();
    expect(unmarkedName(marked('Officials met again on a rainy day .'), seed, P)).toBeNull();
  });
});

describe('the model-output check runs the WordNet and name-word checks with type_fit', () => {
  it('rejects a place in a person slot; type_fit off keeps it', async () => {
    const seed = SEEDS[5];
    const cand = marked('[Paris]{PEOPLE} left [Canada]{PLACE} on a visit .');
    const on = modelOutputCheck({ language: false, type_fit: true, unmarked_names: false }, C, properNounClasses)!;
    expect((await on(cand, seed))?.reason).toBe('type_conflict');
    const off = modelOutputCheck({ language: false, type_fit: false, unmarked_names: true }, C)!;
    expect(await off(cand, seed)).toBeNull();
  });
});
