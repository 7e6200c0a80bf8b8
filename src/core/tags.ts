import { inTextOrder, type Entity } from './model.js';

/** Tag schemes we read and write. IOB2 is also called BIO. */
export const TAG_SCHEMES = ['IOB1', 'IOB2', 'BIOES', 'BILOU', 'IO'] as const;
export type TagScheme = (typeof TAG_SCHEMES)[number];

export function parseScheme(s: string): TagScheme {
  const u = s.toUpperCase();
  if (u === 'BIO') return 'IOB2';
  if (u === 'IOBES') return 'BIOES';
  if ((TAG_SCHEMES as readonly string[]).includes(u)) return u as TagScheme;
  throw new Error(`unknown tag scheme "${s}"; accepted: IOB1, IOB2 (BIO), BIOES (IOBES), BILOU, IO`);
}

const PREFIXES = new Set(['B', 'I', 'E', 'S', 'L', 'U']);

export interface SplitTag {
  readonly prefix: string;
  readonly type: string;
}

const O_TAG: SplitTag = Object.freeze({ prefix: 'O', type: '' });
/** Tags repeat (a dataset has a few dozen): each is split once. */
const splitCache = new Map<string, SplitTag>();

/**
 * Split a tag on its FIRST '-' only (a type may itself contain '-' or 'B').
 * A tag whose part before '-' is not a known prefix is an IO label (Few-NERD `person-scholar`).
 */
export function splitTag(tag: string): SplitTag {
  if (tag === 'O') return O_TAG;
  let hit = splitCache.get(tag);
  if (hit === undefined) {
    hit = Object.freeze(splitUncached(tag));
    if (splitCache.size >= 10_000) splitCache.clear();
    splitCache.set(tag, hit);
  }
  return hit;
}

function splitUncached(tag: string): SplitTag {
  const dash = tag.indexOf('-');
  if (dash > 0) {
    const p = tag.slice(0, dash);
    // "B-" with no type is malformed: the empty type lets readers say so.
    if (PREFIXES.has(p)) return { prefix: p, type: tag.slice(dash + 1) };
  }
  return { prefix: 'IO', type: tag };
}

export interface TagIssue {
  index: number;
  message: string;
}

/**
 * Decode a tag sequence into entities. One tolerant decoder serves every scheme:
 * B starts; I continues an open entity of the same type or starts one (IOB1, and the
 * conlleval rule for a stray I-); E/L close; S/U are single-token; bare labels (IO) join
 * a run of the same label. Each tag that does not fit the given scheme is an issue (see
 * tagMisfits); `detected` says the scheme was decided from the file, not given by the user.
 */
export function decodeTags(tags: readonly string[], scheme?: TagScheme, detected = false): { entities: Entity[]; issues: TagIssue[] } {
  const entities: Entity[] = [];
  let open: Entity | null = null;
  let openClosable = true; // false after E/L/S/U: the entity is finished
  // (Closing is written out in place, not as a closure: this runs for every sentence read.)
  for (let i = 0; i < tags.length; i++) {
    // In IO every label is a bare type, even one that looks prefixed.
    const { prefix, type } = scheme === 'IO' && tags[i] !== 'O' ? { prefix: 'IO', type: tags[i] } : splitTag(tags[i]);
    switch (prefix) {
      case 'O':
        if (open) entities.push(open);
        open = null;
        break;
      case 'B':
        if (open) entities.push(open);
        open = { start: i, end: i + 1, type };
        openClosable = true;
        break;
      case 'I':
      case 'IO': {
        const cur = open as Entity | null;
        if (cur && openClosable && cur.type === type) {
          cur.end = i + 1;
        } else {
          if (open) entities.push(open);
          open = { start: i, end: i + 1, type };
          openClosable = true;
        }
        break;
      }
      case 'E':
      case 'L': {
        const cur = open as Entity | null;
        if (cur && openClosable && cur.type === type) {
          cur.end = i + 1;
        } else {
          if (open) entities.push(open);
          open = { start: i, end: i + 1, type };
        }
        openClosable = false;
        if (open) entities.push(open);
        open = null;
        break;
      }
      case 'S':
      case 'U':
        if (open) entities.push(open);
        open = null;
        entities.push({ start: i, end: i + 1, type });
        break;
    }
  }
  if (open) entities.push(open);
  const issues: TagIssue[] = [];
  if (scheme) tagMisfits(tags, scheme, detected, issues);
  return { entities, issues };
}

// Why a tag does not fit a scheme. Codes, not strings: the file-wide vote counts them per tag.
const FITS = 0, PREFIXED = 1, BARE = 2, FOREIGN_PREFIX = 3, STRAY_INSIDE = 4, STRAY_END = 5, IOB1_BEGIN = 6, NOT_CLOSED = 7;
const ALLOWED: Record<TagScheme, string> = { IOB1: 'BI', IOB2: 'BI', BIOES: 'BIES', BILOU: 'BILU', IO: '' };

/** Whether `cur` fits `scheme` between its neighbours (O_TAG at the sentence edges). */
function misfit(prev: SplitTag, cur: SplitTag, next: SplitTag, scheme: TagScheme, prefixedIO: boolean): number {
  const { prefix, type } = cur;
  if (prefix === 'O') return FITS;
  // A user-given IO scheme may hold types that look prefixed (`B-X`); a detected one may not.
  if (scheme === 'IO') return prefix === 'IO' || !prefixedIO ? FITS : PREFIXED;
  if (prefix === 'IO') return BARE;
  if (!ALLOWED[scheme].includes(prefix)) return FOREIGN_PREFIX;
  if (prefix === 'S' || prefix === 'U') return FITS;
  const inside = prev.type === type && (prev.prefix === 'B' || prev.prefix === 'I');
  if (prefix === 'E' || prefix === 'L') return inside ? FITS : STRAY_END;
  if (prefix === 'I' && !inside && scheme !== 'IOB1') return STRAY_INSIDE;
  // IOB1 keeps B- for an entity right after another of its type; IOB2 starts every entity with it.
  if (prefix === 'B' && !inside && scheme === 'IOB1') return IOB1_BEGIN;
  if (scheme === 'BIOES' || scheme === 'BILOU') {
    const goesOn = next.type === type && (next.prefix === 'I' || next.prefix === (scheme === 'BIOES' ? 'E' : 'L'));
    if (!goesOn) return NOT_CLOSED;
  }
  return FITS;
}

function misfitMessage(code: number, tags: readonly string[], i: number, scheme: TagScheme): string {
  const tag = tags[i];
  const { prefix, type } = splitTag(tag);
  const [end, single] = scheme === 'BILOU' ? ['L', 'U'] : ['E', 'S'];
  const head = `tag '${tag}' does not fit the ${scheme} scheme`;
  switch (code) {
    case PREFIXED:
      return `${head} (IO labels have no ${prefix}- prefix; pass --input-scheme IO to read '${tag}' as a type)`;
    case BARE:
      return `${head} (it has no ${ALLOWED[scheme].split('').join('-/')}- prefix)`;
    case FOREIGN_PREFIX:
      return `${head} (${scheme} has no ${prefix}- prefix)`;
    case STRAY_INSIDE:
      return `${head}: it follows ${i > 0 ? tags[i - 1] : 'the sentence start'}, and an entity starts with B-${type}${scheme === 'IOB2' ? '' : ` or ${single}-${type}`}`;
    case STRAY_END:
      return `${head}: it does not close an open ${type} entity`;
    case IOB1_BEGIN:
      return `${head}: IOB1 starts an entity with I-${type}, and B-${type} only right after another ${type} entity`;
    default:
      return `${head}: the ${type} entity ends here without ${end}-${type}${prefix === 'B' ? ` (one token: ${single}-${type})` : ''}`;
  }
}

/**
 * Count the tags of one sentence that do not fit `scheme`, and describe each in `out` when
 * given. `prefixedIO`: in IO, count tags that look prefixed (the scheme was detected, so a
 * `B-PER` is more likely a tag than a type).
 */
export function tagMisfits(tags: readonly string[], scheme: TagScheme, prefixedIO = false, out?: TagIssue[]): number {
  let n = 0;
  let prev = O_TAG;
  let cur = tags.length > 0 ? splitTag(tags[0]) : O_TAG;
  for (let i = 0; i < tags.length; i++) {
    const next = i + 1 < tags.length ? splitTag(tags[i + 1]) : O_TAG;
    const code = misfit(prev, cur, next, scheme, prefixedIO);
    if (code !== FITS) {
      n++;
      out?.push({ index: i, message: misfitMessage(code, tags, i, scheme) });
    }
    prev = cur;
    cur = next;
  }
  return n;
}

/** Preference among schemes that fit equally well (most common first). */
const SCHEME_ORDER: readonly TagScheme[] = ['IOB2', 'IOB1', 'BIOES', 'BILOU', 'IO'];

/**
 * The scheme of a whole file, by majority: sentences are added one by one, and the scheme
 * that the fewest tags break wins. One mistyped tag (`LOC`, `B_PER`, a stray `S-`) among
 * thousands then cannot switch a file to another scheme; it is reported against the winner.
 */
export class SchemeVote {
  readonly misfits: Record<TagScheme, number> = { IOB1: 0, IOB2: 0, BIOES: 0, BILOU: 0, IO: 0 };
  /** Tags other than O seen so far. */
  entityTags = 0;

  add(tags: readonly string[]): void {
    let any = false;
    for (const t of tags) if (t !== 'O') { this.entityTags++; any = true; }
    if (!any) return;
    for (const s of SCHEME_ORDER) this.misfits[s] += tagMisfits(tags, s, true);
  }

  /** The winner; null when no tag tells (only O). */
  decide(): TagScheme | null {
    if (this.entityTags === 0) return null;
    let best: TagScheme = SCHEME_ORDER[0];
    for (const s of SCHEME_ORDER) if (this.misfits[s] < this.misfits[best]) best = s;
    return best;
  }
}

/** True when some entities share a token (BIO-style tags cannot hold them). */
export function hasOverlap(entities: readonly Entity[]): boolean {
  // Most sentences hold entities in order: one pass decides without sorting a copy.
  let ordered = true;
  for (let i = 1; i < entities.length; i++) {
    if (entities[i].start < entities[i - 1].start) {
      ordered = false;
      break;
    }
    if (entities[i].start < entities[i - 1].end) return true;
  }
  if (ordered) return false;
  const sorted = [...entities].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return true;
  return false;
}

/**
 * Keep a maximal set of non-overlapping entities (longest-first, then leftmost) and report the
 * indices dropped. Used only when the user allowed lossy writing.
 */
export function dropOverlaps(entities: readonly Entity[]): { kept: number[]; dropped: number[] } {
  const order = entities.map((_, i) => i).sort((a, b) => {
    const ea = entities[a], eb = entities[b];
    return eb.end - eb.start - (ea.end - ea.start) || ea.start - eb.start;
  });
  const taken = new Set<number>();
  const kept: number[] = [];
  const dropped: number[] = [];
  for (const i of order) {
    const e = entities[i];
    let free = true;
    for (let t = e.start; t < e.end; t++) if (taken.has(t)) { free = false; break; }
    if (free) {
      for (let t = e.start; t < e.end; t++) taken.add(t);
      kept.push(i);
    } else dropped.push(i);
  }
  kept.sort((a, b) => a - b);
  return { kept, dropped };
}

/**
 * Encode non-overlapping entities as tags. The caller guarantees no overlap (see hasOverlap).
 * In IO, adjacent entities of the same type merge: `ioMerges` counts them.
 */
export function encodeTags(length: number, entities: readonly Entity[], scheme: TagScheme): { tags: string[]; ioMerges: number } {
  const tags = new Array<string>(length).fill('O');
  const sorted = inTextOrder(entities) ? entities : [...entities].sort((a, b) => a.start - b.start);
  let ioMerges = 0;
  let prev: Entity | null = null;
  for (const e of sorted) {
    const t = e.type;
    const len = e.end - e.start;
    for (let i = e.start; i < e.end; i++) {
      const first = i === e.start;
      const last = i === e.end - 1;
      let tag: string;
      switch (scheme) {
        case 'IOB2':
          tag = (first ? 'B-' : 'I-') + t;
          break;
        case 'IOB1': {
          // B- only where the previous token ends an entity of the same type.
          const needB = first && prev !== null && prev.end === e.start && prev.type === t;
          tag = (needB ? 'B-' : 'I-') + t;
          break;
        }
        case 'BIOES':
          tag = (len === 1 ? 'S-' : first ? 'B-' : last ? 'E-' : 'I-') + t;
          break;
        case 'BILOU':
          tag = (len === 1 ? 'U-' : first ? 'B-' : last ? 'L-' : 'I-') + t;
          break;
        case 'IO':
          tag = t;
          break;
      }
      tags[i] = tag;
    }
    if (scheme === 'IO' && prev && prev.end === e.start && prev.type === t) ioMerges++;
    prev = e;
  }
  return { tags, ioMerges };
}

/**
 * Guess the scheme of a tag sequence; null when the sequence does not tell
 * (no entities, or only forms every scheme shares).
 */
export function guessScheme(tags: readonly string[]): TagScheme | null {
  for (const tag of tags) {
    const { prefix } = splitTag(tag);
    if (prefix === 'E' || prefix === 'S') return 'BIOES';
    if (prefix === 'L' || prefix === 'U') return 'BILOU';
    if (prefix === 'IO') return 'IO';
  }
  for (let i = 0; i < tags.length; i++) {
    const { prefix, type } = splitTag(tags[i]);
    if (prefix !== 'I' && prefix !== 'B') continue;
    const prev = i > 0 ? splitTag(tags[i - 1]) : { prefix: 'O', type: '' };
    const starts = prev.prefix === 'O' || prev.type !== type;
    if (starts) return prefix === 'I' ? 'IOB1' : 'IOB2';
  }
  return null;
}
