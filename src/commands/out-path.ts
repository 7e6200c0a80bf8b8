import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { folderError } from '../core/folder-error.js';

/** Create the folder an output file goes into, as `augment` creates its run directory. */
export async function ensureParentDir(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  await fsp.mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new UserError(`cannot create the output's folder ${path.dirname(file)}: ${folderError(err)}`, { file });
  });
}
