#!/usr/bin/env node
// Runs before `npm test`: the report.html test drives Debian's Chromium. Install it when it is
// missing and this machine can (root with apt-get, as on CI); otherwise say why that test will skip.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasApt = false;
try {
  execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
  hasApt = true;
} catch {
  hasApt = false;
}
if (!isRoot || !hasApt) {
  console.error(`note: no Chromium at ${path} and no way to install it here (needs root and apt-get); the report.html browser test will be skipped${process.env.CI ? ' — and fail, since CI is set' : ''}.`);
  process.exit(0);
}
console.error('installing Debian chromium for the report.html browser test...');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: ['ignore', 'ignore', 'inherit'], shell: '/bin/sh' });
} catch (err) {
  console.error(`could not install chromium: ${err.message}`);
  process.exit(process.env.CI ? 1 : 0);
}
