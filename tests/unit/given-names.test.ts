import { describe, expect, it } from 'vitest';
import { givenNamesOf } from '../../src/filters/given-names.js';
import { classOfTerms, nameTagger } from '../../src/filters/name-tagger.js';
import { isCommonWord } from '../../src/ops/token/wordnet.js';
import { modelOutputCheck } from '../../src/filters/model-output.js';
import { buildCorpus } from '../../src/pipeline/operation-params.js';
import { marked } from '../support/marked.js';

const term = (text: string, ...tags: string[]) => ({ text, tags });
const notCommon = () => false;
const given = (w: string) => ['Zorvek', 'Maelis'].includes(w);

describe('a person by the shape of the name: a given name, then one or two name words', () => {
  it('reads a given name the tagger lacks, followed by a surname, as a person', () => {
    expect(classOfTerms([term('Zorvek', 'Noun'), term('Quarvitz', 'ProperNoun')], notCommon, given)).toBe('Person');
    expect(classOfTerms([term('Maelis', 'Noun'), term('T.'), term('Quarvitz')], notCommon, given)).toBe('Person');
    // Without a given-name list nothing changes.
    expect(classOfTerms([term('Zorvek', 'Noun'), term('Quarvitz', 'ProperNoun')], notCommon)).toBeUndefined();
  });

  it('leaves alone a lone name, a long one, a place or organisation word, a facility, a lower-case word', () => {
    expect(classOfTerms([term('Zorvek')], notCommon, given)).toBeUndefined();
    expect(classOfTerms([term('Zorvek'), term('Quarvitz'), term('Dell'), term('Brant')], notCommon, given)).toBeUndefined();
    expect(classOfTerms([term('Quarvitz'), term('Zorvek')], notCommon, given)).toBeUndefined();
    expect(classOfTerms([term('Zorvek'), term('Springs', 'Place')], notCommon, given)).toBeUndefined();
    expect(classOfTerms([term('Zorvek'), term('Holdings', 'Organization')], notCommon, given)).toBeUndefined();
    expect(classOfTerms([term('Zorvek'), term('Motel')], (w) => w === 'Motel', given)).toBeUndefined();
    expect(classOfTerms([term('Zorvek'), term('motel')], notCommon, given)).toBeUndefined();
  });
});

describe("faker's given names", () => {
  it('takes every locale, every list, lower-cased, single words only', () => {
    const names = givenNamesOf({ xx: { person: { first_name: { generic: ['Zorvek'], male: ['Maelis', 'Anna Lena'] } } }, yy: { person: { first_name: ['Quill'] } }, zz: {} });
    expect([...names].sort()).toEqual(['maelis', 'quill', 'zorvek']);
  });

  it('make a German given name with an unknown surname a person, unless the given name is a word', async () => {
    expect((await nameTagger())('Helmut Quarvitz')).toBe('Person');
    expect((await nameTagger((w) => w === 'Helmut'))('Helmut Quarvitz')).toBeUndefined();
    expect((await nameTagger())('Rocky Quarvitz')).toBe('Person');
    expect((await nameTagger(isCommonWord))('Rocky Quarvitz')).toBeUndefined();
  });
});

describe('the model-output check', () => {
  it("hands the pipeline's common-word test to the name tagger", async () => {
    const seen: unknown[] = [];
    const common = (w: string) => w === 'Zorvek';
    const corpus = buildCorpus([marked('[Maelis Quarvitz]{PEOPLE} met [Zorvek Dell]{PEOPLE} .')]);
    const check = modelOutputCheck({ language: false, type_fit: true, unmarked_names: false }, corpus, undefined, async (w) => (seen.push(w), () => undefined), common)!;
    await check(marked('[Brant Ostler]{PEOPLE} met [Zorvek Dell]{PEOPLE} .'), marked('[Maelis Quarvitz]{PEOPLE} met [Zorvek Dell]{PEOPLE} .'));
    expect(seen).toEqual([common]);
  });
});

describe('faker stays off the offline path', () => {
  it('is imported nowhere in src but dynamically', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('../support/paths.js');
    const files = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const uses = files.flatMap((f) => [...readFileSync(path.join(ROOT, 'src', f), 'utf8').matchAll(/^.*['"]@faker-js\/faker['"].*$/gm)].map((m) => `${f}: ${m[0].trim()}`));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/\bimport\(['"]@faker-js/);
  });
});

describe("WordNet's common words", () => {
  it('knows words written in lower case, not given names', () => {
    expect(isCommonWord('Bay')).toBe(true);
    expect(isCommonWord('rocky')).toBe(true);
    expect(isCommonWord('Helmut')).toBe(false);
    // WordNet knows it, written capitalised only.
    expect(isCommonWord('monday')).toBe(false);
  });
});
