#!/usr/bin/env -S npx tsx
/** spanforge command line: parses arguments and hands over to src/commands. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from './src/package-info.js';
import { exitOnInterrupt } from './src/formats/atomic.js';
import { interruptNote } from './src/commands/interrupt-note.js';
import { runInChild, underTsxCommand } from './src/commands/tsx-relay.js';

// Output piped into `head` and closed early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Asked often (by scripts, to check an install): answered without loading the commands.
  process.stdout.write(VERSION + '\n');
} else if (underTsxCommand()) {
  // `npx tsx cli.ts`: the work runs in a child that tsx cannot kill mid-write (see tsx-relay).
  process.exitCode = await runInChild(path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin', 'spanforge.js'), args);
} else {
  // Ctrl-C: temporary files removed, one line, exit 130; a run directory resumes where it stopped.
  exitOnInterrupt(interruptNote(args[0]));
  const { runCli } = await import('./src/commands/cli.js');
  process.exitCode = await runCli(process.argv);
}
