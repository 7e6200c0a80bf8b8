import { describe, expect, it } from 'vitest';
import type { NameClass } from '../../src/filters/name-tagger.js';
import { TaggerTypes } from '../../src/filters/tagger-types.js';
import { marked } from '../support/marked.js';

// Invented names under a fixed lexicon: the learning is under test, not compromise.
const LEXICON: Record<string, NameClass> = {
  'Orla Venn': 'Person', 'Tobin Marsk': 'Person', 'Edda Quill': 'Person', 'Ravi Duskin': 'Person',
  Kirkhaven: 'Place', Valdoria: 'Place', Portellis: 'Place', Marrowdale: 'Place',
  Brightwater: 'Organization', Northwind: 'Organization', Halcyon: 'Organization',
};
const classOf = (t: string) => LEXICON[t];
const split = (names: string[]) => names.map((n) => n.split(' '));

/** A MISC type of `n` distinct mentions the tagger cannot class, plus `extra` ones it can. */
function types(n: number, extra: string[] = []) {
  const misc = [...Array.from({ length: n }, (_, i) => `Zarth Cup ${i}`), ...extra];
  return new TaggerTypes(
    new Map([
      ['PEOPLE', split(['Orla Venn', 'Tobin Marsk', 'Edda Quill'])],
      ['PLACE', split(['Kirkhaven', 'Valdoria', 'Portellis'])],
      ['GROUP', split(['Brightwater', 'Northwind', 'Halcyon'])],
      ['MISC', split(misc)],
    ]),
    classOf,
  );
}
const judge = (t: TaggerTypes, s: string) => {
  const ex = marked(s);
  return t.conflict(ex, ex.entities.map((_, i) => i));
};

describe('a type of names of every kind (no core class), judged on what its seeds never are', () => {
  it('rejects a person where enough seeds of the type and none is a person', () => {
    const r = judge(types(15), 'It was [Ravi Duskin]{MISC} .');
    expect(r?.reason).toBe('type_conflict');
    expect(r?.detail).toMatch(/"Ravi Duskin" is marked MISC, but the name tagger knows it as a person, which the seeds mark PEOPLE/);
  });

  it('keeps organisations and places, which lend their names to products and events', () => {
    expect(judge(types(15), 'It was [Marrowdale]{MISC} and [Northwind]{MISC} .')).toBeNull();
  });

  it('judges nothing with too few mentions, or where a seed of the type is a person', () => {
    expect(judge(types(14), 'It was [Ravi Duskin]{MISC} .')).toBeNull();
    expect(judge(types(15, ['Edda Quill']), 'It was [Ravi Duskin]{MISC} .')).toBeNull();
  });
});

describe('the classes a type takes, by the name tagger', () => {
  const group = (extra: string[]) =>
    new TaggerTypes(
      new Map([
        ['PEOPLE', split(['Orla Venn', 'Tobin Marsk', 'Edda Quill'])],
        ['GROUP', split(['Brightwater', 'Northwind', 'Halcyon', 'Brightwater Two', ...extra])],
      ]),
      (t) => (t === 'Brightwater Two' ? 'Organization' : classOf(t)),
    );
  it('need two of its distinct names: one stray tag does not open a type to persons', () => {
    expect(judge(group(['Edda Quill']), 'It was [Ravi Duskin]{GROUP} .')?.reason).toBe('type_conflict');
    expect(judge(group(['Edda Quill', 'Orla Venn']), 'It was [Ravi Duskin]{GROUP} .')).toBeNull();
  });
});
