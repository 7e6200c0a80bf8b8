import { describe, expect, it } from 'vitest';
import type { NameClass } from '../../src/filters/name-tagger.js';
import { TaggerTypes } from '../../src/filters/tagger-types.js';
import { modelOutputCheck, replacedMentions } from '../../src/filters/model-output.js';
import { buildCorpus } from '../../src/pipeline/operation-params.js';
import { marked } from '../support/marked.js';

// Invented names under a fixed lexicon: the learning is under test, not compromise.
const LEXICON: Record<string, NameClass> = {
  'Orla Venn': 'Person', 'Tobin Marsk': 'Person', 'Edda Quill': 'Person',
  Kirkhaven: 'Place', Valdoria: 'Place', Portellis: 'Place', Marrowdale: 'Place', Duskport: 'Place', Greyfen: 'Place',
  Brightwater: 'Organization', Northwind: 'Organization', Halcyon: 'Organization',
};
const classOf = (t: string) => LEXICON[t];

const SEEDS = [
  '[Orla Venn]{PEOPLE} left [Kirkhaven]{PLACE} for [Brightwater]{GROUP} .',
  '[Tobin Marsk]{PEOPLE} left [Valdoria]{PLACE} for [Northwind]{GROUP} .',
  '[Edda Quill]{PEOPLE} left [Portellis]{PLACE} for [Halcyon]{GROUP} .',
  '[Duskport]{GROUP} beat [Greyfen]{GROUP} .',
].map((s, i) => marked(s, `s${i}`));
const C = buildCorpus(SEEDS.slice(0, 3));

describe('a place in an organisation slot', () => {
  const types = new TaggerTypes(C.mentions, classOf);
  const fill = (s: string, before?: string) => types.conflict(marked(s), [0], before === undefined ? undefined : new Map([[0, before]]));

  it('is kept in a new sentence, and where it takes the place of a place or of a name of no known class', () => {
    expect(fill('[Marrowdale]{GROUP} won .')).toBeNull();
    expect(fill('[Marrowdale]{GROUP} won .', 'Duskport')).toBeNull();
    expect(fill('[Marrowdale]{GROUP} won .', 'Sable Rovers')).toBeNull();
  });

  it('is rejected where it takes the place of an organisation', () => {
    const r = fill('[Marrowdale]{GROUP} won .', 'Northwind');
    expect(r?.reason).toBe('type_conflict');
    expect(r?.detail).toMatch(/"Marrowdale" is marked GROUP, but the name tagger knows it as a place, which the seeds mark PLACE/);
  });

  it('is kept for a type whose own seeds hold places', () => {
    const mixed = new TaggerTypes(buildCorpus(SEEDS).mentions, classOf);
    expect(mixed.conflict(marked('[Marrowdale]{GROUP} won .'), [0], new Map([[0, 'Northwind']]))).toBeNull();
  });
});

describe('which seed mention a new one replaced', () => {
  it('pairs mentions by position where the types match, else none', () => {
    const seed = SEEDS[0];
    expect(replacedMentions(marked('[Edda Quill]{PEOPLE} left [Kirkhaven]{PLACE} for [Marrowdale]{GROUP} .'), seed)).toEqual(new Map([[0, 'Orla Venn'], [1, 'Kirkhaven'], [2, 'Brightwater']]));
    expect(replacedMentions(marked('[Kirkhaven]{PLACE} and [Edda Quill]{PEOPLE} met [Marrowdale]{GROUP} .'), seed)).toBeUndefined();
    expect(replacedMentions(marked('[Edda Quill]{PEOPLE} left .'), seed)).toBeUndefined();
  });

  it('decides a mask fill in the model-output check', async () => {
    const check = modelOutputCheck({ language: false, type_fit: true, unmarked_names: false }, C, undefined, async () => classOf)!;
    const r = await check(marked('[Orla Venn]{PEOPLE} left [Kirkhaven]{PLACE} for [Marrowdale]{GROUP} .'), SEEDS[0]);
    expect(r?.reason).toBe('type_conflict');
    expect(await check(marked('[Marrowdale]{GROUP} beat [Sable Rovers]{GROUP} .'), marked('[Sable Rovers]{GROUP} beat [Sable Rovers]{GROUP} .'))).toBeNull();
  });
});
