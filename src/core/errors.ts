/**
 * A mistake in the user's input or command line. The CLI prints its message (no stack trace)
 * and exits 1; anything else that escapes is a bug.
 */
export interface Location {
  file?: string;
  line?: number;
  /** 1-based column on that line (YAML recipes). */
  column?: number;
  /** JSON path of the bad field, zod-style: `[12].entities[0].end`. */
  path?: string;
}

export class UserError extends Error {
  readonly loc: Location;
  constructor(message: string, loc: Location = {}) {
    super(message);
    this.name = 'UserError';
    this.loc = loc;
  }
  /** `file:line: message` or `file: path: message`. */
  format(): string {
    return formatProblem(this.loc, this.message);
  }
}

export function formatProblem(loc: Location, message: string): string {
  const parts: string[] = [];
  const col = loc.line !== undefined && loc.column !== undefined ? `:${loc.column}` : '';
  if (loc.file) parts.push(loc.line !== undefined ? `${loc.file}:${loc.line}${col}` : loc.file);
  else if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.path) parts.push(loc.path);
  parts.push(message);
  return parts.join(': ');
}

/** Render a zod-style path (array of keys) as `[3].entities[0].end`. */
export function pathToString(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
