import { wholeNumber } from './whole-number.js';
import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import { dropOverlaps, encodeTags } from '../core/tags.js';
import { openInput } from '../formats/open.js';
import { Reporter } from '../formats/reporter.js';
import { contentKey } from '../core/content-key.js';
import { classificationReport, sentenceCounts, type Mode, type Report } from '../eval/seqeval.js';
import { PerceptronTagger, taggerTrainings } from '../eval/tagger.js';
import { copiesControl } from '../eval/copies-control.js';
import { testOverlap, type TestOverlap } from '../eval/test-overlap.js';
import { pairedBootstrap, pairedT, signTest, verdictOf, type Bootstrap, type PairedT, type SentenceCounts, type SignTest, type Verdict } from '../eval/paired.js';

export { formatEvaluation, evaluationJson } from './evaluate-format.js';

export interface EvaluateOptions {
  train: string;
  /** One augmented file or several; each is compared with the one seeds-only baseline. */
  augmented?: string | string[];
  test: string;
  runs?: string;
  epochs?: string;
  mode?: string;
  from?: string;
  /** CoNLL: the tag's column in --train and --test. */
  tagColumn?: string;
  /** Also train on each augmented file's new examples alone. */
  augmentedOnly?: boolean;
  /** Also train on the seeds plus as many seed copies as each augmented file adds (a control). */
  control?: boolean;
  /** Paired bootstrap resamples of the test set (0: none). */
  resamples?: string;
}

export interface EvaluateHooks {
  /** Called before each training: how many are done, of how many, and which set is next. */
  onTraining?: (done: number, total: number, set: string) => void;
}

export interface RunScores {
  seed: number;
  f1: number;
  report: Report;
  /** Per test sentence, for the paired bootstrap. */
  counts: SentenceCounts;
}

/** One type's scores over the runs, x100; `f1Std` is null with one run. */
export interface TypeSummary {
  f1: number;
  f1Std: number | null;
  precision: number;
  recall: number;
  support: number;
}

export interface SetScores {
  name: string;
  kind: 'seeds' | 'seeds+augmented' | 'augmented' | 'control';
  /** The augmented file, as given. */
  file?: string;
  sentences: number;
  /** Examples the augmented file adds to the seeds (its repeats of them, and of itself, count once). */
  added?: number;
  mean: number;
  /** Sample deviation over runs; null with one run (nothing to measure). */
  std: number | null;
  runs: RunScores[];
  perType: Record<string, TypeSummary>;
}

export interface Comparison {
  set: string;
  against: string;
  /** Per run: this set's F1 minus the baseline's, same run seed. */
  perRun: number[];
  difference: { mean: number; std: number | null };
  /** Per type: this set's F1 minus the baseline's, averaged over runs (x100). */
  perTypeDifference: Record<string, number>;
  signTest: SignTest;
  pairedT: PairedT | null;
  bootstrap: Bootstrap | null;
  verdict: Verdict;
}

export interface EvaluateResult {
  mode: Mode;
  runs: number;
  epochs: number;
  train: { file: string; sentences: number };
  test: { file: string; sentences: number };
  /** sets[0] is the seeds-only baseline. */
  sets: SetScores[];
  comparisons: Comparison[];
  /** Taggers trained by this evaluation: runs x sets (the baseline once per run). */
  taggerTrainings: number;
  /** What the scores leave out, said once (nested entities the flat tagger cannot hold). */
  notes: string[];
  /** Test sentences also in the training data (same tokens): their F1 is inflated. */
  testOverlap: TestOverlap;
  trainSeconds: number;
}

async function readAll(file: string, from?: string, tagColumn?: string): Promise<Example[]> {
  const inp = await openInput(file, { from, tagColumn }, new Reporter('strict'));
  const out: Example[] = [];
  for await (const ex of inp.examples) out.push(ex);
  return out;
}

export const meanStd = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
};

/** Mean and sample deviation, the deviation null below 2 values (n/a, not 0). */
const meanSd = (xs: number[]) => ({ mean: meanStd(xs).mean, std: xs.length > 1 ? meanStd(xs).std : null });

/** Train the baseline tagger and score it on the test set (entity-level micro F1, seqeval). */
export function trainAndScore(train: readonly Example[], test: readonly Example[], seed: number, o: { epochs?: number; mode?: Mode } = {}): RunScores {
  const tagger = new PerceptronTagger();
  tagger.train(train, rngFor(seed, 'evaluate'), { epochs: o.epochs ?? 5 });
  const gold = test.map((ex) => encodeTags(ex.tokens.length, dropOverlaps(ex.entities).kept.map((i) => ex.entities[i]), 'IOB2').tags);
  const pred = test.map((ex) => tagger.tag(ex.tokens));
  const opts = o.mode === 'strict' ? ({ mode: 'strict', scheme: 'IOB2' } as const) : {};
  const report = classificationReport(gold, pred, opts);
  return { seed, f1: report.micro.f1 * 100, report, counts: sentenceCounts(gold, pred, opts) };
}

function perTypeOf(runs: RunScores[]): Record<string, TypeSummary> {
  const types = [...new Set(runs.flatMap((r) => Object.keys(r.report.types)))].sort();
  const out: Record<string, TypeSummary> = {};
  for (const t of types) {
    const of = (k: 'f1' | 'precision' | 'recall') => runs.map((r) => (r.report.types[t]?.[k] ?? 0) * 100);
    const f1 = meanSd(of('f1'));
    out[t] = { f1: f1.mean, f1Std: f1.std, precision: meanStd(of('precision')).mean, recall: meanStd(of('recall')).mean, support: runs[0].report.types[t]?.support ?? 0 };
  }
  return out;
}

const positiveInt = (v: string | undefined, fallback: number, flag: string, min = 1): number => (v === undefined ? fallback : wholeNumber(v, flag, min));

interface TrainingSet {
  name: string;
  kind: SetScores['kind'];
  file?: string;
  added?: number;
  examples: Example[];
}

const entityTypes = (exs: readonly Example[]) => new Set(exs.flatMap((e) => e.entities.map((m) => m.type)));
const listed = (ts: Iterable<string>) => [...ts].sort().slice(0, 8).join(', ');

/** The tagger and the scoring read one flat layer: the outermost of nested or overlapping
 *  entities is kept. Said per set that has any, so a nested test set is not scored silently. */
function nestedNotes(sets: ReadonlyArray<[string, readonly Example[]]>): string[] {
  const out: string[] = [];
  for (const [name, exs] of sets) {
    const n = exs.reduce((a, ex) => a + dropOverlaps(ex.entities).dropped.length, 0);
    if (n) out.push(`${name}: ${n} nested or overlapping ${n === 1 ? 'entity is' : 'entities are'} left out (the tagger reads one flat layer; the outermost is kept)`);
  }
  return out;
}

/** A test set of another schema scores 0 for every set: say so instead of printing zeros. */
function sameSchema(test: ReadonlySet<string>, train: ReadonlySet<string>, file: string): void {
  if ([...test].some((t) => train.has(t))) return;
  throw new UserError(`the test set's entity types (${listed(test)}) share none with the training set's (${listed(train)}): every F1 would be 0; is it from another dataset or schema?`, { file });
}

/** An augmented file with types the seeds lack mixes two schemas ("Loc" beside "LOC"). */
function unknownTypes(added: ReadonlySet<string>, train: ReadonlySet<string>, file: string): void {
  const extra = [...added].filter((t) => !train.has(t));
  if (extra.length) throw new UserError(`--augmented ${file} has entity types the training set lacks (${listed(extra)}; the seeds have ${listed(train)}): is it from another dataset or schema?`, { file });
}

/** The sets to train on: seeds only, then per augmented file seeds + its new examples (and those alone on request). */
async function trainingSets(train: Example[], o: EvaluateOptions): Promise<TrainingSet[]> {
  const files = o.augmented === undefined ? [] : Array.isArray(o.augmented) ? o.augmented : [o.augmented];
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UserError(`--augmented names ${twice} twice`);
  if (o.augmentedOnly && !files.length) throw new UserError('--augmented-only needs --augmented <file...>');
  if (o.control && !files.length) throw new UserError('--control needs --augmented <file...>');
  const sets: TrainingSet[] = [{ name: 'seeds only', kind: 'seeds', examples: train }];
  const seedKeys = new Set(train.map(contentKey));
  for (const file of files) {
    const seen = new Set(seedKeys);
    const extra: Example[] = [];
    for (const ex of await readAll(file)) {
      const k = contentKey(ex);
      if (seen.has(k)) continue;
      seen.add(k);
      extra.push(ex);
    }
    unknownTypes(entityTypes(extra), entityTypes(train), file);
    sets.push({ name: `seeds + ${file}`, kind: 'seeds+augmented', file, added: extra.length, examples: [...train, ...extra] });
    if (o.control) {
      // One draw per file, whatever the other files: a file's control does not move when another is added.
      const copies = copiesControl(train, extra.length, rngFor('evaluate-control', file));
      sets.push({ name: `seeds + ${extra.length} seed copies (control for ${file})`, kind: 'control', file, added: extra.length, examples: [...train, ...copies] });
    }
    if (o.augmentedOnly) {
      if (!extra.length) throw new UserError('--augmented-only: the file adds no example the seeds lack, nothing to train on alone', { file });
      sets.push({ name: `${file} only`, kind: 'augmented', file, added: extra.length, examples: extra });
    }
  }
  return sets;
}

function compare(set: SetScores, base: SetScores, resamples: number): Comparison {
  const perRun = set.runs.map((r, i) => r.f1 - base.runs[i].f1);
  const t = pairedT(perRun);
  // The same seed for every comparison: each is bootstrapped over the same redrawn test sets.
  const boot = resamples > 0 ? pairedBootstrap(base.runs.map((r) => r.counts), set.runs.map((r) => r.counts), resamples, rngFor('evaluate-bootstrap')) : null;
  const difference = meanSd(perRun);
  const types = [...new Set([...Object.keys(base.perType), ...Object.keys(set.perType)])].sort();
  const perTypeDifference = Object.fromEntries(types.map((t) => [t, (set.perType[t]?.f1 ?? 0) - (base.perType[t]?.f1 ?? 0)]));
  return { set: set.name, against: base.name, perRun, difference, perTypeDifference, signTest: signTest(perRun), pairedT: t, bootstrap: boot, verdict: verdictOf(difference.mean, t, boot) };
}

/**
 * Did augmentation help? Train on the seeds alone (once per run) and on seeds plus each
 * augmented file, N runs with different seeds, score every tagger on the test set, and
 * compare each set with the seeds-only baseline, paired by run seed and test sentence.
 */
export async function evaluate(o: EvaluateOptions, hooks: EvaluateHooks = {}): Promise<EvaluateResult> {
  const runs = positiveInt(o.runs, 3, '--runs');
  const epochs = positiveInt(o.epochs, 5, '--epochs');
  const resamples = positiveInt(o.resamples, 1000, '--resamples', 0);
  if (o.mode && o.mode !== 'strict' && o.mode !== 'default') throw new UserError(`--mode must be default or strict, got "${o.mode}"`);
  const mode: Mode = o.mode === 'strict' ? 'strict' : 'default';
  const train = await readAll(o.train, o.from, o.tagColumn);
  const test = await readAll(o.test, o.from, o.tagColumn);
  if (!test.some((e) => e.entities.length)) throw new UserError('the test set has no entities to score', { file: o.test });
  sameSchema(entityTypes(test), entityTypes(train), o.test);
  const sets = await trainingSets(train, o);
  const added = sets.filter((s) => s.kind === 'seeds+augmented').map((s): [string, Example[]] => [`the sentences ${s.file} adds`, s.examples.slice(train.length)]);
  const notes = nestedNotes([['the test set', test], ['the seeds', train], ...added]);
  const overlap = testOverlap(test, [
    { role: 'train', file: o.train, examples: train },
    ...sets.filter((s) => s.kind === 'seeds+augmented').map((s) => ({ role: 'augmented' as const, file: s.file!, examples: s.examples.slice(train.length) })),
  ]);

  const before = taggerTrainings();
  const t0 = performance.now();
  const scores = sets.map((): RunScores[] => []);
  const total = runs * sets.length;
  for (let r = 1; r <= runs; r++) {
    sets.forEach((s, k) => {
      hooks.onTraining?.((r - 1) * sets.length + k, total, `run ${r}/${runs}: ${s.name}`);
      scores[k].push(trainAndScore(s.examples, test, r, { epochs, mode }));
    });
  }
  hooks.onTraining?.(total, total, 'done');
  const trainSeconds = (performance.now() - t0) / 1000;

  const scored: SetScores[] = sets.map((s, k) => ({
    name: s.name,
    kind: s.kind,
    ...(s.file !== undefined ? { file: s.file, added: s.added } : {}),
    sentences: s.examples.length,
    ...meanSd(scores[k].map((x) => x.f1)),
    runs: scores[k],
    perType: perTypeOf(scores[k]),
  }));
  return {
    mode,
    runs,
    epochs,
    train: { file: o.train, sentences: train.length },
    test: { file: o.test, sentences: test.length },
    sets: scored,
    comparisons: [
      ...scored.slice(1).filter((s) => s.kind !== 'control').map((s) => compare(s, scored[0], resamples)),
      // Each seeds + augmented set against its own control: is the gain more than more of the same data gives?
      ...scored.filter((s) => s.kind === 'control').map((c) => compare(scored.find((s) => s.kind === 'seeds+augmented' && s.file === c.file)!, c, resamples)),
    ],
    taggerTrainings: taggerTrainings() - before,
    notes,
    testOverlap: overlap,
    trainSeconds,
  };
}
