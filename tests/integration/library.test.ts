import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  applyOperation,
  augmentExamples,
  augmentStream,
  buildCorpus,
  OPERATION_PARAM_NAMES,
  readExamples,
  streamExamples,
  UserError,
  writeExamples,
  type Example,
  type RecipeSpec,
} from '../../src/index.js';
import { ALL_OPERATION_NAMES } from '../../src/ops/registry.js';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);

async function userError(f: () => Promise<unknown>): Promise<UserError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('no error thrown');
}

describe('augmentExamples: the CLI without files', () => {
  let seeds: Example[];
  let run: string;
  beforeAll(async () => {
    seeds = await readExamples(SEEDS);
    run = path.join(tmpDir(), 'run');
    const r = await cli('augment', path.join(ROOT, 'recipes/sda.yaml'), '--input', SEEDS, '--seed', '1', '--out', run, '--quiet');
    expect(r.code, r.stderr).toBe(0);
  });

  it('gives what `augment` writes for the same seed: examples, rejections, provenance and report', async () => {
    const r = await augmentExamples(seeds, 'sda', { seed: 1 });
    const file = path.join(tmpDir(), 'nested', 'dir', 'augmented.json');
    const summary = await writeExamples(file, r.examples, { format: 'spert' });
    expect(summary.examples).toBe(r.examples.length);
    expect(readFileSync(file).equals(readFileSync(path.join(run, 'augmented.json')))).toBe(true);
    expect(r.rejections).toEqual(lines(path.join(run, 'rejected.jsonl')));
    expect(r.provenance).toEqual(lines(path.join(run, 'provenance.jsonl')));
    expect(r.report).toEqual(JSON.parse(readFileSync(path.join(run, 'report.json'), 'utf8')));
    expect(r.seeds).toBe(36);
    expect(r.counts.written).toBe(r.examples.length);
    // Another seed, other examples.
    const other = await augmentExamples(seeds, 'sda', { seed: 2 });
    expect(other.examples).not.toEqual(r.examples);
  });

  it('streams: a source read twice (a function) gives the same examples as an array, and the report after', async () => {
    const whole = await augmentExamples(seeds, 'entity-swap');
    const stream = augmentStream(() => streamExamples(SEEDS), 'entity-swap');
    expect(() => stream.report()).toThrow(/not finished/);
    const got: Example[] = [];
    for await (const ex of stream) got.push(ex);
    expect(got).toEqual(whole.examples);
    expect(stream.report()).toEqual(whole.report);
    expect(stream.seeds).toBe(36);
  });

  it('takes a recipe object with typed operations', async () => {
    const recipe: RecipeSpec = { variants: 2, include_original: false, operations: [{ op: 'mention_replacement_v1', p: 0.5, relation_aware: true }] };
    const r = await augmentExamples(seeds, recipe);
    expect(r.counts.candidates).toBe(72);
    expect(r.examples.length).toBe(r.counts.accepted);
    expect(r.examples.every((e) => e.meta?.op === 'mention_replacement_v1')).toBe(true);
    // @ts-expect-error: p is a number
    const bad: RecipeSpec = { operations: [{ op: 'mention_replacement_v1', p: 'high' }] };
    expect((await userError(() => augmentExamples(seeds, bad))).format()).toBe('(recipe): operations[0].p: Invalid input: expected number, received string (in mention_replacement_v1)');
  });

  it('raises user mistakes as the UserError the CLI prints, never a bare system error', async () => {
    const missing = await userError(() => readExamples('no/such/file.json'));
    expect(missing.format()).toBe('no/such/file.json: no such file');
    expect((await userError(() => augmentExamples(seeds, 'sdaa'))).message).toMatch(/no built-in recipe of that name/);
    const span = await userError(() => augmentExamples([{ id: 'a', tokens: ['x'], entities: [{ start: 0, end: 3, type: 'X' }], relations: [] }], 'sda'));
    expect(span.format()).toBe('[0].entities[0]: span [0, 3) is out of range (1 tokens)');
    expect((await userError(() => augmentExamples([{ tokens: ['x'], entities: [], relations: [] } as unknown as Example], 'sda'))).format()).toBe('[0].id: every example needs a string id (it seeds its random choices)');
    expect((await userError(() => writeExamples(path.join(tmpDir(), 'a.json'), seeds))).message).toMatch(/pass the format option/);
  });

  it('writes atomically: a write that fails leaves no file', async () => {
    const dir = tmpDir();
    const nested: Example = { id: 'n', tokens: ['New', 'York', 'City'], entities: [{ start: 0, end: 3, type: 'LOC' }, { start: 0, end: 2, type: 'LOC' }], relations: [] };
    await userError(() => writeExamples(path.join(dir, 'out.conll'), [nested]));
    expect(readdirSync(dir)).toEqual([]);
    const lossy = await writeExamples(path.join(dir, 'out.conll'), [nested], { lossy: true });
    expect(Object.values(lossy.dropped).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'out.conll'))).toBe(true);
  });
});

describe('single operations', () => {
  it('applyOperation over buildCorpus makes what the same one-step recipe makes', async () => {
    const seeds = await readExamples(SEEDS);
    const corpus = buildCorpus(seeds);
    const r = await augmentExamples(seeds, { include_original: false, filters: { dedup: false, label_consistency: false }, operations: [{ op: 'mention_replacement_v2', p: 0.5, role_fit: false, kind_fit: false }] }, { seed: 7 });
    const byParent = new Map(r.examples.map((e) => [e.meta?.parent, e]));
    let compared = 0;
    for (const seed of seeds) {
      const one = applyOperation('mention_replacement_v2', seed, { p: 0.5, role_fit: false, kind_fit: false }, { corpus, seed: 7 });
      const fromRecipe = byParent.get(seed.id);
      if (!one || !fromRecipe) continue;
      expect(one.tokens).toEqual(fromRecipe.tokens);
      expect(one.entities.map(({ start, end, type }) => ({ start, end, type }))).toEqual(fromRecipe.entities.map(({ start, end, type }) => ({ start, end, type })));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    expect(() => applyOperation('synonym_replacement_v2', seeds[0], { p: 2 }, { corpus })).toThrow(UserError);
  });

  it('types the parameters of every registered operation', () => {
    expect(Object.keys(OPERATION_PARAM_NAMES).sort()).toEqual([...ALL_OPERATION_NAMES].sort());
  });
});
