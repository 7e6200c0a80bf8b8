import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sentenceRanges, type Entity, type Example } from '../../src/core/model.js';
import { checkExample } from '../../src/core/check.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { findOperation } from '../../src/ops/registry.js';
import { isPunct } from '../../src/ops/util.js';
import { example } from '../support/arbitraries.js';

/**
 * Issue 10's promises for the token operations, version 2: no mention gains a punctuation
 * token it did not have, and the words that carry a relation (between its arguments, and the
 * recipe's window around them) are left exactly as they were.
 */

// Real words (so WordNet and the word pools have something to draw) and punctuation, mixed
// into the random tokens; a Penn tag column on some examples.
const VOCAB = ['study', 'big', 'contract', 'fields', 'lamb', 'disease', 'quickly', 'shot', 'in', 'the', 'works', 'for', 'born', 'New', 'York', ',', '.', '(', ')', '-', 'said', 'report', 'studies', 'Israel', 'United', 'States'];
const TAGS = ['NN', 'NNS', 'VB', 'VBD', 'JJ', 'RB', 'NNP', 'IN', 'DT', ',', '.'];

const wordy = (opts: { columns: boolean }) =>
  fc
    .tuple(
      example({ spaces: true }),
      fc.array(fc.option(fc.constantFrom(...VOCAB), { nil: undefined }), { minLength: 25, maxLength: 25 }),
      fc.array(fc.constantFrom(...TAGS), { minLength: 25, maxLength: 25 }),
    )
    .map(([ex, words, tags]): Example => {
      const tokens = ex.tokens.map((t, i) => words[i] ?? t);
      const out: Example = { ...ex, tokens };
      if (opts.columns) out.columns = tokens.map((_, i) => [tags[i], 'O']);
      return out;
    });

const scenario = fc
  .tuple(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 }))
  .chain(([columns, pick, seed, window]) =>
    fc.array(wordy({ columns }), { minLength: 1, maxLength: 6 }).map((raw) => {
      const corpus = raw.map((e, i) => ({ ...e, id: `e${i}` }));
      return { corpus, ex: corpus[pick % corpus.length], seed, window };
    }),
  );

function run(name: string, params: Record<string, unknown>, corpus: Example[], ex: Example, seed: number): Example | null {
  const op = findOperation(name)!;
  const b = new CorpusBuilder();
  for (const e of corpus) b.add(e);
  return op.apply(ex, op.params.parse(params), { rng: rngFor(seed, ex.id, name, 0), corpus: b.build() });
}

/** Entities in text order (every v2 token operation keeps their relative order). */
const ordered = (ex: Example): Entity[] => ex.entities.slice().sort((a, b) => a.start - b.start || a.end - b.end || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));

/** The punctuation tokens `after` holds beyond those of `before` (as multisets). */
function gainedPunct(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const t of before) if (isPunct(t)) left.set(t, (left.get(t) ?? 0) + 1);
  const gained: string[] = [];
  for (const t of after) {
    if (!isPunct(t)) continue;
    const n = left.get(t) ?? 0;
    if (n === 0) gained.push(t);
    else left.set(t, n - 1);
  }
  return gained;
}

/** For each positive relation, in order: the words between its arguments and the window around each. */
function cueWords(ex: Example, window: number): string[][] {
  return ex.relations
    .filter((r) => !r.negative)
    .map((r) => {
      const h = ex.entities[r.head];
      const t = ex.entities[r.tail];
      const around = (e: Entity) => [...ex.tokens.slice(Math.max(0, e.start - window), e.start), '|', ...ex.tokens.slice(e.end, e.end + window)];
      return [...ex.tokens.slice(Math.min(h.end, t.end), Math.max(h.start, t.start)), '||', ...around(h), '||', ...around(t)];
    });
}

/** Every operation in scope, with parameters that make it act often. */
const BUSY: Array<[string, Record<string, unknown>]> = [
  ['label_wise_token_replacement_v2', { p: 0.7 }],
  ['synonym_replacement_v2', { p: 1, in_domain: 0 }],
  ['shuffle_within_segments_v2', { p: 1 }],
  ['shuffle_within_segments_v2', { p: 1, entities: true }],
  ['token_noise_v2', { insert: 0.3, delete: 0.3, swap: 0.3, punctuation: 0.3 }],
];

describe('v2 token operations keep mentions and relation cue words', () => {
  for (const [name, busy] of BUSY) {
    const label = `${name} ${JSON.stringify(busy)}`;
    it(`${label}: no mention gains a punctuation token it did not have`, () => {
      fc.assert(
        fc.property(scenario, ({ corpus, ex, seed, window }) => {
          const out = run(name, { ...busy, cue_window: window }, corpus, ex, seed);
          if (!out) return;
          expect(checkExample(out)).toEqual([]);
          const before = ordered(ex);
          const after = ordered(out);
          expect(after.map((e) => e.type)).toEqual(before.map((e) => e.type));
          before.forEach((e, k) => {
            const a = after[k];
            expect(gainedPunct(ex.tokens.slice(e.start, e.end), out.tokens.slice(a.start, a.end))).toEqual([]);
          });
        }),
        { numRuns: 200 },
      );
    });

    it(`${label}: relation cue words (between the arguments, and the window) are unchanged`, () => {
      fc.assert(
        fc.property(scenario, ({ corpus, ex, seed, window }) => {
          const out = run(name, { ...busy, cue_window: window }, corpus, ex, seed);
          if (!out) return;
          expect(out.relations.map((r) => r.type)).toEqual(ex.relations.map((r) => r.type));
          expect(cueWords(out, window)).toEqual(cueWords(ex, window));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('token_noise_v2 swaps no token across a sentence boundary', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(), { maxLength: 4 }), ({ corpus, ex, seed }, cuts) => {
        const starts = [...new Set([0, ...cuts.map((c) => c % ex.tokens.length)])].sort((a, b) => a - b);
        const doc: Example = { ...ex, sentenceStarts: starts };
        const out = run('token_noise_v2', { insert: 0, delete: 0, swap: 0.8, punctuation: 0 }, corpus, doc, seed);
        if (!out) return;
        const bags = (e: Example) => sentenceRanges(e).map(([s, t]) => e.tokens.slice(s, t).sort());
        expect(bags(out)).toEqual(bags(doc));
      }),
      { numRuns: 200 },
    );
  });

  it('token_noise_v2 keeps the sentence-final punctuation final', () => {
    fc.assert(
      fc.property(scenario, ({ corpus, ex, seed }) => {
        const out = run('token_noise_v2', { insert: 0.3, delete: 0.3, swap: 0.3, punctuation: 0.3 }, corpus, ex, seed);
        const last = ex.tokens[ex.tokens.length - 1];
        if (out && (isPunct(last) || /[.!?]$/.test(last))) expect(out.tokens[out.tokens.length - 1]).toBe(last);
      }),
      { numRuns: 200 },
    );
  });
});

// Hand-made cases from the audit.
const kill: Example = {
  id: 'k',
  tokens: ['Booth', 'shot', 'Lincoln', 'in', 'the', 'theatre', 'at', '[NEW', 'YORK]', '.'],
  entities: [{ start: 0, end: 1, type: 'Peop' }, { start: 2, end: 3, type: 'Peop' }, { start: 7, end: 9, type: 'Loc' }],
  relations: [{ head: 0, tail: 1, type: 'Kill' }],
};
const others: Example[] = [
  {
    id: 'o1',
    tokens: ['The', 'United', 'States', 'and', 'France', 'met', 'Archduke', 'Ferdinand', 'in', 'NEW', ',', 'Kunming', 'at', 'noon', '.'],
    entities: [{ start: 1, end: 3, type: 'Loc' }, { start: 4, end: 5, type: 'Loc' }, { start: 6, end: 8, type: 'Peop' }, { start: 9, end: 11, type: 'Loc' }, { start: 11, end: 12, type: 'Loc' }],
    relations: [],
  },
  { id: 'o2', tokens: ['Ann', 'shot', 'Bob', 'scene', 'quickly', 'today', '.'], entities: [{ start: 0, end: 1, type: 'Peop' }, { start: 2, end: 3, type: 'Peop' }], relations: [{ head: 0, tail: 1, type: 'Kill' }] },
];
const israel: Example = { id: 'i', tokens: ['He', 'left', 'Israel', 'today', '.'], entities: [{ start: 2, end: 3, type: 'Loc' }], relations: [] };

function runMany(name: string, params: Record<string, unknown>, ex: Example, corpus: Example[], n = 300): Example[] {
  const out: Example[] = [];
  for (let s = 0; s < n; s++) {
    const o = run(name, params, corpus, ex, s);
    if (o) out.push(o);
  }
  return out;
}
const text = (ex: Example, e: Entity) => ex.tokens.slice(e.start, e.end).join(' ');

describe('label_wise_token_replacement_v2 on the audit cases', () => {
  it('a one-token name becomes a whole one-token name, never a fragment of a longer one', () => {
    const outs = runMany('label_wise_token_replacement_v2', { p: 1 }, israel, [israel, ...others]);
    const names = new Set(outs.map((o) => text(o, o.entities[0])));
    expect(names.has('France')).toBe(true);
    expect([...names].every((n) => ['Israel', 'France', 'Kunming'].includes(n))).toBe(true);
  });

  it('a relation cue word is never replaced, a mention never takes punctuation, words keep their shape', () => {
    const outs = runMany('label_wise_token_replacement_v2', { p: 1 }, kill, [kill, ...others]);
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) {
      expect(o.tokens[1]).toBe('shot');
      expect(o.tokens.slice(7, 9)).not.toContain(',');
      expect(o.tokens[9]).toBe('.');
      // "the" is a function word; "theatre" becomes a lower-case word, never a name.
      expect(o.tokens[4]).toBe('the');
      expect(o.tokens[5]).toMatch(/^[a-z]+$/);
    }
  });

  it('a mention among the cue words stays; the arguments themselves may change', () => {
    const ex: Example = {
      id: 'm',
      tokens: ['Ann', 'met', 'Bob', 'and', 'Carl', '.'],
      entities: [{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'PER' }, { start: 4, end: 5, type: 'PER' }],
      relations: [{ head: 0, tail: 2, type: 'Knows' }],
    };
    const pool: Example = { id: 'p', tokens: ['Dan', 'and', 'Eve', 'knew', 'Fay'], entities: [{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'PER' }, { start: 4, end: 5, type: 'PER' }], relations: [{ head: 0, tail: 2, type: 'Knows' }] };
    const outs = runMany('label_wise_token_replacement_v2', { p: 1 }, ex, [ex, pool], 50);
    expect(outs.some((o) => o.tokens[0] !== 'Ann')).toBe(true);
    for (const o of outs) expect(o.tokens.slice(1, 4)).toEqual(['met', 'Bob', 'and']);
  });
});

describe('label_wise_token_replacement_v2 draws words of the same kind, seen in the same frame', () => {
  const seeds: Example[] = [
    { id: 'w1', tokens: ['they', 'ran', 'slowly', 'on', 'July', '4', '.'], entities: [{ start: 4, end: 5, type: 'Other' }], relations: [] },
    { id: 'w2', tokens: ['we', 'ran', 'loudly', 'on', 'July', '9', '.'], entities: [{ start: 4, end: 5, type: 'Other' }], relations: [] },
    // "home" stands in the frame too, but WordNet reads it other ways than "quickly".
    { id: 'w3', tokens: ['we', 'ran', 'home', 'on', 'Lordy', '12', '.'], entities: [{ start: 4, end: 5, type: 'Other' }], relations: [] },
  ];
  it('without tags, by WordNet reading and frame; a date stays a date', () => {
    const ex: Example = { id: 'q', tokens: ['he', 'ran', 'quickly', 'on', 'June', '28', '.'], entities: [{ start: 4, end: 5, type: 'Other' }], relations: [] };
    const outs = runMany('label_wise_token_replacement_v2', { p: 1 }, ex, [ex, ...seeds], 100);
    expect(new Set(outs.map((o) => o.tokens[2]))).toEqual(new Set(['slowly', 'loudly']));
    expect(new Set(outs.map((o) => o.tokens[4]))).toEqual(new Set(['July', 'June']));
    for (const o of outs) expect(o.tokens[5]).toBe('28');
  });
  it('a word of the right kind never seen between the same two words is not drawn', () => {
    const ex: Example = { id: 'r', tokens: ['he', 'walked', 'quickly', 'to', 'work', '.'], entities: [], relations: [] };
    const outs = runMany('label_wise_token_replacement_v2', { p: 1 }, ex, [ex, ...seeds], 100);
    for (const o of outs) expect(o.tokens[2]).toBe('quickly');
  });
  it('a frame of function words alone ("the _ of") is no frame: the word stays', () => {
    const plain = (id: string, text: string): Example => ({ id, tokens: text.split(' '), entities: [], relations: [] });
    const pool = [plain('a', 'they saw the table of contents .'), plain('b', 'they saw the list of contents .')];
    const ex = plain('q', 'we read the index of names .');
    const outs = runMany('label_wise_token_replacement_v2', { p: 1 }, ex, [ex, ...pool], 60);
    for (const o of outs) expect(o.tokens[3]).toBe('index');
  });

  it('with a POS column, by Penn tag, and the word keeps its row', () => {
    const tag = (ex: Example, tags: string[]): Example => ({ ...ex, columns: tags.map((t) => [t, 'O']) });
    const plain = (id: string, text: string): Example => ({ id, tokens: text.split(' '), entities: [], relations: [] });
    const tagged = [tag(plain('a', 'he walked home .'), ['PRP', 'VBD', 'NN', '.']), tag(plain('b', 'he sang home .'), ['PRP', 'VBD', 'NN', '.']), tag(plain('c', 'he slowly home .'), ['PRP', 'RB', 'NN', '.'])];
    const ex = tag(plain('q', 'he ran home .'), ['PRP', 'VBD', 'NN', '.']);
    const outs = runMany('label_wise_token_replacement_v2', { p: 1 }, ex, [ex, ...tagged], 100);
    expect(new Set(outs.map((o) => o.tokens[1]))).toEqual(new Set(['walked', 'sang']));
    for (const o of outs) expect(o.tokens[2]).toBe('home');
    for (const o of outs) expect(o.columns).toEqual(ex.columns);
  });
});

describe('synonym_replacement_v2', () => {
  const tagged = (tokens: string[], tags: string[]): Example => ({ id: 's', tokens, entities: [], relations: [], columns: tags.map((t) => [t, 'O']) });

  it('never inserts a proper name ("fields", "lamb")', () => {
    for (const ex of [tagged(['green', 'fields', 'and', 'lamb', '.'], ['JJ', 'NNS', 'CC', 'NN', '.']), { id: 'u', tokens: ['green', 'fields', 'and', 'lamb', '.'], entities: [], relations: [] }]) {
      for (const o of runMany('synonym_replacement_v2', { p: 1, senses: 5, in_domain: 0 }, ex, [ex], 100)) {
        expect(o.tokens.join(' ')).not.toMatch(/[A-Z]/);
      }
    }
  });

  it('takes the part of speech from the POS column', () => {
    // "study" is its first sense in 69% of its tagged uses: under the default 75%, so 0.6 here.
    const asNoun = runMany('synonym_replacement_v2', { p: 1, dominance: 0.6, usual: false, in_domain: 0 }, tagged(['a', 'study', '.'], ['DT', 'NN', '.']), [], 50);
    const asVerb = runMany('synonym_replacement_v2', { p: 1, dominance: 0.6, usual: false, in_domain: 0 }, tagged(['we', 'study', '.'], ['PRP', 'VB', '.']), [], 50);
    expect(new Set(asNoun.map((o) => o.tokens[1]))).toEqual(new Set(['survey']));
    expect([...new Set(asVerb.map((o) => o.tokens[1]))].every((w) => ['analyze', 'analyse', 'examine', 'canvass', 'canvas'].includes(w))).toBe(true);
    // The synonym keeps the word's tag.
    expect(asNoun[0].columns![1]).toEqual(['NN', 'O']);
  });

  it('without a POS column, leaves words WordNet reads several ways', () => {
    const ex: Example = { id: 'u', tokens: ['officials', 'said', 'contract', 'talks', '.'], entities: [], relations: [] };
    expect(runMany('synonym_replacement_v2', { p: 1, in_domain: 0 }, ex, [], 30)).toEqual([]);
  });
});

describe('shuffle_within_segments_v2 and token_noise_v2 on the audit cases', () => {
  const brooklyn: Example = {
    id: 'b',
    tokens: ['He', 'lives', 'in', 'Brooklyn', ',', 'N.Y.', 'with', 'his', 'old', 'dog', 'since', 'then', '.'],
    entities: [{ start: 3, end: 6, type: 'LOC' }],
    relations: [],
  };
  it('does not shuffle inside a mention by default', () => {
    const outs = runMany('shuffle_within_segments_v2', { p: 1 }, brooklyn, [brooklyn], 50);
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) expect(o.tokens.slice(3, 6)).toEqual(['Brooklyn', ',', 'N.Y.']);
  });

  const alps: Example = {
    id: 'a',
    tokens: ['Mount', 'Blanc', ',', 'in', 'the', 'western', 'Alps', ',', 'is', 'high', '.'],
    entities: [{ start: 0, end: 2, type: 'Loc' }, { start: 6, end: 7, type: 'Loc' }],
    relations: [{ head: 0, tail: 1, type: 'Located_In' }],
  };
  it('token noise never deletes or swaps the cue words of a relation', () => {
    const outs = runMany('token_noise_v2', { delete: 0.9, swap: 0.5, insert: 0.5, punctuation: 0.5 }, alps, [alps], 100);
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) {
      const [h, t] = [o.entities[0], o.entities[1]];
      expect(o.tokens.slice(h.end, t.start)).toEqual([',', 'in', 'the', 'western']);
      expect(o.tokens[o.tokens.length - 1]).toBe('.');
    }
  });
});
