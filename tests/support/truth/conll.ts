import { BAD_CHAR, Report, type CheckOptions, type Violation } from './types.js';
import { bestScheme } from './tags.js';

const DOCSTART = '-DOCSTART-';
const FILLER = '_';

interface Row {
  line: number;
  cells: string[];
}
interface Sentence {
  rows: Row[];
  /** Index of the document (marker group) the sentence belongs to; -1 before any marker. */
  doc: number;
}
interface Parsed {
  sentences: Sentence[];
  /** Line numbers (1-based) of the document marker lines. */
  markers: number[];
  /** Separator-split rows, markers included, for the column count. */
  rows: Row[];
}

/** Split a CoNLL file into document markers and sentences (a marker is a -DOCSTART- line alone
 *  between blank lines; anything else starting with -DOCSTART- is a token). */
function parse(text: string): Parsed {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const sep = lines.some((l) => l.includes('\t')) ? '\t' : ' ';
  const out: Parsed = { sentences: [], markers: [], rows: [] };
  let cur: Row[] = [];
  const flush = () => {
    if (cur.length) out.sentences.push({ rows: cur, doc: out.markers.length - 1 });
    cur = [];
  };
  lines.forEach((l, i) => {
    if (l.trim() === '') return flush();
    const row = { line: i + 1, cells: l.split(sep) };
    out.rows.push(row);
    const alone = cur.length === 0 && (lines[i + 1] ?? '').trim() === '';
    if (row.cells[0] === DOCSTART && alone) out.markers.push(i + 1);
    else cur.push(row);
  });
  flush();
  return out;
}

/** What the seed file says each token's extra columns can be: column -> token -> values. */
function seedColumns(seed: string): { cols: Array<Map<string, Set<string>>>; docs: number } {
  const p = parse(seed);
  const cols: Array<Map<string, Set<string>>> = [];
  for (const s of p.sentences)
    for (const { cells } of s.rows)
      for (let c = 1; c < cells.length - 1; c++) {
        const m = (cols[c] ??= new Map());
        for (const key of [cells[0], cells[0].toLowerCase()]) {
          let set = m.get(key);
          if (!set) m.set(key, (set = new Set()));
          set.add(cells[c]);
        }
      }
  return { cols, docs: p.markers.length };
}

export function checkConll(text: string, opts: CheckOptions = {}): Violation[] {
  const r = new Report('conll');
  const p = parse(text);
  columnCounts(p, r);
  p.sentences.forEach((s, k) => tokens(s, k, r));
  const { scheme, problems } = bestScheme(p.sentences.map((s) => s.rows.map((row) => row.cells[row.cells.length - 1])), opts.scheme);
  for (const [k, i, msg] of problems) r.add(k, 'tag', `line ${p.sentences[k].rows[i].line}: ${msg} (file's scheme: ${scheme})`);
  // A document the seed file itself repeats (CoNLL-2003 valid has one) is not the writer's.
  const inSeed = opts.seed === undefined ? new Set<string>() : duplicateDocuments(parse(opts.seed), new Report('seed'));
  duplicateDocuments(p, r, inSeed);
  if (opts.seed !== undefined) seedChecks(p, opts.seed, r);
  return r.list;
}

/** Every line, markers included, has the same number of columns. */
function columnCounts(p: Parsed, r: Report): void {
  const counts = new Map<number, number>();
  for (const row of p.rows) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sentenceOf = new Map<number, number>();
  p.sentences.forEach((s, k) => s.rows.forEach((row) => sentenceOf.set(row.line, k)));
  for (const row of p.rows)
    if (row.cells.length !== usual) r.add(sentenceOf.get(row.line) ?? -1, 'columns', `line ${row.line}: ${row.cells.length} columns, the file has ${usual}`);
}

/** No empty token, no whitespace or control character, no -DOCSTART- inside a sentence. */
function tokens(s: Sentence, k: number, r: Report): void {
  for (const { line, cells } of s.rows) {
    if (cells.some((c) => c === '' || BAD_CHAR.test(c))) r.add(k, 'token', `line ${line}: an empty cell or one holding whitespace or a control character`);
    if (cells[0] === DOCSTART) r.add(k, 'token', `line ${line}: -DOCSTART- inside a sentence`);
  }
}

/** Two consecutive document groups whose sentences are near copies of each other are one
 *  document written twice (a marker before each variant). */
function duplicateDocuments(p: Parsed, r: Report, skip = new Set<string>()): Set<string> {
  const found = new Set<string>();
  const docs: Array<{ first: number; sents: Sentence[] }> = [];
  p.sentences.forEach((s, k) => {
    if (s.doc < 0) return;
    const d = (docs[s.doc] ??= { first: k, sents: [] });
    d.sents.push(s);
  });
  for (let d = 1; d < docs.length; d++) {
    const [a, b] = [docs[d - 1], docs[d]];
    if (!a || !b || a.sents.length !== b.sents.length) continue;
    const key = words(b.sents[0]).join(' ');
    if (skip.has(key) || !a.sents.every((s, i) => nearCopy(words(s), words(b.sents[i])))) continue;
    found.add(key);
    r.add(b.first, 'docstart', `line ${p.markers[d]}: this document repeats the one before it (a -DOCSTART- marker per variant)`);
  }
  return found;
}

const words = (s: Sentence) => s.rows.map((row) => row.cells[0]);

/** Dice similarity of the token multisets at least 0.6, within a length ratio of 2. */
function nearCopy(a: string[], b: string[]): boolean {
  if (Math.max(a.length, b.length) > 2 * Math.min(a.length, b.length)) return false;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of b) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(w, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length) >= 0.6;
}

/** A column whose every seed value is an IOB chunk tag (CoNLL-2003's third column). */
const IOB_VALUE = /^(?:[BI]-\S+|O)$/;
function chunkColumns(cols: Array<Map<string, Set<string>>>): Set<number> {
  const out = new Set<number>();
  cols.forEach((m, c) => {
    if (m && [...m.values()].every((set) => [...set].every((v) => IOB_VALUE.test(v)))) out.add(c);
  });
  return out;
}

/** Extra columns of a token were seen with that token in the seed file, or are the filler;
 *  a chunk column (context, not the word) instead holds chunks that are well formed, as the
 *  seed file's are: an `I-X` only inside an X chunk. A file never has more documents than its
 *  seed file. */
function seedChecks(p: Parsed, seed: string, r: Report): void {
  const { cols, docs } = seedColumns(seed);
  const chunks = chunkColumns(cols);
  if (p.markers.length > docs) r.add(-1, 'docstart', `${p.markers.length} document markers, the seed file has ${docs}`);
  p.sentences.forEach((s, k) => {
    for (const c of chunks) {
      let prev = 'O';
      for (const { line, cells } of s.rows) {
        const v = cells[c];
        // The filler says nothing: a chunk may go on through it.
        if (v === FILLER) {
          prev = FILLER;
          continue;
        }
        if (!IOB_VALUE.test(v)) r.add(k, `column ${c + 1}`, `line ${line}: '${v}' is not a chunk tag`);
        else if (v.startsWith('I-') && prev !== FILLER && prev.slice(2) !== v.slice(2)) r.add(k, `column ${c + 1}`, `line ${line}: '${cells[0]} ${v}' continues no ${v.slice(2)} chunk (after '${prev}')`);
        prev = v;
      }
    }
    for (const { line, cells } of s.rows)
      for (let c = 1; c < cells.length - 1; c++) {
        const v = cells[c];
        if (v === FILLER || chunks.has(c)) continue;
        const seen = (key: string) => cols[c]?.get(key)?.has(v) === true;
        if (!seen(cells[0]) && !seen(cells[0].toLowerCase())) r.add(k, `column ${c + 1}`, `line ${line}: '${cells[0]} ${v}': the seed file never has '${v}' in column ${c + 1} for this token`);
      }
  });
}
