import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, tmpDir } from '../support/paths.js';
import { getFormat } from '../../src/formats/registry.js';
import type { Example } from '../../src/core/model.js';
import { loadRecipe } from '../../src/pipeline/recipe.js';
import { runAugment } from '../../src/pipeline/runner.js';

async function readAll(file: string, format: string): Promise<Example[]> {
  const out: Example[] = [];
  for await (const ex of getFormat(format).read(file)) out.push(ex);
  return out;
}

describe('negatives recipe on CoNLL04', () => {
  it('adds no negative on a gold pair, reverses only non-symmetric relations, and keeps the ratio cap', async () => {
    const out = path.join(tmpDir(), 'neg');
    const r = await runAugment({ recipe: loadRecipe('negatives'), input: data('conll04/conll04_train.json'), out, symmetric: [] });
    expect(r.written).toBe(922);
    const seeds = await readAll(data('conll04/conll04_train.json'), 'spert-tags');
    // Read the output through the runner's own examples: write TACRED to see every instance.
    const tac = path.join(tmpDir(), 'neg-tacred');
    // TACRED holds pairs only: the entities outside any pair need --lossy, and are counted.
    const refused = await cli('augment', 'negatives', '--input', data('conll04/conll04_train.json'), '--out', tac, '--to', 'tacred');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/TACRED JSON cannot hold entities that are no argument of a relation .*--lossy/);
    expect(existsSync(tac) ? readdirSync(tac).filter((f) => f.startsWith('augmented')) : []).toEqual([]);
    const run = await cli('augment', 'negatives', '--input', data('conll04/conll04_train.json'), '--out', tac, '--to', 'tacred', '--lossy');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr + run.stdout).toMatch(/dropped \d+ entities outside any relation \(--lossy\)/);
    const instances = JSON.parse(readFileSync(path.join(tac, 'augmented.json'), 'utf8'));
    // The summary counts TACRED's records (one per pair) as well as the examples.
    expect(run.stderr + run.stdout).toContain(`wrote 922 examples, ${instances.length} records to`);
    const gold = new Set<string>();
    const goldTypes = new Map<string, string>();
    for (const ex of seeds) {
      for (const rel of ex.relations) {
        const h = ex.entities[rel.head], t = ex.entities[rel.tail];
        const key = `${ex.tokens.join(' ')}|${h.start},${h.end}|${t.start},${t.end}`;
        gold.add(key);
        goldTypes.set(`${ex.tokens.join(' ')}|${t.start},${t.end}|${h.start},${h.end}`, rel.type);
      }
    }
    let negs = 0;
    let positives = 0;
    for (const inst of instances) {
      const key = `${inst.token.join(' ')}|${inst.subj_start},${inst.subj_end + 1}|${inst.obj_start},${inst.obj_end + 1}`;
      if (inst.relation === 'no_relation') {
        negs++;
        expect(gold.has(key), key).toBe(false);
      } else positives++;
    }
    expect(positives).toBe(1283);
    expect(negs).toBeGreaterThan(0);
    expect(negs).toBeLessThanOrEqual(1.0 * positives);
    const m = JSON.parse(readFileSync(path.join(tac, 'manifest.json'), 'utf8'));
    expect(m.counts.accepted).toBe(922);
  });

  it('reversed negatives come only from non-symmetric relations (a symmetric one gets none)', async () => {
    const out = path.join(tmpDir(), 'neg-sym');
    const r = await runAugment({ recipe: loadRecipe('negatives'), input: data('conll04/conll04_train.json'), out, symmetric: ['Live_In', 'Work_For', 'Kill', 'OrgBased_In', 'Located_In'] });
    expect(r.accepted).toBe(922);
    const all = await readAll(path.join(out, 'augmented.json'), 'spert-tags');
    expect(all.length).toBe(922);
    // SpERT keeps negatives implicit: the relations written are exactly the gold ones.
    const seeds = await readAll(data('conll04/conll04_train.json'), 'spert-tags');
    expect(all.map((e) => e.relations.length)).toEqual(seeds.map((e) => e.relations.length));
  });
});

describe('negatives recipe (negatives_v2) on CoNLL04, written as SpERT', () => {
  const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

  it('puts every negative in negatives.jsonl, says so, and counts only what the output holds', async () => {
    const out = path.join(tmpDir(), 'neg-side');
    const r = await runAugment({ recipe: loadRecipe('negatives'), input: data('conll04/conll04_train.json'), out, symmetric: [] });
    const side = lines(path.join(out, 'negatives.jsonl'));
    expect(side.length).toBe(1283); // the ratio cap: one negative per positive
    expect(r.warnings.join('\n')).toMatch(/spert-tags format cannot show negatives: 1283 negative relation instances written to negatives.jsonl, not to augmented.json/);
    expect(r.files).toContain('negatives.jsonl');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(Object.keys(report.after.relations)).not.toContain('no_relation');
    expect(report.negatives_sidecar).toEqual({ file: 'negatives.jsonl', relations: 1283, flags: 0, examples: 0 });
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.output.negatives_sidecar.relations).toBe(1283);
    // Hard negatives first: most pairs have types that fit a relation; reversals are few.
    const reasons: Record<string, number> = {};
    for (const n of side) reasons[n.reason] = (reasons[n.reason] ?? 0) + 1;
    expect(reasons).toEqual({ cooccurring: 1094, reversed: 189 });
  });

  it('no negative whose direction the types alone decide', async () => {
    const out = path.join(tmpDir(), 'neg-types');
    await runAugment({ recipe: loadRecipe('negatives'), input: data('conll04/conll04_train.json'), out, symmetric: [] });
    const seeds = new Map((await readAll(data('conll04/conll04_train.json'), 'spert-tags')).map((ex) => [ex.id, ex]));
    const seedOf = new Map(lines(path.join(out, 'provenance.jsonl')).map((p) => [p.id, seeds.get(p.seed)!]));
    const signatures = new Set([...seeds.values()].flatMap((ex) => ex.relations.map((x) => `${ex.entities[x.head].type}|${x.type}|${ex.entities[x.tail].type}`)));
    const sameSpan = (e: { start: number; end: number }, s: { start: number; end: number }) => e.start === s.start && e.end === s.end;
    let reversed = 0;
    for (const n of lines(path.join(out, 'negatives.jsonl'))) {
      const ex = seedOf.get(n.id)!;
      const h = ex.entities.findIndex((e) => sameSpan(e, n.head) && e.type === n.head.type);
      const t = ex.entities.findIndex((e) => sameSpan(e, n.tail) && e.type === n.tail.type);
      expect(ex.relations.some((g) => g.head === h && g.tail === t), JSON.stringify(n)).toBe(false);
      if (n.reason === 'reversed') {
        reversed++;
        const golds = ex.relations.filter((g) => g.head === t && g.tail === h);
        expect(golds.length).toBeGreaterThan(0);
        // The relation could hold this way round: the types leave the direction open.
        for (const g of golds) expect(signatures.has(`${n.head.type}|${g.type}|${n.tail.type}`), JSON.stringify(n)).toBe(true);
      } else {
        expect(n.reason).toBe('cooccurring');
        expect([...signatures].some((s) => s.startsWith(`${n.head.type}|`) && s.endsWith(`|${n.tail.type}`)), JSON.stringify(n)).toBe(true);
      }
    }
    expect(reversed).toBeGreaterThan(0);
  });

  it('TACRED output shows negatives inline and leaves no sidecar (nor a stale one)', async () => {
    const out = path.join(tmpDir(), 'neg-inline');
    await runAugment({ recipe: loadRecipe('negatives'), input: data('conll04/conll04_train.json'), out, symmetric: [] });
    expect(readdirSync(out)).toContain('negatives.jsonl');
    const r = await runAugment({ recipe: loadRecipe('negatives'), input: data('conll04/conll04_train.json'), out, to: 'tacred', lossy: true, force: true, symmetric: [] });
    expect(readdirSync(out)).not.toContain('negatives.jsonl');
    expect(r.warnings.join('\n')).not.toMatch(/cannot show negatives/);
    const instances = JSON.parse(readFileSync(path.join(out, 'augmented.json'), 'utf8'));
    expect(instances.filter((i: { relation: string }) => i.relation === 'no_relation').length).toBe(1283);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.after.relations.no_relation).toBe(1283);
    expect(report.negatives_sidecar).toBeUndefined();
  });
});

describe('negatives recipe on CoNLL-2003, written as CoNLL', () => {
  it('entity-free flags go to the sidecar; label-corruption copies are not written as gold', async () => {
    const out = path.join(tmpDir(), 'neg-conll');
    const base = loadRecipe('negatives');
    const recipe = { ...base, operations: base.operations.map((o) => ({ ...o, params: { ...o.params, label_corruption: 0.5 } })) };
    const r = await runAugment({ recipe, input: data('conll2003/train.txt'), out, limit: 200 });
    const side = readFileSync(path.join(out, 'negatives.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const flags = side.filter((n) => n.reason === 'entity_free' || n.reason === 'hard');
    const copies = side.filter((n) => n.reason === 'label_corruption');
    expect(flags.length).toBeGreaterThan(0);
    expect(copies.length).toBeGreaterThan(0);
    expect(copies[0].entities.length).toBeGreaterThan(0);
    // Only the 200 seeds are written; the copies (one entity re-typed) are set aside.
    expect(r.written).toBe(200);
    expect((await readAll(path.join(out, 'augmented.txt'), 'conll')).length).toBe(200);
    expect(r.warnings.join('\n')).toContain(`${flags.length} whole-example flags, ${copies.length} label-corruption copies written to negatives.jsonl`);
  });
});

/** The long-tail recipe with `partner_fit` off and `concept_phrases: any`: swaps between concepts judged by type and role only. */
function byTypeOnly(): string {
  const file = path.join(tmpDir(), 'long-tail-by-type.yaml');
  writeFileSync(file, 'name: long-tail-by-type\nseed: 1\ninclude_original: true\noperations:\n  - op: long_tail_v1\n    target: max\n    partner_fit: false\n    concept_phrases: any\nfilters:\n  label_consistency: true\n  dedup: true\n');
  return file;
}

describe('long-tail recipe on SciERC (offline)', () => {
  it('as shipped, swaps no concept for one the seeds do not relate to the same partner, and says why', async () => {
    const out = path.join(tmpDir(), 'lt0');
    const r = await cli('augment', 'long-tail', '--input', data('scierc/scierc_joint_er_train.json'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    // Every SciERC relation is between concepts, and no one-word or pair-free swap is stated.
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.plans[0].after_plan).toEqual(m.plans[0].before);
    expect(r.stderr).toMatch(/Compare: 166 -> 166: no swap found a substitute that fits its head or tail \(its arguments are concepts, which keep their words: concept_phrases: keep\)/);
    expect(r.stderr).toMatch(/note: long_tail_v1 left the mentions of Generic, Material, Method, Metric, OtherScientificTerm, Task as they are/);
  }, 240_000);

  it('with partner_fit off and concept_phrases any, raises every relation type to the target with seen signatures, and the output validates', async () => {
    const out = path.join(tmpDir(), 'lt');
    const r = await cli('augment', byTypeOnly(), '--input', data('scierc/scierc_joint_er_train.json'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const seeds = await readAll(data('scierc/scierc_joint_er_train.json'), 'spert');
    const output = await readAll(path.join(out, 'augmented.json'), 'spert');
    const sig = (exs: Example[]) => new Set(exs.flatMap((ex) => ex.relations.map((x) => `${ex.entities[x.head].type}|${x.type}|${ex.entities[x.tail].type}`)));
    const seen = sig(seeds);
    for (const s of sig(output)) expect(seen.has(s), s).toBe(true);
    const counts: Record<string, number> = {};
    for (const ex of output) for (const x of ex.relations) counts[x.type] = (counts[x.type] ?? 0) + 1;
    expect((await cli('validate', path.join(out, 'augmented.json'))).code).toBe(0);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.plans[0].target).toBe(1690);
    // Each type reaches the target, or is reported unreachable: no seed gives more than 10
    // new examples (max_per_seed), so a type held by few seeds stops short, and says so.
    const unreachable: string[] = m.plans[0].unreachable;
    for (const t of ['Used-for', 'Conjunction', 'Evaluate-for', 'Hyponym-of', 'Part-of', 'Feature-of', 'Compare']) {
      if (!unreachable.includes(t)) expect(counts[t], t).toBeGreaterThanOrEqual(1690);
      else expect(counts[t], t).toBeGreaterThan(seeds.flatMap((ex) => ex.relations).filter((x) => x.type === t).length);
    }
    expect(unreachable.length).toBeLessThan(7);
    const perSeed = new Map<string, number>();
    for (const l of readFileSync(path.join(out, 'provenance.jsonl'), 'utf8').trim().split('\n').map((x) => JSON.parse(x))) if (!l.original) perSeed.set(l.seed, (perSeed.get(l.seed) ?? 0) + 1);
    expect(Math.max(...perSeed.values())).toBeLessThanOrEqual(10);
  }, 240_000);

  it('--target sets the count to reach', async () => {
    const out = path.join(tmpDir(), 'lt2');
    const r = await cli('augment', byTypeOnly(), '--input', data('scierc/scierc_joint_er_train.json'), '--out', out, '--target', '400');
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.plans[0].target).toBe(400);
    // Reached, or reported unreachable (substitutes must fit their slots, so a rare type's few
    // seeds can stop short) after raising the type all the same.
    const { before, after_plan: after, unreachable } = m.plans[0] as { before: Record<string, number>; after_plan: Record<string, number>; unreachable: string[] };
    for (const [t, c] of Object.entries(after)) {
      if (unreachable.includes(t)) expect(c, t).toBeGreaterThan(before[t]);
      else expect(c, t).toBeGreaterThanOrEqual(400);
    }
  }, 240_000);
});

describe('negatives_v1 kinds', () => {
  it('every reversed negative reverses a gold instance of a non-symmetric relation', async () => {
    const { negatives } = await import('../../src/ops/span/negatives.js');
    const { CorpusBuilder } = await import('../../src/ops/corpus.js');
    const { rngFor } = await import('../../src/core/random.js');
    const seeds = await readAll(data('conll04/conll04_train.json'), 'spert-tags');
    for (const symmetric of [[], ['Live_In', 'Kill']]) {
      const b = new CorpusBuilder();
      seeds.forEach((s) => b.add(s));
      const corpus = b.build(symmetric);
      const p = negatives.params.parse({ ratio: 10, max_per_sentence: 100 });
      const state = negatives.prepare!(seeds, p, corpus, 1);
      let reversed = 0;
      for (const ex of seeds) {
        const [out] = negatives.expand!(ex, p, { rng: rngFor(1, ex.id), corpus, state });
        for (const r of out.relations.filter((x) => x.negative === 'reversed')) {
          reversed++;
          const gold = ex.relations.find((g) => g.head === r.tail && g.tail === r.head);
          expect(gold).toBeDefined();
          expect(symmetric).not.toContain(gold!.type);
        }
        for (const r of out.relations.filter((x) => x.negative)) {
          expect(ex.relations.some((g) => g.head === r.head && g.tail === r.tail)).toBe(false);
        }
      }
      expect(reversed).toBeGreaterThan(0);
    }
  });
});
