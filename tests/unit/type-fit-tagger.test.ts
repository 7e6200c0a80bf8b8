import { describe, expect, it } from 'vitest';
import { classOfTerms, nameTagger, type NameClass } from '../../src/filters/name-tagger.js';
import { TaggerTypes } from '../../src/filters/tagger-types.js';
import { modelOutputCheck } from '../../src/filters/model-output.js';
import { marked } from '../support/marked.js';
import { buildCorpus } from '../../src/pipeline/operation-params.js';

const term = (text: string, ...tags: string[]) => ({ text, tags });
const notCommon = () => false;

describe("the name tagger's class of a name", () => {
  it('takes the class every word carries, only where the lexicon grounds it', () => {
    expect(classOfTerms([term('Bill', 'Person'), term('Clinton', 'Person')], notCommon)).toBe('Person');
    expect(classOfTerms([term('Paris', 'Place', 'City')], notCommon)).toBe('Place');
    expect(classOfTerms([term('Microsoft', 'Organization')], notCommon)).toBe('Organization');
    // A lone first name, a place guessed from a suffix, a word without class, two classes.
    expect(classOfTerms([term('Houston', 'Person')], notCommon)).toBeUndefined();
    expect(classOfTerms([term('Wakefield', 'Place')], notCommon)).toBeUndefined();
    expect(classOfTerms([term('Milan', 'Place', 'City'), term('Martic')], notCommon)).toBeUndefined();
    expect(classOfTerms([term('Chicago', 'Place', 'City'), term('Bulls', 'Organization')], notCommon)).toBeUndefined();
    // A facility is tagged for its last word, a common noun.
    expect(classOfTerms([term('University', 'Organization'), term('Hospital', 'Organization')], (w) => w === 'Hospital')).toBeUndefined();
    expect(classOfTerms([term('Bill', 'Person'), term('Clinton', 'Person')], (w) => w === 'Bill')).toBe('Person');
  });

  it("reads compromise's lexicon", async () => {
    const classOf = await nameTagger();
    const got = Object.fromEntries(['Paris', 'Germany', 'Microsoft', 'Toyota', 'Bill Clinton', 'Angela Merkel', 'Houston', 'West Bank', 'Reuters'].map((n) => [n, classOf(n) ?? null]));
    expect(got).toEqual({ Paris: 'Place', Germany: 'Place', Microsoft: 'Organization', Toyota: 'Organization', 'Bill Clinton': 'Person', 'Angela Merkel': 'Person', Houston: null, 'West Bank': null, Reuters: null });
  });
});

// A tagger of a fixed lexicon: the rules above are compromise's business, these tests the learning.
const LEXICON: Record<string, NameClass> = {
  'Abraham Lincoln': 'Person', 'Charles Darwin': 'Person', 'Isaac Newton': 'Person', 'Bill Clinton': 'Person', 'Jacques Chirac': 'Person',
  Chicago: 'Place', London: 'Place', Boston: 'Place', Germany: 'Place', Paris: 'Place',
  Ford: 'Organization', Toyota: 'Organization', Nissan: 'Organization', Microsoft: 'Organization',
};
const classOf = (t: string) => LEXICON[t];

const SEEDS = [
  '[Abraham Lincoln]{PEOPLE} spoke in [Chicago]{PLACE} about [Ford]{GROUP} , said [Euro 96]{MISC} .',
  '[Charles Darwin]{PEOPLE} sailed from [London]{PLACE} for [Toyota]{GROUP} in [Chicago]{MISC} .',
  '[Isaac Newton]{PEOPLE} wrote to [Boston]{PLACE} and [Nissan]{GROUP} about [Ford]{MISC} .',
  '[Kirk Doyle]{PEOPLE} lived in [Germany]{PLACE} , said [Boston]{MISC} .',
].map((s, i) => marked(s, `s${i}`));

const C = buildCorpus(SEEDS);

describe("type fit by the name tagger's class, learned from the seeds", () => {
  const types = new TaggerTypes(C.mentions, classOf);
  const one = (s: string) => {
    const ex = marked(s);
    return types.conflict(ex, ex.entities.map((_, i) => i));
  };

  it('rejects a name whose class another type mostly gets and its own type never', () => {
    const r = one('[Paris]{PEOPLE} said so .');
    expect(r?.reason).toBe('type_conflict');
    expect(r?.detail).toMatch(/"Paris" is marked PEOPLE, but the name tagger knows it as a place, which the seeds mark PLACE/);
    expect(one('He went to [Bill Clinton]{PLACE} .')?.reason).toBe('type_conflict');
    expect(one('He went to [Microsoft]{PLACE} .')?.reason).toBe('type_conflict');
    expect(one('He joined [Jacques Chirac]{GROUP} .')?.reason).toBe('type_conflict');
  });

  it('keeps names that fit, names the tagger does not know, and organisations named after places', () => {
    expect(one('[Jacques Chirac]{PEOPLE} said so .')).toBeNull();
    expect(one('[Helmut Kohl]{PEOPLE} went to [Reuters]{PLACE} .')).toBeNull();
    expect(one('[Chicago]{GROUP} beat [Boston]{GROUP} .')).toBeNull();
  });

  it('leaves a type with no clear class to the other checks', () => {
    // MISC's seeds are two places and an organisation: none is a clear class of MISC, so a
    // person is not rejected there, though PEOPLE's seeds are persons and MISC's never.
    expect(one('It was [Jacques Chirac]{MISC} .')).toBeNull();
    expect(one('It was [Paris]{MISC} and [Toyota]{MISC} .')).toBeNull();
  });

  it('rejects nothing for a class no seed shows', () => {
    const people = new TaggerTypes(new Map([['PEOPLE', [['Abraham', 'Lincoln'], ['Charles', 'Darwin'], ['Isaac', 'Newton']]], ['PLACE', [['Kirkhaven'], ['Valdoria'], ['Marlow', 'Bay']]]]), classOf);
    const ex = marked('[Paris]{PEOPLE} said so .');
    expect(people.conflict(ex, [0])).toBeNull();
  });
});

describe('the model-output check loads the name tagger only for names the seeds do not know', () => {
  it('does not load it for known names, and rejects an unknown name of the wrong class', async () => {
    let loads = 0;
    const check = modelOutputCheck({ language: false, type_fit: true, unmarked_names: false }, C, undefined, async () => (loads++, classOf))!;
    const seed = SEEDS[0];
    expect(await check(marked('[Charles Darwin]{PEOPLE} spoke in [London]{PLACE} about [Ford]{GROUP} , said [Euro 96]{MISC} .'), seed)).toBeNull();
    expect(loads).toBe(0);
    const r = await check(marked('[Paris]{PEOPLE} spoke in [Chicago]{PLACE} about [Ford]{GROUP} , said [Euro 96]{MISC} .'), seed);
    expect(r?.reason).toBe('type_conflict');
    expect(await check(marked('[Jacques Chirac]{PEOPLE} spoke in [Chicago]{PLACE} about [Ford]{GROUP} , said [Euro 96]{MISC} .'), seed)).toBeNull();
    expect(loads).toBe(1);
  });
});

describe('compromise stays off the offline path', () => {
  it('is imported nowhere in src but dynamically (it takes about a second to load)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('../support/paths.js');
    const files = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const uses = files.flatMap((f) => [...readFileSync(path.join(ROOT, 'src', f), 'utf8').matchAll(/^.*['"]compromise(\/[a-z]+)?['"].*$/gm)].map((m) => `${f}: ${m[0].trim()}`));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/\bimport\(['"]compromise/);
  });
});
