#!/usr/bin/env node
// The spanforge command. It runs the compiled CLI in dist/ (built by `npm ci` / `npm install`
// through `prepare`, and shipped in the package). In a checkout whose sources are newer than
// dist/ (edited since the last build), it runs the sources through tsx instead, so an edit is
// never silently ignored.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'cli.js');
const source = path.join(root, 'cli.ts');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

// An installed package has no sources: dist/ is all there is.
const checkout = existsSync(source);
const fresh = existsSync(built) && (!checkout || statSync(built).mtimeMs >= Math.max(statSync(source).mtimeMs, newestSource(path.join(root, 'src'))));
if (fresh) {
  await import(pathToFileURL(built).href);
} else if (checkout) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  process.stderr.write(`spanforge: error: ${built} is missing: the package is incomplete; reinstall it\n`);
  process.exit(1);
}
