import { statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './errors.js';

/** Whether two paths name one file: the same path, or the same file reached another way (a
 *  symbolic or hard link, `./x` against `x`). A path that does not exist is only its path. */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** A path that cannot be reached (no such file, a file where a folder should be) is no file. */
function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** Refuse an output that is the input: it would be replaced before (or while) it is read. */
export function refuseOverwrite(input: string, output: string): void {
  if (sameFile(input, output)) throw new UserError('the output would overwrite the input; choose another output path', { file: output });
}
