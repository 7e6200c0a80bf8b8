import { originOf, type Example } from '../core/model.js';
import type { Rejection } from '../filters/consistency.js';
import type { GalleryExample, GalleryItem, OpChanges } from '../report/html.js';
import { tokenChanges } from '../report/token-changes.js';
import { UNCHANGED, type Item } from './generate.js';

export interface OpCounts {
  candidates: number;
  accepted: number;
  rejected: Record<string, number>;
}

export interface RunCounts {
  candidates: number;
  accepted: number;
  rejected: number;
  written: number;
  byOperation: Record<string, OpCounts>;
  rejectedByReason: Record<string, number>;
}

/** Items shown in report.html, per status. */
const GALLERY_PER_STATUS = 150;

function bump(m: Record<string, number>, k: string): void {
  m[k] = (m[k] ?? 0) + 1;
}

const slim = (ex: Example): GalleryExample => ({
  tokens: ex.tokens,
  ...(ex.spaces ? { spaces: ex.spaces } : {}),
  entities: ex.entities.map(({ start, end, type }) => ({ start, end, type })),
  relations: ex.relations.map(({ head, tail, type, negative }) => ({ head, tail, type, ...(negative ? { negative } : {}) })),
});

/** Seed and candidate for the gallery, with the tokens the candidate changed marked. */
function galleryPair(seed: Example, cand: Example): Pick<GalleryItem, 'seed' | 'candidate'> {
  const c = tokenChanges(cand.tokens === seed.tokens ? undefined : cand.origin, originOf(seed));
  const some = (k: string, xs: number[]) => (xs.length ? { [k]: xs } : {});
  return {
    seed: { ...slim(seed), ...some('dropped', c.dropped) },
    candidate: { ...slim(cand), ...some('changed', c.changed), ...some('moved', c.moved) },
  };
}

/** A rejection at generation because no operation changed the seed: its candidate is the seed
 *  (decided by the reason, which survives a worker thread and a shard's journal; the object
 *  identity does not). */
const isSeedAsItWas = (item: Item, why: Rejection): boolean => item.kind === 'rejected' && why.reason === UNCHANGED;

/** What the model of an LLM operation was, for provenance (offline operations have none). */
export interface ProvenanceContext {
  model?: string;
  llmOps: ReadonlySet<string>;
}

/** One line of `rejected.jsonl`: a candidate the checks refused, and why. */
export interface RejectionRecord {
  id: string;
  /** The seed's id. */
  parent: string;
  op: string;
  variant: number;
  /** Reason code (`not_fluent`, `duplicate`, `unchanged`, ...). */
  reason: string;
  detail: string;
  /** The candidate; absent when it is the parent seed as it was (reason `unchanged`: no
   *  operation changed it), which is most rows of a light recipe and would copy the input. */
  example?: { tokens: string[]; entities: { start: number; end: number; type: string }[]; relations: { head: number; tail: number; type: string }[] };
  /** A model's answer that could not be used, as it came. */
  raw?: string;
}

/** One line of `provenance.jsonl`: how a written example was made (in output order). */
export interface ProvenanceRecord {
  id: string;
  /** The seed's id. */
  seed: string;
  /** The seed itself, written as it came (`include_original`). */
  original?: true;
  operations?: { op: string; step: number; params: Record<string, unknown> }[];
  variant?: number;
  model?: string | null;
  strategy?: string | null;
  cache_keys?: string[];
  /** Scores the checks kept (fluency perplexities, ...). */
  [note: string]: unknown;
}

/** Where rejections and provenance lines go as the examples go by (files, or the caller). */
export interface RecordSinks {
  rejected?(rec: RejectionRecord): void | Promise<void>;
  provenance?(rec: ProvenanceRecord): void | Promise<void>;
}

/**
 * What a run records as the examples go by: each rejection with its reason and one provenance
 * line per written example (handed to the sinks: `rejected.jsonl` and `provenance.jsonl` for
 * a run on files), and the counts and gallery the report is made from.
 */
export class RunOutputs {
  readonly counts: RunCounts = { candidates: 0, accepted: 0, rejected: 0, written: 0, byOperation: {}, rejectedByReason: {} };
  readonly gallery: GalleryItem[] = [];
  /** Per operation of the recipe: tried, changed something, kept in an accepted candidate. */
  readonly changes: Record<string, OpChanges> = {};
  private shown = { accepted: 0, rejected: 0 };
  private readonly seedDetails = new Map<string, string>();

  constructor(
    private readonly prov: ProvenanceContext,
    private readonly sinks: RecordSinks = {},
  ) {}

  opCounts(op: string): OpCounts {
    return (this.counts.byOperation[op] ??= { candidates: 0, accepted: 0, rejected: {} });
  }

  private opChanges(op: string): OpChanges {
    return (this.changes[op] ??= { tried: 0, changed: 0, accepted: 0 });
  }

  /** A candidate (or a failed try) made: which operations it tried and which changed it. */
  tally(item: Item): void {
    for (const op of item.tried ?? item.trace.map((t) => t.op)) this.opChanges(op).tried++;
    // A rejection at generation (nothing changed, an unusable model answer) changed nothing; one
    // by the checks (not fluent) did.
    if (item.kind === 'candidate' || item.checked) for (const t of item.trace) this.opChanges(t.op).changed++;
  }

  /** A rejected candidate (`cand`: what it was; its id is the item's). A promise only when the
   *  sink returned one: most rows are buffered, and an await per row costs a microtask turn. */
  reject(cand: Example, seed: Example, item: Item, why: Rejection, raw?: string): void | Promise<void> {
    if (this.shown.rejected < GALLERY_PER_STATUS) {
      this.shown.rejected++;
      this.gallery.push({ id: item.id, op: item.op, status: 'rejected', reason: why.reason, detail: why.detail, ...(raw !== undefined ? { raw } : {}), ...galleryPair(seed, cand) });
    }
    this.counts.rejected++;
    bump(this.counts.rejectedByReason, why.reason);
    bump(this.opCounts(item.op).rejected, why.reason);
    if (!this.sinks.rejected) return;
    // Keys set in the order they are written; no spread objects (this runs for every row).
    const rec: RejectionRecord = { id: item.id, parent: seed.id, op: item.op, variant: item.variant, reason: why.reason, detail: why.detail };
    if (isSeedAsItWas(item, why)) rec.detail = this.seedDetail(why.detail);
    else rec.example = { tokens: cand.tokens, entities: cand.entities.map(({ start, end, type }) => ({ start, end, type })), relations: cand.relations.map(({ head, tail, type }) => ({ head, tail, type })) };
    if (raw !== undefined) rec.raw = raw;
    return this.sinks.rejected(rec);
  }

  /** The detail of a row whose candidate is its parent seed: made once per detail. */
  private seedDetail(detail: string): string {
    let d = this.seedDetails.get(detail);
    if (d === undefined) this.seedDetails.set(detail, (d = `${detail} (no example: it is the parent seed)`));
    return d;
  }

  /** An example about to be written: its provenance line (a promise only when the sink
   *  returned one). */
  written(ex: Example, seed: Example, item: Item | null): void | Promise<void> {
    const n = ++this.counts.written;
    const line: ProvenanceRecord = { id: ex.id, seed: seed.id };
    if (!item) line.original = true;
    else {
      line.operations = item.trace;
      line.variant = item.variant;
      if (item.trace.some((t) => this.prov.llmOps.has(t.op))) {
        line.model = this.prov.model ?? null;
        line.strategy = item.strategy ?? null;
        line.cache_keys = item.cacheKeys ?? [];
      }
      if (item.notes) Object.assign(line, item.notes);
    }
    const pending = this.sinks.provenance?.(line);
    if (item) for (const t of item.trace) this.opChanges(t.op).accepted++;
    if (item && this.shown.accepted < GALLERY_PER_STATUS) {
      this.shown.accepted++;
      this.gallery.push({ id: ex.id, op: item.op, status: 'accepted', provenanceLine: n, ...galleryPair(seed, ex) });
    }
    return pending;
  }
}
