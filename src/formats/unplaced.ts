import type { Example } from '../core/model.js';
import { unalignedTriples } from '../core/unaligned.js';
import { bump, limit } from './limits.js';
import type { Dropped, Format, WriteOptions } from './types.js';

/** What a lossy write counts for a CasRel triple whose argument is not in the text. */
export const UNPLACED_DROPPED = 'relation triples whose argument is not in the text';

function check(ex: Example, opts: WriteOptions, dropped: Dropped, format: string): void {
  const kept = unalignedTriples(ex);
  const first = kept[0]?.[1].map((s) => JSON.stringify(s)).join(', ');
  limit(opts, dropped, UNPLACED_DROPPED, kept.length, format, `a relation triple whose argument is not in the text, kept as read from CasRel: [${first}]`, ex);
}

async function* checked(examples: AsyncIterable<Example> | Iterable<Example>, opts: WriteOptions, dropped: Dropped, format: string): AsyncGenerator<Example> {
  for await (const ex of examples) {
    check(ex, opts, dropped, format);
    yield ex;
  }
}

/**
 * The CasRel reader keeps a triple whose argument it cannot find in the text as read, with no
 * entity; only the CasRel writer can write it back. Every other format would lose it, so its
 * writer is wrapped: fail unless `--lossy`, then count the triples.
 */
export function guardUnplaced(f: Format): Format {
  if (f.name === 'casrel') return f;
  return {
    ...f,
    async write(examples, sink, opts = {}) {
      const dropped: Dropped = {};
      // A list is checked as a whole first and handed on as it is (no extra asynchronous step).
      const format = `${f.name} output`;
      let input = examples;
      if (Array.isArray(examples)) for (const ex of examples) check(ex, opts, dropped, format);
      else input = checked(examples, opts, dropped, format);
      const summary = await f.write(input, sink, opts);
      for (const [k, n] of Object.entries(dropped)) bump(summary.dropped, k, n);
      return summary;
    },
  };
}
