import { UserError } from '../core/errors.js';

/**
 * A flag's whole number, written in decimal digits: "1e2", "0x10", "2.5" and "" are refused
 * (Number() takes the first two), and so is anything from 2^53 on, where a seed would silently
 * become a neighbouring one.
 */
export function wholeNumber(v: string, name: string, min: number): number {
  const t = v.trim();
  const digits = /^[+-]?\d+$/.test(t);
  const n = digits ? Number(t) : NaN;
  if (digits && !Number.isSafeInteger(n)) throw new UserError(`${name} must be below 2^53 (9007199254740992), got "${v}"`);
  if (!Number.isSafeInteger(n) || n < min) {
    const what = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
    throw new UserError(`${name} must be ${what}, got "${v}"`);
  }
  return n;
}
