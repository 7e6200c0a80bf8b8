import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import type { Item } from './generate.js';

/**
 * The seeds' ids, checked as the seed pass reads them: provenance.jsonl and every copy's id
 * (`<seed id>~<n>`) name a seed by its id, so two seeds with one id make copies with one id
 * and provenance that cannot tell their seeds apart. Real datasets give each example its own.
 */
export class SeedIds {
  /** Each id, with the position (1-based) where it was first read. */
  readonly ids = new Map<string, number>();
  /** Positions of each id read more than once, the first included. */
  private readonly repeated = new Map<string, number[]>();

  add(ex: Example, position: number): void {
    const first = this.ids.get(ex.id);
    if (first === undefined) this.ids.set(ex.id, position);
    else this.repeated.set(ex.id, [...(this.repeated.get(ex.id) ?? [first]), position]);
  }

  /** Throws, naming the repeated ids, when any id was read twice. */
  check(): void {
    if (this.repeated.size === 0) return;
    const shown = [...this.repeated].sort((a, b) => a[1][0] - b[1][0]).slice(0, 5).map(([id, at]) => `"${id}" (examples ${at.join(', ')})`);
    const more = this.repeated.size > 5 ? ` and ${this.repeated.size - 5} more` : '';
    throw new UserError(
      `${this.repeated.size === 1 ? 'an example id occurs' : `${this.repeated.size} example ids occur`} more than once: ${shown.join(', ')}${more}; ` +
        "each seed needs its own id (copies are named <seed id>~<n> and provenance.jsonl names their seed by it): give the examples unique ids",
    );
  }
}

/**
 * A seed's items with ids no seed has. A copy is named `<seed id>~<n>`, which may be another
 * seed's id: an augmented file augmented again holds both `A` and `A~1`. Such a copy takes the
 * next number that is free, so every id in the output is unique; the choice depends on the
 * seeds' ids alone, so a rerun, a sharded run and its merge name it alike.
 */
export function withFreeIds(seed: Example, items: Item[], seedIds: { has(id: string): boolean }): Item[] {
  if (!items.some((it) => seedIds.has(it.id))) return items;
  const taken = new Set(items.map((it) => it.id));
  let n = items.length;
  return items.map((it) => {
    if (!seedIds.has(it.id)) return it;
    let id: string;
    do id = `${seed.id}~${++n}`;
    while (seedIds.has(id) || taken.has(id));
    taken.add(id);
    return { ...it, id, example: it.kind === 'candidate' ? { ...it.example, id } : it.example };
  });
}
