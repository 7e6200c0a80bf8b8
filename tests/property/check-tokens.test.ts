import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkExample, type Problem } from '../../src/core/check.js';

// What checkExample says of a token, as it said it with a regex per token (the reference).
function reference(t: string): 'hard' | 'ws' | 'sep' | null {
  if (t.length === 0) return 'hard';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(t)) return 'hard'; // soft or hard by kind: compared below by message
  if (/^\s+$/u.test(t)) return 'ws';
  if (/[\u2028\u2029]/.test(t)) return 'sep';
  return null;
}

const chars = fc.constantFrom(' ', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', 'a', 'Z', '1', '\t', '\u0085', 'é');
const token = fc.array(chars, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));

describe('checkExample on tokens', () => {
  it('finds whitespace-only tokens and line separators as the regexes did, and only when asked', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), (tokens) => {
        const soft: Problem[] = [];
        const hard = checkExample({ id: 'x', tokens, entities: [], relations: [] }, soft);
        const none = checkExample({ id: 'x', tokens, entities: [], relations: [] });
        expect(none).toEqual(hard);
        tokens.forEach((t, i) => {
          const at = `tokens[${i}]`;
          const said = soft.filter((p) => p.path === at).concat(hard.filter((p) => p.path === at));
          const want = reference(t);
          if (want === null) expect(said).toEqual([]);
          else if (want === 'ws') expect(said.map((p) => p.kind)).toEqual(['tokens of whitespace only']);
          else if (want === 'sep') expect(said.map((p) => p.message)).toEqual([expect.stringMatching(/holds a line separator$/)]);
          else expect(said).toHaveLength(1);
        });
      }),
      { numRuns: 500 },
    );
  });
});
