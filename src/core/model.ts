/** The one data model every reader produces and every writer consumes. */

/** A mention: token offsets into `Example.tokens`, `end` exclusive. */
export interface Entity {
  start: number;
  end: number;
  type: string;
  /** Mentions with the same cluster number name the same real-world entity (DocRED vertex,
   *  FewRel head/tail with several mentions). */
  cluster?: number;
  /** Format-specific fields kept for a lossless round trip, under the format's name. */
  extra?: Record<string, unknown>;
}

/** A directed relation between two entities of the same example (indices into `entities`). */
export interface Relation {
  head: number;
  tail: number;
  type: string;
  /** Set on a negative instance (a pair with no relation): why it is one, e.g. `reversed`. */
  negative?: string;
  extra?: Record<string, unknown>;
}

/** Where an example came from and how it was made. */
export interface Provenance {
  source?: string;
  recipe?: string;
  op?: string;
  parent?: string;
  seed?: number | string;
  variant?: number;
  model?: string;
  promptHash?: string;
  /** Whole-example negatives: `entity_free`, `hard`, `label_corruption`. */
  negative?: string;
  [key: string]: unknown;
}

export interface Example {
  id: string;
  tokens: string[];
  /** Whitespace after each token; absent means one space after every token but the last. */
  spaces?: boolean[];
  entities: Entity[];
  relations: Relation[];
  /** Document-level examples: token index where each sentence starts (first is 0). */
  sentenceStarts?: number[];
  /** Extra per-token columns (CoNLL POS, chunk, ...), one array per token. */
  columns?: string[][];
  /** Set once the tokens were edited: for each token, the index of the token (in the example
   *  as read) it is unchanged from, or -1 for a new or changed token. Absent: the tokens are as
   *  read. Writers use it to carry per-token fields to the tokens they still describe and to
   *  drop or recompute every field that describes the old text. */
  origin?: number[];
  /** This example opens a new document; the value is the format's raw marker (CoNLL `-DOCSTART-` line). */
  docStart?: string;
  /** Format-specific fields kept for a lossless round trip, under the format's name
   *  (`extra.spert.orig_id`): each writer reads only its own. */
  extra?: Record<string, unknown>;
  meta?: Provenance;
}

/** Text reconstructed from tokens and whitespace flags. */
export function exampleText(ex: Pick<Example, 'tokens' | 'spaces'>): string {
  const { tokens, spaces } = ex;
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    out += tokens[i];
    const sp = spaces ? spaces[i] : i < tokens.length - 1;
    if (sp) out += ' ';
  }
  return out;
}

/** Character offsets of each token in `exampleText`. */
export function tokenCharOffsets(ex: Pick<Example, 'tokens' | 'spaces'>): Array<[number, number]> {
  const offsets: Array<[number, number]> = [];
  let pos = 0;
  const { tokens, spaces } = ex;
  for (let i = 0; i < tokens.length; i++) {
    offsets.push([pos, pos + tokens[i].length]);
    pos += tokens[i].length;
    const sp = spaces ? spaces[i] : i < tokens.length - 1;
    if (sp) pos += 1;
  }
  return offsets;
}

/** Surface text of an entity (tokens joined with their own whitespace). */
export function entityText(ex: Pick<Example, 'tokens' | 'spaces'>, e: Pick<Entity, 'start' | 'end'>): string {
  let out = '';
  for (let i = e.start; i < e.end; i++) {
    out += ex.tokens[i];
    if (i < e.end - 1) {
      const sp = ex.spaces ? ex.spaces[i] : true;
      if (sp) out += ' ';
    }
  }
  return out;
}

/** Sentence ranges [start, end) of an example (one range for sentence-level examples). */
export function sentenceRanges(ex: Pick<Example, 'tokens' | 'sentenceStarts'>): Array<[number, number]> {
  const starts = ex.sentenceStarts && ex.sentenceStarts.length > 0 ? ex.sentenceStarts : [0];
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] : ex.tokens.length]);
}

/** Index of the sentence (of `ranges`) that holds token `tok`. */
export function sentenceOf(ranges: ReadonlyArray<[number, number]>, tok: number): number {
  for (let k = ranges.length - 1; k >= 0; k--) if (tok >= ranges[k][0]) return k;
  return 0;
}

export function sentenceCount(ex: Pick<Example, 'tokens' | 'sentenceStarts'>): number {
  return ex.sentenceStarts && ex.sentenceStarts.length > 0 ? ex.sentenceStarts.length : 1;
}

/** True when two entities share at least one token. */
export function overlaps(a: Pick<Entity, 'start' | 'end'>, b: Pick<Entity, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The origin map of an example: identity when it was never edited. */
export function originOf(ex: Pick<Example, 'tokens' | 'origin'>): number[] {
  return ex.origin ?? ex.tokens.map((_, i) => i);
}

/** True when the tokens are no longer the ones read (format fields about the text are stale). */
export function isEdited(ex: Pick<Example, 'origin'>): boolean {
  return ex.origin !== undefined;
}

export function cloneExample(ex: Example): Example {
  return structuredClone(ex);
}

/** Entities listed by start, then end: the order readers and every edit keep them in. */
export function inTextOrder(entities: readonly Entity[]): boolean {
  for (let i = 1; i < entities.length; i++) {
    const a = entities[i - 1], b = entities[i];
    if (a.start > b.start || (a.start === b.start && a.end > b.end)) return false;
  }
  return true;
}
