import { sentenceOf, sentenceRanges, type Example } from '../../core/model.js';
import type { Rng } from '../../core/random.js';
import { RecentCache } from '../../core/recent-cache.js';
import { determinerBit, foldFirst, mentionKey, nameKey, pronounBits, publicRole, SEEN, type CorpusStats, type MentionInfo } from '../corpus.js';
import { instanceKinds, nounClass, partsOfSpeech, senses } from '../token/wordnet.js';
import { boundMentions, isFactName, isRoleName, placeFrame, statesBirth, samePlaces, sharesNameWithPartner } from './mention-ties.js';
import { roleWords } from './mention-role.js';
import { fitsGender, fitsNations, isNamedShape, isPersonType, nationKey, nationsAround, nationsTied, repeatsNation, unlabelledCapitals } from './mention-world.js';
import { headTakesType } from './mention-heads.js';
import { echoedElsewhere, isConceptType, partnerNeeds, partnersFit, type ConceptPhrases } from './mention-concepts.js';
import { continuesAfter, isHeadline, recase, shapeClass, startsSentence, takesAn, yearOf } from '../mention-shape.js';
import { candidatePool, rolesOf } from './mention-replacement.js';
import { coreferenceGroups, groupOverlapsOther, type MentionChoice } from './replace-mentions.js';

/**
 * The rules of mention replacement v2 (shared by mention_replacement_v2 and long_tail_v1):
 * which mentions are replaced together, and which substitutes fit their slots.
 */

/** A place a substitute goes: an entity's mention, or an unlabelled repeat of one. */
interface Slot {
  start: number;
  end: number;
  entity?: number;
  tokens: string[];
  shape: string;
  atStart: boolean;
  /** The sentence plainly goes on after the slot (continuesAfter). */
  continues: boolean;
  the: boolean;
  /** The SEEN bit of the determiner before the slot (corpus.ts determinerBit). */
  det: number;
  /** The words before and after the slot, as in `MentionInfo.contexts`. */
  around: string[];
  article?: 'a' | 'an';
  headline: boolean;
  /** The third-person pronouns of the slot's sentence (SEEN.FEM, SEEN.MASC). */
  pronouns: number;
  /** Looked up once per slot, not once per substitute tried (see `Facts`). */
  facts: Facts;
}

// A seed's groups, asked by each of its candidates (examples are never changed in place).
const groupsOf = new RecentCache<Example, readonly number[][]>();

/** Groups replaced together: coreference clusters, joined with mentions of the same surface and
 *  with a one-word short form of a longer name. Shared between callers: not to be changed. */
export function mentionGroups(ex: Example): readonly number[][] {
  let got = groupsOf.get(ex);
  if (!got) groupsOf.set(ex, (got = groupsAnew(ex)));
  return got;
}

function groupsAnew(ex: Example): number[][] {
  const parent = ex.entities.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const join = (a: number, b: number) => void (parent[find(a)] = find(b));
  for (const g of coreferenceGroups(ex)) for (const i of g.slice(1)) join(i, g[0]);
  const bySurface = new Map<string, number>();
  ex.entities.forEach((e, i) => {
    const k = mentionKey(ex.tokens.slice(e.start, e.end));
    const j = bySurface.get(k);
    if (j === undefined) bySurface.set(k, i);
    else join(i, j);
  });
  // "Kennedy" after "Sen. Robert F. Kennedy" (same type): the short form of the name. Data
  // without clusters (CoNLL04) has these; replaced apart, one person would become two.
  ex.entities.forEach((e, i) => {
    if (e.end - e.start !== 1 || !/^\p{Lu}\p{Ll}/u.test(ex.tokens[e.start])) return;
    // Any capitalised word of the longer name: "Ostrow" and "Carla J. Ostrow Jr".
    const j = ex.entities.findIndex((o) => o.type === e.type && o.end - o.start > 1 && ex.tokens.slice(o.start, o.end).includes(ex.tokens[e.start]));
    if (j >= 0) join(i, j);
  });
  const groups = new Map<number, number[]>();
  ex.entities.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()];
}

/** The group of entity `i` among `mentionGroups`. */
export function mentionGroupOf(ex: Example, i: number): number[] {
  return mentionGroups(ex).find((g) => g.includes(i))!;
}

const isCapWord = (t: string) => /^\p{Lu}/u.test(t);

/**
 * Unlabelled repeats of `tokens` (outside every entity and every range already claimed), or
 * null when a repeat is part of a longer capitalised name ("Washington" in "Washington Post"):
 * replacing it would cut that name, leaving it would split the surface in two.
 */
function unlabelledRepeats(ex: Example, tokens: readonly string[], claimed: readonly boolean[], starts: ReadonlySet<number>): Array<[number, number]> | null {
  const n = tokens.length;
  const out: Array<[number, number]> = [];
  const capitalised = isCapWord(tokens[0]);
  for (let s = 0; s + n <= ex.tokens.length; s++) {
    let same = true;
    for (let j = 0; j < n && same; j++) same = ex.tokens[s + j] === tokens[j];
    if (!same) continue;
    if (ex.entities.some((e) => e.start < s + n && s < e.end)) continue;
    if (claimed.slice(s, s + n).some(Boolean)) return null;
    if (capitalised) {
      const before = s > 0 && !starts.has(s) && isCapWord(ex.tokens[s - 1]) && /\p{L}/u.test(ex.tokens[s - 1]);
      const after = s + n < ex.tokens.length && isCapWord(ex.tokens[s + n]) && /\p{L}/u.test(ex.tokens[s + n]);
      if (before || after) return null;
    }
    out.push([s, s + n]);
    s += n - 1;
  }
  return out;
}

/** The form and context of a slot. */
function slotAt(ex: Example, ranges: ReadonlyArray<[number, number]>, headlines: readonly boolean[], start: number, end: number, entity?: number): Slot {
  const k = sentenceOf(ranges, start);
  const [a, b] = ranges[k];
  const atStart = startsSentence(ex.tokens, start, a);
  const prev = start > a ? ex.tokens[start - 1].toLowerCase() : '';
  const tokens = ex.tokens.slice(start, end);
  return {
    start,
    end,
    entity,
    tokens,
    shape: shapeClass(tokens, atStart),
    atStart,
    continues: continuesAfter(ex.tokens, end, b),
    the: prev === 'the',
    det: determinerBit(prev),
    around: [...(start > a ? [`<${prev}`] : []), ...(end < b ? [`>${ex.tokens[end].toLowerCase()}`] : [])],
    article: prev === 'a' || prev === 'an' ? prev : undefined,
    headline: headlines[k],
    pronouns: pronounBits(ex.tokens, a, b),
    facts: new Facts(tokens),
  };
}

/**
 * Whether two mentions end alike: both in a capitalised word, or both in a lower-case head
 * whose most frequent WordNet senses have the same class (lexicographer file; or WordNet knows
 * neither): "derive the [classifier] as the shape" (a person) does not stand for "derive the
 * [posterior shape model]" (cognition). Strict on purpose: "translation" (communication) and
 * "recognition" (state) are both tasks, but classes this fine keep most swaps readable.
 */
function sameHeadClass(slot: Facts, sub: Facts): boolean {
  const [la, lb] = [slot.headLower, sub.headLower];
  // Names end in a name ("Centering Theory"); "a prior [RCL parser]" needs a parser.
  if (!la && !lb) return true;
  return la === lb && slot.headClass === sub.headClass;
}

/** The kinds WordNet gives a name ("municipality", "country", "province", "person", ...). */
const kindsOf = (toks: readonly string[]) => instanceKinds(toks.join(' ').replace(/\.$/, ''));

/**
 * Whether two names can be the same kind of thing: a city stays a city, a country a country
 * ("[Geneva] is a city in [Moscow]" is not made). A name WordNet knows takes a name it knows
 * as a kind of the same (one shared kind is enough: "Washington" is a city, a state and a
 * person); a name it does not know ("Boothbay", "Ariz.") takes one it does not know either, so
 * a small town is not traded for a country, nor a private person for a president.
 */
function sameKind(slot: Facts, sub: Facts): boolean {
  const a = slot.kinds;
  const b = sub.kinds;
  if (a.length === 0 || b.length === 0) return a.length === b.length;
  return b.some((k) => a.includes(k));
}

const PLACE_KINDS = new Set(['municipality', 'country', 'province', 'island', 'river', 'lake', 'sea', 'continent', 'mountain']);

/** A name WordNet knows as a particular person and as no place ("Lincoln" the president is
 *  also a state capital, so it is not one; "John Lennon", "Arafat", "Booth" are). */
function isFamousPerson(toks: readonly string[]): boolean {
  if (!/^\p{Lu}/u.test(toks[0])) return false;
  const famous = (t: readonly string[]) => {
    const kinds = kindsOf(t);
    return kinds.includes('person') && !kinds.some((k) => PLACE_KINDS.has(k));
  };
  if (famous(toks)) return true;
  // "President Mikhail S. Gorbachev" is WordNet's "Mikhail Gorbachev": titles and initials off.
  const bare = toks.filter((t, k) => !/^\p{Lu}\.$/u.test(t) && !(k < toks.length - 1 && TITLES.has(t)));
  return bare.length > 1 && bare.length < toks.length && famous(bare);
}

/** Words that stand before a person's name and are no part of it. */
const TITLES = new Set(['President', 'Vice', 'Prime', 'Minister', 'Sen.', 'Senator', 'Rep.', 'Gov.', 'Governor', 'Gen.', 'General', 'Dr.', 'Mr.', 'Mrs.', 'Ms.', 'Sir', 'Lord', 'Pope', 'King', 'Queen', 'Prince', 'Chancellor', 'Chairman', 'Secretary', 'Judge', 'Justice', 'Rev.', 'Col.', 'Lt.', 'Capt.', 'Sgt.', 'Adm.']);

/** Whether the seeds mark the mention with `type` at least as often as with any other. */
function isMajorityType(info: MentionInfo, type: string): boolean {
  if (info.counts.size < 2) return true;
  const own = info.counts.get(type) ?? 0;
  for (const n of info.counts.values()) if (n > own) return false;
  return true;
}

const isPunctToken = (t: string) => /^[\p{P}\p{S}]+$/u.test(t);
const edgePunct = (toks: readonly string[]) => `${isPunctToken(toks[0]) ? toks[0] : ''}|${toks.length > 1 && isPunctToken(toks[toks.length - 1]) ? toks[toks.length - 1] : ''}`;

/**
 * What `fits` reads of one mention's tokens, each worked out on first use and kept: a draw
 * that finds no fit in a few random tries looks at every mention of its pool (thousands), and
 * the WordNet lookups behind these were most of a mention-replacement run. WordNet is still
 * read only when a rule asks.
 */
class Facts {
  private _kinds?: string[];
  private _famous?: boolean;
  private _headClass?: number;
  private _edge?: string;
  private _headWord?: string;
  private _commonHead?: string | null;
  constructor(readonly tokens: readonly string[]) {}
  get kinds(): string[] {
    return (this._kinds ??= kindsOf(this.tokens));
  }
  get famous(): boolean {
    return (this._famous ??= isFamousPerson(this.tokens));
  }
  get edge(): string {
    return (this._edge ??= edgePunct(this.tokens));
  }
  get head(): string {
    return this.tokens[this.tokens.length - 1];
  }
  get headLower(): boolean {
    return /^\p{Ll}/u.test(this.head);
  }
  get headClass(): number {
    return (this._headClass ??= nounClass(this.head));
  }
  /** The last word of a name of several words as a common noun ("council" of "Millbrook Town
   *  Council", "bluff" of "Cedar Bluffs"), or the one before "of" ("university" of "University
   *  of Strelsau"), or null (a name ending in a name, "Acme Strelsau"; a one-word name, which
   *  WordNet may know as a word too: "Turkey", "Marseille"). */
  get commonHead(): string | null {
    if (this._commonHead === undefined) {
      // "University of Strelsau", "State University of Strelsau": the noun before "of" is the kind.
      const of = this.tokens.indexOf('of');
      this._commonHead = this.tokens.length < 2 ? null : of > 0 ? ofHead(this.tokens, of) : commonNoun(this.head);
    }
    return this._commonHead;
  }
  /** The head lower-cased ("a [parser] is" takes a parser, not "parsers"). */
  get headWord(): string {
    return (this._headWord ??= this.head.toLowerCase());
  }
}

/** The kind of a name with "of" in it: the noun before "of" ("University of Strelsau"), unless
 *  the name goes on after a name with a noun of its own ("University of Strelsau Press": a
 *  press; "Department of Public Works" and "Ministry of Foreign Affairs" keep theirs). */
function ofHead(tokens: readonly string[], of: number): string | null {
  const n = tokens.length;
  const last = n - 1 > of + 1 ? commonNoun(tokens[n - 1]) : null;
  // The word before it must be a name: no common noun, nor any other part of speech to WordNet
  // ("Strelsau", "Utah"; not "Foreign" of "Ministry of Foreign Affairs", nor "Public" of
  // "Department of Public Works").
  const before = tokens[n - 2];
  if (last !== null && /^\p{Lu}/u.test(before) && commonNoun(before) === null && partsOfSpeech(before.toLowerCase()).every((pos) => pos === 'noun')) return last;
  return commonNoun(tokens[of - 1]);
}

/** A capitalised word as the common noun WordNet writes in lower case ("Council" -> "council",
 *  "Associations" -> "association"), or null (a name: "Conoco", "Reuters"). */
function commonNoun(word: string): string | null {
  if (!/^\p{Lu}\p{Ll}/u.test(word)) return null;
  const w = word.toLowerCase();
  for (const form of [w, w.replace(/s$/, '')]) if (senses(form, 'noun').some((s) => !s.instance && s.words.includes(form))) return form;
  return null;
}

/** What `ok` reads of the example itself: made once per example (`Layout`), not per substitute tried. */
interface ExampleFacts {
  /** The example's tokens, `fold`ed (for `inText`). */
  folded: string[];
}
function exampleFacts(ex: Example): ExampleFacts {
  return { folded: ex.tokens.map(foldFirst) };
}

/** Every token of the example's mentions outside `group` (for `sharesNameWord`): the names
 *  a substitute stands beside. Its own old name goes, so sharing a word with it ("Elm Valley
 *  Council" for "Millbrook Town Council") makes no second name. */
function otherNameTokens(ex: Example, group: readonly number[]): Set<string> {
  const out = new Set<string>();
  ex.entities.forEach((e, i) => {
    if (!group.includes(i)) for (let k = e.start; k < e.end; k++) out.add(ex.tokens[k]);
  });
  return out;
}

/** Whether a capitalised word of `sub` is part of another name the example has ("Oswald"
 *  beside "Lee Harvey Oswald" would make one person two, or the victim the killer). */
function sharesNameWord(others: ReadonlySet<string>, sub: readonly string[]): boolean {
  return sub.some((t) => others.has(t) && /^\p{Lu}\p{L}{2,}/u.test(t));
}

const endsWithDot = (toks: readonly string[]) => toks[toks.length - 1].length > 1 && toks[toks.length - 1].endsWith('.');
/** A name with a sentence's period glued on ("Brennan."), not an abbreviation ("Calif."):
 *  the seeds know it without the period too. */
function gluedPeriod(toks: readonly string[], corpus: CorpusStats): boolean {
  const last = toks[toks.length - 1];
  if (!/^\p{Lu}\p{Ll}+\.$/u.test(last)) return false;
  return corpus.mentionInfo.has(mentionKey([...toks.slice(0, -1), last.slice(0, -1)]));
}

/** The substitute's tokens as they go into `slot` (a lower-case phrase takes the slot's case; a name in a capitalised headline, capitals). */
function placed(sub: readonly string[], shape: string, slot: Slot): string[] {
  // Capitalised only where the slot's own first word is: seeds written in lower case stay so.
  if (shape.startsWith('lower')) return recase(sub, slot.atStart && /^\p{Lu}/u.test(slot.tokens[0]));
  // A name in a capitalised headline is written in capitals: "GREEK FARMERS MEET" takes
  // "ITALIAN", not "Italian".
  if (slot.headline && slot.tokens.every((t) => !/\p{Ll}/u.test(t))) return sub.map((t) => t.toUpperCase());
  return [...sub];
}

/** A substitute seen beside one of the slot's neighbours: "afternoon daily [X]" takes a name
 *  seen after "daily" or before the slot's next word, not any organisation. */
const besideFits = (info: MentionInfo, slot: Slot) => slot.around.length === 0 || slot.around.some((c) => info.contexts.has(c));

/** Whether substitute `sub` of the slot's shape (with what the corpus knows of it) fits `slot`,
 *  `besideFits` aside. */
function fits(subFacts: Facts, info: MentionInfo, glued: boolean, shape: string, slot: Slot, kind: boolean): boolean {
  const sub = subFacts.tokens;
  const seen = info.seen;
  // A bracket or quote at a substitute's edge ("( Zapatist ...") only where the slot has one.
  if (subFacts.edge !== slot.facts.edge) return false;
  // A year stays in its era: "In [1988] , he directed ..." a play of the 1940s is not moved to
  // 1938, nor a country's first election to before the country was.
  if (/^(?:year|date)/.test(shape) && !sameEra(sub, slot.tokens)) return false;
  // A name with a comma inside ("Fort Worth , Texas": a town and its state) only where the slot
  // has one: "a native of [Ogdenville] , east of Springfield" reads badly with a second comma phrase.
  if (sub.includes(',') !== slot.tokens.includes(',')) return false;
  // A period that may be a sentence's own, glued to a name ("North."), is not moved into a
  // running sentence; a slot's such period stays.
  // Nor before the sentence's own period token ("[Ada Brennan.] ."): only a slot that
  // ends in such a period itself takes one. A name the seeds also know without the period
  // (`glued`) ends a sentence even where the seeds ran it into lower-case words ("in
  // Brennan. and ..."), seen mid-sentence.
  if (endsWithDot(sub) && (glued || !(seen & SEEN.MID)) && (slot.continues || !endsWithDot(slot.tokens))) return false;
  if (!slot.continues && endsWithDot(slot.tokens) && !sub[sub.length - 1].endsWith('.')) return false;
  // "the [Kabul]": a substitute seen after "the" where the slot has one, and without it where not.
  if (!shape.startsWith('demonym') && !(seen & (slot.the ? SEEN.THE : SEEN.BARE))) return false;
  // A common-noun phrase also keeps its determiner: "implement [a dynamical model]" needs the
  // "a" the bare slot of "implement [real-time VC]" lacks.
  if (shape.startsWith('lower') && !(seen & slot.det)) return false;
  if (!sameHeadClass(slot.facts, subFacts)) return false;
  if (kind && !shape.startsWith('lower') && !sameKind(slot.facts, subFacts)) return false;
  // A name seen only in capitalised headlines ("JAPAN") does not go into running text.
  if (!slot.headline && !(seen & SEEN.BODY)) return false;
  if (slot.article) {
    if (takesAn(placed(sub, shape, slot)) !== (slot.article === 'an')) return false;
  }
  return true;
}

/** How many years a year may move: within a few years, what a sentence says of it stays of its time. */
const ERA = 5;
/** Whether two mentions' years (where both have one) lie within `ERA` years of each other. */
function sameEra(sub: readonly string[], slot: readonly string[]): boolean {
  const a = yearOf(slot);
  if (a === null) return true;
  const b = yearOf(sub);
  return b === null || Math.abs(a - b) <= ERA;
}

/** Which of the fit rules a draw applies (each op's parameters say). */
export interface DrawRules {
  /** Draw only substitutes seen at least this often with the slot's type. */
  minCount: number;
  /** Draw only substitutes seen beside one of the slot's neighbouring words. */
  context: boolean;
  /** Draw only names of the slot's kind (WordNet instances: a city for a city). */
  kind: boolean;
  /** Draw only names seen near a telling word seen near the slot's name (`roleWords`). */
  role: boolean;
  /** Names of facts the seeds repeat (`CorpusStats.factNames`) are neither replaced nor drawn;
   *  names seen in a public role (`roleNames`) are not drawn. */
  keepFacts: boolean;
  /** Draw a name only where it shares the replaced name's world (mention-world.ts). */
  world: boolean;
  /** An argument of a relation that is a fact of the pair (between places and organisations,
   *  or concepts) takes only a substitute the seeds state it of with the same partner
   *  (mention-concepts.ts). */
  partner: boolean;
  /** Mentions of concept types (mention-concepts.ts `isConceptType`): `keep` them; with
   *  `same_head`, a phrase ending in a lower-case word takes only one with the same head word,
   *  and a concept whose words the example uses elsewhere keeps them; `any`: the type decides. */
  conceptPhrases: ConceptPhrases;
}

export const ALL_RULES: DrawRules = { minCount: 1, context: true, kind: true, role: true, keepFacts: true, world: true, partner: true, conceptPhrases: 'keep' };

export interface DrawState extends DrawRules {
  corpus: CorpusStats;
  rng: Rng;
  /** Names the example uses or an earlier replacement took (by `takenKey`). */
  taken: Set<string>;
  /** Tokens an earlier group's unlabelled repeats will replace. */
  claimed: boolean[];
  /** The example names a famous person (`isFamousPerson`), so nothing in it is replaced. */
  anchored: boolean;
  /** Entities bound to a neighbour (`boundMentions`): not replaced. */
  bound: Set<number>;
  /** Entities an earlier group's substitute replaced. */
  replaced: Set<number>;
}

/**
 * What the rules read of an example whatever is drawn, each part made on first use: a seed's
 * variants (and long-tail swaps) ask again. Kept by object, as examples are never changed in
 * place, and per corpus (role words read it).
 */
interface Layout {
  corpus: CorpusStats;
  ranges: Array<[number, number]>;
  headlines: boolean[];
  starts: Set<number>;
  exf: ExampleFacts;
  bound: Set<number>;
  /** `isFamousPerson` of each entity. */
  famous: Array<boolean | undefined>;
  /** The slot of each entity. */
  slots: Array<Slot | undefined>;
  /** The `takenKey` of each entity (`DrawState.taken` starts with them). */
  names?: string[];
  /** `DrawState.anchored`, by the kind and keep-facts flags. */
  anchors?: Map<string, boolean>;
  /** Per sentence: it states a birth or gives someone a public role (`inFactSentence`). */
  factSentences?: boolean[];
  /** Per group (its members joined): `placeFrame`, `roleWords`, `nationsAround`, `nationsTied`, the other names' tokens. */
  groups: Map<string, { places?: Array<[string, string]>; telling?: Set<string>; nations?: Set<string> | null; tied?: Set<string> | null; others?: Set<string> }>;
}
// The last few examples only: a seed's candidates are made one after another.
const layouts = new RecentCache<Example, Layout>();

function layoutOf(ex: Example, corpus: CorpusStats): Layout {
  let l = layouts.get(ex);
  if (!l || l.corpus !== corpus) {
    const ranges = sentenceRanges(ex);
    const headlines = ranges.map(([a, b]) => isHeadline(ex.tokens.slice(a, b)));
    const starts = new Set(ranges.map(([a]) => a));
    layouts.set(ex, (l = { corpus, ranges, headlines, starts, exf: exampleFacts(ex), bound: boundMentions(ex), famous: [], slots: [], groups: new Map() }));
  }
  return l;
}

/**
 * Whether a member of the group stands in a sentence that states a birth ("In 1805 , Ada Brennan
 * was born in Springfield") or gives someone a public role ("party spokesman Ed Brown"): such a
 * sentence is a fact about a real person, and every name in it keeps its name (a document's
 * other sentences are not held by it).
 */
function inFactSentence(ex: Example, l: Layout, group: readonly number[]): boolean {
  const facts = factSentencesOf(ex, l);
  return group.some((i) => facts[sentenceOf(l.ranges, ex.entities[i].start)]);
}

/** Per sentence of the example: it states a birth, or one of its mentions holds a public role. */
function factSentencesOf(ex: Example, l: Layout): boolean[] {
  return (l.factSentences ??= l.ranges.map(([a, b]) => statesBirth(ex.tokens.slice(a, b)) || ex.entities.some((e) => e.start >= a && e.start < b && publicRole(ex.tokens, e.start, e.end) !== null)));
}

function famousAt(ex: Example, l: Layout, i: number): boolean {
  return (l.famous[i] ??= isFamousPerson(ex.tokens.slice(ex.entities[i].start, ex.entities[i].end)));
}

function groupFacts(l: Layout, group: readonly number[]) {
  const key = group.join(' ');
  let g = l.groups.get(key);
  if (!g) l.groups.set(key, (g = {}));
  return g;
}

/** A name whatever its case: "GREEK" in a headline is the "Greek" of running text, and one may
 *  not replace the other. */
const takenKey = (toks: readonly string[]): string => mentionKey(toks).toLowerCase();

/** A fresh draw state for `ex`. */
export function drawState(ex: Example, corpus: CorpusStats, rng: Rng, rules: DrawRules = ALL_RULES): DrawState {
  const { kind, keepFacts } = rules;
  const l = layoutOf(ex, corpus);
  const taken = new Set((l.names ??= ex.entities.map((e) => takenKey(ex.tokens.slice(e.start, e.end)))));
  // A famous person ties the names around them to facts: "[X] 's President Saddam Hussein"
  // would make him the president of any country drawn for X. Such an example keeps all its names.
  // So does a name the data states a fact about again and again ("Sirhan Sirhan" killed
  // "Kennedy" in several sentences): swapped, it makes a well-known falsehood. (A sentence that
  // gives a person a public role, or states a birth, keeps its own names: `inFactSentence`.)
  const anchors = (l.anchors ??= new Map());
  const flags = `${kind} ${keepFacts}`;
  let anchored = anchors.get(flags);
  if (anchored === undefined) {
    anchored = ex.entities.some((e, i) => (kind && famousAt(ex, l, i)) || (keepFacts && isFactName(ex.tokens.slice(e.start, e.end), corpus)));
    anchors.set(flags, anchored);
  }
  // Each field by name, not `...rules`: the spread made every state an object of its own shape,
  // slow to make and slow to read in `drawForGroup`'s per-candidate test.
  const { minCount, context, role, world, partner, conceptPhrases } = rules;
  const claimed = new Array<boolean>(ex.tokens.length).fill(false);
  return { minCount, context, kind, role, keepFacts, world, partner, conceptPhrases, corpus, rng, taken, claimed, anchored, bound: l.bound, replaced: new Set() };
}


/** True when `sub` already stands somewhere in the text (then it would name two things). */
function inText(ex: Example, exf: ExampleFacts, sub: readonly string[]): boolean {
  const first = foldFirst(sub[0]);
  for (let s = 0; s + sub.length <= ex.tokens.length; s++) {
    if (exf.folded[s] === first && sub.every((t, j) => j === 0 || ex.tokens[s + j] === t)) return true;
  }
  return false;
}

/**
 * The `within` of `drawFitting` for a slot: the positions (in pool order) seen beside the slot's
 * neighbours (`around`, with the context rule) and near a telling word (with the role rule).
 * Every mention `ok` passes is among them; undefined when neither rule applies.
 */
function narrowed(facts: PoolFacts, around: readonly string[] | undefined, telling: ReadonlySet<string> | null): (() => readonly number[]) | undefined {
  if (!around && !telling) return undefined;
  return () => {
    const beside = around ? seenBeside(facts, around) : null;
    if (!telling) return beside!;
    const near = seenNear(facts, telling);
    try {
      if (beside) return beside.filter((k) => near[k]);
      const out: number[] = [];
      for (let k = 0; k < facts.info.length; k++) if (near[k]) out.push(k);
      return out;
    } finally {
      near.fill(0, 0, facts.info.length);
    }
  };
}

const shaped = new WeakMap<string[][], Map<string, string[][]>>();

/** The mentions of `pool` with shape class `shape` (cached per pool). */
function ofShape(pool: string[][], shape: string, corpus: CorpusStats): string[][] {
  let m = shaped.get(pool);
  if (!m) {
    // Every shape's list in one pass over the pool (a pool holds thousands; its names, a dozen shapes).
    m = new Map();
    for (const t of pool) {
      const s = corpus.mentionInfo.get(mentionKey(t))?.shape;
      if (s === undefined) continue;
      let list = m.get(s);
      if (!list) m.set(s, (list = []));
      list.push(t);
    }
    shaped.set(pool, m);
  }
  let got = m.get(shape);
  if (!got) m.set(shape, (got = []));
  return got;
}

/**
 * A uniform draw among the mentions of `pool` that pass `ok`: a few tries at random first (a
 * pool of names holds thousands, most of which fit), then the whole pool. Rejection keeps the
 * draw uniform over the ones that fit. `within`, when given, lists (in pool order) positions
 * that include every one `ok` passes: the same options, found without looking at them all;
 * `okWithin`, when given, is `ok` for the positions `within` lists (skipping what made the list).
 */
export function drawFitting(pool: string[][], ok: (k: number) => boolean, rng: Rng, within?: () => readonly number[], okWithin: (k: number) => boolean = ok): string[] | null {
  if (pool.length === 0) return null;
  // After a miss, later tries look only at the positions `within` lists (most draws miss).
  let listed: readonly number[] | undefined;
  let maybe: Uint8Array | undefined;
  try {
    for (let t = 0; t < 24; t++) {
      const k = rng.int(pool.length);
      if (maybe && !maybe[k]) continue;
      if ((maybe ? okWithin : ok)(k)) return pool[k];
      if (within && !listed) {
        listed = within();
        maybe = marks(LISTED, pool.length);
        for (const j of listed) maybe[j] = 1;
      }
    }
  } finally {
    if (maybe) for (const j of listed!) maybe[j] = 0;
  }
  const options = listed ? listed.filter(okWithin).map((k) => pool[k]) : pool.filter((_, k) => ok(k));
  return options.length ? rng.pick(options) : null;
}

/**
 * Marks over a pool's positions, all 0 between uses, one array per use (`LISTED`: a draw's
 * listed positions; `NEAR`: `seenNear`), grown as pools need. A typed array of a pool's size
 * lives outside the heap, and allocating one per draw cost more than the marks themselves.
 */
const scratch: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];
const LISTED = 0;
const NEAR = 1;
function marks(use: number, n: number): Uint8Array {
  if (scratch[use].length < n) scratch[use] = new Uint8Array(Math.max(n, 2 * scratch[use].length));
  return scratch[use];
}

/** Positions in the pool of each word, from one set per mention (`contexts`, `window`), in pool order. */
function positionsBy(sets: ReadonlyArray<ReadonlySet<string>>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (let k = 0; k < sets.length; k++) {
    for (const c of sets[k]) {
      let at = index.get(c);
      if (!at) index.set(c, (at = []));
      at.push(k);
    }
  }
  return index;
}

/** Positions in `pool` of the mentions seen beside any of `around` (a slot's neighbours), in
 *  pool order: with the context rule on, no other mention fits that slot. */
function seenBeside(facts: PoolFacts, around: readonly string[]): number[] {
  const index = (facts.byContext ??= positionsBy(facts.info.map((i) => i.contexts)));
  if (around.length === 1) return index.get(around[0]) ?? [];
  // Slots with the same neighbours come back often (", [X] said"): the union is kept.
  const key = around.join('\u0000');
  let got = facts.beside.get(key);
  if (!got) facts.beside.set(key, (got = around.map((c) => index.get(c) ?? []).reduce(unionSorted, [])));
  return got;
}

/** The union of two ascending lists without repeats, ascending (a merge: lists run to thousands). */
export function unionSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out.push(a[i++]);
    else if (b[j] < a[i]) out.push(b[j++]);
    else (out.push(a[i++]), j++);
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** Which positions of the pool were seen near one of `telling` (1) or not (0): no other
 *  mention passes the role rule. Marks in the `NEAR` array, which the caller clears. */
function seenNear(facts: PoolFacts, telling: ReadonlySet<string>): Uint8Array {
  const index = (facts.byWindow ??= positionsBy(facts.info.map((i) => i.window)));
  const near = marks(NEAR, facts.info.length);
  for (const w of telling) for (const k of index.get(w) ?? []) near[k] = 1;
  return near;
}

/** What `ok` reads of each mention of a pool, by position: made once per pool, not per look. */
interface PoolFacts {
  info: MentionInfo[];
  /** `mentionKey` of each. */
  key: string[];
  /** `takenKey` of each. */
  taken: string[];
  name: string[];
  facts: Facts[];
  /** The mention's tokens joined by spaces (as `partRelation` takes a name). */
  text: string[];
  /** `isFactName` or `isRoleName` of each: not drawn. */
  fact: boolean[];
  /** `gluedPeriod` of each. */
  glued: boolean[];
  /** `nationKey` of each, made on first use (a nation slot's tie: one of `nationsTied`). */
  nation?: string[];
  /** Positions by context word and by window word, made on first use (`seenBeside`, `seenNear`). */
  byContext?: Map<string, number[]>;
  byWindow?: Map<string, number[]>;
  beside: Map<string, number[]>;
  /** `drawable` by type, min count and keep-facts flag. */
  drawable: Map<string, Uint8Array>;
}

/** Which mentions of the pool a draw for `type` may take whatever the slot (1) or not (0): seen
 *  often enough with the type, mostly with it, no fact's or public role's name (with keepFacts). */
function drawableOf(facts: PoolFacts, type: string, minCount: number, keepFacts: boolean): Uint8Array {
  const key = `${type}\u0000${minCount}\u0000${keepFacts}`;
  let got = facts.drawable.get(key);
  if (!got) {
    got = new Uint8Array(facts.info.length);
    for (let k = 0; k < got.length; k++) {
      const info = facts.info[k];
      // A name the seeds mark with another type more often ("method": Generic 26 times, Method
      // once) is a likely annotation slip under this one: not drawn for it.
      got[k] = (info.counts.get(type) ?? 0) >= minCount && isMajorityType(info, type) && !(keepFacts && facts.fact[k]) ? 1 : 0;
    }
    facts.drawable.set(key, got);
  }
  return got;
}
const poolFacts = new WeakMap<string[][], PoolFacts>();
function factsOf(pool: string[][], corpus: CorpusStats): PoolFacts {
  let f = poolFacts.get(pool);
  if (!f) {
    const info = pool.map((t) => corpus.mentionInfo.get(mentionKey(t))!);
    const text = pool.map((t) => t.join(' '));
    poolFacts.set(pool, (f = { info, key: pool.map(mentionKey), name: pool.map(nameKey), taken: pool.map(takenKey), facts: pool.map((t) => new Facts(t)), text, fact: pool.map((t) => isFactName(t, corpus) || isRoleName(t, corpus)), glued: pool.map((t) => gluedPeriod(t, corpus)), beside: new Map(), drawable: new Map() }));
  }
  return f;
}

/** Whether two sets share a member (looking up the smaller one's in the larger). */
function meets(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) return true;
  return false;
}

/**
 * What a substitute must share with the name it replaces, beyond its form; null when the group
 * keeps its name. `needs`: the relations the seeds must state of it with the same partner
 * (`partner_fit`). `headWord`: a concept phrase's head (`concept_phrases: same_head`; a
 * parser for a parser, not a "loss function" for a "word sense"). `kindOfName`: an
 * organisation or place keeps its kind, a name ending in a common noun ("Millbrook Town
 * Council", "Harbour Patrol") taking only one ending in the same noun and one ending in a name
 * ("IBM") one that does too: "a member of the [Ruritanian National Bank]" for a town council,
 * or "the [Elbonian Pilots Union] pulled three sailors from the sea", is not made.
 */
function whatItNames(ex: Example, group: readonly number[], type: string, slot: Slot, st: DrawState) {
  const concept = st.conceptPhrases !== 'any' && isConceptType(type, st.corpus);
  if (concept && (st.conceptPhrases === 'keep' || echoedElsewhere(ex, group))) return null;
  const needs = st.partner ? partnerNeeds(ex, group, st.corpus, st.replaced) : [];
  if (!needs) return null;
  // A one-word concept ("approach", "task") has no head to keep it to.
  const headWord = concept && slot.facts.headLower ? slot.facts.headWord : null;
  if (headWord !== null && slot.tokens.length < 2) return null;
  const kindOfName = st.kind && !concept && isNamedShape(slot.shape) && !isPersonType(type) ? { head: slot.facts.commonHead } : null;
  return { needs, headWord, kindOfName };
}

/**
 * Draw one substitute for a group of mentions (same type, replaced together) and say where it
 * goes: every member, and every unlabelled repeat of a member's surface. Null when the group
 * cannot be replaced consistently or nothing fits; the draw state then stays as it was.
 */
export function drawForGroup(ex: Example, group: readonly number[], roles: string[], st: DrawState): MentionChoice[] | null {
  const type = ex.entities[group[0]].type;
  if (group.some((i) => ex.entities[i].type !== type) || groupOverlapsOther(ex, group)) return null;
  if (sharesNameWithPartner(ex, group)) return null;
  // A person WordNet knows by name (Lincoln, Kennedy, Lennon) carries facts: swapped, "Booth
  // shot John Lennon" is a false sentence a reader notices. Such names are neither drawn nor
  // replaced, and nothing else in their example is (`DrawState.anchored`).
  if (st.anchored || group.some((i) => st.bound.has(i))) return null;
  const l = layoutOf(ex, st.corpus);
  if (st.keepFacts && inFactSentence(ex, l, group)) return null;
  const { ranges, headlines, starts } = l;
  const slots = group.map((i) => (l.slots[i] ??= slotAt(ex, ranges, headlines, ex.entities[i].start, ex.entities[i].end, i)));
  const surfaces = new Map(group.map((i) => [mentionKey(ex.tokens.slice(ex.entities[i].start, ex.entities[i].end)), ex.tokens.slice(ex.entities[i].start, ex.entities[i].end)]));
  const shape = slots[0].shape;
  for (const toks of surfaces.values()) {
    const reps = unlabelledRepeats(ex, toks, st.claimed, starts);
    // An unlabelled repeat of a lower-case phrase is as likely another use of the words (the
    // verb "paraphrasing" beside the method "paraphrasing"): the group is left as it is.
    if (!reps || (reps.length > 0 && shape.startsWith('lower'))) return null;
    // An unlabelled repeat in a birth or role sentence holds the group as a member there does.
    if (st.keepFacts && reps.some(([s]) => factSentencesOf(ex, l)[sentenceOf(ranges, s)])) return null;
    for (const [s, e] of reps) slots.push(slotAt(ex, ranges, headlines, s, e));
  }
  // Pronouns are not names to swap; a group whose members differ in form has no one substitute.
  if (shape.startsWith('pronoun') || slots.some((s) => s.shape !== shape)) return null;
  const what = whatItNames(ex, group, type, slots[0], st);
  if (!what) return null;
  const { needs, headWord, kindOfName } = what;
  const g = groupFacts(l, group);
  const places = st.kind && !shape.startsWith('lower') ? (g.places ??= placeFrame(ex, group)) : [];
  const pool = ofShape(candidatePool(st.corpus, type, roles), shape, st.corpus);
  const facts = factsOf(pool, st.corpus);
  const telling = st.role ? (g.telling ??= roleWords(ex, group, type, st.corpus, ranges)) : null;
  if (telling && telling.size === 0) return null;
  const exf = l.exf;
  const others = (g.others ??= otherNameTokens(ex, group));
  const lowerShape = /^(?:lower|name-phrase)/.test(shape);
  const nations = st.world && isNamedShape(shape) ? (g.nations === undefined ? (g.nations = nationsAround(ex, group, st.corpus)) : g.nations) : null;
  const tied = st.world ? (g.tied === undefined ? (g.tied = nationsTied(ex, group, st.corpus)) : g.tied) : null;
  const personal = st.world && isPersonType(type);
  const capitals = st.world ? unlabelledCapitals(ex) : [];
  const narrow = st.context ? slots.find((s) => s.around.length > 0) : undefined;
  const drawable = drawableOf(facts, type, st.minCount, st.keepFacts);
  const nationOf = tied ? (facts.nation ??= pool.map(nationKey)) : undefined;
  // `listed`: k is one `narrowed` lists, seen beside `narrow` and near a telling word already.
  const fitsAt = (k: number, listed: boolean) => {
    // Tests on arrays made once per pool first: they read no mention's info. A nation slot's
    // tie turns away most of the nations.
    if (!drawable[k] || (tied && !tied.has(nationOf![k])) || st.taken.has(facts.taken[k])) return false;
    const sub = pool[k];
    const info = facts.info[k];
    if (needs.length && !partnersFit(needs, facts.name[k], st.corpus)) return false;
    if (headWord !== null && facts.facts[k].headWord !== headWord) return false;
    if (kindOfName && facts.facts[k].commonHead !== kindOfName.head) return false;
    // The rules that cost a set lookup or two and turn most mentions away come first; WordNet last.
    if (st.context && !slots.every((s) => (listed && s === narrow) || besideFits(info, s))) return false;
    if (telling && !listed && !meets(info.window, telling)) return false;
    if (personal && !slots.every((s) => fitsGender(s.pronouns, info.seen))) return false;
    if (lowerShape && !headTakesType(sub, type, st.corpus)) return false;
    if (nations && !fitsNations(facts.key[k], nations, st.corpus)) return false;
    if (st.world && repeatsNation(ex, group, sub, capitals)) return false;
    if (!slots.every((s) => fits(facts.facts[k], info, facts.glued[k], shape, s, st.kind))) return false;
    if (st.kind && facts.facts[k].famous) return false;
    if (places.length && !samePlaces(facts.text[k], places)) return false;
    return !inText(ex, exf, sub) && !sharesNameWord(others, sub);
  };
  const sub = drawFitting(pool, (k) => fitsAt(k, false), st.rng, narrowed(facts, narrow?.around, telling), (k) => fitsAt(k, true));
  if (!sub) return null;
  st.taken.add(takenKey(sub));
  for (const i of group) st.replaced.add(i);
  const out: MentionChoice[] = [];
  for (const s of slots) {
    const tokens = placed(sub, shape, s);
    const source = tokens.some((t, j) => t !== sub[j]) ? { source: sub } : {};
    if (s.entity !== undefined) out.push({ index: s.entity, tokens, ...source });
    else {
      out.push({ start: s.start, end: s.end, tokens, ...source });
      for (let i = s.start; i < s.end; i++) st.claimed[i] = true;
    }
  }
  return out;
}

/** The relation roles of every member of a group (for a relation-aware pool). */
export function groupRoles(ex: Example, group: readonly number[]): string[] {
  return group.flatMap((i) => rolesOf(ex, i));
}

