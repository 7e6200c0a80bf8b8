import path from 'node:path';
import { originOf, type Example } from '../core/model.js';
import { AtomicFile } from '../formats/atomic.js';
import type { Rejection } from '../filters/consistency.js';
import type { GalleryExample, GalleryItem, OpChanges } from '../report/html.js';
import { tokenChanges } from '../report/token-changes.js';
import type { Item } from './generate.js';

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

/** What the model of an LLM operation was, for provenance (offline operations have none). */
export interface ProvenanceContext {
  model?: string;
  llmOps: ReadonlySet<string>;
}

/**
 * The side files of a run, written as the examples go by: `rejected.jsonl` (each rejection
 * with its reason), `provenance.jsonl` (one line per written example, in output order), and
 * the counts and gallery the report is made from.
 */
export class RunOutputs {
  readonly counts: RunCounts = { candidates: 0, accepted: 0, rejected: 0, written: 0, byOperation: {}, rejectedByReason: {} };
  readonly gallery: GalleryItem[] = [];
  /** Per operation of the recipe: tried, changed something, kept in an accepted candidate. */
  readonly changes: Record<string, OpChanges> = {};
  private shown = { accepted: 0, rejected: 0 };

  private constructor(
    private readonly rejectedFile: AtomicFile,
    private readonly provenanceFile: AtomicFile,
    private readonly prov: ProvenanceContext,
  ) {}

  static async open(dir: string, prov: ProvenanceContext): Promise<RunOutputs> {
    return new RunOutputs(await AtomicFile.open(path.join(dir, 'rejected.jsonl')), await AtomicFile.open(path.join(dir, 'provenance.jsonl')), prov);
  }

  opCounts(op: string): OpCounts {
    return (this.counts.byOperation[op] ??= { candidates: 0, accepted: 0, rejected: {} });
  }

  private opChanges(op: string): OpChanges {
    return (this.changes[op] ??= { tried: 0, changed: 0, accepted: 0 });
  }

  /** A candidate (or a failed try) made: which operations it tried and which changed it. */
  tally(item: Item): void {
    for (const op of item.tried ?? item.trace.map((t) => t.op)) this.opChanges(op).tried++;
    // A rejection at generation (nothing changed, an unusable model answer) changed nothing.
    if (item.kind === 'candidate') for (const t of item.trace) this.opChanges(t.op).changed++;
  }

  async reject(cand: Example, seed: Example, item: Item, why: Rejection, raw?: string): Promise<void> {
    if (this.shown.rejected < GALLERY_PER_STATUS) {
      this.shown.rejected++;
      this.gallery.push({ id: cand.id, op: item.op, status: 'rejected', reason: why.reason, detail: why.detail, ...(raw !== undefined ? { raw } : {}), ...galleryPair(seed, cand) });
    }
    this.counts.rejected++;
    bump(this.counts.rejectedByReason, why.reason);
    bump(this.opCounts(item.op).rejected, why.reason);
    const rec = {
      id: cand.id,
      parent: seed.id,
      op: item.op,
      variant: item.variant,
      reason: why.reason,
      detail: why.detail,
      example: { tokens: cand.tokens, entities: cand.entities.map(({ start, end, type }) => ({ start, end, type })), relations: cand.relations.map(({ head, tail, type }) => ({ head, tail, type })) },
      ...(raw !== undefined ? { raw } : {}),
    };
    await this.rejectedFile.write(JSON.stringify(rec) + '\n');
  }

  /** An example about to be written: its provenance line (1-based line number returned). */
  async written(ex: Example, seed: Example, item: Item | null): Promise<number> {
    const n = ++this.counts.written;
    const line: Record<string, unknown> = { id: ex.id, seed: seed.id };
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
    await this.provenanceFile.write(JSON.stringify(line) + '\n');
    if (item) for (const t of item.trace) this.opChanges(t.op).accepted++;
    if (item && this.shown.accepted < GALLERY_PER_STATUS) {
      this.shown.accepted++;
      this.gallery.push({ id: ex.id, op: item.op, status: 'accepted', provenanceLine: n, ...galleryPair(seed, ex) });
    }
    return n;
  }

  async commit(): Promise<void> {
    await this.rejectedFile.commit();
    await this.provenanceFile.commit();
  }

  async abort(): Promise<void> {
    await this.rejectedFile.abort();
    await this.provenanceFile.abort();
  }
}
