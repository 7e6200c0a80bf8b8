import type { Example } from '../../core/model.js';
import { nameKey, statedKey, type CorpusStats } from '../corpus.js';
import { isFunctionWord } from '../token/words.js';

/**
 * Mention replacement's rules for concepts (SciERC's Method, Metric, Task: phrases, not names).
 *
 * `partner_fit`. Between names, a relation holds of whoever fills
 * the role: any person can work for any company. Between concepts (SciERC's Method, Metric,
 * Task: phrases, not names) it holds of the pair: whether a metric measures a system, one
 * method compares with another or a term is a kind of another depends on what both are, and
 * the type does not say ("[word error rate]" of an image classifier, "[colours] such as
 * verbs"). So an argument of such a relation takes only a substitute the seeds state the same
 * relation of, with the same partner; a partner of one lower-case word ("approach", "it")
 * says too little, and its argument keeps its name.
 */

/** What mention replacement does with a concept phrase (mention-fit.ts `DrawRules`). */
export const CONCEPT_PHRASES = ['keep', 'same_head', 'any'] as const;
export type ConceptPhrases = (typeof CONCEPT_PHRASES)[number];

/** A type's share of distinct seed mentions that are lower-case phrases, from which on it is a
 *  type of concepts. */
const CONCEPT_SHARE = 0.5;

const conceptCache = new WeakMap<CorpusStats, Map<string, boolean>>();

/** Whether `type`'s seed mentions are mostly lower-case phrases ("machine translation"), not names. */
export function isConceptType(type: string, corpus: CorpusStats): boolean {
  let m = conceptCache.get(corpus);
  if (!m) conceptCache.set(corpus, (m = new Map()));
  let got = m.get(type);
  if (got === undefined) {
    const mentions = corpus.mentions.get(type) ?? [];
    let lower = 0;
    for (const toks of mentions) if (corpus.mentionInfo.get(toks.length === 1 ? toks[0] : toks.join('\u0001'))?.shape.startsWith('lower')) lower++;
    m.set(type, (got = mentions.length > 0 && lower >= CONCEPT_SHARE * mentions.length));
  }
  return got;
}

/** Whether the seeds give every entity the same type: their types say nothing of a pair. */
const oneType = (corpus: CorpusStats): boolean => corpus.schema.entityTypes.size === 1;

/** Place and organisation types by their usual names (LOC, GPE, Location, Org, ...). */
const PLACE_OR_ORG = /^(?:loc|location|gpe|place|fac|facility|org|organi[sz]ation|company)(?:$|[-_:])/i;

/** Whether a relation between arguments of these types is a fact of the pair: between
 *  concepts, or between places and organisations (a university's city, a town's country).
 *  With a person it is not (a person may live or work anywhere), nor between types of no
 *  known kind. In seeds with one type for every entity (NYT's triples: "ENTITY") the types
 *  say nothing, so every relation is: "[Ogdenville] , a city in [Strelsau County]" would
 *  otherwise become a city of another county, and a company's founder another company's. */
export function factOfPair(types: readonly string[], corpus: CorpusStats): boolean {
  if (oneType(corpus)) return true;
  return types.some((t) => isConceptType(t, corpus)) || types.every((t) => PLACE_OR_ORG.test(t));
}

/** One relation a substitute must be stated in: its type, the partner (by `nameKey`), and
 *  whether the substitute is the head. */
export interface PartnerNeed {
  type: string;
  partner: string;
  head: boolean;
  symmetric: boolean;
}

/**
 * The relations a substitute for `group` must be stated in with the same partner: [] when the
 * group is no argument of a relation that is a fact of the pair (`factOfPair`); null when a partner has been replaced
 * already (what the seeds state of the new pair cannot be told: the group keeps its name).
 */
export function partnerNeeds(ex: Example, group: readonly number[], corpus: CorpusStats, replaced: ReadonlySet<number>): PartnerNeed[] | null {
  const needs: PartnerNeed[] = [];
  for (const r of ex.relations) {
    if (r.negative) continue;
    const head = group.includes(r.head);
    if (head === group.includes(r.tail)) continue;
    const other = head ? r.tail : r.head;
    if (!factOfPair([ex.entities[r.head].type, ex.entities[r.tail].type], corpus)) continue;
    if (replaced.has(other)) return null;
    const e = ex.entities[other];
    // A one-word partner in lower case ("approach", "data", "it") stands for something the
    // sentence names elsewhere: what the seeds state of it was of another approach.
    if (e.end - e.start === 1 && !/\p{Lu}/u.test(ex.tokens[e.start])) return null;
    needs.push({ type: r.type, partner: nameKey(ex.tokens.slice(e.start, e.end)), head, symmetric: corpus.schema.symmetric.has(r.type) });
  }
  return needs;
}

/** Whether the seeds state every one of `needs` of the substitute `sub` (by `nameKey`). */
export function partnersFit(needs: readonly PartnerNeed[], sub: string, corpus: CorpusStats): boolean {
  return needs.every((n) => {
    const [h, t] = n.head ? [sub, n.partner] : [n.partner, sub];
    return corpus.stated.has(statedKey(n.type, h, t)) || (n.symmetric && corpus.stated.has(statedKey(n.type, t, h)));
  });
}

/** A word as `echoedElsewhere` compares it: lower-cased, without a plural "s". */
const stem = (w: string) => w.toLowerCase().replace(/(?<!s)s$/, '');

/**
 * Whether a word of a concept mention of `group` stands elsewhere in the example, outside the
 * group: "[image matching]: deciding which images ..." and "[HMM] ... the [HMM state
 * labels]" are about that concept; with another in its place, the rest of the sentence
 * would still speak of the old one.
 */
export function echoedElsewhere(ex: Example, group: readonly number[]): boolean {
  const inside = new Array<boolean>(ex.tokens.length).fill(false);
  const words = new Set<string>();
  for (const i of group) {
    for (let k = ex.entities[i].start; k < ex.entities[i].end; k++) {
      inside[k] = true;
      const t = ex.tokens[k];
      if (/\p{L}/u.test(t) && (t.length >= 3 || /^\p{Lu}+$/u.test(t)) && !isFunctionWord(t)) words.add(stem(t));
    }
  }
  return ex.tokens.some((t, k) => !inside[k] && words.has(stem(t)));
}

/** The operations that swap mentions under `concept_phrases`. */
const SWAPPING = new Set(['mention_replacement_v2', 'long_tail_v1']);

/**
 * The line `augment` prints when a recipe's mention swaps leave the concept types of the seeds
 * as they are (`concept_phrases: keep`): a run on SciERC that makes nothing says why.
 */
export function conceptsKeptNote(ops: ReadonlyArray<{ op: string; params: Record<string, unknown> }>, corpus: CorpusStats): string | null {
  const keeping = ops.filter((o) => SWAPPING.has(o.op) && (o.params.concept_phrases ?? 'keep') === 'keep').map((o) => o.op);
  if (keeping.length === 0) return null;
  const types = [...corpus.mentions.keys()].filter((t) => isConceptType(t, corpus)).sort();
  if (types.length === 0) return null;
  const names = [...new Set(keeping)].join(', ');
  // In seeds written in lower case a name looks like a concept: say so, not that they are concepts.
  if (corpus.uncased) return `note: ${names} left the mentions of ${types.join(', ')} as they are: the seeds are written in lower case throughout, so their names cannot be told from concepts (lower-case phrases, as SciERC's methods), whose swaps no offline rule can check (concept_phrases: keep; set concept_phrases: any to swap them by type alone, or use the melm and llm-da recipes, which rewrite them with a model)`;
  return `note: ${names} left the mentions of ${types.join(', ')} as they are: their mentions are mostly lower-case phrases (concepts), and whether a sentence stays true of another concept no offline rule can tell (concept_phrases: keep; same_head swaps a phrase only for one with the same head word; the melm and llm-da recipes rewrite them with a model)`;
}

/**
 * The line `augment` prints when the seeds give every entity one type and relations tie them:
 * a swap then keeps a relation only with a partner the seeds state it of (`factOfPair`), so a
 * run on NYT's triples makes few copies and says why.
 */
export function untypedPairsNote(ops: ReadonlyArray<{ op: string; params: Record<string, unknown> }>, corpus: CorpusStats): string | null {
  const checking = ops.filter((o) => SWAPPING.has(o.op) && o.params.partner_fit !== false).map((o) => o.op);
  if (checking.length === 0 || !oneType(corpus) || corpus.schema.relationTypes.size === 0) return null;
  const [type] = corpus.schema.entityTypes;
  // Concepts keep their words, and conceptsKeptNote says so.
  if (isConceptType(type, corpus)) return null;
  return `note: the seeds give every entity one type (${type}), so the types cannot say whether a relation still holds of a swapped pair: ${[...new Set(checking)].join(', ')} gave a relation's argument only a substitute the seeds state the same relation of with the same partner (partner_fit: false swaps by the relation alone; the llm-da and melm recipes rewrite with a model)`;
}
