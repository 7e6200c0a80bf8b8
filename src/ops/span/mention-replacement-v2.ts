import { z } from 'zod';
import { CONCEPT_PHRASES } from './mention-concepts.js';
import type { Operation } from '../types.js';
import { replaceMentions, type MentionChoice } from './replace-mentions.js';
import { drawForGroup, drawState, groupRoles, mentionGroups, type DrawState } from './mention-fit.js';

const params = z.strictObject({
  /** Probability that each group of mentions (one name and its repeats) is replaced. */
  p: z.number().min(0).max(1).default(0.5),
  /** Only mentions of these types (default: all). */
  labels: z.array(z.string()).optional(),
  /** A relation argument is replaced only by mentions seen in the same role of the same relation. */
  relation_aware: z.boolean().default(true),
  /** Draw only substitutes seen at least this often with the type: 2 keeps a single gold error
   *  (a person tagged ORG once) from being copied into many sentences. */
  min_count: z.number().int().min(1).default(1),
  /** Draw only substitutes seen beside one of the slot's neighbouring words (the word before
   *  or after it): "the afternoon daily [X]" takes a newspaper, not any organisation. */
  context_fit: z.boolean().default(true),
  /** A name WordNet knows takes a name of the same kind ("Geneva is a city in [Moscow]" is not
   *  made); a name it does not know takes one it does not know. An organisation or place named
   *  by a common noun takes one named by the same noun: a council for "Millbrook Town Council",
   *  a university for "University of Strelsau"; a name ending in a name, one that does too. */
  kind_fit: z.boolean().default(true),
  /** Draw only names seen near a telling word (a content word that few names of the type are
   *  seen near) that the slot's name is seen near: "rebels shelling [Red Hand] positions" takes an
   *  armed group, not a company. A name with no such word near it is not replaced. */
  role_fit: z.boolean().default(true),
  /** A relation the seeds state in two or more sentences is a known fact ("Booth" killed
   *  "Lincoln"), as is the holder of an office ("Gov. Ed Brown"): their names are neither
   *  replaced nor drawn, and an example naming one keeps all its names (a swap would make a
   *  well-known falsehood). A person in a public role written in lower case ("party spokesman
   *  Ed Brown", "Ed Brown , the party 's leader") is not drawn, and the sentence that gives the
   *  role keeps its names, as does a sentence that states a birth. */
  keep_facts: z.boolean().default(true),
  /** The substitute stays in the world of its sentence (mention-world.ts): beside a country or
   *  nationality word (marked or not), a name seen with one of the nations around the slot (a
   *  Ruritanian party's prime minister stays Ruritanian); a country beside names seen only with
   *  it keeps its name (a trade figure in its own currency stays that country's); no country
   *  the sentence already names; a person with the sentence's "she" or "he". */
  same_world: z.boolean().default(true),
  /** An argument of a relation that is a fact of the pair (between places and organisations,
   *  or concepts: mention-concepts.ts `factOfPair`) takes only a substitute the seeds state the
   *  same relation of with the same partner: a university's city, a town's country, or whether a
   *  metric measures a system, the types do not say. A person may live or work anywhere. */
  partner_fit: z.boolean().default(true),
  /** Mentions of concept types (types whose mentions are mostly lower-case phrases, as
   *  SciERC's Method or Task; mention-concepts.ts). What a concept is decides whether the rest
   *  of the sentence is still true of it (a [tagging model] that "converges in two steps", a
   *  [word sense] that "minimises the error"), and no offline rule reads that: `keep` (the
   *  default) leaves them as they are;
   *  `same_head` swaps a phrase only for one with the same head word ("[statistical parser]"
   *  for "[dependency parser]"), a name or acronym for another, and keeps a concept whose words
   *  the example uses elsewhere ("[image matching]: deciding which images ...");
   *  `any` follows the type alone. */
  concept_phrases: z.enum(CONCEPT_PHRASES).default('keep'),
});
type Params = z.infer<typeof params>;

/**
 * Mention replacement, v2: v1 (Dai & Adel 2020, MR) with substitutes that fit their slots.
 * - One name, one substitute: coreferent mentions and mentions of the same surface form one
 *   group, and unlabelled repeats of the name in the text get the same substitute (they name
 *   the same thing; left as they were, the text would name two). A repeat inside a longer
 *   capitalised name ("Washington" in "Washington Post") leaves the whole group as it is.
 * - The substitute has the slot's shape class (date, time, amount with its unit, capitalised
 *   name, lower-case phrase, capitals, nationality word; mention-shape.ts), was seen with the
 *   slot's article ("the [Kabul]" is not made), keeps a sentence-final period where it was,
 *   and a name seen only in capitalised headlines stays out of running text; it was seen
 *   beside one of the slot's neighbouring words (`context_fit`), a lower-case phrase with the
 *   slot's determiner and a head noun of the same WordNet class; no bracket at its edge unless
 *   the slot has one, and no capitalised word of a name the example already has.
 * - The substitute stays in its sentence's world (`same_world`, mention-world.ts): seen with a
 *   country or nationality the sentence names, a nation only where the other names were seen
 *   with it, a person with the sentence's "she" or "he". A nationality word and its country in
 *   one example keep both names (a bound pair, whatever `same_world` says).
 * - An argument of a relation that is a fact of the pair (between places and organisations, or
 *   concepts) takes only a substitute the seeds state that relation of with the same partner
 *   (`partner_fit`, mention-concepts.ts); concepts keep their words by default (`concept_phrases`).
 * - As v1: relation arguments draw from mentions seen in the same role; never a name the
 *   example uses (nor one standing anywhere in its text); the substitute brings its columns.
 */
export const mentionReplacementV2: Operation<Params> = {
  name: 'mention_replacement_v2',
  summary: 'replace names consistently by seed mentions of the same type, shape and role',
  params,
  apply(ex, p, { rng, corpus }) {
    // Made when a group is first drawn (it draws nothing itself): most copies draw none.
    let st: DrawState | null = null;
    const choices: MentionChoice[] = [];
    for (const group of mentionGroups(ex)) {
      if (p.labels && !p.labels.includes(ex.entities[group[0]].type)) continue;
      if (!rng.chance(p.p)) continue;
      st ??= drawState(ex, corpus, rng, { minCount: p.min_count, context: p.context_fit, kind: p.kind_fit, role: p.role_fit, keepFacts: p.keep_facts, world: p.same_world, partner: p.partner_fit, conceptPhrases: p.concept_phrases });
      const got = drawForGroup(ex, group, p.relation_aware ? groupRoles(ex, group) : [], st);
      if (got) choices.push(...got);
    }
    if (choices.length === 0) return null;
    return replaceMentions(ex, choices, corpus);
  },
};
