import type { Example } from './model.js';

export interface Problem {
  /** Path inside the example, e.g. `entities[2].end`. */
  path: string;
  message: string;
  /** What kind of soft problem this is, for the readers' warning counts. */
  kind?: string;
}

/**
 * Structural consistency of one example: spans in bounds and non-empty, relations pointing at
 * entities of the same example, per-token arrays as long as the tokens, tokens without control
 * characters. Tokens holding a tab or a line break go to `soft` (readers warn; validate fails).
 */
export function checkExample(ex: Example, soft?: Problem[]): Problem[] {
  const problems: Problem[] = [];
  const n = ex.tokens.length;
  if (n === 0) problems.push({ path: 'tokens', message: 'example has no tokens' });
  for (let i = 0; i < n; i++) {
    const t = ex.tokens[i];
    if (typeof t !== 'string' || t.length === 0) {
      problems.push({ path: `tokens[${i}]`, message: 'token is empty' });
      continue;
    }
    const c = controlCharAt(t);
    if (c < 0) {
      // Soft problems only (none is looked for when nobody collects them); a regex only when
      // the first character could be whitespace, a char loop for line separators: this runs
      // for every token read and every candidate checked.
      if (!soft) continue;
      // A token of whitespace alone (a no-break space, a line separator) is no word: real data
      // has a few (DocRED), so a warning and a validate error, like a line break.
      const first = t.charCodeAt(0);
      if ((first === 32 || first >= 0xa0) && WHITESPACE_ONLY.test(t)) soft.push({ path: `tokens[${i}]`, message: `token ${JSON.stringify(t)} is whitespace only`, kind: 'tokens of whitespace only' });
      else if (hasLineSeparator(t)) {
        const shown = JSON.stringify(t).replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase()}`);
        soft.push({ path: `tokens[${i}]`, message: `token ${shown} holds a line separator`, kind: 'tokens holding a tab or a line break' });
      }
      continue;
    }
    const code = t.charCodeAt(c);
    const p = { path: `tokens[${i}]`, message: `token ${JSON.stringify(t)} holds the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
    // Tabs and line breaks occur in real data (FewRel has "\n" tokens): worth a warning and a
    // validate error, not a refusal. A NUL or an escape code is corruption.
    if (isSpaceControl(code)) soft?.push(p);
    else problems.push(p);
  }
  if (ex.spaces && ex.spaces.length !== n) {
    problems.push({ path: 'spaces', message: `has ${ex.spaces.length} flags for ${n} tokens` });
  }
  if (ex.columns && ex.columns.length !== n) {
    problems.push({ path: 'columns', message: `has ${ex.columns.length} rows for ${n} tokens` });
  }
  ex.entities.forEach((e, i) => {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end)) {
      problems.push({ path: `entities[${i}]`, message: 'span offsets must be integers' });
    } else if (e.start < 0 || e.end > n) {
      problems.push({ path: `entities[${i}]`, message: `span [${e.start}, ${e.end}) is out of range (${n} tokens)` });
    } else if (e.end <= e.start) {
      problems.push({ path: `entities[${i}]`, message: `span [${e.start}, ${e.end}) is ${e.end < e.start ? 'reversed (its end before its start)' : 'empty'}` });
    }
    if (!e.type) problems.push({ path: `entities[${i}].type`, message: 'entity has no type' });
  });
  ex.relations.forEach((r, i) => {
    for (const arg of ['head', 'tail'] as const) {
      const v = r[arg];
      if (!Number.isInteger(v) || v < 0 || v >= ex.entities.length) {
        problems.push({
          path: `relations[${i}].${arg}`,
          message: `points at entity ${v}, but the example has ${ex.entities.length} entities`,
        });
      }
    }
    if (!r.type) problems.push({ path: `relations[${i}].type`, message: 'relation has no type' });
    if (r.head === r.tail && Number.isInteger(r.head)) problems.push({ path: `relations[${i}]`, message: `links entity ${r.head} to itself` });
  });
  if (ex.sentenceStarts) {
    const s = ex.sentenceStarts;
    for (let i = 0; i < s.length; i++) {
      const okOrder = i === 0 ? s[i] === 0 : s[i] > s[i - 1];
      if (!okOrder || s[i] >= Math.max(n, 1)) {
        problems.push({ path: `sentenceStarts[${i}]`, message: `sentence start ${s[i]} is out of order or range` });
        break;
      }
    }
  }
  return problems;
}

/**
 * An entity listed twice (same span and type) is one gold mention counted twice: readers warn
 * and validate fails (a soft problem, as DocRED repeats a few mentions in one vertex, and those
 * repeats survive a conversion to a format without clusters). Mentions of a cluster are exempt:
 * the cluster, not the mention, is what relations name. Not part of checkExample: an edit may
 * merge two nested mentions of one type, which is no broken structure.
 */
export function duplicateEntities(ex: Pick<Example, 'entities'>): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, number>();
  ex.entities.forEach((e, i) => {
    if (e.cluster !== undefined) return;
    const key = `${e.start}:${e.end}:${e.type}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push({ path: `entities[${i}]`, message: `duplicates entities[${first}] (same span [${e.start}, ${e.end}) and type "${e.type}")`, kind: 'entities listed twice (same span and type)' });
  });
  return out;
}

/** Relations listed twice (same head, tail and type): a duplicate counted twice in every
 *  statistic and trained on twice, as an entity listed twice is. */
export function duplicateRelations(ex: Pick<Example, 'relations'>): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, number>();
  ex.relations.forEach((r, i) => {
    const key = `${r.head}:${r.tail}:${r.type}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push({ path: `relations[${i}]`, message: `duplicates relations[${first}] (same head ${r.head}, tail ${r.tail} and type "${r.type}")`, kind: 'relations listed twice (same head, tail and type)' });
  });
  return out;
}

const WHITESPACE_ONLY = /^\s+$/u;

/** Whether `s` holds U+2028 or U+2029. */
function hasLineSeparator(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/**
 * Index of the first control character (C0 with tab and line breaks, DEL, C1) in `s`, or -1.
 * No token holds one: a NUL or an escape code is corruption, and a line break splits a line.
 * A char loop: this runs for every token read.
 */
export function controlCharAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

/** Tab, line feed, vertical tab, form feed, carriage return, next line (U+0085). */
const isSpaceControl = (c: number): boolean => (c >= 9 && c <= 13) || c === 0x85;
