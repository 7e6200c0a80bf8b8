import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { Rejection } from './consistency.js';
import { languageId, languageMismatch, scriptMismatch } from './language.js';
import { seedProfile, type SeedTokens } from './seed-profile.js';
import { newMentions, TypeGazetteer } from './type-fit.js';
import { unmarkedName } from './unmarked-names.js';
import { WordNetTypes, type ProperClasses } from './wordnet-types.js';
import { NameWords } from './name-words.js';
import { nameTagger, type NameClassOf } from './name-tagger.js';
import { TaggerTypes } from './tagger-types.js';

/** Which of the model-output checks a recipe runs (all by default). */
export interface ModelOutputFilters {
  language: boolean;
  type_fit: boolean;
  unmarked_names: boolean;
}

/**
 * The checks of a model's answer against its seed that need no model: script, language, type
 * fit of new mentions against the seeds' gazetteer, names added without a mark. Null when the
 * recipe turns all of them off. The gazetteer of earlier outputs runs in output order
 * (pipeline/checks.ts, OrderedFilters). `isCommonWord` (WordNet's, given by the pipeline as
 * `classesOf` is) keeps given names that are also words from making persons.
 */
export function modelOutputCheck(f: ModelOutputFilters, seeds: SeedTokens, classesOf?: ProperClasses, loadTagger: (isCommonWord?: (word: string) => boolean) => Promise<NameClassOf> = nameTagger, isCommonWord?: (word: string) => boolean): ((cand: Example, seed: Example) => Promise<Rejection | null>) | null {
  if (!f.language && !f.type_fit && !f.unmarked_names) return null;
  const p = seedProfile(seeds);
  const gazetteer = f.type_fit ? new TypeGazetteer(p.gazetteer) : null;
  const wordnet = f.type_fit && classesOf ? new WordNetTypes(seeds.mentions, classesOf) : null;
  const nameWords = f.type_fit ? new NameWords(seeds.mentions) : null;
  // The name tagger takes a second to load: only when a name the seeds do not know comes.
  let tagger: Promise<TaggerTypes> | undefined;
  const taggerTypes = () => (tagger ??= loadTagger(isCommonWord).then((classOf) => new TaggerTypes(seeds.mentions, classOf)));
  return async (cand, seed) => {
    let why: Rejection | null = null;
    if (f.language) why = scriptMismatch(cand, seed, p) ?? languageMismatch(cand, seed, p, await languageId());
    if (!why && gazetteer) {
      const fresh = newMentions(cand, seed);
      why = gazetteer.conflict(cand, fresh);
      // Names the seeds do not know: their WordNet and name-tagger classes against the
      // classes the type takes.
      const unknown = fresh.filter((i) => !gazetteer.known(entityText(cand, cand.entities[i])));
      const before = replacedMentions(cand, seed);
      if (!why && wordnet) why = wordnet.conflict(cand, unknown, before);
      if (!why && unknown.length) why = (await taggerTypes()).conflict(cand, unknown, before);
      if (!why && nameWords) why = nameWords.conflict(cand, unknown);
    }
    if (!why && f.unmarked_names) why = unmarkedName(cand, seed, p);
    return why;
  };
}

/**
 * For a candidate whose mentions stand where the seed's did (a replacement or a mask fill: as
 * many mentions, of the same types, in order), each mention's index -> the seed mention's text.
 * Undefined for other candidates (rewrites and generated sentences have no such pairs).
 */
export function replacedMentions(cand: Example, seed: Example): Map<number, string> | undefined {
  const a = cand.entities;
  const b = seed.entities;
  if (a.length !== b.length || a.some((e, i) => e.type !== b[i].type)) return undefined;
  return new Map(b.map((e, i) => [i, entityText(seed, e)]));
}
