/**
 * A worker thread of the seed pool (seed-pool.ts): it rebuilds the run's generation context
 * and order-independent checks from what the main thread sent, then works on batches of seeds.
 * Every random draw is seeded from the run seed, the example, the operation and the variant,
 * so a seed's items are the same in whichever thread it is worked on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Example } from '../core/model.js';
import { FluencyModel } from '../filters/fluency.js';
import { NgramLm } from '../filters/ngram-lm.js';
import { workOnSeed, type AcceptContext } from './accept.js';
import { makeCheck } from './checks.js';
import { markSeedIdentity, type PoolInit } from './seed-pool.js';

/** The fluency model as cloned: its data without its classes. */
function revive(data: unknown): FluencyModel {
  Object.setPrototypeOf((data as { lm: object }).lm, NgramLm.prototype);
  return Object.setPrototypeOf(data as object, FluencyModel.prototype) as FluencyModel;
}

const init = workerData as PoolInit;
const fluency = init.fluency ? revive(init.fluency) : undefined;
const c = {
  generate: { ...init.generate, states: [] },
  check: makeCheck({ filters: init.filters, ops: init.generate.ops, corpus: init.generate.corpus, allowOverlap: init.allowOverlap, fluency }),
  meta: { ...init.meta, llmOps: new Set<string>() },
} as unknown as AcceptContext;

parentPort!.on('message', async (batch: { id: number; seeds: Example[]; first: number }) => {
  try {
    const out = [];
    for (let k = 0; k < batch.seeds.length; k++) {
      const seed = batch.seeds[k];
      out.push(markSeedIdentity(seed, await workOnSeed(seed, batch.first + k, c)));
    }
    parentPort!.postMessage({ id: batch.id, items: out });
  } catch (e) {
    parentPort!.postMessage({ id: batch.id, error: (e as Error).stack ?? String(e) });
  }
});
