import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../../src/core/model.js';
import { rngFor } from '../../src/core/random.js';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { findOperation } from '../../src/ops/registry.js';
import { loadRecipe } from '../../src/pipeline/recipe.js';
import { runAugment } from '../../src/pipeline/runner.js';
import { data, tmpDir } from '../support/paths.js';

// Enough seeds for sda's fit rules to find changes (on the 36 demo seeds they find 3).
const SEEDS = data('conll04-spert/conll04_dev.json');
type Rec = { tokens: string[]; entities: Array<{ type: string; start: number; end: number }>; relations: Array<{ type: string; head: number; tail: number }>; orig_id?: string };
type Line = { id: string; seed: string; original?: boolean; operations?: Array<{ op: string; step: number; params: Record<string, unknown> }>; variant?: number };

describe('provenance.jsonl', () => {
  it('maps every line to its written example, its seed and the operations that made it', async () => {
    const out = path.join(tmpDir(), 'sda');
    const r = await runAugment({ recipe: loadRecipe('sda'), input: SEEDS, out });
    const written: Rec[] = JSON.parse(readFileSync(path.join(out, 'augmented.json'), 'utf8'));
    const lines: Line[] = readFileSync(path.join(out, 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(written.length);
    expect(lines.length).toBe(r.written);
    // Ids as the reader gives them (strings; the file has numbers).
    const seeds: Rec[] = (JSON.parse(readFileSync(SEEDS, 'utf8')) as Rec[]).map((s) => ({ ...s, orig_id: String(s.orig_id) }));
    const byId = new Map(seeds.map((s) => [s.orig_id!, s]));
    // The corpus the operations drew from: every seed (as the runner's first pass builds it).
    const asExample = (s: Rec): Example => ({ id: s.orig_id!, tokens: s.tokens, entities: s.entities.map(({ start, end, type }) => ({ start, end, type })), relations: s.relations.map(({ head, tail, type }) => ({ head, tail, type })) });
    const builder = new CorpusBuilder();
    for (const s of seeds) builder.add(asExample(s));
    const corpus = builder.build();
    let replayed = 0;
    lines.forEach((line, k) => {
      const rec = written[k];
      expect(String(rec.orig_id), `line ${k + 1}`).toBe(line.id);
      const seed = byId.get(line.seed);
      expect(seed, `line ${k + 1}: seed ${line.seed}`).toBeDefined();
      if (line.original) {
        expect(rec.tokens).toEqual(seed!.tokens);
        return;
      }
      expect(line.id.startsWith(`${line.seed}~`)).toBe(true);
      // Replaying the listed operations on the seed, with the streams they name, gives the example.
      let cur = asExample(seed!);
      for (const t of line.operations!) {
        const next = findOperation(t.op)!.apply(cur, t.params, { rng: rngFor(1, seed!.orig_id!, `${t.op}#${t.step}`, line.variant!), corpus });
        expect(next, `line ${k + 1}: ${t.op} changed nothing`).not.toBeNull();
        cur = next!;
      }
      expect(cur.tokens, `line ${k + 1}`).toEqual(rec.tokens);
      expect(cur.entities.map(({ start, end, type }) => ({ type, start, end }))).toEqual(rec.entities.map(({ start, end, type }) => ({ type, start, end })));
      replayed++;
    });
    expect(replayed).toBe(r.accepted);
    expect(replayed).toBeGreaterThan(10);
  });

  it('links each accepted example of the report gallery to its provenance line', async () => {
    const out = path.join(tmpDir(), 'sda');
    await runAugment({ recipe: loadRecipe('sda'), input: SEEDS, out });
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    const lines: Line[] = readFileSync(path.join(out, 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const json = html.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)?.[1];
    expect(json).toBeDefined();
    const gallery = JSON.parse(json!).gallery as Array<{ id: string; status: string; provenanceLine?: number }>;
    const accepted = gallery.filter((g) => g.status === 'accepted');
    expect(accepted.length).toBeGreaterThan(0);
    for (const g of accepted) expect(lines[g.provenanceLine! - 1].id).toBe(g.id);
  });
});

describe('near duplicates are checked against every seed whatever the input size', () => {
  it('rejects the same candidates when the seeds are streamed as when they are kept in memory', async () => {
    const dir = tmpDir();
    const recipe = path.join(dir, 'near.yaml');
    writeFileSync(recipe, ['name: near', 'seed: 3', 'variants: 3', 'include_original: false', 'operations:', '  - op: char_noise_v1', '    keyboard: 0.02', 'filters:', '  near_duplicates: { threshold: 0.5, n: 2 }', ''].join('\n'));
    const run = (out: string, inMemoryBytes?: number) => runAugment({ recipe: loadRecipe(recipe), input: data('conll04/conll04_dev.json'), out: path.join(dir, out), limit: 120, inMemoryBytes });
    const kept = await run('kept');
    const streamed = await run('streamed', 0);
    expect(kept.rejectedByReason.near_duplicate).toBeGreaterThan(0);
    expect(streamed.rejectedByReason).toEqual(kept.rejectedByReason);
    for (const f of ['augmented.json', 'rejected.jsonl', 'provenance.jsonl']) {
      expect(readFileSync(path.join(dir, 'streamed', f), 'utf8'), f).toBe(readFileSync(path.join(dir, 'kept', f), 'utf8'));
    }
  });
});
