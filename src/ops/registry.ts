import type { Operation } from './types.js';
import { mentionReplacement } from './span/mention-replacement.js';
import { mentionReplacementV2 } from './span/mention-replacement-v2.js';
import { labelWiseTokenReplacement } from './token/label-wise-token-replacement.js';
import { synonymReplacement } from './token/synonym-replacement.js';
import { shuffleWithinSegments } from './token/shuffle-within-segments.js';
import { tokenNoise } from './token/token-noise.js';
import { labelWiseTokenReplacementV2 } from './token/label-wise-token-replacement-v2.js';
import { synonymReplacementV2 } from './token/synonym-replacement-v2.js';
import { shuffleWithinSegmentsV2 } from './token/shuffle-within-segments-v2.js';
import { tokenNoiseV2 } from './token/token-noise-v2.js';
import { charNoise } from './char/char-noise.js';
import { charNoiseV2 } from './char/char-noise-v2.js';
import { negatives } from './span/negatives.js';
import { negativesV2 } from './span/negatives-v2.js';
import { longTail } from './span/long-tail.js';

import type { LlmOperation } from './sentence/llm-types.js';
import { llmContextRewrite, llmNoise } from './sentence/context-rewrite.js';
import { llmBothLevels, llmEntityReplacement, melmFill } from './sentence/entity-replacement.js';
import { llmLongTail } from './sentence/llm-long-tail.js';
import { llmEntityFree } from './sentence/entity-free.js';

/** Operations that ask a language model (through the LLM port). */
export const LLM_OPERATIONS: ReadonlyArray<LlmOperation<any>> = [llmContextRewrite, llmEntityReplacement, llmBothLevels, llmNoise, melmFill, llmLongTail, llmEntityFree];

/** Offline operations by their versioned, recipe-visible names. */
export const OPERATIONS: ReadonlyArray<Operation<any>> = [
  mentionReplacement,
  mentionReplacementV2,
  labelWiseTokenReplacement,
  synonymReplacement,
  shuffleWithinSegments,
  charNoise,
  tokenNoise,
  negatives,
  negativesV2,
  longTail,
  labelWiseTokenReplacementV2, synonymReplacementV2, shuffleWithinSegmentsV2, tokenNoiseV2,
  charNoiseV2,
];

export function findOperation(name: string): Operation<any> | undefined {
  return OPERATIONS.find((o) => o.name === name);
}

export function findLlmOperation(name: string): LlmOperation<any> | undefined {
  return LLM_OPERATIONS.find((o) => o.name === name);
}

export const ALL_OPERATION_NAMES = [...OPERATIONS, ...LLM_OPERATIONS].map((o) => o.name);
