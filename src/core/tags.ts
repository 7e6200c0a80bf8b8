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
 * a run of the same label. Sequences that break the given scheme are reported as issues.
 */
export function decodeTags(tags: readonly string[], scheme?: TagScheme): { entities: Entity[]; issues: TagIssue[] } {
  const entities: Entity[] = [];
  const issues: TagIssue[] = [];
  let open: Entity | null = null;
  let openClosable = true; // false after E/L/S/U: the entity is finished
  // (Closing is written out in place, not as a closure: this runs for every sentence read.)
  for (let i = 0; i < tags.length; i++) {
    // In IO every label is a bare type, even one that looks prefixed.
    const { prefix, type } = scheme === 'IO' && tags[i] !== 'O' ? { prefix: 'IO', type: tags[i] } : splitTag(tags[i]);
    switch (prefix) {
      case 'O':
        if (open && (scheme === 'BIOES' || scheme === 'BILOU') && openClosable && open.end - open.start >= 1) {
          issues.push({ index: i - 1, message: `entity ${open.type} is not closed with ${scheme === 'BIOES' ? 'E-' : 'L-'}/${scheme === 'BIOES' ? 'S-' : 'U-'} before O` });
        }
        if (open) entities.push(open);
        open = null;
        break;
      case 'B':
        if (open) entities.push(open);
        open = { start: i, end: i + 1, type };
        openClosable = true;
        break;
      case 'I': {
        const cur = open as Entity | null;
        if (cur && openClosable && cur.type === type) {
          cur.end = i + 1;
        } else {
          if (scheme && scheme !== 'IOB1') {
            const prev = i > 0 ? tags[i - 1] : 'the sentence start';
            issues.push({ index: i, message: `${tags[i]} follows ${prev}: an entity must start with B-${type}${scheme === 'BIOES' || scheme === 'BILOU' ? ` or ${scheme === 'BIOES' ? 'S' : 'U'}-${type}` : ''}` });
          }
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
          if (scheme) issues.push({ index: i, message: `${tags[i]} does not close an open ${type} entity` });
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
      case 'IO': {
        const cur = open as Entity | null;
        if (cur && cur.type === type && openClosable) cur.end = i + 1;
        else {
          if (open) entities.push(open);
          open = { start: i, end: i + 1, type };
          openClosable = true;
        }
        if (scheme && scheme !== 'IO') issues.push({ index: i, message: `tag "${tags[i]}" has no B-/I- prefix` });
        break;
      }
    }
  }
  if (open && (scheme === 'BIOES' || scheme === 'BILOU') && openClosable) {
    issues.push({ index: tags.length - 1, message: `entity ${(open as Entity).type} is not closed at the end of the sentence` });
  }
  if (open) entities.push(open);
  // Prefix-consistency across schemes: E/S in a BILOU file and L/U in a BIOES file are issues.
  if (scheme && scheme !== 'IO') {
    const allowed: Record<TagScheme, string> = { IOB1: 'BI', IOB2: 'BI', BIOES: 'BIES', BILOU: 'BILU', IO: '' };
    for (let i = 0; i < tags.length; i++) {
      const { prefix } = splitTag(tags[i]);
      if (prefix.length === 1 && prefix !== 'O' && !allowed[scheme].includes(prefix)) {
        issues.push({ index: i, message: `prefix ${prefix}- is not part of the ${scheme} scheme` });
      }
    }
  }
  issues.sort((a, b) => a.index - b.index);
  return { entities, issues };
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
