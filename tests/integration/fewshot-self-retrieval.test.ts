import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';
import { Bm25 } from '../../src/core/retrieval.js';
import type { Example } from '../../src/core/model.js';

// Invented sentences. Two share their tokens and differ in labels: the tokens are what leaks.
const ent = (start: number, end: number, type: string) => ({ start, end, type });
// The reader numbers the records of a file: a demonstration's id is its index in --input.
const rec = (tokens: string[], entities: Array<ReturnType<typeof ent>>) => ({ tokens, entities, relations: [] });
const POOL = [
  rec(['Quillen', 'visited', 'Ogdenville', 'in', 'May', '.'], [ent(0, 1, 'PER'), ent(2, 3, 'LOC')]),
  rec(['Bradshaw', 'joined', 'Rovan', 'Systems', 'in', 'Ogdenville', '.'], [ent(0, 1, 'PER'), ent(2, 4, 'ORG'), ent(5, 6, 'LOC')]),
  rec(['Ferrante', 'left', 'Rovan', 'Systems', '.'], [ent(0, 1, 'PER'), ent(2, 4, 'ORG')]),
  rec(['Quillen', 'visited', 'Ogdenville', 'in', 'May', '.'], [ent(0, 1, 'ORG')]),
  rec(['Marlow', 'praised', 'Ogdenville', 'harbour', '.'], [ent(0, 1, 'PER'), ent(2, 3, 'LOC')]),
];
const NEW = rec(['Quillen', 'praised', 'Rovan', 'Systems', 'in', 'Ogdenville', '.'], []);

interface Line {
  input: { id: string; tokens: string[] };
  demonstrations: Array<{ id: string; tokens: string[] }>;
}

async function retrieve(pool: unknown[], queries: unknown[], k: number) {
  const dir = tmpDir('fewshot-self-');
  const p = path.join(dir, 'pool.json');
  const q = path.join(dir, 'queries.json');
  const out = path.join(dir, 'demos.jsonl');
  writeFileSync(p, JSON.stringify(pool));
  writeFileSync(q, JSON.stringify(queries));
  const r = await cli('fewshot', '--input', p, '--k', String(k), '--retrieve-for', q, '--out', out);
  expect(r.code, r.stderr).toBe(0);
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
  return { ...r, lines };
}

describe('fewshot --retrieve-for never hands a query its own sentence', () => {
  it('the pool as its own queries: no demonstration has its query tokens, a copy with other labels included; said once', async () => {
    const r = await retrieve(POOL, POOL, 2);
    expect(r.lines).toHaveLength(POOL.length);
    for (const l of r.lines) {
      expect(l.demonstrations).toHaveLength(2);
      for (const d of l.demonstrations) expect(d.tokens).not.toEqual(l.input.tokens);
    }
    // 0 and 3 share their tokens: neither is the other's demonstration.
    expect(r.lines[0].demonstrations.map((d) => d.id)).toEqual(['1', '4']);
    expect(r.lines[3].demonstrations.map((d) => d.id)).toEqual(['1', '4']);
    const said = r.stderr.split('\n').filter((l) => l.includes('are also in --input'));
    expect(said).toEqual(['5 of 5 inputs are also in --input (same tokens): each is left out of its own demonstrations (it would give the model its answer)']);
  });

  it('a query not in the pool gets its nearest demonstrations as before, with no note', async () => {
    const r = await retrieve(POOL, [NEW], 3);
    const nearest = new Bm25(POOL as unknown as Example[]).top(NEW.tokens, 3).map(String);
    expect(r.lines[0].demonstrations.map((d) => d.id)).toEqual(nearest);
    expect(nearest[0]).toBe('1');
    expect(r.stderr).not.toMatch(/also in --input|fewer than/);
  });

  it('counts only the queries found in the pool; a pool too small after leaving out is said', async () => {
    const r = await retrieve(POOL, [NEW, POOL[2]], 2);
    expect(r.stderr).toContain('1 of 2 inputs are also in --input (same tokens)');
    expect(r.lines[1].demonstrations.map((d) => d.id)).not.toContain('2');
    const small = await retrieve(POOL.slice(0, 2), [POOL[0]], 2);
    expect(small.lines[0].demonstrations.map((d) => d.id)).toEqual(['1']);
    expect(small.stderr).toContain('1 of 1 inputs got fewer than 2 demonstrations: --input has too few examples with other tokens');
    // A pool smaller than K: said as such, and the count written is the pool's.
    const tiny = await retrieve(POOL.slice(0, 2), [NEW], 3);
    expect(tiny.stderr).toContain('wrote the 2 most similar seed examples (BM25) for each of 1 inputs');
    expect(tiny.stderr).toContain('1 of 1 inputs got fewer than 3 demonstrations: --input has only 2 examples');
  });
});
