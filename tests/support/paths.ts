import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared real datasets (read in place, never copied). */
export const DATA = path.resolve(ROOT, '../shared/data');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const data = (p: string) => path.join(DATA, p);
export const tmpDir = (prefix = 'spanforge-') => mkdtempSync(path.join(os.tmpdir(), prefix));
