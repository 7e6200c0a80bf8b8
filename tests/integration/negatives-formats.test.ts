import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
const sidecar = (dir: string) => readFileSync(path.join(dir, 'negatives.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const report = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
const augmented = (dir: string, ext: string) => readFileSync(path.join(dir, `augmented.${ext}`), 'utf8');

describe('negatives where the format cannot mark them', () => {
  // The hand-written seed set: 18 co-occurring and 14 reversed pairs, one hard NER negative.
  it.each([
    ['casrel', 'json'],
    ['docred', 'json'],
    ['dygie', 'jsonl'],
  ])('%s: no_relation goes to negatives.jsonl, never into the output as a relation type', async (to, ext) => {
    const out = path.join(tmpDir(), to);
    const r = await cli('augment', 'negatives', '--input', SEEDS, '--out', out, '--to', to, '--lossy');
    expect(r.code, r.stderr).toBe(0);
    expect(augmented(out, ext)).not.toContain('no_relation');
    expect(r.stderr).toContain(`the ${to} format cannot show negatives: 32 negative relation instances, 1 whole-example flags written to negatives.jsonl, not to augmented.${ext}`);
    expect(sidecar(out).filter((n) => n.label === 'no_relation')).toHaveLength(32);
    expect(report(out).negatives).toEqual({ in_output: {}, in_sidecar: { cooccurring: 18, reversed: 14, hard: 1 } });
  });

  it.each([['tacred'], ['fewrel']])('%s shows negative relations inline (no_relation is its convention), and counts them by kind', async (to) => {
    const out = path.join(tmpDir(), to);
    const r = await cli('augment', 'negatives', '--input', SEEDS, '--out', out, '--to', to, '--lossy');
    expect(r.code, r.stderr).toBe(0);
    const text = augmented(out, 'json');
    expect(text.match(/"no_relation"/g)?.length).toBe(to === 'tacred' ? 32 : 1);
    expect(report(out).negatives).toEqual({ in_output: { cooccurring: 18, reversed: 14 }, in_sidecar: { hard: 1 } });
  });

  it('SpERT keeps the whole-example flag, and counts the pairs it leaves out', async () => {
    const out = path.join(tmpDir(), 'spert');
    await cli('augment', 'negatives', '--input', SEEDS, '--out', out, '--to', 'spert');
    expect(report(out).negatives).toEqual({ in_output: { hard: 1 }, in_sidecar: { cooccurring: 18, reversed: 14 } });
  });

  it('a run without negatives has no negatives field', async () => {
    const out = path.join(tmpDir(), 'sda');
    await cli('augment', 'sda', '--input', SEEDS, '--out', out);
    expect(report(out).negatives).toBeUndefined();
  });

  it('real CasRel data (NYT, first 200 sentences): every no_relation pair in the sidecar, none among the triples', async () => {
    const out = path.join(tmpDir(), 'nyt');
    const r = await cli('augment', 'negatives', '--input', data('nyt-casrel/val_triples.json'), '--limit', '200', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const triples = (JSON.parse(augmented(out, 'json')) as Array<{ triple_list: string[][] }>).flatMap((x) => x.triple_list);
    expect(triples.filter((t) => t[1] === 'no_relation')).toEqual([]);
    expect(sidecar(out)).toHaveLength(239);
    expect(report(out).negatives).toEqual({ in_output: {}, in_sidecar: { cooccurring: 56, reversed: 183 } });
  });
});
