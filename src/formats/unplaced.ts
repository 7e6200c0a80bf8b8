import { unalignedTriples } from '../core/unaligned.js';
import { limit } from './limits.js';
import type { ExampleCheck } from './writer-checks.js';

/** What a lossy write counts for a CasRel triple whose argument is not in the text. */
export const UNPLACED_DROPPED = 'relation triples whose argument is not in the text';

/**
 * The CasRel reader keeps a triple whose argument it cannot find in the text as read, with no
 * entity; only the CasRel writer can write it back. Every other format would lose it: its
 * writer fails unless `--lossy`, then counts the triples (registry.ts).
 */
export function unplacedCheck(formatName: string): ExampleCheck {
  const format = `${formatName} output`;
  return (ex, opts, dropped) => {
    const kept = unalignedTriples(ex);
    if (kept.length === 0) return;
    const first = kept[0][1].map((s) => JSON.stringify(s)).join(', ');
    limit(opts, dropped, UNPLACED_DROPPED, kept.length, format, `a relation triple whose argument is not in the text, kept as read from CasRel: [${first}]`, ex);
  };
}
