#!/usr/bin/env -S npx tsx
/** spanforge command line: parses arguments and hands over to src/commands. */
import { runCli } from './src/commands/cli.js';

process.exitCode = await runCli(process.argv);
