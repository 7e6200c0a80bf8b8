import { givenNames } from './given-names.js';

/**
 * The class a general-purpose English tagger gives a name on its own: compromise's lexicon of
 * people, places and organisations (no download; about a second to load, so it is imported on
 * first use, by LLM recipes only).
 */
export type NameClass = 'Person' | 'Place' | 'Organization';
export const NAME_CLASSES: readonly NameClass[] = ['Person', 'Place', 'Organization'];

/** A name's class, or undefined where the tagger gives none (or no clear one). */
export type NameClassOf = (text: string) => NameClass | undefined;

interface Term {
  text: string;
  tags: string[];
}

const PLACE_KINDS = ['City', 'Country', 'Region'];
const COMMON_NOUN = new Set(['Noun', 'Singular', 'Plural', 'Uncountable']);

/**
 * The class every word of a name carries, where the evidence is the lexicon's rather than a
 * guess. None where a word has no class or another one ("Bank of Canada", "Milan Martic");
 * also none for guesses that real data contradicts:
 * - Person needs two words ("Bill Clinton"): compromise takes places named like people for a
 *   lone first name ("Houston", "Sofia", "Virginia");
 * - Place needs a word the lexicon knows as a city, country or region ("Paris"), not a place
 *   guessed from a suffix ("Wakefield", "Geoff Marsh");
 * - Organization and Person need a last word that is not a common noun: facilities
 *   ("University Hospital", "West Bank", "Lorraine Motel") are tagged so for it, places are
 *   tagged Person for a first name before it ("Pearl Harbor", "Franklin Lakes"), and other
 *   types hold both ("Bill Clinton" stays a person).
 */
export function classOfTerms(terms: readonly Term[], isCommonNoun: (word: string) => boolean, isGivenName: (word: string) => boolean = () => false): NameClass | undefined {
  const words = terms.filter((t) => /\p{L}/u.test(t.text));
  if (!words.length) return undefined;
  const c = NAME_CLASSES.find((k) => words.every((t) => t.tags.includes(k)));
  if (!c) return personByGivenName(words, isCommonNoun, isGivenName);
  if (NAME_CLASSES.some((k) => k !== c && words.some((t) => t.tags.includes(k)))) return undefined;
  if (c === 'Person' && words.length < 2) return undefined;
  if (c === 'Place' && !words.some((t) => t.tags.some((g) => PLACE_KINDS.includes(g)))) return undefined;
  if (c !== 'Place' && isCommonNoun(words[words.length - 1].text)) return undefined;
  return c;
}

const NAME_WORD = /^\p{Lu}[\p{L}'’-]*\.?$/u;

/**
 * A person by the shape of the name where compromise has no class for it: a given name it does
 * not know ("Helmut", from given-names.ts) followed by one or two capitalised words, none a
 * place or organisation to compromise, the last no common noun ("Lorraine Motel").
 */
function personByGivenName(words: readonly Term[], isCommonNoun: (word: string) => boolean, isGivenName: (word: string) => boolean): NameClass | undefined {
  if (words.length < 2 || words.length > 3 || !isGivenName(words[0].text)) return undefined;
  if (!words.every((t) => NAME_WORD.test(t.text) && !t.tags.includes('Place') && !t.tags.includes('Organization'))) return undefined;
  return isCommonNoun(words[words.length - 1].text) ? undefined : 'Person';
}

type Nlp = (typeof import('compromise/two'))['default'];
let loading: Promise<[Nlp, ReadonlySet<string>]> | undefined;

/**
 * compromise's class of a name, memoised per text (names repeat across candidates).
 * `isCommonWord` says which given names are also words (WordNet's, given by the pipeline):
 * those alone make no person ("Rocky Flats", "Jet Plane").
 */
export async function nameTagger(isCommonWord: (word: string) => boolean = () => false): Promise<NameClassOf> {
  loading ??= Promise.all([import('compromise/two').then((m) => m.default), givenNames()]);
  const [nlp, given] = await loading;
  const { lexicon } = (nlp.model() as { one: { lexicon: Record<string, string | string[] | undefined> } }).one;
  const isCommonNoun = (w: string) => [lexicon[w.toLowerCase()] ?? []].flat().some((g) => COMMON_NOUN.has(g));
  // Only names compromise's lexicon lacks: where it knows the word, its tags decide.
  const isGivenName = (w: string) => given.has(w.toLowerCase()) && lexicon[w.toLowerCase()] === undefined && !isCommonWord(w);
  const memo = new Map<string, NameClass | undefined>();
  return (text: string) => {
    if (memo.has(text)) return memo.get(text);
    const terms = nlp(text).json().flatMap((s: { terms: Term[] }) => s.terms);
    const c = classOfTerms(terms, isCommonNoun, isGivenName);
    memo.set(text, c);
    return c;
  };
}
