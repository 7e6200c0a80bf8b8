import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import os from 'node:os';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared real datasets (read in place, never copied). */
export const DATA = path.resolve(ROOT, '../shared/data');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const data = (p: string) => path.join(DATA, p);
const made: string[] = [];
/** A fresh temporary directory, removed when the test file is done. */
export const tmpDir = (prefix = 'spanforge-') => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});
