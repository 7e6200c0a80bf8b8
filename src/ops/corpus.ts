import { sentenceOf, sentenceRanges, type Example } from '../core/model.js';
import { addToSchema, emptySchema, type LabelSchema } from '../core/schema.js';
import { hasOverlap } from '../core/tags.js';
import type { CorpusDetail } from './corpus-detail.js';
import { isFunctionWord, pennColumn } from './token/words.js';
import { inEntityMask } from './util.js';
import { continuesAfter, isHeadline, shapeClass, startsSentence } from './mention-shape.js';

/** Where a mention was seen: bits of `MentionInfo.seen`. */
export const SEEN = {
  /** Followed by more of its sentence (not only closing quotes): a glued "North." was not. */
  MID: 1,
  /** Right after "the". */
  THE: 2,
  /** Not after "the". */
  BARE: 4,
  /** In a sentence that is not a headline in capitals. */
  BODY: 8,
  /** Right after "a" or "an". */
  A: 16,
  /** Right after "this", "that", "these" or "those". */
  DEM: 32,
  /** Right after a possessive ("its", "their", "our", ...). */
  POSS: 64,
  /** After none of "the", "a", "an", a demonstrative or a possessive. */
  NODET: 128,
  /** In a sentence with "she", "her", "hers" or "herself". */
  FEM: 256,
  /** In a sentence with "he", "him", "his" or "himself". */
  MASC: 512,
} as const;

const FEMININE = new Set(['she', 'her', 'hers', 'herself']);
const MASCULINE = new Set(['he', 'him', 'his', 'himself']);

/** The FEM and MASC bits of tokens [a, b): which third-person pronouns they use. */
export function pronounBits(tokens: readonly string[], a: number, b: number): number {
  let bits = 0;
  for (let i = a; i < b; i++) {
    const w = tokens[i].toLowerCase();
    if (FEMININE.has(w)) bits |= SEEN.FEM;
    else if (MASCULINE.has(w)) bits |= SEEN.MASC;
  }
  return bits;
}

const DEMONSTRATIVES = new Set(['this', 'that', 'these', 'those']);
const POSSESSIVES = new Set(['its', 'their', 'our', 'his', 'her', 'my', 'your']);

/** The SEEN bit of the determiner before a mention (`prev`: the word before it, or ''). */
export function determinerBit(prev: string): number {
  const w = prev.toLowerCase();
  if (w === 'the') return SEEN.THE;
  if (w === 'a' || w === 'an') return SEEN.A;
  if (DEMONSTRATIVES.has(w)) return SEEN.DEM;
  if (POSSESSIVES.has(w)) return SEEN.POSS;
  return SEEN.NODET;
}

/** What mention replacement v2 knows of a mention (by its tokens). */
export interface MentionInfo {
  /** Shape class of its tokens (mention-shape.ts). */
  shape: string;
  /** How often it was seen, per entity type. */
  counts: Map<string, number>;
  /** SEEN bits, over every place it was seen. */
  seen: number;
  /** The words seen right before it (`<word`) and right after it (`>word`), lower-cased. */
  contexts: Set<string>;
  /** The content words seen within `ROLE_WINDOW` tokens of it (lower-cased, outside mentions):
   *  what it does and what is said of it ("shares", "troops", "minister"). */
  window: Set<string>;
  /** The other names (by `mentionKey`) and unlabelled capitalised words seen in a sentence with
   *  it: the world it belongs to (mention replacement v2's `same_world`). */
  company: Set<string>;
}

/** How far either side of a mention `MentionInfo.window` reads. */
export const ROLE_WINDOW = 3;

/** The content words within `ROLE_WINDOW` tokens of tokens [start, end), inside [a, b), outside
 *  every mention of `inMention` (true per token). */
export function roleWindow(tokens: readonly string[], start: number, end: number, a: number, b: number, inMention: readonly boolean[]): string[] {
  const out: string[] = [];
  const take = (i: number) => {
    const t = tokens[i];
    if (!inMention[i] && /\p{L}{3,}/u.test(t) && !isFunctionWord(t)) out.push(t.toLowerCase());
  };
  for (let i = Math.max(a, start - ROLE_WINDOW); i < start; i++) take(i);
  for (let i = end; i < Math.min(b, end + ROLE_WINDOW); i++) take(i);
  return out;
}

/** What operations draw from: the seed corpus's mentions, tokens and schema. */
export interface CorpusStats {
  schema: LabelSchema;
  /** type -> distinct mentions (token arrays), in first-seen order. */
  mentions: Map<string, string[][]>;
  /** `relation|head|type` or `relation|tail|type` -> distinct mentions seen in that role. */
  roleMentions: Map<string, string[][]>;
  /** token label (`B-PER`, `I-PER`, `O`) -> tokens with that label, repeated as often as seen. */
  labelTokens: Map<string, string[]>;
  /** The Penn POS tag of each token of `labelTokens.get('O')`, in the same order ('' where its
   *  seed has no POS column): label-wise replacement v2 draws a word of the same tag. */
  outsideTags?: string[];
  /** Whether seeds have nested/overlapping entities (then outputs may too). */
  hasOverlaps: boolean;
  /** Extra per-token columns (POS, chunk) of a mention where it was first seen, by its tokens
   *  joined with U+0001: a replacement mention brings its own columns. */
  mentionColumns: Map<string, string[][]>;
  /** Per mention (by `mentionKey`): shape class, counts per type, contexts seen. */
  mentionInfo: Map<string, MentionInfo>;
  /** `before\u0000after` (lower-cased; '' at an edge) -> the lower-cased words seen between
   *  them: label-wise replacement v2 puts a word only in a frame it was seen in. */
  frames: Map<string, Set<string>>;
  /** The names (by `mentionKey`) the data states facts about: the arguments of relation
   *  instances seen in two or more different sentences ("Booth" killed "Lincoln"), and names
   *  seen right after an office ("President Ed Brown", "Sen. Ada Brennan"): whose office it is,
   *  is a fact. */
  factNames: Set<string>;
  /** The names (by `mentionKey`) seen beside a public role written in lower case ("party
   *  spokesman Ed Brown", "Ed Brown , the party 's leader ,"): likely public figures, so not
   *  drawn into other sentences (whose spokesman they are is a fact), though their own slots
   *  may take another name. */
  roleNames: Set<string>;
  /** Every relation instance of the seeds, as `type\u0000head\u0000tail` of the arguments'
   *  `nameKey`s: what the data states of which pair (mention-concepts.ts). */
  stated: Set<string>;
  /** Whether the seeds are written in lower case throughout (Few-NERD's episodes): then a
   *  mention's case tells a name from a concept no more than a word's does. */
  uncased: boolean;
}

/** Word tokens a corpus needs before its case says anything, and the share of them with a
 *  capital below which it counts as written in lower case (under 0.1%: in a large corpus a
 *  stray capital does not count; in one under 1,000 words, one does). */
const CASE_EVIDENCE = 20;
const UNCASED_SHARE = 0.001;

/** The key of a mention's tokens in `mentionColumns` and the pools. */
export const mentionKey = (toks: readonly string[]): string => (toks.length === 1 ? toks[0] : toks.join('\u0001'));

/** Office titles before a name: the holder of an office is a public figure ("Gov. Ed Brown",
 *  "Duma Deputy Ed Brown"), and so is a peer or a knight ("Sir Ed Brown": who founded what
 *  is known of them). "Foreign" is what is left where the data lost the second word of a
 *  title ("said Foreign [Minister] Ed Brown"). */
const OFFICE = /^(?:President|Minister|Premier|Chancellor|Sen\.|Senator|Rep\.|Representative|Gov\.|Governor|Mayor|King|Queen|Prince|Princess|Pope|Gen\.|General|Adm\.|Admiral|Secretary|Ambassador|Speaker|Justice|Judge|Deputy|Foreign|Sir|Dame|Lord|Lady)$/;
/** Public roles written in lower case, before a name ("Foreign Ministry spokesman Ed Brown") or
 *  in an apposition after it ("Ed Brown , the party 's floor leader ,"). */
const ROLE = /^(?:spokesman|spokeswoman|spokesperson|leader|chairman|chairwoman|president|minister|premier|candidate|envoy|ambassador|governor|commissioner|secretary|secretary-general|chancellor|mayor|dictator|negotiator)$/i;
/** Words that open a sentence's phrase before its comma ("In Moscow ,", "On Tuesday ,"). */
const OPENER = /^(?:in|on|at|after|before|since|from|to|for|during|by|with|near|outside|inside|across|throughout|until|like|unlike|as|of)$/i;
/** How far after a name's comma an apposition is read for a role. */
const APPOSITION = 6;

/**
 * What the sentence says the mention at [start, end) holds (a person, or a country or body whose
 * leader or spokesman it names: "Japan 's prime minister"): `office`, a title right before the
 * name ("Gov. Ed Brown"); `role`, a public role beside it ("spokesman Ed Brown", "the party 's
 * leader , Ed Brown", "Ed Brown , the party 's leader ,", "Ed Brown 's spokesman", "Ed Brown as
 * president"); or null.
 */
export function publicRole(tokens: readonly string[], start: number, end: number): 'office' | 'role' | null {
  const before = start > 0 ? tokens[start - 1] : '';
  if (OFFICE.test(before)) return 'office';
  if (ROLE.test(before) || (before === ',' && start > 1 && ROLE.test(tokens[start - 2]))) return 'role';
  const after = tokens[end];
  // "In Moscow , the party leader said": a comma after an opening phrase starts no apposition.
  // ("followed by Ed Brown , candidate of the party": a preposition inside a sentence opens none.)
  if (after === ',' && start > 0 && OPENER.test(tokens[start - 1]) && (start === 1 || /^[.!?"'`(:;-]+$/.test(tokens[start - 2]))) return null;
  // How far each kind of phrase after a name is read: "Ed Brown , the party 's floor leader",
  // "Ed Brown 's spokesman", "Ed Brown as foreign minister".
  const reach = after === ',' ? APPOSITION : after === "'s" ? 2 : after === 'as' ? 3 : 0;
  for (let k = end + 1; k < Math.min(tokens.length, end + 1 + reach); k++) {
    if (/^[,.;:()]$/.test(tokens[k])) return null;
    if (ROLE.test(tokens[k])) return 'role';
  }
  return null;
}

/** A name whatever the case of its first letter: "Machine learning" is "machine learning" recased. */
export const foldFirst = (t: string): string => t.charAt(0).toLowerCase() + t.slice(1);
/** `mentionKey` of a name with its first letter lower-cased. */
export const nameKey = (toks: readonly string[]): string => mentionKey([foldFirst(toks[0]), ...toks.slice(1)]);

/** The key of a relation instance in `CorpusStats.stated`. */
export const statedKey = (type: string, head: string, tail: string): string => `${type}\u0000${head}\u0000${tail}`;

/** B-/I- labels made once per type (this runs for every token of every candidate). */
const bioLabels = new Map<string, [string, string]>();
function bioLabel(begin: boolean, type: string): string {
  let pair = bioLabels.get(type);
  if (!pair) bioLabels.set(type, (pair = [`B-${type}`, `I-${type}`]));
  return begin ? pair[0] : pair[1];
}

/** Per-token label used by label-wise replacement: the shortest entity covering the token. */
export function tokenLabels(ex: Example): string[] {
  const labels = new Array<string>(ex.tokens.length).fill('O');
  const width = new Array<number>(ex.tokens.length).fill(Infinity);
  for (const e of ex.entities) {
    const w = e.end - e.start;
    for (let i = e.start; i < e.end; i++) {
      if (w < width[i]) {
        width[i] = w;
        labels[i] = bioLabel(i === e.start, e.type);
      }
    }
  }
  return labels;
}

/** What a mention of sentence [a, b) keeps company with (`MentionInfo.company`, its own name
 *  aside): the names of the sentence, in entity order, then its unlabelled capitalised words
 *  (data that does not mark nationality words, "Ruritanian President X", still says which
 *  nation a name was seen with). */
function sentenceCompany(ex: Example, [a, b]: readonly [number, number], inMention: readonly boolean[]): string[] {
  const out: string[] = [];
  for (const o of ex.entities) if (o.start >= a && o.end <= b) out.push(mentionKey(ex.tokens.slice(o.start, o.end)));
  for (let i = a; i < b; i++) if (!inMention[i] && /^\p{Lu}/u.test(ex.tokens[i])) out.push(ex.tokens[i]);
  return out;
}

export class CorpusBuilder {
  private readonly schema = emptySchema();
  private readonly mentions = new Map<string, Map<string, string[]>>();
  private readonly roles = new Map<string, Map<string, string[]>>();
  private readonly labelTokens = new Map<string, string[]>();
  private overlaps = false;
  private readonly columns = new Map<string, string[][]>();
  private readonly outsideTags: string[] = [];
  private readonly info = new Map<string, MentionInfo>();
  private readonly frames = new Map<string, Set<string>>();
  /** Relation instance (type, head, tail) -> the first sentence it was seen in. */
  private readonly firstStated = new Map<string, string>();
  private readonly factNames = new Set<string>();
  private readonly roleNames = new Set<string>();
  private readonly stated = new Set<string>();
  private words = 0;
  private capitalised = 0;
  private readonly details: ReadonlySet<CorpusDetail> | null;

  /** `details`: the parts to collect (corpus-detail.ts); all when absent. A list collects only
   *  what it names, the seeds' mentions too ('mentions'). */
  constructor(details?: Iterable<CorpusDetail>) {
    this.details = details ? new Set(details) : null;
  }

  private wants(d: CorpusDetail): boolean {
    return !this.details || this.details.has(d);
  }

  private static keyed(m: Map<string, Map<string, string[]>>, k: string, toks: string[]): void {
    let inner = m.get(k);
    if (!inner) m.set(k, (inner = new Map()));
    const key = mentionKey(toks);
    if (!inner.has(key)) inner.set(key, toks);
  }

  add(ex: Example): void {
    addToSchema(this.schema, ex);
    const keyed = CorpusBuilder.keyed;
    if (this.wants('mentions')) {
      this.addMentions(ex);
      this.countCase(ex.tokens);
    }
    if (this.wants('mentionInfo')) this.addInfo(ex);
    if (this.wants('frames')) this.addFrames(ex.tokens);
    let text: string | undefined;
    for (const r of ex.relations) {
      const h = ex.entities[r.head];
      const t = ex.entities[r.tail];
      const [hk, tk] = [mentionKey(ex.tokens.slice(h.start, h.end)), mentionKey(ex.tokens.slice(t.start, t.end))];
      const fact = `${r.type}\u0000${hk}\u0000${tk}`;
      const first = this.firstStated.get(fact);
      text ??= ex.tokens.join(' ');
      if (first === undefined) this.firstStated.set(fact, text);
      else if (first !== text) this.factNames.add(hk).add(tk);
      this.stated.add(statedKey(r.type, nameKey(ex.tokens.slice(h.start, h.end)), nameKey(ex.tokens.slice(t.start, t.end))));
      keyed(this.roles, `${r.type}|head|${h.type}`, ex.tokens.slice(h.start, h.end));
      keyed(this.roles, `${r.type}|tail|${t.type}`, ex.tokens.slice(t.start, t.end));
    }
    // The POS of each O token: found (and kept) only when an operation reads it.
    const tags = this.wants('outsideTags') ? this.outsideTags : null;
    const pos = tags ? pennColumn(ex) : -1;
    if (ex.entities.length === 0) {
      // The common case in NER data: every token is O.
      let list = this.labelTokens.get('O');
      if (!list) this.labelTokens.set('O', (list = []));
      for (let i = 0; i < ex.tokens.length; i++) list.push(ex.tokens[i]);
      if (tags) for (let i = 0; i < ex.tokens.length; i++) tags.push(pos < 0 ? '' : ex.columns![i][pos]);
    } else {
      const labels = tokenLabels(ex);
      let last = '';
      let list: string[] = [];
      for (let i = 0; i < labels.length; i++) {
        if (labels[i] !== last) {
          last = labels[i];
          const got = this.labelTokens.get(last);
          if (got) list = got;
          else this.labelTokens.set(last, (list = []));
        }
        list.push(ex.tokens[i]);
        if (tags && last === 'O') tags.push(pos < 0 ? '' : ex.columns![i][pos]);
      }
    }
    if (!this.overlaps && hasOverlap(ex.entities)) this.overlaps = true;
  }

  /** The mentions by type, their extra columns, and the names right after an office. */
  private addMentions(ex: Example): void {
    for (const e of ex.entities) {
      const toks = ex.tokens.slice(e.start, e.end);
      CorpusBuilder.keyed(this.mentions, e.type, toks);
      const held = publicRole(ex.tokens, e.start, e.end);
      if (held === 'office') this.factNames.add(mentionKey(toks));
      else if (held === 'role') this.roleNames.add(mentionKey(toks));
      if (ex.columns && !this.columns.has(mentionKey(toks))) this.columns.set(mentionKey(toks), ex.columns.slice(e.start, e.end));
    }
  }

  private countCase(tokens: readonly string[]): void {
    for (const t of tokens) {
      if (!/\p{L}/u.test(t)) continue;
      this.words++;
      if (/\p{Lu}/u.test(t)) this.capitalised++;
    }
  }

  private addFrames(tokens: readonly string[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const key = `${i > 0 ? tokens[i - 1].toLowerCase() : ''}\u0000${i + 1 < tokens.length ? tokens[i + 1].toLowerCase() : ''}`;
      let set = this.frames.get(key);
      if (!set) this.frames.set(key, (set = new Set()));
      set.add(tokens[i].toLowerCase());
    }
  }

  /** Shape, counts and contexts of every mention of `ex`. */
  private addInfo(ex: Example): void {
    if (ex.entities.length === 0) return;
    const ranges = sentenceRanges(ex);
    const inMention = inEntityMask(ex);
    // Per sentence, worked out when its first mention asks (a sentence without one never does).
    const headline: Array<boolean | undefined> = [];
    const pronouns: Array<number | undefined> = [];
    const company: Array<string[] | undefined> = [];
    for (const e of ex.entities) {
      const toks = ex.tokens.slice(e.start, e.end);
      const key = mentionKey(toks);
      const k = sentenceOf(ranges, e.start);
      headline[k] ??= isHeadline(ex.tokens.slice(ranges[k][0], ranges[k][1]));
      pronouns[k] ??= pronounBits(ex.tokens, ranges[k][0], ranges[k][1]);
      let info = this.info.get(key);
      // The shape of its first sighting: where a sentence-case phrase starts a sentence, it is
      // a lower-case phrase ("Machine translation is ...").
      if (!info) this.info.set(key, (info = { shape: shapeClass(toks, startsSentence(ex.tokens, e.start, ranges[k][0])), counts: new Map(), seen: 0, contexts: new Set(), window: new Set(), company: new Set() }));
      info.counts.set(e.type, (info.counts.get(e.type) ?? 0) + 1);
      const mid = continuesAfter(ex.tokens, e.end, ranges[k][1]);
      const det = determinerBit(e.start > ranges[k][0] ? ex.tokens[e.start - 1] : '');
      info.seen |= (mid ? SEEN.MID : 0) | (det === SEEN.THE ? 0 : SEEN.BARE) | det | (headline[k] ? 0 : SEEN.BODY) | pronouns[k];
      if (e.start > ranges[k][0]) info.contexts.add(`<${ex.tokens[e.start - 1].toLowerCase()}`);
      if (e.end < ranges[k][1]) info.contexts.add(`>${ex.tokens[e.end].toLowerCase()}`);
      for (const w of roleWindow(ex.tokens, e.start, e.end, ranges[k][0], ranges[k][1], inMention)) info.window.add(w);
      for (const c of (company[k] ??= sentenceCompany(ex, ranges[k], inMention))) info.company.add(c);
      info.company.delete(key);
    }
  }

  build(symmetric: Iterable<string> = []): CorpusStats {
    const flat = (m: Map<string, Map<string, string[]>>) => new Map([...m].map(([k, v]) => [k, [...v.values()]]));
    for (const s of symmetric) this.schema.symmetric.add(s);
    const stats: CorpusStats = { schema: this.schema, mentions: flat(this.mentions), roleMentions: flat(this.roles), labelTokens: this.labelTokens, hasOverlaps: this.overlaps, mentionColumns: this.columns, outsideTags: this.outsideTags, mentionInfo: this.info, frames: this.frames, factNames: this.factNames, roleNames: this.roleNames, stated: this.stated, uncased: this.words >= CASE_EVIDENCE && this.capitalised < UNCASED_SHARE * this.words };
    for (const d of ['frames', 'mentionInfo', 'outsideTags'] as const) if (!this.wants(d)) notCollected(stats, d);
    if (!this.wants('mentions')) for (const d of ['mentions', 'mentionColumns', 'factNames', 'roleNames', 'uncased'] as const) notCollected(stats, d, 'mentions');
    return stats;
  }
}

function notCollected(stats: CorpusStats, field: keyof CorpusStats, d: CorpusDetail = field as CorpusDetail): void {
  Object.defineProperty(stats, field, {
    enumerable: false,
    get() {
      // Two readers meet this: a library caller who listed the details to collect, and an
      // operation the recipe pass did not know reads this part.
      throw new Error(`corpus statistics: ${field} was not collected (a CorpusBuilder given a list of details collects '${d}' only when the list names it; for a recipe, ${d === 'mentions' ? 'take the operation out of MENTION_FREE in' : 'add the operation to'} ops/corpus-detail.ts)`);
    },
  });
}
