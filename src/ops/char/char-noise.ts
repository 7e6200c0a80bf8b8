import { z } from 'zod';
import type { Rng } from '../../core/random.js';
import { inEntityMask, isPunct, replaceSameLength } from '../util.js';
import type { Operation } from '../types.js';

const rate = z.number().min(0).max(1);
const params = z.strictObject({
  /** Per-token rate of each kind of character noise. */
  keyboard: rate.default(0.02),
  transpose: rate.default(0.01),
  delete: rate.default(0.01),
  insert: rate.default(0.01),
  case: rate.default(0.01),
  ocr: rate.default(0.01),
  /** Leave entity tokens alone (default). When false, the span still covers the noised text. */
  protect_entities: z.boolean().default(true),
});
type Params = z.infer<typeof params>;

const ROWS = ['1234567890-', 'qwertyuiop', 'asdfghjkl;', 'zxcvbnm,.'];
const NEIGHBOURS = new Map<string, string>();
ROWS.forEach((row, r) => {
  for (let c = 0; c < row.length; c++) {
    let n = '';
    for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, -1], [1, 0]]) {
      const ch = ROWS[r + dr]?.[c + dc];
      if (ch && /[a-z0-9]/.test(ch)) n += ch;
    }
    NEIGHBOURS.set(row[c], n);
  }
});
// OCR confusions, both ways.
const OCR: Array<[string, string]> = [['rn', 'm'], ['m', 'rn'], ['0', 'O'], ['O', '0'], ['l', '1'], ['1', 'l'], ['cl', 'd'], ['d', 'cl'], ['vv', 'w'], ['w', 'vv'], ['S', '5'], ['5', 'S'], ['B', '8'], ['I', 'l']];

const letters = 'abcdefghijklmnopqrstuvwxyz';

function keyboard(t: string, rng: Rng): string {
  const idx = [...t].map((c, i) => (NEIGHBOURS.get(c.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (!idx.length) return t;
  const i = rng.pick(idx);
  const c = t[i];
  let n = rng.pick([...NEIGHBOURS.get(c.toLowerCase())!]);
  if (c !== c.toLowerCase()) n = n.toUpperCase();
  return t.slice(0, i) + n + t.slice(i + 1);
}

function apply(kind: string, t: string, rng: Rng): string {
  switch (kind) {
    case 'keyboard':
      return keyboard(t, rng);
    case 'transpose': {
      if (t.length < 2) return t;
      const i = rng.int(t.length - 1);
      return t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
    }
    case 'delete': {
      if (t.length < 2) return t; // a token never becomes empty
      const i = rng.int(t.length);
      return t.slice(0, i) + t.slice(i + 1);
    }
    case 'insert': {
      const i = rng.int(t.length + 1);
      return t.slice(0, i) + rng.pick([...letters]) + t.slice(i);
    }
    case 'case': {
      const i = rng.int(t.length);
      const c = t[i];
      const f = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
      return t.slice(0, i) + f + t.slice(i + 1);
    }
    case 'ocr': {
      const options = OCR.filter(([from]) => t.includes(from));
      if (!options.length) return t;
      const [from, to] = rng.pick(options);
      const positions: number[] = [];
      for (let i = t.indexOf(from); i >= 0; i = t.indexOf(from, i + 1)) positions.push(i);
      const i = rng.pick(positions);
      return t.slice(0, i) + to + t.slice(i + from.length);
    }
  }
  return t;
}

const KINDS = ['keyboard', 'transpose', 'delete', 'insert', 'case', 'ocr'] as const;

/**
 * Character-level noise (LLM-DA's noise injection, done offline): keyboard-neighbour typos,
 * transpositions, deletions, insertions, casing and OCR confusions, each with its own per-token
 * rate. Tokens keep their positions, so spans never move.
 */
export const charNoise: Operation<Params> = {
  name: 'char_noise_v1',
  summary: 'typos, transpositions, deletions, insertions, casing and OCR confusions inside tokens',
  params,
  apply(ex, p, { rng }) {
    const mask = inEntityMask(ex);
    const tokens = ex.tokens.slice();
    let changed = false;
    for (let i = 0; i < tokens.length; i++) {
      if ((p.protect_entities && mask[i]) || isPunct(tokens[i]) || /\s/.test(tokens[i])) continue;
      for (const kind of KINDS) {
        if (!rng.chance(p[kind])) continue;
        const t = apply(kind, tokens[i], rng);
        if (t !== tokens[i] && t.length > 0 && !/\s/.test(t)) {
          tokens[i] = t;
          changed = true;
        }
      }
    }
    return changed ? replaceSameLength(ex, 0, ex.tokens.length, tokens, ex.spaces) : null;
  },
};
