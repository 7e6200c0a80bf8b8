import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { entityText, type Entity, type Example } from '../core/model.js';
import { AtomicFile } from '../formats/atomic.js';

export const SIDECAR = 'negatives.jsonl';

/** Formats that cannot mark a relation instance as negative: SpERT learns negatives from the
 *  pairs without a relation (its writer drops them by design); tag formats hold no relations;
 *  CasRel, DocRED and DyGIE would write `no_relation` as one more relation type, which their
 *  trainers read as real (it is in no rel2id.json). TACRED and FewRel use `no_relation` by
 *  convention; CSV and JSONL rows carry the label as written. */
export const HIDES_RELATION_NEGATIVES: ReadonlySet<string> = new Set(['spert', 'spert-tags', 'conll', 'fewnerd', 'casrel', 'docred', 'dygie']);
/** Formats that write a whole-example negative flag (`meta.negative`). */
const SHOWS_EXAMPLE_FLAGS = new Set(['spert', 'spert-tags']);

export interface SidecarCounts {
  file: string;
  /** Negative relation instances the output format cannot show. */
  relations: number;
  /** Whole-example flags (entity_free, hard) the output format cannot show. */
  flags: number;
  /** Label-corruption copies: without their flag they would read as gold, so none is written. */
  examples: number;
}

const span = (ex: Example, e: Entity) => ({ start: e.start, end: e.end, type: e.type, text: entityText(ex, e) });

/**
 * The negatives an output format cannot show, kept beside it in `negatives.jsonl`, so the run
 * neither loses them silently nor counts in its report what the output does not hold. One line
 * per negative: the example's id (as in provenance.jsonl), the pair's spans (token offsets in
 * the example: the whole document for document inputs), types and texts, its label and reason;
 * or a whole-example flag; or a label-corruption copy with its tokens and entities.
 */
/** Negatives by kind (cooccurring, reversed, entity_free, hard, label_corruption), by where
 *  they went: the output file or the sidecar. */
export interface NegativeKinds {
  in_output: Record<string, number>;
  in_sidecar: Record<string, number>;
}

export class NegativesSidecar {
  readonly counts: SidecarCounts = { file: SIDECAR, relations: 0, flags: 0, examples: 0 };
  readonly kinds: NegativeKinds = { in_output: {}, in_sidecar: {} };
  private file: AtomicFile | null = null;

  private constructor(
    private readonly dir: string,
    readonly format: string,
    private readonly hidesRelations: boolean,
  ) {}

  static for(format: string, dir: string): NegativesSidecar {
    return new NegativesSidecar(dir, format, HIDES_RELATION_NEGATIVES.has(format));
  }

  get total(): number {
    return this.counts.relations + this.counts.flags + this.counts.examples;
  }

  /** What the output holds of `ex` (null: none of it); the rest goes to the sidecar. An example
   *  with no negative (most) is shown as it is, with no promise. */
  shown(ex: Example): Example | null | Promise<Example | null> {
    if (!ex.meta?.negative && !ex.relations.some((r) => r.negative)) return ex;
    return this.split(ex).then((out) => {
      this.tally(ex, out);
      return out;
    });
  }

  /** Count each negative of `ex` where it went (`out`: what the output file holds of it). */
  private tally(ex: Example, out: Example | null): void {
    const add = (where: Record<string, number>, kind: string) => (where[kind] = (where[kind] ?? 0) + 1);
    const flag = ex.meta?.negative;
    if (flag) add(out?.meta?.negative ? this.kinds.in_output : this.kinds.in_sidecar, flag);
    const inline = out?.relations.some((r) => r.negative) ?? false;
    for (const r of ex.relations) if (r.negative) add(inline ? this.kinds.in_output : this.kinds.in_sidecar, r.negative);
  }

  /** Negatives counted by kind, or null when the run made none. */
  kindCounts(): NegativeKinds | null {
    const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    const k = this.kinds;
    return Object.keys(k.in_output).length + Object.keys(k.in_sidecar).length ? { in_output: sorted(k.in_output), in_sidecar: sorted(k.in_sidecar) } : null;
  }

  private async split(ex: Example): Promise<Example | null> {
    const flag = ex.meta?.negative;
    const showsFlags = SHOWS_EXAMPLE_FLAGS.has(this.format);
    if (flag === 'label_corruption' && !showsFlags) {
      this.counts.examples++;
      await this.line({ id: ex.id, reason: flag, tokens: ex.tokens, entities: ex.entities.map((e) => span(ex, e)) });
      return null;
    }
    let out = ex;
    if (flag && !showsFlags) {
      this.counts.flags++;
      await this.line({ id: ex.id, reason: flag });
      const { negative: _n, ...meta } = ex.meta!;
      out = { ...out, meta };
    }
    if (this.hidesRelations && ex.relations.some((r) => r.negative)) {
      for (const r of ex.relations.filter((x) => x.negative)) {
        this.counts.relations++;
        await this.line({ id: ex.id, head: span(ex, ex.entities[r.head]), tail: span(ex, ex.entities[r.tail]), label: r.type, reason: r.negative });
      }
      out = { ...out, relations: ex.relations.filter((r) => !r.negative) };
    }
    return out;
  }

  /** The warning a run prints when something went to the sidecar. */
  warning(augmented: string): string | null {
    if (this.total === 0) return null;
    const c = this.counts;
    const parts = [c.relations && `${c.relations} negative relation instances`, c.flags && `${c.flags} whole-example flags`, c.examples && `${c.examples} label-corruption copies`].filter(Boolean);
    const hint = c.relations ? ' (--to tacred, csv or jsonl writes negative relations inline)' : c.flags || c.examples ? ' (--to spert keeps whole-example flags)' : '';
    return `warning: the ${this.format} format cannot show negatives: ${parts.join(', ')} written to ${SIDECAR}, not to ${augmented}${hint}`;
  }

  private async line(rec: Record<string, unknown>): Promise<void> {
    this.file ??= await AtomicFile.open(path.join(this.dir, SIDECAR));
    await this.file.write(JSON.stringify(rec) + '\n');
  }

  async commit(): Promise<void> {
    if (this.file) await this.file.commit();
    // A run that put nothing aside leaves no sidecar of an earlier run behind (--force).
    else await fsp.unlink(path.join(this.dir, SIDECAR)).catch(() => undefined);
  }

  async abort(): Promise<void> {
    await this.file?.abort();
  }
}
