import { Worker } from 'node:worker_threads';
import type { Example } from '../core/model.js';
import type { CorpusStats } from '../ops/corpus.js';
import type { FluencyModel } from '../filters/fluency.js';
import type { LoadedRecipe, ResolvedOp } from './recipe.js';
import type { Item } from './generate.js';

/** What a worker needs to work on seeds as the main thread would (structured-cloned once). */
export interface PoolInit {
  generate: { ops: readonly ResolvedOp[]; compose: 'sequence' | 'one_of' | 'each'; runSeed: number; variants: number; corpus: CorpusStats };
  filters: LoadedRecipe['filters'];
  allowOverlap: boolean;
  fluency?: FluencyModel;
  meta: { recipe: string; runSeed: number; model?: string };
}

/** A seed's items as sent back, with which of them were the seed itself or kept its tokens
 *  (a clone loses that identity, and provenance reads it). What the main thread has already
 *  (the seed, its tokens) is left out: most items of a run are unchanged seeds. */
export interface SentItems {
  items: Array<Omit<Item, 'example'> & { example?: Partial<Example> }>;
  same: Array<0 | 1 | 2>;
}

export function markSeedIdentity(seed: Example, items: Item[]): SentItems {
  const same = items.map((it) => (it.example === seed ? 1 : it.example.tokens === seed.tokens ? 2 : 0));
  return {
    items: items.map((it, k) => (same[k] === 1 ? { ...it, example: undefined } : same[k] === 2 ? { ...it, example: { ...it.example, tokens: undefined } } : it)),
    same,
  };
}

export function restoreSeedIdentity(seed: Example, sent: SentItems): Item[] {
  return sent.items.map((it, k) => (sent.same[k] === 1 ? { ...it, example: seed } : sent.same[k] === 2 ? { ...it, example: { ...(it.example as Example), tokens: seed.tokens } } : (it as Item)));
}

/** A worker running seed-worker: from dist/ plain JS; from sources (tsx, vitest) a worker
 *  does not inherit the loader, so a small bootstrap registers tsx before loading it. */
function workerThread(init: PoolInit): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./seed-worker.js', import.meta.url), { workerData: init });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./seed-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: init });
}

/** Seeds sent to a worker at once: one message per seed would cost more than cheap operations. */
const BATCH = 32;

interface Pending {
  seeds: Example[];
  first: number;
  done: Array<{ resolve: (items: Item[]) => void; reject: (e: Error) => void }>;
}

/**
 * Offline operations and order-independent checks in worker threads. `work` has the shape of
 * the in-thread worker; the caller keeps input order (orderedMap) and runs the order-dependent
 * filters itself, so the output does not depend on the number of threads.
 */
export class SeedPool {
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly waiting = new Map<number, { worker: number; batch: Pending }>();
  private pending: Pending | null = null;
  private nextId = 0;
  private failed: Error | null = null;

  constructor(init: PoolInit, size: number) {
    // Built once here and copied (typed arrays), rather than built again in every thread.
    init.fluency?.prepare();
    this.workers = Array.from({ length: size }, () => workerThread(init));
    this.load = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (m: { id: number; items?: SentItems[]; error?: string }) => this.answer(i, m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => code !== 0 && this.fail(new Error(`a worker thread exited with code ${code}`)));
    });
  }

  /** Seeds in flight that keep every thread busy (the caller's window). */
  get window(): number {
    return this.workers.length * BATCH * 3;
  }

  work(seed: Example, index: number): Promise<Item[]> {
    if (this.failed) return Promise.reject(this.failed);
    const p = (this.pending ??= { seeds: [], first: index, done: [] });
    const result = new Promise<Item[]>((resolve, reject) => p.done.push({ resolve, reject }));
    p.seeds.push(seed);
    if (p.seeds.length >= BATCH) this.flush();
    // A short last batch goes once the caller stops adding to it.
    else if (p.seeds.length === 1) setImmediate(() => this.pending === p && this.flush());
    return result;
  }

  private flush(): void {
    const batch = this.pending!;
    this.pending = null;
    const worker = this.load.indexOf(Math.min(...this.load));
    const id = this.nextId++;
    this.load[worker]++;
    this.waiting.set(id, { worker, batch });
    this.workers[worker].postMessage({ id, seeds: batch.seeds, first: batch.first });
  }

  private answer(worker: number, m: { id: number; items?: SentItems[]; error?: string }): void {
    const w = this.waiting.get(m.id)!;
    this.waiting.delete(m.id);
    this.load[worker]--;
    if (m.error !== undefined) return w.batch.done.forEach((d) => d.reject(new Error(m.error)));
    w.batch.done.forEach((d, k) => d.resolve(restoreSeedIdentity(w.batch.seeds[k], m.items![k])));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const { batch } of this.waiting.values()) batch.done.forEach((d) => d.reject(e));
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
