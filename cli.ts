#!/usr/bin/env -S npx tsx
/** spanforge command line: parses arguments and hands over to src/commands. */
import { runCli } from './src/commands/cli.js';

// Output piped into `head` and closed early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await runCli(process.argv);
