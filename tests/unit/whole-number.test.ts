import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wholeNumber } from '../../src/commands/whole-number.js';
import { runCli } from '../../src/commands/cli.js';

describe('whole-number flags', () => {
  it('takes decimal digits within range', () => {
    expect(wholeNumber('42', '--limit', 1)).toBe(42);
    expect(wholeNumber(' 7 ', '--limit', 1)).toBe(7);
    expect(wholeNumber('0', '--seed', 0)).toBe(0);
    expect(wholeNumber('9007199254740991', '--seed', 0)).toBe(9007199254740991);
  });

  it('refuses what Number() would take but a person did not mean', () => {
    for (const v of ['1e2', '0x10', '2.5', '', ' ', 'abc', '1_000', 'Infinity'])
      expect(() => wholeNumber(v, '--limit', 1), v).toThrow(`--limit must be a positive integer, got "${v}"`);
    expect(() => wholeNumber('0', '--limit', 1)).toThrow(/positive integer/);
    expect(() => wholeNumber('-1', '--resamples', 0)).toThrow(/--resamples must be a non-negative integer/);
    expect(() => wholeNumber('1', '--k', 2)).toThrow(/--k must be an integer of at least 2/);
  });

  it('refuses a seed that would be rounded to its neighbour', () => {
    expect(() => wholeNumber('9007199254740992', '--seed', 0)).toThrow(/below 2\^53/);
    expect(() => wholeNumber('9007199254740993', '--seed', 0)).toThrow(/below 2\^53/);
  });

  it('reads back every safe integer it is given', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => wholeNumber(String(n), '--seed', 0) === n));
  });

  it('validate --max-problems is checked, not silently replaced', async () => {
    let err = '';
    const code = await runCli(['node', 'spanforge', 'validate', 'recipes/examples/seeds.json', '--max-problems', 'abc'], () => {}, (s) => void (err += s));
    expect(code).not.toBe(0);
    expect(err).toMatch(/--max-problems must be a positive integer, got "abc"/);
  });
});
