import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
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
    expect(readdirSync(tac).filter((f) => f.startsWith('augmented'))).toEqual([]);
    const run = await cli('augment', 'negatives', '--input', data('conll04/conll04_train.json'), '--out', tac, '--to', 'tacred', '--lossy');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr + run.stdout).toMatch(/dropped \d+ entities outside any relation \(--lossy\)/);
    const instances = JSON.parse(readFileSync(path.join(tac, 'augmented.json'), 'utf8'));
    // The summary counts TACRED's records (one per pair) as well as the examples.
    expect(run.stderr + run.stdout).toContain(`wrote 922 examples (${instances.length} records, one per relation instance)`);
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

describe('long-tail recipe on SciERC (offline)', () => {
  it('raises every relation type to the target with seen signatures, and the output validates', async () => {
    const out = path.join(tmpDir(), 'lt');
    const r = await cli('augment', 'long-tail', '--input', data('scierc/scierc_joint_er_train.json'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const seeds = await readAll(data('scierc/scierc_joint_er_train.json'), 'spert');
    const output = await readAll(path.join(out, 'augmented.json'), 'spert');
    const sig = (exs: Example[]) => new Set(exs.flatMap((ex) => ex.relations.map((x) => `${ex.entities[x.head].type}|${x.type}|${ex.entities[x.tail].type}`)));
    const seen = sig(seeds);
    for (const s of sig(output)) expect(seen.has(s), s).toBe(true);
    const counts: Record<string, number> = {};
    for (const ex of output) for (const x of ex.relations) counts[x.type] = (counts[x.type] ?? 0) + 1;
    for (const t of ['Used-for', 'Conjunction', 'Evaluate-for', 'Hyponym-of', 'Part-of', 'Feature-of', 'Compare']) expect(counts[t], t).toBeGreaterThanOrEqual(1690);
    expect((await cli('validate', path.join(out, 'augmented.json'))).code).toBe(0);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.plans[0].target).toBe(1690);
    expect(m.plans[0].unreachable).toEqual([]);
  });

  it('--target sets the count to reach', async () => {
    const out = path.join(tmpDir(), 'lt2');
    const r = await cli('augment', 'long-tail', '--input', data('scierc/scierc_joint_er_train.json'), '--out', out, '--target', '400');
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.plans[0].target).toBe(400);
    for (const [t, c] of Object.entries(m.plans[0].after_plan as Record<string, number>)) expect(c, t).toBeGreaterThanOrEqual(400);
  });
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
