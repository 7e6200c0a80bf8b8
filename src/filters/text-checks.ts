import type { Example } from '../core/model.js';
import { exampleText } from '../core/model.js';
import type { Rejection } from './consistency.js';
import { CHATTER } from '../llm/chatter.js';

/** Phrases a model leaks into its output (they live beside the markup parser's line checks). */
export { CHATTER };

/** Chatter in a candidate that its seed does not already have ("EDITOR'S NOTE:" in the data is not chatter). */
export function leakedChatter(ex: Example, extra: readonly string[] = [], seed?: Example): Rejection | null {
  const text = exampleText(ex);
  const seedText = seed ? exampleText(seed) : '';
  for (const re of [...CHATTER, ...extra.map((p) => new RegExp(p, 'i'))]) {
    const m = re.exec(text);
    if (m && !(seed && re.test(seedText))) return { reason: 'leaked_chatter', detail: `model chatter in the output: "${m[0].trim().slice(0, 60)}"` };
  }
  return null;
}

/** Candidate length against its seed's, in tokens. */
export function lengthRatio(ex: Example, parent: Example, min: number, max: number): Rejection | null {
  const r = ex.tokens.length / Math.max(1, parent.tokens.length);
  if (r < min || r > max) return { reason: 'length_ratio', detail: `${ex.tokens.length} tokens for a seed of ${parent.tokens.length} (ratio ${r.toFixed(2)}, allowed ${min}-${max})` };
  return null;
}
