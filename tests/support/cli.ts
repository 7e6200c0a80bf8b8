import { runCli } from '../../src/commands/cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process (same code path as `npx tsx cli.ts`), capturing its output. */
export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'spanforge', ...args], (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}
