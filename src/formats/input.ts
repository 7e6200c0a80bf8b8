import { createReadStream, promises as fsp } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { UserError } from '../core/errors.js';

/** Check that `file` exists, is a regular file and is not empty. */
export async function checkInputFile(file: string): Promise<number> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('no such file', { file });
    if (code === 'EACCES') throw new UserError('permission denied', { file });
    throw new UserError(`cannot read: ${(err as Error).message}`, { file });
  }
  if (st.isDirectory()) throw new UserError('is a directory, expected a file', { file });
  if (st.size === 0) throw new UserError('file is empty', { file });
  return st.size;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    if (i + need >= buf.length) return i; // truncated sequence
    for (let k = 1; k <= need; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

function lineOfOffset(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function invalidUtf8(file: string, buf: Uint8Array, baseLine: number): UserError {
  const off = firstInvalidUtf8(buf);
  const line = off >= 0 ? baseLine + lineOfOffset(buf, off) - 1 : baseLine;
  return new UserError('invalid UTF-8 (the file must be UTF-8 encoded)', { file, line });
}

/** Read a whole file as UTF-8 text, rejecting invalid bytes with their line. */
export async function readText(file: string): Promise<string> {
  await checkInputFile(file);
  const buf = await fsp.readFile(file);
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') throw new UserError('file is empty (only whitespace)', { file });
    return text;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw invalidUtf8(file, buf, 1);
  }
}

/**
 * Stream a file as batches of whole lines (one batch per ~1 MB read): `text` holds complete
 * lines joined by '\n' (no final line end; a line may still end in '\r'), `first` is the
 * 1-based number of its first line. Readers that scan `text` themselves avoid allocating one
 * string per line, which is most of the cost of reading a big CoNLL file.
 */
export async function* readTextBatches(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<{ text: string; first: number }> {
  await checkInputFile(file);
  let rest = '';
  let carry: Buffer | null = null;
  let lineNo = 0;
  let first = true;
  let sawContent = false;
  let bytes = 0;
  for await (const raw of createReadStream(file, { highWaterMark: 1 << 20 })) {
    let chunk = raw as Buffer;
    bytes += chunk.length;
    onBytes?.(bytes);
    if (carry) chunk = Buffer.concat([carry, chunk]);
    // Cut after the last complete UTF-8 sequence; the tail waits for the next chunk.
    const cut = completeUtf8Length(chunk);
    carry = cut < chunk.length ? chunk.subarray(cut) : null;
    // Buffer#toString gives compact one-byte strings for ASCII text (TextDecoder may not),
    // which makes every later string operation faster; isUtf8 keeps the strictness.
    if (!isUtf8(chunk.subarray(0, cut))) throw invalidUtf8(file, chunk, lineNo + 1 + countNewlines(rest));
    let text = chunk.toString('utf8', 0, cut);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    text = rest + text;
    const nl = text.lastIndexOf('\n');
    if (nl < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(nl + 1);
    const body = text.slice(0, nl);
    if (!sawContent) sawContent = !isAllWhitespace(body);
    yield { text: body, first: lineNo + 1 };
    lineNo += countNewlines(body) + 1;
  }
  if (carry) throw new UserError('invalid UTF-8 at the end of the file (a truncated character)', { file, line: lineNo + 1 });
  if (rest.length > 0) {
    if (!isAllWhitespace(rest)) sawContent = true;
    yield { text: rest, first: lineNo + 1 };
  }
  if (!sawContent) throw new UserError('file is empty (only whitespace)', { file });
}

function isAllWhitespace(s: string): boolean {
  return /^\s*$/.test(s);
}

/** Stream a file's lines in batches: `lines` without their line ends, `first` the 1-based number of the first. */
export async function* readLineBatches(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<{ lines: string[]; first: number }> {
  for await (const { text, first } of readTextBatches(file, onBytes)) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
    yield { lines, first };
  }
}

/** Length of the prefix of `buf` that ends on a UTF-8 character boundary. */
function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (b < 0x80) return n;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return back >= need ? n : n - back;
  }
  return n;
}

/** Stream a file's lines (without their line ends) with 1-based line numbers. */
export async function* readLines(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<[string, number]> {
  for await (const { lines, first } of readLineBatches(file, onBytes)) {
    for (let i = 0; i < lines.length; i++) yield [lines[i], first + i];
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** JSON.parse with the error's line and column named. */
export function parseJson(text: string, file: string, baseLine = 1): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg) ?? (() => {
      const at = findJsonError(text);
      return at >= 0 ? ['', String(at)] : null;
    })();
    let line = baseLine;
    let detail = msg.replace(/^JSON\.parse: /, '');
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      line = baseLine + countNewlines(before);
      const col = pos - before.lastIndexOf('\n');
      detail = `${detail.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '').replace(/, .* is not valid JSON$/s, '')} (column ${col})`;
    }
    throw new UserError(`malformed JSON: ${detail}`, { file, line });
  }
}

/** Read a whole JSON file. */
export async function readJson(file: string): Promise<unknown> {
  return parseJson(await readText(file), file);
}

/** Stream JSON lines: yields [value, lineNo]; blank lines are skipped. */
export async function* readJsonLines(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<[unknown, number]> {
  for await (const [line, lineNo] of readLines(file, onBytes)) {
    if (line.trim() === '') continue;
    yield [parseJson(line, file, lineNo), lineNo];
  }
}

/** The first `bytes` of a file as text (for format detection). */
export async function readHead(file: string, bytes = 65536): Promise<string> {
  await checkInputFile(file);
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/**
 * Offset of the first syntax error in JSON text, or -1. Node 20's JSON.parse does not always
 * say where it failed; this small scanner does, so the error can name the line.
 */
export function findJsonError(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = () => {
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= n) fail();
    i++;
  };
  const value = (depth: number): void => {
    ws();
    if (depth > 10000) fail();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    } else if (c === '"') str();
    else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value(0);
    ws();
    return i < n ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}
