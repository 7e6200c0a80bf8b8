import { runCli } from '../../src/commands/cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `augment` without `--workers` gets `--workers 1` here: on the 2-core CI machine each of the
 * default (one per core) worker threads boots tsx and every module afresh, seconds of CPU per run
 * that vitest's own two workers already need, for output that does not depend on the thread
 * count (tests/integration/workers.test.ts checks that; subprocess tests keep the default).
 */
const oneThread = (args: string[]) => (args[0] === 'augment' && !args.includes('--workers') ? [...args, '--workers', '1'] : args);

/** Run the CLI in-process (same code path as `npx tsx cli.ts`), capturing its output. */
export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'spanforge', ...oneThread(args)], (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}
