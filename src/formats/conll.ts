import type { Example } from '../core/model.js';
import { decodeTags, encodeTags, guessScheme, splitTag, type TagScheme } from '../core/tags.js';
import { checkExample } from '../core/check.js';
import { stat } from 'node:fs/promises';
import { readHead, readLineBatches } from './input.js';
import { Reporter } from './reporter.js';
import { flattenEntities, limit, toSentences } from './limits.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';

const DOCSTART = '-DOCSTART-';
const WHITESPACE = /\s/;

export interface ConllLayout {
  separator: '\t' | ' ';
  columns: number;
  scheme: TagScheme | null;
}

function splitLine(line: string, tab: boolean): string[] {
  if (tab) return line.split('\t');
  const cols = line.split(' ');
  // Runs of spaces or edge spaces give empty fields: fall back to the slow, tolerant split.
  for (let i = 0; i < cols.length; i++) if (cols[i] === '') return line.trim().split(/ +/);
  return cols;
}

/** Blank line test without allocating a trimmed copy. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
}

const layoutCache = new Map<string, ConllLayout>();

/** Look at the start of a CoNLL file: separator, column count, tag scheme. */
export function detectConllLayout(head: string, tagColumn?: number): ConllLayout {
  const lines = head.split('\n');
  if (lines.length > 1) lines.pop(); // possibly cut mid-line
  let separator: '\t' | ' ' = ' ';
  let columns = 0;
  const votes = new Map<TagScheme, number>();
  let tags: string[] = [];
  const vote = () => {
    const g = guessScheme(tags);
    if (g) votes.set(g, (votes.get(g) ?? 0) + 1);
    tags = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      vote();
      continue;
    }
    if (columns === 0 && line.includes('\t')) separator = '\t';
    const cols = splitLine(line, separator === '\t');
    if (cols[0] === DOCSTART) continue;
    if (columns === 0) columns = cols.length;
    const ti = tagColumn ? tagColumn - 1 : cols.length - 1;
    if (cols.length > 1 && cols[ti] !== undefined) tags.push(cols[ti]);
  }
  vote();
  // Strong signals win over weak ones: any E/S or L/U sentence decides the scheme.
  let scheme: TagScheme | null = null;
  for (const s of ['BIOES', 'BILOU', 'IO'] as const) if (votes.get(s)) return { separator, columns, scheme: s };
  const iob1 = votes.get('IOB1') ?? 0;
  const iob2 = votes.get('IOB2') ?? 0;
  if (iob1 || iob2) scheme = iob1 > iob2 ? 'IOB1' : 'IOB2';
  return { separator, columns, scheme };
}

export async function detectConllFile(file: string, tagColumn?: number): Promise<ConllLayout> {
  const st = await stat(file);
  const key = `${file}\0${st.size}\0${st.mtimeMs}\0${tagColumn ?? ''}`;
  let layout = layoutCache.get(key);
  if (!layout) {
    layout = detectConllLayout(await readHead(file, 1 << 20), tagColumn);
    if (layoutCache.size > 32) layoutCache.clear();
    layoutCache.set(key, layout);
  }
  return layout;
}

async function* readConll(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  const layout = await detectConllFile(file, opts.tagColumn);
  const scheme = opts.scheme ?? layout.scheme ?? undefined;
  const tab = layout.separator === '\t';
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
    const { entities, issues } = decodeTags(tags, scheme);
    for (const issue of issues) reporter.soft('invalid tag sequence (decoded tolerantly)', { file, line: firstLine + issue.index }, `invalid ${scheme} tag sequence: ${issue.message}`);
    const ex: Example = { id: String(index++), tokens, entities, relations: [] };
    if (hasExtraCols) ex.columns = columns;
    if (docStart !== undefined) ex.docStart = docStart;
    for (const p of checkExample(ex)) reporter.problem({ file, line: firstLine }, `${p.path}: ${p.message}`);
    tokens = [];
    tags = [];
    columns = [];
    docStart = undefined;
    return ex;
  };

  for await (const batch of readLineBatches(file, opts.progress)) {
    const lines = batch.lines;
    for (let li = 0; li < lines.length; li++) {
      const line = lines[li];
      const lineNo = batch.first + li;
      if (isBlank(line)) {
        const ex = flush();
        if (ex) yield ex; // at once: examples held per batch would outlive the young generation
        continue;
      }
      // Fast path: a well-formed line with the tag last is cut with indexOf, not split.
      const sepChar = tab ? '\t' : ' ';
      const first = line.indexOf(sepChar);
      const last = line.lastIndexOf(sepChar);
      const simple = !opts.tagColumn && first > 0 && last < line.length - 1 && (tab || (line.indexOf('  ') < 0 && line.charCodeAt(line.length - 1) !== 32));
      let token: string;
      let tag: string;
      let middle: string[] | null = null;
      let ncols: number;
      if (simple) {
        token = line.slice(0, first);
        if (token === DOCSTART) {
          const ex = flush();
          if (ex) yield ex;
          docStart = docStart === undefined ? line : `${docStart}\n\n${line}`;
          continue;
        }
        tag = line.slice(last + 1);
        middle = first === last ? [] : line.slice(first + 1, last).split(sepChar);
        ncols = middle.length + 2;
      } else {
        const cols = splitLine(line, tab);
        if (cols[0] === DOCSTART) {
          const ex = flush();
          if (ex) yield ex;
          docStart = docStart === undefined ? line : `${docStart}\n\n${line}`;
          continue;
        }
        ncols = cols.length;
        const ti = opts.tagColumn ? opts.tagColumn - 1 : cols.length - 1;
        if (ncols >= 2 && (ti <= 0 || ti >= cols.length)) {
          reporter.problem({ file, line: lineNo }, `tag column ${ti + 1} does not exist (the line has ${cols.length} columns)`);
          continue;
        }
        token = cols[0];
        tag = cols[ti] ?? '';
        middle = cols.filter((_, k) => k !== 0 && k !== ti);
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
      if (tag !== 'O' && splitTag(tag).type === '') {
        reporter.problem({ file, line: lineNo }, `malformed tag "${tag}"`);
        continue;
      }
      if (tokens.length === 0) firstLine = lineNo;
      tokens.push(token);
      tags.push(tag);
      if (hasExtraCols) columns.push(middle!);
    }
  }
  const ex = flush();
  if (ex) yield ex;
}

async function writeConll(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const scheme = opts.scheme ?? 'IOB2';
  const sep = opts.separator ?? ' ';
  const dropped: Dropped = {};
  let count = 0;
  let width = -1;
  for await (const doc of examples) {
    const sentences = toSentences(doc, opts, dropped, 'CoNLL');
    const isDoc = (doc.sentenceStarts?.length ?? 0) > 1;
    for (let k = 0; k < sentences.length; k++) {
      let ex = sentences[k];
      ex = flattenEntities(ex, opts, dropped, 'CoNLL');
      limit(opts, dropped, 'relations', ex.relations.length, 'CoNLL', 'relations', ex);
      if (width < 0) width = ex.columns?.[0]?.length ?? 0;
      let docLine = ex.docStart;
      if (docLine === undefined && isDoc && k === 0) docLine = [DOCSTART, ...new Array(width).fill('-X-'), 'O'].join(sep);
      const { tags, ioMerges } = encodeTags(ex.tokens.length, ex.entities, scheme);
      if (ioMerges) limit(opts, dropped, 'adjacent same-type entities merged (IO)', ioMerges, 'CoNLL with IO tags', 'adjacent entities of the same type', ex);
      // Parts joined once per sentence: a flat string, not a rope of many small ones.
      const parts: string[] = [];
      if (docLine !== undefined) parts.push(docLine, '\n\n');
      const filler = width > 0 ? new Array(width).fill('_').join(sep) : '';
      for (let i = 0; i < ex.tokens.length; i++) {
        let tok = ex.tokens[i];
        // A token may hold spaces in a tab-separated file, never the separator or a line break.
        if (tok === '' || (sep === '\t' ? /[\t\n\r]/.test(tok) : WHITESPACE.test(tok))) {
          limit(opts, dropped, 'whitespace in tokens replaced by _', 1, 'CoNLL', 'tokens that are empty or contain whitespace', ex);
          tok = tok.replace(/\s/g, '_') || '_';
        }
        const cols = ex.columns?.[i];
        parts.push(tok, sep);
        if (cols && cols.length > 0) {
          for (let c = 0; c < cols.length; c++) parts.push(cols[c], sep);
        } else if (width > 0) parts.push(filler, sep);
        parts.push(tags[i], '\n');
      }
      parts.push('\n');
      const out = parts.join('');
      await sink.write(out);
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
