import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Example } from '../core/model.js';
import { tokenize } from '../core/tokenize.js';
import type { Rejection } from './consistency.js';
import { NgramLm, type Exclusion } from './ngram-lm.js';

/**
 * Fluency filter with no model to download: a word trigram model (ngram-lm.ts) built from the
 * seeds, and optionally from unlabelled in-domain text, scores each candidate; a candidate
 * whose per-token perplexity is more than `factor` times its seed's is rejected (`not_fluent`).
 * Both are scored with the seed left out of the model, so the seed is not favoured for having
 * been memorised.
 *
 * The perplexity is taken relative to plain word frequencies (the trigram model's per-token
 * perplexity over the unigram model's: exp(-SLOR), Kann et al. 2018): it measures how well
 * the words fit their contexts, not how common they are. Without it a model of a few hundred
 * seeds prefers a salad of frequent words to the seed's own rare ones.
 *
 * `mentions: type` (the default) reads each mention as one token of its type: the model judges
 * the words around the entities. A name is the least predictable word of a sentence, and
 * mention replacement swaps names by design; scored as words, a rare substitute looks like
 * damage (on CoNLL-2003 about 6-10% of mention swaps fail). `words` scores every
 * token, mentions included.
 */
export interface FluencyOptions {
  factor: number;
  mentions: 'type' | 'words';
}

/** Chosen on CoNLL-2003 (tests/integration/fluency-conll.test.ts): 96% of shuffled held-back
 *  sentences rejected, 3.8% of real one-word variants. */
export const FLUENCY_DEFAULTS: FluencyOptions = { factor: 2.5, mentions: 'type' };

export interface FluencyScore {
  ppl: number;
  seed_ppl: number;
}

/** The tokens as the model reads them: each outermost mention one `<TYPE>` token, or the words. */
export function fluencyView(ex: Example, mentions: FluencyOptions['mentions']): string[] {
  if (mentions === 'words' || ex.entities.length === 0) return ex.tokens;
  const spans = [...ex.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: string[] = [];
  let i = 0;
  for (const e of spans) {
    if (e.start < i) continue;
    out.push(...ex.tokens.slice(i, e.start), `\u0001${e.type}`);
    i = e.end;
  }
  out.push(...ex.tokens.slice(i));
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export class FluencyModel {
  private readonly lm = new NgramLm();
  /** The seed last scored: its candidates come together, so one entry is enough. */
  private last: { seed: Example; ex: Exclusion; ppl: number } | null = null;

  constructor(readonly opts: FluencyOptions) {}

  addSeed(ex: Example): void {
    this.lm.add(fluencyView(ex, this.opts.mentions));
  }

  /** Unlabelled in-domain text: one sentence per line, tokenized as the readers do. */
  async addTextFile(file: string): Promise<number> {
    return this.addTextLines(createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity }));
  }

  /** Lines of unlabelled text (the CLI reads them strictly: invalid UTF-8 is an error there). */
  async addTextLines(lines: AsyncIterable<string>): Promise<number> {
    let n = 0;
    for await (const line of lines) {
      const t = tokenize(line).tokens;
      if (t.length) {
        this.lm.add(t);
        n++;
      }
    }
    return n;
  }

  /** Build the language model now (see `NgramLm.prepare`); no seed can be added after. */
  prepare(): void {
    this.lm.prepare();
  }

  score(cand: Example, seed: Example): FluencyScore {
    if (this.last?.seed !== seed) {
      const view = fluencyView(seed, this.opts.mentions);
      const ex = this.lm.exclusion(view);
      this.last = { seed, ex, ppl: this.relative(view, ex) };
    }
    const ppl = this.relative(fluencyView(cand, this.opts.mentions), this.last.ex);
    return { ppl: round(ppl), seed_ppl: round(this.last.ppl) };
  }

  /** Per-token perplexity relative to word frequencies: exp(-(log P3 - log P1) / n). */
  private relative(view: string[], ex: Exclusion): number {
    const { logProb, unigram, n } = this.lm.logProbs(view, ex);
    return Math.exp(-(logProb - unigram) / n);
  }

  /** The score, and a rejection when the candidate reads much worse than its seed. */
  check(cand: Example, seed: Example): { score: FluencyScore; rejection: Rejection | null } {
    const score = this.score(cand, seed);
    const bad = score.ppl > this.opts.factor * score.seed_ppl;
    return {
      score,
      rejection: bad ? { reason: 'not_fluent', detail: `relative trigram perplexity ${score.ppl} vs the seed's ${score.seed_ppl} (more than ${this.opts.factor}x)` } : null,
    };
  }
}
