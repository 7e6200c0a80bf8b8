/** Commands whose run directory (or LLM cache) keeps what was done, so a rerun goes on. */
const RESUMABLE = new Set(['augment', 'batch']);

/**
 * The line printed on Ctrl-C. Only a run that keeps its work resumes; the other commands write
 * each output file whole or not at all, so there is nothing to resume and nothing half-written.
 */
export function interruptNote(command: string | undefined): string {
  if (command && RESUMABLE.has(command)) return 'spanforge: interrupted, run the same command again to resume';
  return 'spanforge: interrupted; no output file was written in part (each is written whole or not at all)';
}
