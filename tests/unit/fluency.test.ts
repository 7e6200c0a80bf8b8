import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { FluencyModel, fluencyView } from '../../src/filters/fluency.js';
import { NgramLm } from '../../src/filters/ngram-lm.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { generateForSeed, type GenerateContext } from '../../src/pipeline/generate.js';
import { makeCheck } from '../../src/pipeline/checks.js';
import { validateRecipe } from '../../src/pipeline/recipe.js';
import { runAugment } from '../../src/pipeline/runner.js';
import { ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
type Rec = { tokens: string[]; entities: Array<{ type: string; start: number; end: number }>; relations: Array<{ type: string; head: number; tail: number }>; orig_id: string };
const seeds: Example[] = (JSON.parse(readFileSync(SEEDS, 'utf8')) as Rec[]).map((s) => ({ id: s.orig_id, tokens: s.tokens, entities: s.entities, relations: s.relations }));
const byId = (id: string) => seeds.find((s) => s.id === id)!;

function model(factor: number, mentions: 'type' | 'words' = 'type'): FluencyModel {
  const m = new FluencyModel({ factor, mentions });
  for (const s of seeds) m.addSeed(s);
  return m;
}
const withTokens = (ex: Example, tokens: string[]): Example => ({ ...ex, tokens });

describe('fluency view', () => {
  it('reads each outermost mention as one token of its type', () => {
    const ex = byId('demo-01');
    expect(fluencyView(ex, 'type')).toEqual(['\u0001Peop', 'works', 'for', '\u0001Org', ',', 'a', 'firm', 'based', 'in', '\u0001Loc', '.']);
    expect(fluencyView(ex, 'words')).toBe(ex.tokens);
  });
});

describe('fluency filter', () => {
  const seed = byId('demo-04'); // The mayor of [Porto] , [Ana Ferreira] , opened the new bridge on Monday .
  // Its words shuffled around the mentions (mentions kept in place).
  const salad = withTokens(seed, ['The', 'on', 'bridge', 'Porto', ',', 'Ana', 'Ferreira', ',', 'the', 'mayor', 'Monday', 'new', 'opened', 'of', '.']);
  salad.entities = seed.entities;

  it('rejects a candidate far less fluent than its seed, with both perplexities in the detail', () => {
    const r = model(1.5).check(salad, seed);
    expect(r.rejection?.reason).toBe('not_fluent');
    expect(r.score.ppl).toBeGreaterThan(1.5 * r.score.seed_ppl);
    expect(r.rejection?.detail).toContain(String(r.score.ppl));
    expect(r.rejection?.detail).toContain(String(r.score.seed_ppl));
  });

  it('the factor decides: just above the ratio keeps it, just below rejects it', () => {
    const { ppl, seed_ppl } = model(1.5).score(salad, seed);
    const ratio = ppl / seed_ppl;
    expect(model(ratio * 1.01).check(salad, seed).rejection).toBeNull();
    expect(model(ratio * 0.99).check(salad, seed).rejection?.reason).toBe('not_fluent');
  });

  it('scores the seed with itself left out (a memorised seed would make every edit look bad)', () => {
    const m = model(1.5);
    const s = m.score(seed, seed);
    expect(s.ppl).toBe(s.seed_ppl);
    const memorised = new NgramLm();
    for (const x of seeds) memorised.add(fluencyView(x, 'type'));
    const v = fluencyView(seed, 'type');
    const { logProb, n } = memorised.logProb(v);
    expect(s.seed_ppl).toBeGreaterThan(1.5 * Math.exp(-(logProb - memorised.unigramLogProb(v)) / n));
  });

  it('mention view: a mention swapped for another of its type scores as the seed; words view: not', () => {
    // Turin is a word the seeds use often (kept as a word, not a shape) in another context.
    const swapped: Example = {
      ...seed,
      tokens: ['The', 'mayor', 'of', 'Porto', ',', 'Turin', ',', 'opened', 'the', 'new', 'bridge', 'on', 'Monday', '.'],
      entities: [
        { type: 'Loc', start: 3, end: 4 },
        { type: 'Peop', start: 5, end: 6 },
      ],
    };
    const t = model(1.5).score(swapped, seed);
    expect(t.ppl).toBe(t.seed_ppl);
    const w = model(1.5, 'words').score(swapped, seed);
    expect(w.ppl).not.toBe(w.seed_ppl);
  });

  it('unlabelled text sharpens the model: the salad reads worse next to its seed', async () => {
    const file = path.join(tmpDir(), 'text.txt');
    writeFileSync(file, 'The mayor of the city opened the new bridge on Monday.\nThe new bridge opened on Monday.\nThe mayor opened the new school on Friday.\n');
    const m = model(1.5);
    const before = m.score(salad, seed);
    const plus = new FluencyModel({ factor: 1.5, mentions: 'type' });
    for (const s of seeds) plus.addSeed(s);
    expect(await plus.addTextFile(file)).toBe(3);
    const after = plus.score(salad, seed);
    expect(after.ppl / after.seed_ppl).toBeGreaterThan(before.ppl / before.seed_ppl);
  });
});

describe('the run check', () => {
  const recipe = (fluency: unknown) => validateRecipe({ operations: [{ op: 'shuffle_within_segments_v1' }], filters: { fluency } }, 'test.yaml');
  const corpus = (() => {
    const b = new CorpusBuilder();
    for (const s of seeds) b.add(s);
    return b.build();
  })();

  it('defaults: factor 2.5, mentions read as their type', () => {
    expect(recipe({}).filters.fluency).toEqual({ factor: 2.5, mentions: 'type' });
    expect(() => recipe({ factor: 1 })).toThrow(expect.objectContaining({ loc: expect.objectContaining({ path: 'filters.fluency.factor' }) }));
  });

  it('runs the filter and notes the score for provenance', () => {
    const r = recipe({ factor: 1.5 });
    const check = makeCheck({ filters: r.filters, ops: r.operations, corpus, allowOverlap: false, fluency: model(1.5) });
    const seed = byId('demo-01');
    const notes: Record<string, unknown> = {};
    expect(check(seed, seed, 'x', 0, notes)).toBeNull();
    expect(notes.fluency).toEqual(model(1.5).score(seed, seed));
    const bad = { ...seed, tokens: ['Maria', 'Lopez', 'for', 'a', 'Acme', 'Robotics', 'based', ',', 'works', 'Lyon', 'in', 'firm', '.'] };
    expect((check(bad, seed, 'x', 0, {}) as { reason: string }).reason).toBe('not_fluent');
  });
});

describe('augment with the fluency filter', () => {
  it('writes not_fluent rejections and each scored candidate\'s perplexities to provenance', async () => {
    const out = tmpDir();
    const r = validateRecipe(
      { seed: 1, variants: 2, compose: 'sequence', operations: [{ op: 'label_wise_token_replacement_v1', p: 0.5 }], filters: { fluency: { factor: 1.5 } } },
      path.join(ROOT, 'recipes/x.yaml'),
    );
    const res = await runAugment({ recipe: r, input: SEEDS, out });
    expect(res.rejectedByReason.not_fluent).toBeGreaterThan(0);
    const lines = readFileSync(path.join(out, 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const made = lines.filter((l) => !l.original);
    expect(made.length).toBe(res.accepted);
    for (const l of made) expect(l.fluency.ppl).toBeLessThanOrEqual(1.5 * l.fluency.seed_ppl);
    expect(lines.filter((l) => l.original).every((l) => !('fluency' in l))).toBe(true);
  });

  it('--fluency-text turns the filter on for a recipe without it', async () => {
    const text = path.join(tmpDir(), 'news.txt');
    writeFileSync(text, 'The company said on Monday it would cut jobs.\n');
    const r = validateRecipe({ operations: [{ op: 'shuffle_within_segments_v1', p: 0.5 }] }, path.join(ROOT, 'recipes/x.yaml'));
    const out = tmpDir();
    const res = await runAugment({ recipe: r, input: SEEDS, out, fluencyText: text });
    expect(res.rejectedByReason.not_fluent).toBeGreaterThan(0);
    // The text is in the model: the scores differ from the seeds-only model's.
    const scores = (dir: string) => readFileSync(path.join(dir, 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).fluency).filter(Boolean);
    const seedsOnly = tmpDir();
    await runAugment({ recipe: validateRecipe({ operations: [{ op: 'shuffle_within_segments_v1', p: 0.5 }], filters: { fluency: {} } }, path.join(ROOT, 'recipes/x.yaml')), input: SEEDS, out: seedsOnly });
    expect(scores(out).length).toBeGreaterThan(0);
    expect(scores(out)[0].seed_ppl).not.toBe(scores(seedsOnly)[0].seed_ppl);
  });

  it('--fluency-text is read as strictly as an input: invalid UTF-8 is an error with its line', async () => {
    const text = path.join(tmpDir(), 'bad.txt');
    writeFileSync(text, Buffer.concat([Buffer.from('The company said on Monday it would cut jobs.\nPrices '), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(' rose .\n')]));
    const r = validateRecipe({ operations: [{ op: 'shuffle_within_segments_v1', p: 0.5 }] }, path.join(ROOT, 'recipes/x.yaml'));
    await expect(runAugment({ recipe: r, input: SEEDS, out: tmpDir(), fluencyText: text })).rejects.toMatchObject({ message: expect.stringMatching(/^the fluency text: invalid UTF-8/), loc: { file: text, line: 2 } });
  });
});

describe('compose: each', () => {
  const corpus = (() => {
    const b = new CorpusBuilder();
    for (const s of seeds) b.add(s);
    return b.build();
  })();
  const ctx = (compose: GenerateContext['compose'], variants: number): GenerateContext => {
    const r = validateRecipe({ compose, variants, operations: [{ op: 'mention_replacement_v1', p: 1 }, { op: 'synonym_replacement_v1', p: 1 }, { op: 'shuffle_within_segments_v1', p: 1 }] }, 'x.yaml');
    return { ops: r.operations, compose: r.compose, runSeed: 1, variants: r.variants, corpus, states: [] };
  };

  it('every operation makes its own copy of the seed, per variant, in recipe order', async () => {
    const items = await generateForSeed(byId('demo-05'), 0, ctx('each', 2));
    expect(items.map((i) => [i.op, i.variant, i.id])).toEqual([
      ['mention_replacement_v1', 0, 'demo-05~1'],
      ['synonym_replacement_v1', 0, 'demo-05~2'],
      ['shuffle_within_segments_v1', 0, 'demo-05~3'],
      ['mention_replacement_v1', 1, 'demo-05~4'],
      ['synonym_replacement_v1', 1, 'demo-05~5'],
      ['shuffle_within_segments_v1', 1, 'demo-05~6'],
    ]);
    for (const it of items) expect(it.trace.map((t) => t.op)).toEqual(it.kind === 'candidate' ? [it.op] : []);
  });

  it('a copy is what the operation alone makes from the seed (the chain\'s first step)', async () => {
    const seed = byId('demo-05');
    const [each] = await generateForSeed(seed, 0, ctx('each', 1));
    const one = validateRecipe({ operations: [{ op: 'mention_replacement_v1', p: 1 }] }, 'x.yaml');
    const [alone] = await generateForSeed(seed, 0, { ops: one.operations, compose: 'sequence', runSeed: 1, variants: 1, corpus, states: [] });
    expect(each.example.tokens).toEqual(alone.example.tokens);
    expect(each.example.tokens).not.toEqual(seed.tokens);
  });

  it('is refused for LLM operations', () => {
    expect(() => validateRecipe({ compose: 'each', operations: [{ op: 'llm_context_rewrite_v1' }, { op: 'mention_replacement_v1' }] }, 'x.yaml')).toThrow(/compose: each/);
  });
});
