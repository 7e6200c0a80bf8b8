import type { Example } from '../core/model.js';
import type { StatsCollector } from '../report/stats.js';
import type { DiversityCollector } from '../report/diversity.js';
import { orderedMap } from './ordered.js';
import { withFreeIds } from './seed-ids.js';
import { generateForSeed, type GenerateContext, type Item } from './generate.js';
import type { Check, OrderedFilters } from './checks.js';
import type { RunOutputs } from './outputs.js';
import type { Rejection } from '../filters/consistency.js';

export interface AcceptContext {
  seeds: Iterable<Example> | AsyncIterable<Example>;
  generate: GenerateContext;
  check: Check;
  filters: OrderedFilters;
  outputs: RunOutputs;
  after: StatsCollector;
  diversity: DiversityCollector;
  includeOriginal: boolean;
  /** Provenance kept on each candidate's `meta`. */
  meta: { recipe: string; runSeed: number; model?: string; llmOps: ReadonlySet<string> };
  /** Seeds worked on at once; results still come in input order. */
  window: number;
  seedCount: number;
  /** What the output format can hold of an accepted candidate (null: nothing); the negatives
   *  it cannot show go to a sidecar, so the counts and statistics are of what is written. */
  shown?: (ex: Example) => Example | null | Promise<Example | null>;
  /** Why the output format cannot hold a candidate its seed's format can (format-fit.ts); no
   *  promise when there is nothing to try. */
  fits?: (cand: Example, seed: Example, op: string) => Promise<Rejection | null> | null;
  progress?: (done: number, total: number) => void;
  /** What a seed gave, instead of working on it (a merge replays the shards' items). */
  work?: (seed: Example, index: number) => Promise<Item[]>;
  /** Told each seed's items before the order-dependent filters (a shard records them). */
  journal?: (seed: Example, items: readonly Item[]) => Promise<void>;
  /** The seeds' ids: a copy named like a seed is renamed (seed-ids.ts). */
  seedIds?: { has(id: string): boolean };
}

/** The candidate as written: its own id and provenance, and no claim on the seed's words. */
function asCandidate(item: Item, seed: Example, m: AcceptContext['meta']): Example {
  const meta = {
    ...item.example.meta,
    parent: seed.id,
    recipe: m.recipe,
    op: item.op,
    seed: m.runSeed,
    variant: item.variant,
    ...(item.strategy ? { strategy: item.strategy } : {}),
    ...(m.model && m.llmOps.has(item.op) ? { model: m.model } : {}),
  };
  const cand: Example = { ...item.example, id: item.id, meta };
  // A text made anew (a model's rewrite) keeps nothing per token of the seed.
  if (!cand.origin && cand.tokens !== seed.tokens) cand.origin = cand.tokens.map(() => -1);
  delete cand.docStart;
  return cand;
}

/** Whether a check left any note (no `Object.keys` array per candidate). */
function hasNotes(notes: Record<string, unknown>): boolean {
  for (const _ in notes) return true;
  return false;
}

/** Work on a seed: generate its candidates and run the order-independent checks; a candidate
 *  comes back as it would be written (its own id and provenance). */
export async function workOnSeed(seed: Example, index: number, c: AcceptContext): Promise<Item[]> {
  const items = await generateForSeed(seed, index, c.generate);
  // Only candidates are checked (most items of a light recipe are unchanged seeds): they alone
  // get a notes object.
  const notes: Array<Record<string, unknown> | undefined> = new Array(items.length);
  const verdicts: Array<ReturnType<Check>> = new Array(items.length);
  let pending = false;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.kind !== 'candidate') continue;
    verdicts[k] = c.check(it.example, seed, it.op, index, (notes[k] = {}));
    if (verdicts[k] instanceof Promise) pending = true;
  }
  const settled = pending ? await Promise.all(verdicts) : (verdicts as Array<Awaited<ReturnType<Check>> | undefined>);
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.kind !== 'candidate') continue;
    const why = settled[k];
    if (why) {
      items[k] = { ...it, kind: 'rejected', reason: why.reason, detail: why.detail, checked: true };
      continue;
    }
    const judged: Item = { ...it, example: asCandidate(it, seed, c.meta) };
    items[k] = hasNotes(notes[k]!) ? { ...judged, notes: notes[k] } : judged;
  }
  return items;
}

/**
 * The examples to write, in input order: each seed's accepted candidates (and the seed itself
 * when the recipe keeps originals). Rejections go to the run's outputs with their reasons. A
 * document marker (CoNLL `-DOCSTART-`) goes once, on the first example written for its seed.
 */
export async function* acceptedExamples(c: AcceptContext): AsyncGenerator<Example> {
  let done = 0;
  let docMarker: string | undefined;
  const mark = (ex: Example): Example => {
    if (docMarker === undefined) return ex;
    const out = { ...ex, docStart: docMarker };
    docMarker = undefined;
    return out;
  };
  const work = c.work ?? ((seed: Example, index: number) => workOnSeed(seed, index, c));
  for await (const [seed, made] of orderedMap(c.seeds, work, c.window)) {
    const items = c.seedIds ? withFreeIds(seed, made, c.seedIds) : made;
    if (c.journal) await c.journal(seed, items);
    if (seed.docStart !== undefined) docMarker = seed.docStart;
    if (c.includeOriginal) {
      c.after.add(seed);
      const w = c.outputs.written(seed, seed, null);
      if (w) await w;
      yield mark(withoutDocStart(seed));
    }
    for (const item of items) {
      c.outputs.counts.candidates++;
      c.outputs.opCounts(item.op).candidates++;
      c.outputs.tally(item);
      if (item.kind === 'rejected') {
        const r = c.outputs.reject(item.example, seed, item, { reason: item.reason!, detail: item.detail! }, item.raw);
        if (r) await r;
        continue;
      }
      let cand = item.example;
      // Order-dependent filters run here, in input order, so output does not depend on timing.
      const fit = c.fits?.(cand, seed, item.op);
      const why = (fit ? await fit : null) ?? c.filters.check(cand);
      if (why) {
        const r = c.outputs.reject(cand, seed, item, why);
        if (r) await r;
        continue;
      }
      const shown = c.shown ? c.shown(cand) : cand;
      const kept = shown instanceof Promise ? await shown : shown;
      if (!kept) continue;
      cand = kept;
      c.diversity.addOutput(cand);
      c.outputs.counts.accepted++;
      c.outputs.opCounts(item.op).accepted++;
      c.after.add(cand);
      const w = c.outputs.written(cand, seed, item);
      if (w) await w;
      yield mark(cand);
    }
    c.progress?.(++done, c.seedCount);
  }
}

/** A seed as written among the outputs: a copy without its document marker (which `mark`
 *  hands to the first example written for it). A spread, not a rest pattern, when it has none:
 *  V8 copies a spread on a fast path and a rest pattern in the runtime, once per seed. */
function withoutDocStart(seed: Example): Example {
  if (!('docStart' in seed)) return { ...seed };
  const { docStart: _d, ...plain } = seed;
  return plain;
}
