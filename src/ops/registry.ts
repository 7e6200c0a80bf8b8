import type { Operation } from './types.js';
import { mentionReplacement } from './span/mention-replacement.js';
import { labelWiseTokenReplacement } from './token/label-wise-token-replacement.js';
import { synonymReplacement } from './token/synonym-replacement.js';
import { shuffleWithinSegments } from './token/shuffle-within-segments.js';
import { tokenNoise } from './token/token-noise.js';
import { charNoise } from './char/char-noise.js';

/** Operations by their versioned, recipe-visible names. */
export const OPERATIONS: ReadonlyArray<Operation<any>> = [
  mentionReplacement,
  labelWiseTokenReplacement,
  synonymReplacement,
  shuffleWithinSegments,
  charNoise,
  tokenNoise,
];

export function findOperation(name: string): Operation<any> | undefined {
  return OPERATIONS.find((o) => o.name === name);
}
