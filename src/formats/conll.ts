import type { Example } from '../core/model.js';
import { decodeTags, encodeTags, guessScheme, splitTag, type TagScheme } from '../core/tags.js';
import { checkExample } from '../core/check.js';
import { readHead, readLines } from './input.js';
import { Reporter } from './reporter.js';
import { bump, flattenEntities, limit, toSentences } from './limits.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';

const DOCSTART = '-DOCSTART-';

export interface ConllLayout {
  separator: '\t' | ' ';
  columns: number;
  scheme: TagScheme | null;
}

function splitLine(line: string, tab: boolean): string[] {
  return tab ? line.split('\t') : line.trim().split(/ +/);
}

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
  return detectConllLayout(await readHead(file, 1 << 20), tagColumn);
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

  for await (const [line, lineNo] of readLines(file)) {
    if (line.trim() === '') {
      const ex = flush();
      if (ex) yield ex;
      continue;
    }
    const cols = splitLine(line, tab);
    if (cols[0] === DOCSTART) {
      const ex = flush();
      if (ex) yield ex;
      docStart = docStart === undefined ? line : `${docStart}\n\n${line}`;
      continue;
    }
    if (expectCols === 0) {
      expectCols = cols.length;
      if (expectCols < 2) {
        reporter.problem({ file, line: lineNo }, 'a CoNLL line needs at least a token and a tag column');
        expectCols = 0;
        continue;
      }
      hasExtraCols = expectCols > 2;
    }
    if (cols.length !== expectCols) {
      reporter.problem(
        { file, line: lineNo },
        `line has ${cols.length} column${cols.length === 1 ? '' : 's'}, expected ${expectCols} like the first token line${cols.length < expectCols ? ' (missing tag or column?)' : ''}`,
      );
      continue;
    }
    const ti = opts.tagColumn ? opts.tagColumn - 1 : cols.length - 1;
    if (ti <= 0 || ti >= cols.length) {
      reporter.problem({ file, line: lineNo }, `tag column ${ti + 1} does not exist (the line has ${cols.length} columns)`);
      continue;
    }
    const tag = cols[ti];
    if (tag !== 'O' && splitTag(tag).type === '') {
      reporter.problem({ file, line: lineNo }, `malformed tag "${tag}"`);
      continue;
    }
    if (tokens.length === 0) firstLine = lineNo;
    tokens.push(cols[0]);
    tags.push(tag);
    if (hasExtraCols) columns.push(cols.filter((_, k) => k !== 0 && k !== ti));
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
      let out = docLine !== undefined ? `${docLine}\n\n` : '';
      for (let i = 0; i < ex.tokens.length; i++) {
        let tok = ex.tokens[i];
        if (/\s/.test(tok) || tok === '') {
          limit(opts, dropped, 'whitespace in tokens replaced by _', 1, 'CoNLL', 'tokens that are empty or contain whitespace', ex);
          tok = tok.replace(/\s/g, '_') || '_';
        }
        const cols = ex.columns?.[i];
        if (cols && cols.length > 0) out += tok + sep + cols.join(sep) + sep + tags[i] + '\n';
        else if (width > 0) out += tok + sep + new Array(width).fill('_').join(sep) + sep + tags[i] + '\n';
        else out += tok + sep + tags[i] + '\n';
      }
      await sink.write(out + '\n');
      count++;
    }
  }
  if (count === 0) bump(dropped, 'nothing to write', 0);
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
