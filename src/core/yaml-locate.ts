import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { UserError } from './errors.js';

/** Line and column (1-based) of a place in a YAML file. */
export interface TextPos {
  line: number;
  column: number;
}

/** A recipe's YAML, parsed, with a way back from a field path to where it is written. */
export interface ParsedYaml {
  value: unknown;
  /** Where the field at `path` is written: the key of a misspelt field, else its value; the
   *  nearest written parent when the field itself is missing. */
  locate(path: readonly PropertyKey[], key?: string): TextPos | undefined;
}

/** Parse YAML; a syntax error is a UserError at its line and column. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    // yaml's own message ends with "at line L, column C:"; the place goes first, as file:line:column.
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new UserError(`malformed YAML: ${msg}`, { file, line: pos.line, column: pos.col });
  }
  const at = (offset: number): TextPos => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return { value: doc.toJS(), locate: (path, key) => locate(doc, path, key, at) };
}

function locate(doc: Document, path: readonly PropertyKey[], key: string | undefined, at: (offset: number) => TextPos): TextPos | undefined {
  let node: Node | null = doc.contents;
  for (const k of path) {
    const child = childOf(node, k);
    if (!child) break;
    node = child;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
  }
  return node?.range ? at(node.range[0]) : undefined;
}

function childOf(node: Node | null, k: PropertyKey): Node | null {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
    return pair && isNode(pair.value) ? pair.value : null;
  }
  if (isSeq(node) && typeof k === 'number') {
    const item = node.items[k];
    return isNode(item) ? item : null;
  }
  return null;
}
