import { sentenceRanges, type Example } from '../core/model.js';
import { tokenKey } from '../core/token-key.js';

/** Test sentences that also occur, same tokens, in the data a tagger trains on. Sentences, not
 *  examples: a document (DyGIE, DocRED) is as many sentences as it holds. */
export interface TestOverlap {
  testSentences: number;
  /** Test sentences found in any training source. */
  inTraining: number;
  /** Gold entities of the test set, and of the test sentences found in training. */
  testEntities: number;
  entitiesInTraining: number;
  /** Per training source (--train, then the sentences each augmented file adds): test sentences found there. */
  bySource: OverlapSource[];
}

export interface OverlapSource {
  role: 'train' | 'augmented';
  file: string;
  sentences: number;
}

/** Each sentence of the examples: its token key and its entity count. */
function sentencesOf(examples: readonly Example[]): Array<{ key: string; entities: number }> {
  const out: Array<{ key: string; entities: number }> = [];
  for (const ex of examples) {
    for (const [a, b] of sentenceRanges(ex)) {
      out.push({ key: tokenKey(ex.tokens.slice(a, b)), entities: ex.entities.filter((e) => e.start >= a && e.start < b).length });
    }
  }
  return out;
}

/** Counts test sentences whose tokens equal those of a training sentence; a test sentence counts once however often it is found. */
export function testOverlap(test: readonly Example[], sources: ReadonlyArray<{ role: OverlapSource['role']; file: string; examples: readonly Example[] }>): TestOverlap {
  const keys = sources.map((s) => new Set(sentencesOf(s.examples).map((x) => x.key)));
  const tests = sentencesOf(test);
  const found = tests.filter((t) => keys.some((s) => s.has(t.key)));
  const sum = (xs: ReadonlyArray<{ entities: number }>) => xs.reduce((n, x) => n + x.entities, 0);
  return {
    testSentences: tests.length,
    inTraining: found.length,
    testEntities: sum(tests),
    entitiesInTraining: sum(found),
    bySource: sources.map(({ role, file }, i) => ({ role, file, sentences: tests.filter((t) => keys[i].has(t.key)).length })),
  };
}

/** What to print, or null when the sets are disjoint. Every test sentence trained on is said loudly. */
export function overlapMessage(o: TestOverlap): { level: 'note' | 'warning'; text: string } | null {
  if (o.inTraining === 0) return null;
  const where = o.bySource
    .filter((s) => s.sentences > 0)
    .map((s) => `${s.sentences} in ${s.role === 'train' ? `--train ${s.file}` : `what --augmented ${s.file} adds`}`)
    .join(', ');
  if (o.inTraining === o.testSentences) {
    return {
      level: 'warning',
      text: `every test sentence (${o.inTraining} of ${o.testSentences}) is also a training sentence, same tokens (${where}): these F1 scores measure the tagger on sentences it trained on, not on unseen text; is --test part of the training data?`,
    };
  }
  const pct = ((100 * o.inTraining) / o.testSentences).toFixed(1);
  // Short repeated lines ("Attendance : 10,000 .") recur in many corpora: the entities they
  // hold say how much of the score they can move.
  return {
    level: 'note',
    text: `${o.inTraining} of ${o.testSentences} test sentences (${pct}%) are also training sentences, same tokens (${where}); they hold ${o.entitiesInTraining} of the test set's ${o.testEntities} gold entities, whose F1 may be inflated (the tagger trained on them)`,
  };
}
