import { sentenceRanges, type Example } from '../../core/model.js';
import { mentionKey, type CorpusStats } from '../corpus.js';
import { partRelation } from '../token/wordnet.js';
import { isFunctionWord } from '../token/words.js';
import { NATION_STEM, nationKey } from './mention-world.js';

/**
 * What ties a name to the rest of its example, so that mention replacement v2 leaves it (or
 * draws only a substitute that keeps the tie): names bound to a neighbour, names of facts the
 * seeds repeat, a relation partner named after it, and where places lie (mention-fit.ts).
 */

/**
 * Where WordNet puts the group's name against each other capitalised name of the example
 * (`partRelation`): a substitute must stand the same way to each ("Kandahar ... of
 * [Afghanistan]" does not take "Turkey"; "[Sapporo] is the largest city on Hokkaido" does not
 * take "Marseille").
 */
export function placeFrame(ex: Example, group: readonly number[]): Array<[string, string]> {
  const first = ex.entities[group[0]];
  const name = ex.tokens.slice(first.start, first.end).join(' ');
  return ex.entities
    .filter((_, j) => !group.includes(j))
    .map((e) => ex.tokens.slice(e.start, e.end).join(' '))
    .filter((t) => /^\p{Lu}/u.test(t))
    .map((t) => [t, partRelation(name, t)]);
}
export const samePlaces = (sub: string, frame: ReadonlyArray<[string, string]>) => frame.every(([other, rel]) => partRelation(sub, other) === rel);

/** A name of a repeated fact (`CorpusStats.factNames`), or a longer name ending in one
 *  ("Robert Kennedy" where "Kennedy" is one). */
export function isFactName(toks: readonly string[], corpus: CorpusStats): boolean {
  return namedIn(toks, corpus.factNames);
}

/** A name seen in a public role (`CorpusStats.roleNames`), or a longer name ending in one. */
export function isRoleName(toks: readonly string[], corpus: CorpusStats): boolean {
  return namedIn(toks, corpus.roleNames);
}

/** Words that state a person's birth: where and when someone was born is a fact of that person. */
const BIRTH = /^(?:born|birthplace|birthday|christened)$/i;

/**
 * Whether the tokens state a birth ("In 1805 , Ada Brennan was born in Springfield"): news
 * states the births of people it expects readers to know, so another town or year, or another
 * person born there, makes a falsehood about a real person. Such a sentence keeps its names.
 */
export function statesBirth(tokens: readonly string[]): boolean {
  return tokens.some((t) => BIRTH.test(t));
}

function namedIn(toks: readonly string[], names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const last = toks[toks.length - 1];
  return names.has(mentionKey(toks)) || (toks.length > 1 && /^\p{Lu}/u.test(last) && names.has(last));
}

/**
 * Mentions bound to a neighbour, so that swapped alone one would no longer name or place the
 * other: a name and its short form in brackets ("Northfield Water Board ( NWB )"), a place and
 * the place it lies in ("Springfield , Ohio"), a country and its capital ("the Ruritanian capital
 * Strelsau"), a country and the holder of its office ("Ruritanian Foreign Minister Ada Brennan"), a
 * place and the place it is in ("Kandahar in southern Afghanistan"); and, anywhere in the
 * example, a name and the name it is made from ("Ruritanian" and "Ruritania"); a member of
 * Congress and the party and state after the name ("Sen. Ada Brennan, D-Calif."); a place set
 * by its neighbour ("Ogdenville , 30 miles south of Springfield"), and the neighbour; a date
 * or time beside a wire dispatch's code, which holds them too.
 * They keep their names.
 */
export function boundMentions(ex: Example): Set<number> {
  const out = new Set<number>();
  const order = ex.entities.map((e, i) => [e, i] as const).sort((a, b) => a[0].start - b[0].start);
  for (let x = 0; x + 1 < order.length; x++) {
    const [a, i] = order[x];
    const [b, j] = order[x + 1];
    if (b.start < a.end || b.start - a.end > 3) continue;
    const gap = ex.tokens.slice(a.end, b.start);
    const between = gap.join(' ').toLowerCase();
    const same = a.type === b.type;
    const bracketed = between === '(' && ex.tokens[b.end] === ')';
    // "[Ruritanian] Foreign Minister [Ada Brennan]", "[Ruritania] 's President [Ed Brown]": a
    // title between them says whose office it is.
    const titled = gap.length > 0 && gap.every((t, k) => /^\p{Lu}\p{Ll}+\.?$/u.test(t) || (k === 0 && t === "'s")) && gap.some((t) => t !== "'s");
    // "[Kandahar] in southern [Afghanistan]", "[Springfield] is in [Ohio]": a place in a place.
    const within = /^(?:is )?in(?: (?:north|south|east|west|central|northern|southern|eastern|western|northeastern|northwestern|southeastern|southwestern))?$/.test(between);
    if ((same && (bracketed || between === ',' || within)) || between === 'capital' || between === "'s capital" || titled) out.add(i).add(j);
  }
  for (const [i, j] of namedAfterEachOther(ex)) out.add(i).add(j);
  for (const i of placedByNeighbour(ex)) out.add(i);
  for (const i of datedByCode(ex)) out.add(i);
  // "Sen. [Ada Brennan] , D-Calif.": the party and state after a member of Congress are hers.
  ex.entities.forEach((e, i) => {
    if (ex.tokens[e.end] === ',' && /^[DRI]-\p{Lu}/u.test(ex.tokens[e.end + 1] ?? '')) out.add(i);
  });
  return out;
}


/** A wire service's dispatch code: two capitals, then the day, month, time and year in digits
 *  ("XY0703224095" for 7 Mar 95, 22:40). */
const DISPATCH_CODE = /^\p{Lu}{2}\d{8,}$/u;

/** Mentions with a digit in a sentence with a dispatch code: the code holds the dispatch's date
 *  and time, so a date moved alone ("7 Mar 95" made "20 Jun 95") contradicts it. */
function datedByCode(ex: Example): number[] {
  const out: number[] = [];
  for (const [a, b] of sentenceRanges(ex)) {
    if (!ex.tokens.slice(a, b).some((t) => DISPATCH_CODE.test(t))) continue;
    ex.entities.forEach((e, i) => {
      if (e.start >= a && e.start < b && ex.tokens.slice(e.start, e.end).some((t) => /\d/.test(t))) out.push(i);
    });
  }
  return out;
}

/** A direction from a place: "[Ogdenville] , 30 miles south of Springfield". */
const DIRECTION = /^(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)$/i;
const DISTANCE_UNIT = /^(?:miles?|kilometers?|kilometres?|km|yards|feet)$/i;
const ABOUT = /^(?:about|some|just|nearly|roughly|around|only)$/i;

/**
 * The token after a place's position relative to a named place, from token k ("south of
 * Springfield", ", 30 miles north of Springfield", "near Springfield"), or -1. A place that
 * lies where a sentence says (a hometown "south of" a named town) keeps its name, and so
 * does the named place: moved, either would lie elsewhere.
 */
function neighbourAt(tokens: readonly string[], k: number): number {
  if (tokens[k] === ',') k++;
  if (/^near$/i.test(tokens[k] ?? '')) return /^\p{Lu}/u.test(tokens[k + 1] ?? '') ? k + 1 : -1;
  if (ABOUT.test(tokens[k] ?? '')) k++;
  if (/\d/.test(tokens[k] ?? '') && DISTANCE_UNIT.test(tokens[k + 1] ?? '')) k += 2;
  if (!DIRECTION.test(tokens[k] ?? '') || tokens[k + 1] !== 'of') return -1;
  return /^\p{Lu}/u.test(tokens[k + 2] ?? '') ? k + 2 : -1;
}

/** The mentions placed by a neighbour (`neighbourAt`), and the neighbour where it is one. */
function placedByNeighbour(ex: Example): number[] {
  const out: number[] = [];
  ex.entities.forEach((e, i) => {
    const at = neighbourAt(ex.tokens, e.end);
    if (at < 0) return;
    out.push(i);
    const j = ex.entities.findIndex((o) => o.start === at);
    if (j >= 0) out.push(j);
  });
  return out;
}

/**
 * Pairs of mentions of different types, anywhere in the example, whose first words start alike
 * ("[Ruritanian] foreign minister says [Ruritania] will ..."): the nationality word names the
 * country, so swapping one alone makes "the Elbonian foreign minister says Ruritania will".
 */
function namedAfterEachOther(ex: Example): Array<[number, number]> {
  const first = ex.entities.map((e) => ex.tokens[e.start]);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < first.length; i++) {
    for (let j = i + 1; j < first.length; j++) {
      const [a, b] = [first[i], first[j]];
      if (ex.entities[i].type === ex.entities[j].type || !/^\p{Lu}\p{Ll}/u.test(a) || !/^\p{Lu}\p{Ll}/u.test(b)) continue;
      if (a.length > NATION_STEM && b.length > NATION_STEM && nationKey([a]) === nationKey([b])) out.push([i, j]);
    }
  }
  return out;
}

const contentWord = (t: string) => /\p{L}{3,}/u.test(t) && !isFunctionWord(t);

/** The same word, or one a name's derivative of the other ("Ruritania" / "Ruritanian", "Kenya" / "Kenyan"). */
const sameStem = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)) && Math.abs(a.length - b.length) <= 2);

/**
 * Whether a member shares a content word with a relation partner: "[Springfield Municipal
 * Airport] in [Springfield]" states its place inside the name, and a new name would lose it; so
 * does "[Ruritanian Guard]" based in "[Ruritania]".
 */
export function sharesNameWithPartner(ex: Example, group: readonly number[]): boolean {
  const words = (i: number) => ex.tokens.slice(ex.entities[i].start, ex.entities[i].end).filter(contentWord).map((t) => t.toLowerCase());
  for (const i of group) {
    const own = new Set(words(i));
    for (const r of ex.relations) {
      const other = r.head === i ? r.tail : r.tail === i ? r.head : -1;
      if (other >= 0 && words(other).some((w) => [...own].some((o) => sameStem(o, w)))) return true;
    }
  }
  return false;
}
