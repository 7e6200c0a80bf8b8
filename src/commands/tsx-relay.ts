import { spawn } from 'node:child_process';

/**
 * True when this process is the child the `tsx` command started (`npx tsx cli.ts`). tsx relays
 * Ctrl-C to that child and kills it outright when it does not answer within about 60 ms,
 * which a run busy building its models cannot promise: its temporary files would stay.
 */
export function underTsxCommand(): boolean {
  return process.execArgv.some((a) => /[\\/]tsx[\\/]dist[\\/]preflight\.c?js$/.test(a));
}

/**
 * Run the command in a child process of its own (`bin/spanforge.js`: the compiled CLI, or the
 * sources when they are newer) and only wait here: this process stays free to answer tsx at
 * once, and the child, which gets the terminal's Ctrl-C as well, cleans up in its own time.
 * Resolves with the child's exit code (128 + the signal's number when a signal ended it).
 */
export function runInChild(bin: string, args: string[]): Promise<number> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit' });
  const relay = (sig: NodeJS.Signals) => () => {
    // A signal sent to this process alone (not to the terminal's whole group) goes on too;
    // the child's handler runs once and exits.
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((sig) => [sig, relay(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : signal === 'SIGTERM' ? 15 : 9));
    });
    child.on('error', (err) => {
      process.stderr.write(`spanforge: error: cannot start ${bin}: ${err.message}\n`);
      resolve(1);
    });
  });
}
