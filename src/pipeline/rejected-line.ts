import type { RejectionRecord } from './outputs.js';

/**
 * `JSON.stringify` of `rejected.jsonl` rows, faster for the commonest row (a candidate without
 * its example: `id`, `parent`, `op`, `variant`, `reason`, `detail`), whose `op`, `reason` and
 * `detail` are a few strings over a whole run: each is serialised once. Any other row is
 * stringified as it is. Byte-identical to `JSON.stringify(rec)` either way (a property test
 * holds them equal).
 */
export class RejectedLines {
  /** A repeated string -> its JSON. */
  private readonly quoted = new Map<string, string>();

  line(rec: RejectionRecord): string {
    if (!isSlim(rec)) return JSON.stringify(rec);
    return `{"id":${JSON.stringify(rec.id)},"parent":${JSON.stringify(rec.parent)},"op":${this.quote(rec.op)},"variant":${rec.variant},"reason":${this.quote(rec.reason)},"detail":${this.quote(rec.detail)}}`;
  }

  private quote(s: string): string {
    let q = this.quoted.get(s);
    if (q === undefined) {
      q = JSON.stringify(s);
      // Details may name a candidate's words: a bound keeps them from piling up.
      if (this.quoted.size < 1000) this.quoted.set(s, q);
    }
    return q;
  }
}

/** Exactly the keys of a row without its example, in the order `RunOutputs.reject` sets them,
 *  with string values and an integer variant (checked by name only when the count says it may be one). */
function isSlim(rec: RejectionRecord): boolean {
  if (typeof rec.id !== 'string' || typeof rec.parent !== 'string' || typeof rec.op !== 'string' || typeof rec.reason !== 'string' || typeof rec.detail !== 'string' || !Number.isInteger(rec.variant)) return false;
  const keys = Object.keys(rec);
  return keys.length === 6 && keys[0] === 'id' && keys[1] === 'parent' && keys[2] === 'op' && keys[3] === 'variant' && keys[4] === 'reason' && keys[5] === 'detail';
}
