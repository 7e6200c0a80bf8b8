import type { Example } from '../core/model.js';
import { decodeTags, encodeTags, SchemeVote, splitTag, type TagScheme } from '../core/tags.js';
import { checkExample, type Problem } from '../core/check.js';
import { stat } from 'node:fs/promises';
import { readHead, readTextBatches } from './input.js';
import { Reporter } from './reporter.js';
import { flattenEntities, limit, toSentences } from './limits.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';
import { CHUNK_TYPES, POS_TAGS } from './pos-chunk-tags.js';
import { isOutsideLabel, UNTAGGABLE_KIND } from './tag-types.js';

const DOCSTART = '-DOCSTART-';
const WHITESPACE = /\s/;

/** Whether a token cannot be written as it is: empty, or holding a control character (a tab,
 *  a line break, a NUL), a line separator, or whitespace unless the file is tab-separated.
 *  A char loop: this runs per token. */
function needsEscape(tok: string, tab: boolean): boolean {
  if (tok === '') return true;
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
    if (!tab && (c === 32 || (c > 0x9f && WHITESPACE.test(tok[i])))) return true;
  }
  return false;
}

/** Where a token of a space-separated file holds whitespace other than a space (a no-break
 *  space, U+2000..U+200A, U+3000, ...), or -1: the writer cannot hold it, and trainers that
 *  split columns on whitespace (Python's `str.split()`) read it as a column break. The same
 *  characters as `needsEscape` refuses, so what reads also writes. */
function unicodeSpaceAt(tok: string): number {
  for (let i = 0; i < tok.length; i++) if (tok.charCodeAt(i) > 0x9f && WHITESPACE.test(tok[i])) return i;
  return -1;
}

const codePoint = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

function unicodeSpaceProblem(tok: string, at: number): string {
  const c = tok.charCodeAt(at);
  const name = c === 0xa0 ? `a no-break space (${codePoint(c)})` : `the whitespace character ${codePoint(c)}`;
  const shown = JSON.stringify(tok).replace(/[^\x20-\x7e]/gu, (ch) => (WHITESPACE.test(ch) ? `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : ch));
  return `the token ${shown} holds ${name}: columns of a space-separated CoNLL file are split on whitespace, so trainers read it as two columns and it cannot be written back; replace it in the token (or use a tab-separated file)`;
}

const UNWRITABLE_TAB = /[\p{Cc}\u2028\u2029]/gu;
const UNWRITABLE_SPACE = /[\s\p{Cc}]/gu;

/** A token a lossy write can hold: each unwritable character becomes `_`. */
const escapeToken = (tok: string, tab: boolean): string => tok.replace(tab ? UNWRITABLE_TAB : UNWRITABLE_SPACE, '_') || '_';

/** A tag column is split on whitespace: a type holding any (or a control character) cannot
 *  be written; neither can IO's type `O`, which reads back as no entity. */
const typeFits = (type: string, scheme: TagScheme): boolean => !/[\s\p{Cc}]/u.test(type) && !isOutsideLabel(type, scheme);

/**
 * What of a sentence a CoNLL file can hold, or null when the sentence cannot be written: a
 * token `-DOCSTART-` would read back as a document marker. Unless the write is lossy, either
 * fails; lossy, each is counted.
 */
function writable(ex: Example, scheme: TagScheme, opts: WriteOptions, dropped: Dropped): Example | null {
  if (ex.tokens.includes(DOCSTART)) {
    limit(opts, dropped, 'sentences with a -DOCSTART- token', 1, 'CoNLL', `a token "${DOCSTART}" (it would be read back as a document marker)`, ex);
    return null;
  }
  let bad = 0;
  for (const e of ex.entities) if (!typeFits(e.type, scheme)) bad++;
  if (bad === 0) return ex;
  const first = ex.entities.find((e) => !typeFits(e.type, scheme))!.type;
  limit(opts, dropped, UNTAGGABLE_KIND, bad, 'CoNLL', `the entity type ${JSON.stringify(first)} in a tag column${scheme === 'IO' && first === 'O' ? ' (IO reads it as no entity)' : ' (it holds whitespace or a control character)'}`, ex);
  return { ...ex, entities: ex.entities.filter((e) => typeFits(e.type, scheme)), relations: [] };
}

export interface ConllLayout {
  separator: '\t' | ' ';
  columns: number;
  /** The majority scheme of the file's head (see SchemeVote); null when no tag tells. */
  scheme: TagScheme | null;
  /** The tag is in the first column and the token in the last (some public NER sets). */
  tagFirst: boolean;
  /** The scheme was decided from the head only: the reader checks it against the rest. */
  sampled: boolean;
  /** Why the file cannot be read as laid out (words where the tags should be), with a hint. */
  problem?: string;
}

function splitLine(line: string, tab: boolean): string[] {
  if (tab) return line.split('\t');
  const cols = line.split(' ');
  // Runs of spaces or edge spaces give empty fields: fall back to the slow, tolerant split.
  for (let i = 0; i < cols.length; i++) if (cols[i] === '') return line.trim().split(/ +/);
  return cols;
}

/** Blank line test on text[start, end) without allocating a copy. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
}

const layoutCache = new Map<string, ConllLayout>();
const HEAD_BYTES = 1 << 20;

/** How much a column of token rows looks like tags: O, or B-/I-/E-/S-/L-/U- with a type. */
function tagShape(rows: readonly string[][], col: number): { tagLike: number; o: number; distinct: number } {
  let tagLike = 0, o = 0;
  const seen = new Set<string>();
  for (const cols of rows) {
    const v = cols[col < 0 ? cols.length + col : col] ?? '';
    if (seen.size <= 1000) seen.add(v);
    if (v === 'O') o++;
    // A regex, not splitTag: words would crowd out the tags in splitTag's cache.
    if (v === 'O' || PREFIXED_TAG.test(v)) tagLike++;
  }
  const n = Math.max(rows.length, 1);
  return { tagLike: tagLike / n, o: o / n, distinct: seen.size };
}

const PREFIXED_TAG = /^[BIESLU]-./;
const looksLikeTags = (s: { tagLike: number; o: number }) => s.tagLike >= 0.9 || s.o >= 0.5;

/**
 * Look at the start of a CoNLL file: separator, column count, which column holds the tags,
 * and the tag scheme (by majority over every sentence of the head).
 */
export function detectConllLayout(head: string, tagColumn?: number, sampled = false): ConllLayout {
  // JSON read as columns would make `[{"tokens":` a token and `1}]}]` its entity type.
  const json = jsonStart(head, sampled);
  if (json) return { separator: ' ', columns: 0, scheme: null, tagFirst: false, sampled, problem: `this file holds JSON, not CoNLL columns (it starts with '${json}'): read it without --from, so spanforge tells its format, or with --from spert, dygie, jsonl, docred, ... (see --help)` };
  const lines = head.split('\n');
  if (lines.length > 1) lines.pop(); // possibly cut mid-line
  let separator: '\t' | ' ' = ' ';
  let columns = 0;
  const sentences: string[][][] = [[]];
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const blank = line.trim() === '';
    if (!blank && columns === 0 && line.includes('\t')) separator = '\t';
    const cols = blank ? [] : splitLine(line, separator === '\t');
    if (blank || cols[0] === DOCSTART || cols[cols.length - 1] === DOCSTART) {
      if (sentences[sentences.length - 1].length > 0) sentences.push([]); // a sentence ends
      continue;
    }
    if (columns === 0) columns = cols.length;
    if (cols.length > 1) sentences[sentences.length - 1].push(cols);
  }
  const rows = sentences.flat();
  const last = tagShape(rows, -1);
  const tagFirst = tagColumn === 1 || (tagColumn === undefined && columns >= 2 && rows.length > 0 && looksLikeTags(tagShape(rows, 0)) && !looksLikeTags(last));
  const ti = (cols: string[]) => (tagFirst ? 0 : tagColumn ? tagColumn - 1 : cols.length - 1);
  const vote = new SchemeVote();
  for (const s of sentences) if (s.length) vote.add(s.map((cols) => cols[ti(cols)] ?? 'O'));
  const layout: ConllLayout = { separator, columns, scheme: vote.decide(), tagFirst, sampled };
  // Words, part-of-speech or chunk tags where the NER tags should be: each would become an
  // entity type ("NNP", "B-NP"). A file of bare labels that are nearly all entities (a name
  // list) is none of these and is read as it is.
  const kind = tagColumn === undefined && !tagFirst && rows.length >= 50 ? notNerColumn(rows, columns, last) : null;
  if (kind) layout.problem = notTagsHint(rows, columns, last.distinct, kind);
  return layout;
}

type NotNer = 'words' | 'part-of-speech tags' | 'chunk tags' | 'only O';

export const FORCED_IO = "--input-scheme IO reads each prefixed tag as a type of its own ('B-PER' and 'I-PER' are two types)";

/**
 * The start of a file that holds JSON, or null: a first line that is "[" or "{" alone (pretty
 * printed) or parses as an array or object (JSON lines, one-line JSON), or one longer than the
 * head. A CoNLL row whose token looks like JSON ("{}", "[[") has a tag after it, and parses not.
 */
function jsonStart(head: string, sampled: boolean): string | null {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t[0] !== '[' && t[0] !== '{') return null;
  const nl = t.indexOf('\n');
  const first = (nl < 0 ? t : t.slice(0, nl)).trim();
  const start = first.replace(/\s+/g, '').slice(0, 2);
  if (first === '[' || first === '{') return first;
  if (nl < 0 && sampled) return start;
  try {
    JSON.parse(first); // starting with "[" or "{", it is an array or an object
    return start;
  } catch {
    return null;
  }
}

/** What the last column holds when it is not NER tags, or null. */
function notNerColumn(rows: readonly string[][], columns: number, last: { tagLike: number; o: number; distinct: number }): NotNer | null {
  const share = (ok: (v: string) => boolean) => rows.filter((r) => ok(r[r.length - 1])).length / rows.length;
  if (last.o < 0.05 && last.tagLike < 0.5) {
    // Running text has a word type for every other token or more; a label list (66 Few-NERD
    // types over 200 names) has fewer.
    if (last.distinct >= Math.min(1000, 0.5 * rows.length)) return 'words';
    if (share((v) => POS_TAGS.has(v) || POS_TAGS.has(v.toUpperCase())) >= 0.9) return 'part-of-speech tags';
  }
  // Chunk tags, or a column of O alone, look like tags: they are refused only where an earlier
  // column holds NER tags.
  const chunk = (v: string) => PREFIXED_TAG.test(v) && CHUNK_TYPES.has(v.slice(2));
  const prefixed = last.tagLike - last.o;
  if (last.tagLike >= 0.5 && prefixed >= 0.2 && share(chunk) >= 0.9 * prefixed && nerColumnBefore(rows, columns) >= 0) return 'chunk tags';
  if (last.o >= 0.999 && nerColumnBefore(rows, columns) >= 0) return 'only O';
  return null;
}

/** The first column before the last that looks like NER tags (not chunk tags), or -1. */
function nerColumnBefore(rows: readonly string[][], columns: number): number {
  for (let c = 0; c < columns - 1; c++) {
    if (!looksLikeTags(tagShape(rows, c))) continue;
    if (rows.some((r) => PREFIXED_TAG.test(r[c] ?? '') && !CHUNK_TYPES.has((r[c] ?? '').slice(2)))) return c;
  }
  return -1;
}

function notTagsHint(rows: readonly string[][], columns: number, distinct: number, kind: NotNer): string {
  let hint = 'pass --tag-column <n> (1 when the tag comes first and the token last)';
  // Beside chunk tags or O alone, the column to name is the NER one, not any tag-shaped one.
  const ner = kind === 'chunk tags' || kind === 'only O' ? nerColumnBefore(rows, columns) : -1;
  for (let c = 0; c < columns - 1; c++) {
    if (looksLikeTags(tagShape(rows, c)) && (ner < 0 || c === ner)) {
      hint = c === 0 ? 'column 1 looks like tags: if the token is in the last column, pass --tag-column 1' : `column ${c + 1} looks like tags: pass --tag-column ${c + 1}`;
      break;
    }
  }
  const sample = [...new Set(rows.slice(0, 20).map((r) => r[r.length - 1]))].slice(0, 3).map((v) => `'${v}'`).join(', ');
  // Naming the column reads it as tags whatever it holds.
  const anyway = `; if the last column does hold the entity types, pass --tag-column ${columns}`;
  if (kind === 'chunk tags') return `the last column holds chunk tags, not NER tags (such as ${sample}); it would be read with phrase types (NP, VP, ...) as entity types: ${hint}${anyway}`;
  if (kind === 'only O') return `the last column holds only O, while an earlier column holds NER tags; it would be read as a file without entities: ${hint}; if the file has no entities, pass --tag-column ${columns}`;
  return `the last column does not look like NER tags (${distinct >= 1000 ? 'over 1000' : distinct} distinct values in the first ${rows.length} token lines, such as ${sample}, and hardly any O); it would be read with ${kind} as entity types: ${hint}${anyway}`;
}

export async function detectConllFile(file: string, tagColumn?: number): Promise<ConllLayout> {
  const st = await stat(file);
  const key = `${file}\0${st.size}\0${st.mtimeMs}\0${tagColumn ?? ''}`;
  let layout = layoutCache.get(key);
  if (!layout) {
    layout = detectConllLayout(await readHead(file, HEAD_BYTES), tagColumn, st.size > HEAD_BYTES);
    if (layoutCache.size > 32) layoutCache.clear();
    layoutCache.set(key, layout);
  }
  return layout;
}

/** The line of a token's problem (`tokens[3]`) within its sentence; 0 for the others. */
const tokenIndex = (p: Problem): number => (p.path.startsWith('tokens[') ? Number(p.path.slice(7, -1)) : 0);

async function* readConll(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const layout = await detectConllFile(file, opts.tagColumn);
  if (layout.problem) return reporter.problem({ file }, layout.problem);
  const scheme = opts.scheme ?? layout.scheme ?? undefined;
  const detected = opts.scheme === undefined;
  // Forced IO reads every tag as a type, "B-PER" too (as asked); said once where the file's
  // tags read as another scheme, lest a typo'd option make "B-PER" and "I-PER" two types.
  if (opts.scheme === 'IO' && layout.scheme && layout.scheme !== 'IO') {
    reporter.warn(FORCED_IO, { file }, `the file's tags read as ${layout.scheme}`);
  }
  const tab = layout.separator === '\t';
  // Tag first, token last: 1-based --tag-column 1, or detected when no column was given.
  const tagFirst = opts.tagColumn === 1 || (opts.tagColumn === undefined && layout.tagFirst);
  // Checked at the end when the scheme was decided from the head of a larger file.
  let misfitTags = 0;
  let entityCount = 0;
  let expectCols = 0;
  let tokens: string[] = [];
  let tags: string[] = [];
  let columns: string[][] = [];
  let firstLine = 0;
  let docStart: string | undefined;
  let index = 0;
  let hasExtraCols = false;

  const flush = (): Example | null => {
    if (tokens.length === 0) return null;
    const { entities, issues } = decodeTags(tags, scheme, detected);
    for (const issue of issues) reporter.soft('invalid tag sequence (decoded tolerantly)', { file, line: firstLine + issue.index }, issue.message);
    misfitTags += issues.length;
    entityCount += entities.length;
    const ex: Example = { id: String(index++), tokens, entities, relations: [] };
    opts.startLine?.(ex, firstLine);
    if (hasExtraCols) ex.columns = columns;
    if (docStart !== undefined) ex.docStart = docStart;
    const soft: Problem[] = [];
    for (const p of checkExample(ex, soft)) reporter.problem({ file, line: firstLine + tokenIndex(p) }, `${p.path}: ${p.message}`);
    for (const p of soft) reporter.soft('tokens holding a tab or a line break', { file, line: firstLine + tokenIndex(p) }, `${p.path}: ${p.message}`);
    tokens = [];
    tags = [];
    columns = [];
    docStart = undefined;
    return ex;
  };

  // Tags and extra-column values are a few dozen distinct strings: sharing one copy of each
  // leaves far fewer young objects alive while a big file streams through (less GC copying).
  const interned = new Map<string, string>();
  const intern = (v: string): string => {
    const hit = interned.get(v);
    if (hit !== undefined) return hit;
    if (interned.size < 100_000) interned.set(v, v);
    return v;
  };
  const rows = new Map<string, string[]>();
  const sepChar = tab ? '\t' : ' ';

  // Lines are scanned inside each batch's text, not split out: one string per line was most
  // of the reading time.
  for await (const batch of readTextBatches(file, opts.progress)) {
    const text = batch.text;
    const n = text.length;
    let lineNo = batch.first - 1;
    let pos = 0;
    while (pos <= n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = n;
      const start = pos;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      pos = nl + 1;
      lineNo++;
      if (isBlank(text, start, end)) {
        const ex = flush();
        if (ex) yield ex; // at once: examples held per batch would outlive the young generation
        continue;
      }
      let token: string;
      let tag: string;
      let middle: string[] | null = null;
      let ncols = 0;
      let simple = false;
      let flipped: string | undefined;
      // Fast path: a well-formed line with the tag last is cut with indexOf, not split.
      if (!opts.tagColumn && !tagFirst) {
        const first = text.indexOf(sepChar, start);
        const last = first > start && first < end ? text.lastIndexOf(sepChar, end - 1) : -1;
        if (last >= 0 && last < end - 1) {
          // Rows of extra columns repeat (POS + chunk pairs): one shared, frozen array per
          // distinct row costs one lookup instead of a split per line.
          // Key '\n' (never inside a line) stands for "no middle column".
          const raw = first === last ? '\n' : text.slice(first + 1, last);
          middle = rows.get(raw) ?? null;
          if (middle === null) {
            const cols = first === last ? [] : raw.split(sepChar);
            // Runs of spaces give empty fields: the tolerant path below handles them.
            if (tab || !cols.includes('')) {
              middle = Object.freeze(cols.map(intern)) as string[];
              if (rows.size < 100_000) rows.set(raw, middle);
            }
          }
          if (middle !== null) {
            simple = true;
            ncols = middle.length + 2;
            token = text.slice(start, first);
            tag = end - last === 2 && text.charCodeAt(last + 1) === 79 ? 'O' : intern(text.slice(last + 1, end));
          }
        }
      }
      if (!simple) {
        const cols = splitLine(text.slice(start, end), tab);
        ncols = cols.length;
        const ti = tagFirst ? 0 : opts.tagColumn ? opts.tagColumn - 1 : cols.length - 1;
        const ki = tagFirst ? cols.length - 1 : 0;
        const marker = cols[0] === DOCSTART || cols[ki] === DOCSTART;
        if (!marker && ncols >= 2 && (ti === ki || ti >= cols.length)) {
          reporter.problem({ file, line: lineNo }, `tag column ${ti + 1} does not exist (the line has ${cols.length} columns)`);
          continue;
        }
        token = marker ? DOCSTART : cols[ki];
        tag = intern(cols[ti] ?? '');
        middle = cols.filter((_, k) => k !== ki && k !== ti).map(intern);
        // A tag-first marker line (`O -X- -DOCSTART-`) is kept token first, as writers write.
        if (marker && cols[0] !== DOCSTART) flipped = [DOCSTART, ...middle, tag].join(sepChar);
      }
      if (token! === DOCSTART) {
        const ex = flush();
        if (ex) yield ex;
        const line = flipped ?? text.slice(start, end);
        docStart = docStart === undefined ? line : `${docStart}\n\n${line}`;
        continue;
      }
      if (expectCols === 0) {
        expectCols = ncols;
        if (expectCols < 2) {
          reporter.problem({ file, line: lineNo }, 'a CoNLL line needs at least a token and a tag column');
          expectCols = 0;
          continue;
        }
        hasExtraCols = expectCols > 2;
      }
      if (ncols !== expectCols) {
        reporter.problem(
          { file, line: lineNo },
          `line has ${ncols} column${ncols === 1 ? '' : 's'}, expected ${expectCols} like the first token line${ncols < expectCols ? ' (missing tag or column?)' : ''}`,
        );
        continue;
      }
      if (tag! !== 'O' && splitTag(tag!).type === '') {
        reporter.problem({ file, line: lineNo }, `malformed tag "${tag!}"`);
        continue;
      }
      const space = tab ? -1 : unicodeSpaceAt(token!);
      if (space >= 0) {
        reporter.problem({ file, line: lineNo }, unicodeSpaceProblem(token!, space));
        continue;
      }
      if (tokens.length === 0) firstLine = lineNo;
      tokens.push(token!);
      tags.push(tag!);
      if (hasExtraCols) columns.push(middle!);
    }
  }
  const ex = flush();
  if (ex) yield ex;
  // One pass: the head decided the scheme; a rest that mostly breaks it is not read silently.
  if (detected && layout.sampled && scheme && misfitTags > entityCount / 2) {
    reporter.problem(
      { file },
      `${misfitTags} tags do not fit the ${scheme} scheme decided from the first ${HEAD_BYTES >> 20} MB (the file has ${entityCount} entities): the rest of the file uses another scheme; pass --input-scheme`,
    );
  }
}

async function writeConll(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const scheme = opts.scheme ?? 'IOB2';
  const sep = opts.separator ?? ' ';
  const dropped: Dropped = {};
  let count = 0;
  let carried: string | undefined;
  let width = -1;
  let filler = '';
  const joined = new Map<string[], string>();
  const joinRow = (cols: string[]): string => {
    let line = joined.get(cols);
    if (line === undefined) {
      line = cols.join(sep) + sep;
      if (joined.size >= 50_000) joined.clear(); // rows made by edits are not shared: bound the map
      joined.set(cols, line);
    }
    return line;
  };
  for await (const doc of examples) {
    const sentences = toSentences(doc, opts, dropped, 'CoNLL');
    // A document (DyGIE, DocRED) opens with a marker, however few sentences it has.
    const isDoc = doc.sentenceStarts !== undefined;
    for (let k = 0; k < sentences.length; k++) {
      let ex = sentences[k];
      ex = flattenEntities(ex, opts, dropped, 'CoNLL');
      limit(opts, dropped, 'relations', ex.relations.length, 'CoNLL', 'relations', ex);
      const kept = writable(ex, scheme, opts, dropped);
      if (width < 0) {
        width = ex.columns?.[0]?.length ?? 0;
        filler = width > 0 ? new Array(width).fill('_').join(sep) + sep : '';
      }
      let docLine = ex.docStart;
      if (docLine === undefined && isDoc && k === 0) docLine = [DOCSTART, ...new Array(width).fill('-X-'), 'O'].join(sep);
      // A dropped sentence hands its document marker on to the next one written.
      if (carried !== undefined) docLine = docLine === undefined ? carried : `${carried}\n\n${docLine}`;
      carried = undefined;
      if (kept === null) {
        carried = docLine;
        continue;
      }
      ex = kept;
      const { tags, ioMerges } = encodeTags(ex.tokens.length, ex.entities, scheme);
      if (ioMerges) limit(opts, dropped, 'adjacent same-type entities merged (IO)', ioMerges, 'CoNLL with IO tags', 'adjacent entities of the same type', ex);
      // A sentence is one string made by concatenation: the sink encodes it at once, so the
      // rope never outlives the call, and V8 flattens it faster than Array.join builds it (the
      // join was half of this loop's time: writing CoNLL-2003 train's 14041 sentences took
      // 144-215 ms cold, 53-88 ms warm with it; 135-166 and 45-61 ms with this). A row of
      // extra columns is joined once per distinct row (the reader shares one array per row).
      let out = docLine === undefined ? '' : `${docLine}\n\n`;
      for (let i = 0; i < ex.tokens.length; i++) {
        let tok = ex.tokens[i];
        // A token may hold spaces in a tab-separated file, never the separator or a line break.
        if (needsEscape(tok, sep === '\t')) {
          const what = tok === '' ? 'an empty token' : `the token ${JSON.stringify(tok)} (it holds whitespace or a control character)`;
          limit(opts, dropped, tok === '' ? 'empty tokens (written as _)' : 'tokens with whitespace or control characters (written with _)', 1, 'CoNLL', what, ex);
          tok = escapeToken(tok, sep === '\t');
        }
        const cols = ex.columns?.[i];
        out += tok + sep + (cols && cols.length > 0 ? joinRow(cols) : filler) + tags[i] + '\n';
      }
      out += '\n';
      const pending = sink.write(out);
      if (pending) await pending;
      count++;
    }
  }
  return { examples: count, dropped };
}

export const conll: Format = {
  name: 'conll',
  description: 'CoNLL column file (token ... tag; IOB1, IOB2/BIO, BIOES, BILOU, IO; -DOCSTART- kept)',
  extensions: ['conll', 'txt', 'bio', 'iob', 'iob2', 'bioes', 'tsv', 'conllu'],
  streaming: true,
  read: readConll,
  write: writeConll,
};
