import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { getFormat } from '../../src/formats/registry.js';
import { Reporter } from '../../src/formats/reporter.js';
import { tmpDir } from './paths.js';

/** Read `content`, saved as a file called `name`, in one format. */
export async function readAs(format: string, name: string, content: string, reporter = new Reporter('strict')): Promise<Example[]> {
  const file = path.join(tmpDir(), name);
  writeFileSync(file, content);
  const out: Example[] = [];
  for await (const ex of getFormat(format).read(file, { reporter })) out.push(ex);
  return out;
}

/** What one format's writer writes for these examples. */
export async function writeAs(format: string, exs: Example[]): Promise<string> {
  let text = '';
  await getFormat(format).write(exs, { write: (s: string) => void (text += s) });
  return text;
}

/** The first `n` sentences of a CoNLL file (small data: a test must not depend on the machine's speed). */
export async function firstSentences(file: string, n: number): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of getFormat('conll').read(file)) {
    out.push(ex);
    if (out.length >= n) break;
  }
  return out;
}
