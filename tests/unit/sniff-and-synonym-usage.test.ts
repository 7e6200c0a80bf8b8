import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { sniff } from '../../src/formats/registry.js';
import { commonSynonyms, spellingOf, synonymReplacementV2 as op } from '../../src/ops/token/synonym-replacement-v2.js';

describe('format sniffing reads keys, not tokens', () => {
  it('a SpERT array whose tokens are "data" and "annotations" is SpERT, not a Label Studio export', () => {
    const head = JSON.stringify([{ tokens: ['the', 'data', 'and', 'annotations'], entities: [{ type: 'Material', start: 1, end: 2 }], relations: [] }]);
    expect(sniff(head)).toBe('spert');
    expect(sniff(JSON.stringify([{ data: { text: 'x' }, annotations: [] }]))).toBe('jsonl');
  });
});

describe('synonym_replacement_v2 takes common senses and synonyms only', () => {
  // No seeds: `in_domain` (tested below) is off, so that each test sees only its own rule.
  const corpus = new CorpusBuilder().build();
  const tagged = (tokens: string[], tags: string[]): Example => ({ id: 's', tokens, entities: [], relations: [], columns: tags.map((t) => [t, 'O']) });
  const outs = (ex: Example, params: Record<string, unknown>) => new Set([...Array(40).keys()].map((v) => op.apply(ex, op.params.parse({ p: 1, in_domain: 0, ...params }), { rng: rngFor(5, 's', v), corpus })?.tokens[1] ?? '(none)'));

  it('a sense never tagged in WordNet\'s corpus ("bakery") keeps its word; without the check it gets "bakehouse" or "bakeshop"', () => {
    const ex = tagged(['a', 'bakery', '.'], ['DT', 'NN', '.']);
    expect(outs(ex, {})).toEqual(new Set(['(none)']));
    expect(outs(ex, { min_tagged: 0, dominance: 0 })).toEqual(new Set(['bakehouse', 'bakeshop']));
  });

  it('an ambiguous word keeps its place: "capital" is money in 15 of its 22 tagged uses, under the 75% asked', () => {
    const ex = tagged(['the', 'capital', '.'], ['DT', 'NN', '.']);
    expect(outs(ex, {})).toEqual(new Set(['(none)']));
    expect(outs(ex, { dominance: 0.6, usual: false })).toEqual(new Set(['working']));
  });

  it('a synonym rarely used in the sense is not drawn: "nutrient" is tagged once as food', () => {
    const ex = tagged(['the', 'food', '.'], ['DT', 'NN', '.']);
    expect(outs(ex, {})).toEqual(new Set(['(none)']));
    expect(outs(ex, { min_tagged: 1, usual: false })).toEqual(new Set(['nutrient']));
  });

  it('a common word in its dominant sense is still replaced ("car" -> "automobile"; "auto" is too rare beside it)', () => {
    expect(outs(tagged(['the', 'car', '.'], ['DT', 'NN', '.']), {})).toEqual(new Set(['automobile']));
  });

  it('a synonym must be common in that part of speech: "partly" -> "partially", not "part" (a noun first); "forbid" -> "prohibit", not "proscribe"', () => {
    const adv = { parts_of_speech: ['adv'] };
    expect(outs(tagged(['was', 'partly', 'due'], ['VBD', 'RB', 'JJ']), adv)).toEqual(new Set(['partially']));
    expect(outs(tagged(['was', 'partly', 'due'], ['VBD', 'RB', 'JJ']), { ...adv, usual: false })).toEqual(new Set(['partially', 'part']));
    expect(outs(tagged(['to', 'forbid', 'it'], ['TO', 'VB', 'PRP']), {})).toEqual(new Set(['prohibit']));
  });

  it('parts_of_speech limits what is replaced, tagged or not (all four by default)', () => {
    const ex = tagged(['was', 'partly', 'due'], ['VBD', 'RB', 'JJ']);
    expect(outs(ex, {})).toEqual(new Set(['partially']));
    // The same example asked again without adverbs: the op's per-seed view is per setting.
    expect(outs(ex, { parts_of_speech: ['noun', 'verb'] })).toEqual(new Set(['(none)']));
    const plain: Example = { id: 'u', tokens: ['was', 'partly', 'due'], entities: [], relations: [] };
    const untagged = (params: Record<string, unknown>) => new Set([...Array(40).keys()].map((v) => op.apply(plain, op.params.parse({ p: 1, in_domain: 0, ...params }), { rng: rngFor(5, 'u', v), corpus })?.tokens[1] ?? '(none)'));
    expect(untagged({})).toContain('partially');
    expect(untagged({ parts_of_speech: ['noun'] })).toEqual(new Set(['(none)']));
  });

  it('another spelling of the word is no synonym ("theatre" -> not "theater": in lower-cased text it respells a name)', () => {
    expect(spellingOf('theater', 'theatre')).toBe(true);
    expect(spellingOf('color', 'colour')).toBe(true);
    expect(spellingOf('analyze', 'analyse')).toBe(true);
    expect(spellingOf('movie', 'film')).toBe(false);
    expect(spellingOf('house', 'theatre')).toBe(false);
    expect(spellingOf('pledge', 'plead')).toBe(false);
    expect(spellingOf('part', 'partly')).toBe(false);
    for (const [w, other] of [['theatre', 'theater'], ['theater', 'theatre']]) {
      expect(commonSynonyms(w, 'noun', 1)).toContain('house');
      expect(commonSynonyms(w, 'noun', 1)).not.toContain(other);
    }
  });

  it('a capitalised word that starts a sentence before another capitalised word is a name ("Cafe Glechik"), not replaced', () => {
    const first = (tokens: string[]) => new Set([...Array(40).keys()].map((v) => op.apply({ id: 'c', tokens, entities: [], relations: [] }, op.params.parse({ p: 1, in_domain: 0 }), { rng: rngFor(5, 'c', v), corpus })?.tokens[0] ?? '(none)'));
    expect(first(['Cafe', 'Glechik', 'opened', '.'])).toEqual(new Set(['(none)']));
    expect(first(['Cafe', 'owners', 'met', '.'])).toContain('Coffee');
    expect(first(['Cafe', 'I', 'liked', '.'])).toContain('Coffee');
  });

  it('a synonym read alone must mean the sense: "night" is not "dark" (first the absence of light)', () => {
    expect(outs(tagged(['the', 'night', '.'], ['DT', 'NN', '.']), {})).toEqual(new Set(['(none)']));
  });

  it('a plural lemma is not inflected again ("documents" -> "papers", never "paperses"), nor put in a singular slot', () => {
    expect(outs(tagged(['the', 'documents', '.'], ['DT', 'NNS', '.']), {})).toEqual(new Set(['papers']));
    expect(outs(tagged(['the', 'document', '.'], ['DT', 'NN', '.']), {})).toEqual(new Set(['(none)']));
  });

  it('after "a" or "an" only a synonym that takes the same article ("a car" is not "a automobile")', () => {
    expect(outs(tagged(['a', 'car', '.'], ['DT', 'NN', '.']), {})).toEqual(new Set(['(none)']));
  });

  it('a word\'s synonyms, kept for the seeds after, are kept by its tag and article too', () => {
    expect(outs(tagged(['to', 'car', '.'], ['TO', 'VB', '.']), {})).toEqual(new Set(['(none)']));
    expect(outs(tagged(['a', 'car', '.'], ['DT', 'NN', '.']), {})).toEqual(new Set(['(none)']));
    expect(outs(tagged(['the', 'car', '.'], ['DT', 'NN', '.']), {})).toEqual(new Set(['automobile']));
  });

  it('a noun right before a noun is a compound\'s modifier and keeps its place ("car dealers" is not "automobile dealers")', () => {
    expect(outs(tagged(['the', 'car', 'dealers', '.'], ['DT', 'NN', 'NNS', '.']), {}).has('automobile')).toBe(false);
    expect(outs(tagged(['the', 'car', 'stopped', '.'], ['DT', 'NN', 'VBD', '.']), {})).toEqual(new Set(['automobile']));
  });

  it('a word inside a phrase WordNet lists as one lemma keeps its place ("speed of light" is not "velocity of light")', () => {
    // Loose usage checks, so that only the phrase rule stands between "speed" and "velocity".
    const loose = { min_tagged: 0, dominance: 0, usual: false };
    const at1 = (ex: Example) => new Set([...Array(40).keys()].map((v) => op.apply(ex, op.params.parse({ p: 1, in_domain: 0, ...loose }), { rng: rngFor(5, 's', v), corpus })?.tokens[1] ?? '(none)'));
    expect(at1(tagged(['the', 'speed', 'of', 'light', '.'], ['DT', 'NN', 'IN', 'NN', '.']))).toEqual(new Set(['(none)']));
    expect(at1(tagged(['their', 'speed', 'grew', '.'], ['PRP$', 'NN', 'VBD', '.']))).toEqual(new Set(['velocity']));
    // A plural word of the phrase too ("hunger strikes").
    const strikes = tagged(['the', 'hunger', 'strikes', 'ended', '.'], ['DT', 'NN', 'NNS', 'VBD', '.']);
    const got = [...Array(40).keys()].map((v) => op.apply(strikes, op.params.parse({ p: 1, in_domain: 0, ...loose }), { rng: rngFor(5, 's', v), corpus })?.tokens.join(' ') ?? '(none)');
    expect(new Set(got)).toEqual(new Set(['(none)']));
  });

  it('a synonym mostly used in another sense is not drawn: "say" shares its first sense with "tell", which mostly narrates or orders', () => {
    expect(outs(tagged(['they', 'say', 'so', '.'], ['PRP', 'VBP', 'RB', '.']), {})).toEqual(new Set(['(none)']));
    expect(outs(tagged(['they', 'say', 'so', '.'], ['PRP', 'VBP', 'RB', '.']), { usual: false })).toContain('tell');
  });
});

describe('synonym_replacement_v2 takes synonyms the seeds use (in_domain)', () => {
  const tagged = (id: string, tokens: string[], tags: string[]): Example => ({ id, tokens, entities: [], relations: [], columns: tags.map((t) => [t, 'O']) });
  const seed = tagged('s', ['the', 'car', 'stopped', '.'], ['DT', 'NN', 'VBD', '.']);
  const uses = (n: number) => Array.from({ length: n }, (_, k) => tagged(`u${k}`, ['an', 'automobile', 'passed', '.'], ['DT', 'NN', 'VBD', '.']));
  const corpusOf = (seeds: Example[]) => {
    const b = new CorpusBuilder();
    for (const e of seeds) b.add(e);
    return b.build();
  };
  const outs = (corpus: ReturnType<typeof corpusOf>, params: Record<string, unknown> = {}) =>
    new Set([...Array(20).keys()].map((v) => op.apply(seed, op.params.parse({ p: 1, in_domain_from: 0, ...params }), { rng: rngFor(5, 's', v), corpus })?.tokens[1] ?? '(none)'));

  it('draws a synonym the seeds use twice, not one they use once', () => {
    // One seed object throughout: what the op keeps per seed must follow the corpus and the parameters.
    expect(outs(corpusOf([seed, ...uses(2)]))).toEqual(new Set(['automobile']));
    const once = corpusOf([seed, ...uses(1)]);
    expect(outs(once)).toEqual(new Set(['(none)']));
    expect(outs(once, { in_domain: 1 })).toEqual(new Set(['automobile']));
  });

  it('judges only seeds of enough text: 8 words outside mentions are too few for in_domain_from 10, enough for 8', () => {
    const once = corpusOf([seed, ...uses(1)]);
    expect(outs(once, { in_domain_from: 10 })).toEqual(new Set(['automobile']));
    expect(outs(once, { in_domain_from: 8 })).toEqual(new Set(['(none)']));
  });
});
