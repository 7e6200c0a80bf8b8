/** What the type-fit benches (type-fit-real.ts, type-coverage.ts) read: the first `train`
 *  sentences of each data set as seeds, the next `test` held back. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from '../src/core/model.js';
import { openInput } from '../src/formats/open.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const TYPE_FIT_SETS: ReadonlyArray<[string, string]> = [
  ['conll04', '../shared/data/conll04/conll04_train.json'],
  ['conll2003', '../shared/data/conll2003/train.txt'],
];

/** Seeds and held-back sentences of one data set. */
export async function seedsAndHeld(file: string, train: number, test: number): Promise<{ seeds: Example[]; held: Example[] }> {
  const inp = await openInput(path.resolve(ROOT, file), {});
  const seeds: Example[] = [];
  const held: Example[] = [];
  for await (const ex of inp.examples) {
    if (seeds.length < train) seeds.push(ex);
    else if (held.length < test) held.push(ex);
    else break;
  }
  return { seeds, held };
}
