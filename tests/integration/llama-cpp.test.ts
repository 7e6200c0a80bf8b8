import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { DATA, ROOT, tmpDir } from '../support/paths.js';

const MODELS = path.resolve(DATA, '../models');
const gguf = existsSync(MODELS) ? readdirSync(MODELS).find((f) => f.endsWith('.gguf')) : undefined;
const why = gguf ? `with ${gguf}` : 'skipped: no .gguf file in ../shared/models';

describe.skipIf(!gguf)(`llama-cpp provider through the real node-llama-cpp (${why})`, () => {
  it('loads the GGUF model, asks with a JSON-schema grammar, and turns its (random) answer into a reasoned rejection', async () => {
    const dir = tmpDir();
    const recipe = path.join(dir, 'tiny.yaml');
    // Short answers: the test model is random weights, so every token costs time and says nothing.
    writeFileSync(recipe, 'variants: 1\nllm:\n  max_reasks: 0\noperations:\n  - op: llm_context_rewrite_v1\n    rewrites_per_request: 1\n    max_tokens: 16\n    temperature: 0.7\n');
    const out = path.join(dir, 'out');
    const r = await cli('augment', recipe, '--input', path.join(ROOT, 'recipes/examples/seeds.json'), '--limit', '1', '--provider', 'llama-cpp', '--model-path', path.join(MODELS, gguf!), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.llm.provider).toBe('llama-cpp');
    expect(manifest.llm.requests).toBe(1);
    expect(manifest.llm.completion_tokens).toBeGreaterThan(0);
    const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // Random weights never write valid markup: the candidate is rejected with a reason, not lost.
    expect(manifest.counts.candidates).toBe(1);
    expect(manifest.counts.accepted).toBe(0);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatch(/^(schema_invalid|broken_markup|missing_entity|invented_entity|retyped_entity|changed_entity_text|duplicated_entity|empty_output|identical_to_seed)$/);
    // The model's own answer is kept with the rejection.
    expect(typeof rejected[0].raw).toBe('string');
  }, 180_000);
});
