import type { Example } from '../core/model.js';
import { tokenKey } from '../core/token-key.js';

/** Test sentences that also occur, same tokens, in the data a tagger trains on. */
export interface TestOverlap {
  testSentences: number;
  /** Test sentences found in any training source. */
  inTraining: number;
  /** Per training source (--train, then the sentences each augmented file adds): test sentences found there. */
  bySource: OverlapSource[];
}

export interface OverlapSource {
  role: 'train' | 'augmented';
  file: string;
  sentences: number;
}

/** Counts test sentences whose tokens equal those of a training sentence; a test sentence counts once however often it is found. */
export function testOverlap(test: readonly Example[], sources: ReadonlyArray<{ role: OverlapSource['role']; file: string; examples: readonly Example[] }>): TestOverlap {
  const keys = sources.map((s) => new Set(s.examples.map((ex) => tokenKey(ex.tokens))));
  const testKeys = test.map((ex) => tokenKey(ex.tokens));
  return {
    testSentences: test.length,
    inTraining: testKeys.filter((k) => keys.some((s) => s.has(k))).length,
    bySource: sources.map(({ role, file }, i) => ({ role, file, sentences: testKeys.filter((k) => keys[i].has(k)).length })),
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
  return {
    level: 'note',
    text: `${o.inTraining} of ${o.testSentences} test sentences (${pct}%) are also training sentences, same tokens (${where}): the F1 scores are inflated (the tagger is scored on sentences it trained on)`,
  };
}
