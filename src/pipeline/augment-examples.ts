import { UserError } from '../core/errors.js';
import { checkExample } from '../core/check.js';
import type { Example } from '../core/model.js';
import { Augmentation, type AugmentationOptions, type ExampleSource } from './augmentation.js';
import type { ProvenanceRecord, RejectionRecord, RunCounts } from './outputs.js';
import type { AugmentReport } from './report-files.js';
import { loadRecipe, validateRecipe, type LoadedRecipe } from './recipe.js';
import type { RecipeSpec } from './operation-params.js';

/** A recipe: a built-in name (`sda`), a YAML file, a recipe object, or one already loaded. */
export type RecipeInput = string | RecipeSpec | LoadedRecipe;

export interface AugmentExamplesOptions extends AugmentationOptions {
  /** Each rejected candidate, as it is judged (the same records as `rejected.jsonl`). */
  onRejection?: (rec: RejectionRecord) => void;
  /** How each kept example was made, in output order (as `provenance.jsonl`). */
  onProvenance?: (rec: ProvenanceRecord) => void;
}

export interface AugmentOutcome {
  /** The examples to keep, in input order: each seed (when the recipe includes originals)
   *  followed by its accepted candidates. */
  examples: Example[];
  /** Candidates the checks refused, with a reason code and detail. */
  rejections: RejectionRecord[];
  /** One record per kept example: the operations that made it and its parameters. */
  provenance: ProvenanceRecord[];
  /** What `report.json` of the CLI holds: statistics before and after, diversity, cost,
   *  acceptance by reason and operation. */
  report: AugmentReport;
  counts: RunCounts;
  seeds: number;
  /** What planned operations (negatives, long-tail) decided; null for the others. */
  plans: unknown[] | null;
}

/** The examples of an augmentation as they are made; the rest once they are all read. */
export interface AugmentStream extends AsyncIterable<Example> {
  report(): AugmentReport;
  readonly counts: RunCounts;
  readonly seeds: number;
  readonly plans: unknown[] | null;
}

const isLoaded = (r: RecipeSpec | LoadedRecipe): r is LoadedRecipe => typeof (r as LoadedRecipe).file === 'string' && r.operations.every((o) => 'params' in o && 'planned' in o);

/** The recipe as the pipeline runs it (a `UserError` names the bad field). */
export function resolveRecipe(recipe: RecipeInput): LoadedRecipe {
  if (typeof recipe === 'string') return loadRecipe(recipe);
  if (recipe && typeof recipe === 'object' && Array.isArray(recipe.operations) && isLoaded(recipe)) return recipe;
  return validateRecipe(recipe, '(recipe)');
}

/** Caller-made examples are checked as a reader checks a file's: a bad one is a UserError
 *  with its path (`[3].entities[0].end`), never a crash further down. */
function checked(source: ExampleSource): ExampleSource {
  const check = (ex: Example, i: number): Example => {
    if (!ex || typeof ex !== 'object' || !Array.isArray(ex.tokens) || !Array.isArray(ex.entities) || !Array.isArray(ex.relations)) {
      throw new UserError('not an example: expected an object with tokens, entities and relations arrays', { path: `[${i}]` });
    }
    if (typeof ex.id !== 'string' || ex.id === '') throw new UserError('every example needs a string id (it seeds its random choices)', { path: `[${i}].id` });
    const p = checkExample(ex)[0];
    if (p) throw new UserError(p.message, { path: `[${i}].${p.path}` });
    return ex;
  };
  async function* each(it: Iterable<Example> | AsyncIterable<Example>): AsyncGenerator<Example> {
    let i = 0;
    for await (const ex of it) yield check(ex, i++);
  }
  return typeof source === 'function' ? () => each(source()) : each(source);
}

/**
 * Augment examples in memory, as `spanforge augment` does with a file: the same recipe and
 * seed give the same examples. For inputs too large to hold, `augmentStream` yields them one
 * at a time.
 */
export async function augmentExamples(examples: ExampleSource, recipe: RecipeInput, options: AugmentExamplesOptions = {}): Promise<AugmentOutcome> {
  const rejections: RejectionRecord[] = [];
  const provenance: ProvenanceRecord[] = [];
  const stream = augmentStream(examples, recipe, {
    ...options,
    onRejection: (r) => {
      rejections.push(r);
      options.onRejection?.(r);
    },
    onProvenance: (r) => {
      provenance.push(r);
      options.onProvenance?.(r);
    },
  });
  const out: Example[] = [];
  for await (const ex of stream) out.push(ex);
  return { examples: out, rejections, provenance, report: stream.report(), counts: stream.counts, seeds: stream.seeds, plans: stream.plans };
}

/**
 * The examples of an augmentation, one at a time, in input order. Pass a function returning
 * the seeds (`() => streamExamples(file)`) to read a large input twice instead of holding it.
 */
export function augmentStream(examples: ExampleSource, recipe: RecipeInput, options: AugmentExamplesOptions = {}): AugmentStream {
  const { onRejection, onProvenance, ...rest } = options;
  let aug: Augmentation | null = null;
  let done = false;
  let report: AugmentReport | null = null;
  const finished = (): Augmentation => {
    if (!aug || !done) throw new Error('the augmentation has not finished: read all of its examples first');
    return aug;
  };
  return {
    async *[Symbol.asyncIterator]() {
      if (aug) throw new Error('an augmentation stream can be read once');
      aug = await Augmentation.prepare(checked(examples), resolveRecipe(recipe), rest);
      yield* aug.generate({ sinks: { rejected: onRejection, provenance: onProvenance } });
      done = true;
    },
    report: () => (report ??= finished().report()),
    get counts() {
      return finished().run.outputs.counts;
    },
    get seeds() {
      return finished().seeds;
    },
    get plans() {
      return finished().run.plans.summary;
    },
  };
}
