import type { Example } from '../core/model.js';
import { bump } from './limits.js';
import type { Dropped, Format, WriteOptions } from './types.js';

/** A limit a writer does not know of itself (coreference, CasRel's unplaced triples), checked
 *  per example: it throws without --lossy and counts in `dropped` with it (limits.ts `limit`). */
export type ExampleCheck = (ex: Example, opts: WriteOptions, dropped: Dropped) => void;

/**
 * A format whose writer runs `checks` on every example first, their counts joined to its own.
 * One pass and at most one generator between the caller and the writer, whatever the number of
 * checks; a list is checked whole and handed on as it is.
 */
export function withChecks(f: Format, checks: readonly ExampleCheck[]): Format {
  if (checks.length === 0) return f;
  return {
    ...f,
    async write(examples, sink, opts = {}) {
      const dropped: Dropped = {};
      const run = (ex: Example) => {
        for (const c of checks) c(ex, opts, dropped);
      };
      let input = examples;
      if (Array.isArray(examples)) (examples as Example[]).forEach(run);
      else
        input = (async function* () {
          for await (const ex of examples) {
            run(ex);
            yield ex;
          }
        })();
      const summary = await f.write(input, sink, opts);
      for (const [k, n] of Object.entries(dropped)) bump(summary.dropped, k, n);
      return summary;
    },
  };
}
