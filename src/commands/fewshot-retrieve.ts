import type { Example } from '../core/model.js';
import { Bm25 } from '../core/retrieval.js';
import { tokenKey } from '../core/token-key.js';
import { withAtomicFile } from '../formats/atomic.js';

export interface Retrieved {
  lines: string[];
  report: { inputs: number; alsoInPool: number; short: number };
}

const plain = (ex: Example) => ({
  id: ex.id,
  tokens: ex.tokens,
  entities: ex.entities.map(({ start, end, type }) => ({ start, end, type })),
  relations: ex.relations.map(({ head, tail, type }) => ({ head, tail, type })),
});

/** Pool indices by token key: a query's own sentence (and any copy of it) in the pool. */
function byTokens(pool: readonly Example[]): Map<string, Set<number>> {
  const m = new Map<string, Set<number>>();
  pool.forEach((ex, i) => {
    const k = tokenKey(ex.tokens);
    const s = m.get(k) ?? new Set<number>();
    s.add(i);
    m.set(k, s);
  });
  return m;
}

/**
 * For each query, the k pool examples most similar to it (BM25), as JSON lines. A pool example
 * with the query's tokens is never one of them, whatever its labels: it would hand the model the
 * answer (the query's own gold entities) in its prompt.
 */
export async function retrieveDemonstrations(pool: readonly Example[], queries: readonly Example[], k: number, out: string): Promise<Retrieved> {
  const bm = new Bm25(pool);
  const same = byTokens(pool);
  let alsoInPool = 0;
  let short = 0;
  await withAtomicFile(out, async (sink) => {
    for (const ex of queries) {
      const own = same.get(tokenKey(ex.tokens));
      if (own) alsoInPool++;
      const demos = bm.top(ex.tokens, k, undefined, own);
      if (demos.length < k) short++;
      await sink.write(JSON.stringify({ input: { id: ex.id, tokens: ex.tokens }, demonstrations: demos.map((i) => plain(pool[i])) }) + '\n');
    }
  });
  const lines = [`wrote the ${Math.min(k, pool.length)} most similar seed examples (BM25) for each of ${queries.length} inputs to ${out}`];
  if (alsoInPool) {
    lines.push(`${alsoInPool} of ${queries.length} inputs are also in --input (same tokens): each is left out of its own demonstrations (it would give the model its answer)`);
  }
  // Why some got fewer: the pool is smaller than K, or only its copies of the query made it so.
  const why = pool.length < k ? `--input has only ${pool.length} examples` : '--input has too few examples with other tokens';
  if (short) lines.push(`${short} of ${queries.length} inputs got fewer than ${k} demonstrations: ${why}`);
  return { lines, report: { inputs: queries.length, alsoInPool, short } };
}
