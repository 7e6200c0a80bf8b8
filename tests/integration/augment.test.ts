import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { getFormat } from '../../src/formats/registry.js';
import type { Example } from '../../src/core/model.js';
import { checkExample } from '../../src/core/check.js';
import { swappingConceptsByType } from '../support/concept-recipes.js';

async function readAll(file: string, format?: string): Promise<Example[]> {
  const out: Example[] = [];
  const f = format ? getFormat(format) : await (await import('../../src/formats/registry.js')).detectFormat(file);
  for await (const ex of f.read(file)) out.push(ex);
  return out;
}

const signatures = (exs: Example[]) => {
  const s = new Set<string>();
  for (const ex of exs) for (const r of ex.relations) s.add(`${ex.entities[r.head].type}|${r.type}|${ex.entities[r.tail].type}`);
  return s;
};

describe('augment recipes/sda.yaml on CoNLL-2003', () => {
  const dirs = [tmpDir()].map((d) => path.join(d, 'run'));
  const file = (d: string, f: string) => readFileSync(path.join(d, f));

  it('writes a CoNLL file that validate accepts, plus rejected.jsonl, manifest.json and report.json', async () => {
    // The dev split (3250 sentences, CoNLL-2003's published counts): big enough for every
    // operation, small enough that the test does not depend on the machine's speed.
    const r = await cli('augment', path.join(ROOT, 'recipes/sda.yaml'), '--input', data('conll2003/valid.txt'), '--out', dirs[0], '--seed', '1', '--variants', '1');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dirs[0]).sort()).toEqual(['.spanforge-run.json', 'augmented.txt', 'manifest.json', 'provenance.jsonl', 'rejected.jsonl', 'report.html', 'report.json']);
    const v = await cli('validate', path.join(dirs[0], 'augmented.txt'));
    expect(v.code, v.stdout).toBe(0);
    const manifest = JSON.parse(file(dirs[0], 'manifest.json').toString());
    expect(manifest.counts.seeds).toBe(3250);
    // compose: each, one variant: one copy per seed from each of the two operations.
    expect(manifest.counts.candidates).toBe(6500);
    expect(manifest.counts.accepted + manifest.counts.rejected).toBe(6500);
    expect(manifest.counts.written).toBe(3250 + manifest.counts.accepted);
    expect(manifest.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.recipe.operations.map((o: { op: string }) => o.op)).toEqual(['synonym_replacement_v2', 'mention_replacement_v2']);
    const report = JSON.parse(file(dirs[0], 'report.json').toString());
    expect(report.before.entities).toEqual({ PER: 1842, LOC: 1837, ORG: 1341, MISC: 922 });
    expect(report.after.sentences).toBe(manifest.counts.written);
    const rejected = file(dirs[0], 'rejected.jsonl').toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(rejected.length).toBe(manifest.counts.rejected);
    for (const rj of rejected.slice(0, 50)) {
      expect(rj.reason).toMatch(/^(unchanged|duplicate_of_seed|duplicate_output|span_inconsistent|overlapping_entities|unknown_entity_type|unknown_relation_type|unseen_relation_signature|not_fluent)$/);
      expect(rj.op).toBeTruthy();
      expect(rj.parent).toBeTruthy();
    }
  });

  it('the same seed gives byte-identical files; another seed gives different ones', async () => {
    // The first 2000 sentences: reproducibility does not need the whole file, and the test
    // must not depend on the machine's speed.
    const run = (dir: string, seed: string) => cli('augment', 'sda', '--input', data('conll2003/train.txt'), '--limit', '2000', '--variants', '1', '--out', dir, '--seed', seed, '--quiet');
    const [a, b, c] = [tmpDir(), tmpDir(), tmpDir()].map((d) => path.join(d, 'run'));
    for (const [dir, seed] of [[a, '1'], [b, '1'], [c, '2']]) {
      const r = await run(dir, seed);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(JSON.parse(file(a, 'manifest.json').toString()).counts.seeds).toBe(2000);
    for (const f of ['augmented.txt', 'rejected.jsonl', 'report.json', 'report.html']) expect(file(b, f).equals(file(a, f)), f).toBe(true);
    expect(file(c, 'augmented.txt').equals(file(a, 'augmented.txt'))).toBe(false);
  });
});

describe('augment with relations keeps every relation on two entities of a seen signature', () => {
  for (const [name, input, format, concepts] of [
    ['CoNLL04 (BILOU tag variant)', 'conll04/conll04_train.json', 'spert-tags', false],
    ['SciERC (SpERT, nested entities)', 'scierc/scierc_joint_er_train.json', 'spert', true],
  ] as const) {
    for (const recipe of ['sda', 'entity-swap', 'noise']) {
      it(`${name}: ${recipe}`, async () => {
        const out = path.join(tmpDir(), 'run');
        // SciERC's types are all concepts, which the recipes keep: swapped here by type.
        const r = await cli('augment', concepts ? swappingConceptsByType(recipe) : recipe, '--input', data(input), '--out', out, '--seed', '7');
        expect(r.code, r.stderr).toBe(0);
        const seeds = await readAll(data(input), format);
        const augmented = await readAll(path.join(out, 'augmented.json'), format);
        const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
        expect(augmented.length).toBe(manifest.counts.written);
        expect(manifest.counts.accepted).toBeGreaterThan(0);
        const seen = signatures(seeds);
        for (const ex of augmented) {
          expect(checkExample(ex)).toEqual([]);
          for (const rel of ex.relations) {
            expect(ex.entities[rel.head]).toBeDefined();
            expect(ex.entities[rel.tail]).toBeDefined();
          }
        }
        for (const s of signatures(augmented)) expect(seen.has(s), s).toBe(true);
        const v = await cli('validate', path.join(out, 'augmented.json'), '--from', format);
        expect(v.code, v.stdout).toBe(0);
        // Whole training sets: minutes on a busy 2-core machine.
      }, 240_000);
    }
  }
});

describe('augment refuses what it cannot do, clearly, leaving nothing half-written', () => {
  const recipeFile = (text: string) => {
    const dir = tmpDir();
    const f = path.join(dir, 'r.yaml');
    writeFileSync(f, text);
    return f;
  };
  const seeds = path.join(ROOT, 'recipes/examples/seeds.json');

  it('a misspelled operation is refused with its path and a suggestion', async () => {
    const f = recipeFile('operations:\n  - op: mention_replacment_v1\n    p: 0.5\n');
    const r = await cli('augment', f, '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml:2:9: operations\[0\]\.op: unknown operation "mention_replacment_v1"; did you mean "mention_replacement_v1"\?/);
  });

  it('a parameter of the wrong type is refused with its path and what was expected', async () => {
    const f = recipeFile('operations:\n  - op: mention_replacement_v1\n    p: "half"\n');
    const r = await cli('augment', f, '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml:3:8: operations\[0\]\.p: .*expected number, received string/);
  });

  it('an unknown parameter or top-level key is refused, not ignored', async () => {
    let r = await cli('augment', recipeFile('operations:\n  - op: char_noise_v1\n    typo: 0.1\n'), '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml:3:5: operations\[0\]\.typo: unknown field "typo" \(known: keyboard, /);
    const typo = recipeFile('variant: 3\noperations:\n  - op: char_noise_v1\n');
    r = await cli('augment', typo, '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`spanforge: error: ${typo}:1:1: variant: unknown field "variant"; did you mean "variants"? (known: name, description, paper, seed, variants, compose, include_original, operations, filters, llm, output)\n`);
  });

  it('a misspelt filter is refused at its line and column, with the filter meant', async () => {
    const r = await cli('augment', recipeFile('operations:\n  - op: char_noise_v1\nfilters:\n  label_consistency: true\n  dedupe: true\n'), '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml:5:3: filters\.dedupe: unknown field "dedupe"; did you mean "dedup"\? \(known: label_consistency, dedup, /);
  });

  it('a misspelt required field is named as the typo, not as the field missing', async () => {
    const r = await cli('augment', recipeFile('seed: 1\noperation:\n  - op: char_noise_v1\n'), '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml:2:1: operation: unknown field "operation"; did you mean "operations"\?/);
  });

  it('malformed YAML names its line and column', async () => {
    const r = await cli('augment', recipeFile('seed: 1\noperations:\n  - op: char_noise_v1\n    keyboard: 0.2: 3\n'), '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml:4:15: malformed YAML: Nested mappings are not allowed in compact mappings\n$/);
  });

  it('malformed YAML names its line', async () => {
    const r = await cli('augment', recipeFile('operations:\n  - op: [unclosed\n'), '--input', seeds, '--out', path.join(tmpDir(), 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/r\.yaml:3:1: malformed YAML: /);
  });

  it('a non-empty output directory is refused unless --force', async () => {
    const out = path.join(tmpDir(), 'o');
    mkdirSync(out);
    writeFileSync(path.join(out, 'keep.txt'), 'mine');
    const r = await cli('augment', 'sda', '--input', seeds, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/output directory holds files of no spanforge run \(keep\.txt\); use another --out, or --force/);
    const f = await cli('augment', 'sda', '--input', seeds, '--out', out, '--force');
    expect(f.code, f.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('--dry-run checks and plans but writes nothing', async () => {
    const out = path.join(tmpDir(), 'o');
    const r = await cli('augment', 'sda', '--input', seeds, '--out', out, '--dry-run', '--variants', '5');
    expect(r.code).toBe(0);
    // compose: each: every one of sda's two operations makes a copy of each seed per variant (36 x 2 x 5)
    expect(r.stderr).toMatch(/dry run: 36 seed examples, 360 candidates would be made/);
    expect(existsSync(out)).toBe(false);
  });

  it('an output format that cannot hold relations fails before anything is left in place', async () => {
    const out = path.join(tmpDir(), 'o');
    const r = await cli('augment', 'sda', '--input', seeds, '--out', out, '--to', 'conll');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CoNLL cannot hold relations .*--lossy/);
    // The folder this run made held only its run marker: it is gone with it.
    expect(existsSync(out)).toBe(false);
  });

  it('--limit uses only the first seeds', async () => {
    const out = path.join(tmpDir(), 'o');
    const r = await cli('augment', 'entity-swap', '--input', seeds, '--out', out, '--limit', '5');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).counts.seeds).toBe(5);
  });
});

describe('recipes', () => {
  it('lists the built-in recipes, one line each', async () => {
    const r = await cli('recipes');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['entity-swap', 'llm-da', 'llm-long-tail', 'llm-negatives', 'long-tail', 'melm', 'negatives', 'noise', 'sda']);
    expect(r.stdout).toMatch(/sda\s+SDA baselines \(Dai & Adel, COLING 2020\)/);
  });
});
