import { describe, expect, it } from 'vitest';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { languageId, languageMismatch, scriptMismatch } from '../../src/filters/language.js';
import { seedProfile } from '../../src/filters/seed-profile.js';
import { newMentions, TypeGazetteer } from '../../src/filters/type-fit.js';
import { unmarkedName } from '../../src/filters/unmarked-names.js';
import { modelOutputCheck } from '../../src/filters/model-output.js';
import { marked } from '../support/marked.js';
import { validateRecipe } from '../../src/pipeline/recipe.js';
import { OrderedFilters } from '../../src/pipeline/checks.js';
import type { Example } from '../../src/core/model.js';

const SEEDS = [
  '[Maria Lopez]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .',
  'The company said on Monday that [Kenji Watanabe]{PER} will lead the new office in [Paris]{LOC} .',
  'Shares of [Northwind]{ORG} rose 3 percent after the report was published in [Berlin]{LOC} .',
  'Police said the storm closed 3 roads near the coast and the town of [Marlow]{LOC} .',
  'It was the first visit of [Anna Berg]{PER} to the region since the talks began in [May 1996]{MISC} .',
  'Officials in [Oslo]{LOC} said the plan would be ready by the end of the year .',
  'Talks between [Acme Robotics]{ORG} and the union broke down on [June 3]{MISC} .',
].map((s, i) => marked(s, `s${i}`));

function profileOf(seeds: Example[]) {
  const b = new CorpusBuilder();
  for (const s of seeds) b.add(s);
  return seedProfile(b.build());
}
const P = profileOf(SEEDS);

describe('seed profile', () => {
  it('holds the seeds scripts, function words, gazetteer and the kinds of token they mark', () => {
    expect([...P.scripts]).toEqual(['Latin']);
    expect(P.functionWords.has('the')).toBe(true);
    expect(P.gazetteer.get('paris')).toEqual(new Set(['LOC']));
    // Months are inside mentions twice, never outside: marked. Digits: twice in, twice out: not.
    expect(P.markedKinds.has('month')).toBe(true);
    expect(P.markedKinds.has('digit')).toBe(false);
    expect(P.nameWords.has('lopez')).toBe(true);
  });
});

describe('language and script of a rewrite', () => {
  const seed = SEEDS[0];
  it('keeps an English rewrite, rejects one in German or French with the marks intact', async () => {
    const id = await languageId();
    expect(languageMismatch(marked('According to the report , [Maria Lopez]{PER} now works for [Acme Robotics]{ORG} in [Lyon]{LOC} .'), seed, P, id)).toBeNull();
    const de = languageMismatch(marked('Laut einem Bericht vom Montag arbeitet [Maria Lopez]{PER} jetzt für [Acme Robotics]{ORG} in [Lyon]{LOC} .'), seed, P, id);
    expect(de?.reason).toBe('language_mismatch');
    expect(de?.detail).toMatch(/reads as "de"/);
    expect(languageMismatch(marked('Selon le rapport , [Maria Lopez]{PER} travaille pour [Acme Robotics]{ORG} à [Lyon]{LOC} .'), seed, P, id)?.reason).toBe('language_mismatch');
  });

  it('a short rewrite of a headline seed is not judged foreign for want of function words', async () => {
    const id = await languageId();
    const headline = marked('SOCCER - [JAPAN]{LOC} GET LUCKY WIN .');
    expect(languageMismatch(marked('SOCCER : LUCKY WIN FOR [JAPAN]{LOC} .'), headline, P, id)).toBeNull();
  });

  it('rejects a new mention in a script its type never uses, looking at every token', () => {
    const r = scriptMismatch(marked('[Sen. Иван Петров]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .'), SEEDS[0], P);
    expect(r?.reason).toBe('mention_script');
    expect(r?.detail).toMatch(/Cyrillic/);
    // The name outside the mark: the token check finds it.
    expect(scriptMismatch(marked('Sen. Иван Петров met [Maria Lopez]{PER} of [Acme Robotics]{ORG} in [Lyon]{LOC} .'), SEEDS[0], P)?.reason).toBe('foreign_script');
    expect(scriptMismatch(marked('[Maria Lopez]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} today .'), SEEDS[0], P)).toBeNull();
  });

  it('keeps a script the seeds of that type use', () => {
    const p = profileOf([...SEEDS, marked('[Иван Петров]{PER} spoke in [Lyon]{LOC} .', 'cy')]);
    expect(scriptMismatch(marked('[Сергей Лавров]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .'), SEEDS[0], p)).toBeNull();
    // Cyrillic is a PER script there, not a LOC one.
    expect(scriptMismatch(marked('[Maria Lopez]{PER} works for [Acme Robotics]{ORG} , a firm based in [Москва]{LOC} .'), SEEDS[0], p)?.reason).toBe('mention_script');
  });
});

describe('type fit by gazetteer', () => {
  it('finds the new mentions of a candidate', () => {
    expect(newMentions(marked('[Paris]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .'), SEEDS[0])).toEqual([0]);
  });

  it('rejects a city the seeds know as a place in a person slot; keeps unknown and ambiguous names', () => {
    const g = new TypeGazetteer(P.gazetteer);
    const city = marked('[Paris]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .');
    expect(g.conflict(city, newMentions(city, SEEDS[0]))?.reason).toBe('type_conflict');
    expect(g.conflict(marked('[Clara Voss]{PER} works for [Acme Robotics]{ORG} .'))).toBeNull();
    g.add(marked('[Paris]{PER} Hilton arrived .'));
    expect(g.conflict(city)).toBeNull();
  });

  it('earlier outputs teach it: a name first seen as an organisation conflicts later as a place', () => {
    const g = new TypeGazetteer(P.gazetteer);
    g.add(marked('[Halcyon Systems]{ORG} hired staff .'));
    expect(g.conflict(marked('He moved to [Halcyon Systems]{LOC} .'))?.detail).toMatch(/know it only as ORG/);
  });
});

describe('unmarked names', () => {
  const seed = SEEDS[1];
  const check = (s: string) => unmarkedName(marked(s), seed, P);
  it('flags a capitalised name the rewrite adds without a mark', () => {
    expect(check('The company said on Monday , according to Dana Whitfield , that [Kenji Watanabe]{PER} will lead the new office in [Paris]{LOC} .')?.detail).toMatch(/"Dana"|"Whitfield"/);
    // A name word of the seeds, even at a sentence start, is a name.
    expect(check('Lopez said [Kenji Watanabe]{PER} will lead the new office in [Paris]{LOC} .')?.reason).toBe('unmarked_name');
  });

  it('keeps sentence-initial capitals, words of the seed in any case, and the seeds vocabulary', () => {
    expect(check('Reportedly , the company said on Monday that [Kenji Watanabe]{PER} will lead the new office in [Paris]{LOC} .')).toBeNull();
    expect(check('[Kenji Watanabe]{PER} will lead the new office in [Paris]{LOC} , The Company said . Officials agreed .')).toBeNull();
    expect(check('On Monday the company said [Kenji Watanabe]{PER} will lead its new office in [Paris]{LOC} : Police agreed .')).toBeNull();
    expect(check('I think [Kenji Watanabe]{PER} will lead the new office in [Paris]{LOC} .')).toBeNull();
  });

  it('flags a month (the seeds mark months) but not a number (they mostly do not)', () => {
    expect(check('The company said in July that [Kenji Watanabe]{PER} will lead the new office in [Paris]{LOC} .')?.detail).toMatch(/date word "July"/);
    expect(check('The company said that [Kenji Watanabe]{PER} will lead the 12 new offices in [Paris]{LOC} .')).toBeNull();
  });

  it('lets a headline seed be rewritten in capitals', () => {
    const h = marked('SOCCER - [JAPAN]{LOC} GET LUCKY WIN .');
    expect(unmarkedName(marked('SOCCER : LUCKY WIN FOR [JAPAN]{LOC} .'), h, P)).toBeNull();
  });
});

describe('the model-output check as the pipeline runs it', () => {
  const b = new CorpusBuilder();
  for (const s of SEEDS) b.add(s);
  const corpus = b.build();
  it('runs script, language, type fit and unmarked names in turn; each can be turned off', async () => {
    const all = modelOutputCheck({ language: true, type_fit: true, unmarked_names: true }, corpus)!;
    expect((await all(marked('[Paris]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .'), SEEDS[0]))?.reason).toBe('type_conflict');
    const noType = modelOutputCheck({ language: true, type_fit: false, unmarked_names: true }, corpus)!;
    expect(await noType(marked('[Paris]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .'), SEEDS[0])).toBeNull();
    expect(modelOutputCheck({ language: false, type_fit: false, unmarked_names: false }, corpus)).toBeNull();
  });
});

describe('the gazetteer of earlier outputs, in output order', () => {
  const filters = validateRecipe({ operations: [{ op: 'llm_context_rewrite_v1' }] }, 'r.yaml').filters;
  const fromModel = (s: string): Example => ({ ...marked(s), meta: { model: 'm' } });
  it('learns the types of accepted model outputs and rejects a later conflict; leaves offline outputs alone', () => {
    const f = new OrderedFilters(filters);
    for (const s of SEEDS) f.addSeed(s);
    expect(f.check(fromModel('[Halcyon Systems]{ORG} hired [Clara Voss]{PER} .'))).toBeNull();
    expect(f.check(fromModel('[Clara Voss]{PER} moved to [Halcyon Systems]{LOC} .'))?.reason).toBe('type_conflict');
    expect(f.check(fromModel('They flew to [Paris]{PER} .'))?.detail).toMatch(/know it only as LOC/);
    expect(f.check(marked('They flew to [Paris]{PER} again .'))).toBeNull();
  });

  it('type_fit: false turns it off', () => {
    const f = new OrderedFilters(validateRecipe({ operations: [{ op: 'llm_context_rewrite_v1' }], filters: { type_fit: false } }, 'r.yaml').filters);
    for (const s of SEEDS) f.addSeed(s);
    expect(f.check(fromModel('They flew to [Paris]{PER} .'))).toBeNull();
  });
});
