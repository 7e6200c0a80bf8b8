import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';
import { startTestServer } from '../support/llm-test-server.js';

describe('LLM verification filter', () => {
  it('keeps generated entity-free sentences the model finds no entity in, rejects the others', async () => {
    let n = 0;
    const server = await startTestServer({
      script: (body, { schema }) => {
        // Every other fresh annotation finds a place name: that sentence is not entity-free.
        if (schema === 'entity_annotation' && ++n % 2 === 0) return JSON.stringify({ entities: [{ text: 'bridge', type: 'Loc' }] });
        return null;
      },
    });
    try {
      const out = path.join(tmpDir(), 'neg');
      const r = await cli('augment', 'llm-negatives', '--input', path.join(ROOT, 'recipes/examples/seeds.json'), '--limit', '6', '--out', out, '--base-url', server.url, '--model', 'm', '--concurrency', '1');
      expect(r.code, r.stderr).toBe(0);
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const failed = rejected.filter((x) => x.reason === 'verification_failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0].detail).toMatch(/agrees at 0\.00 \(threshold 1\): it found bridge\/Loc/);
      expect(m.counts.accepted).toBeGreaterThan(0);
      const out2 = JSON.parse(readFileSync(path.join(out, 'augmented.json'), 'utf8'));
      for (const ex of out2) {
        expect(ex.entities).toEqual([]);
        expect(ex.negative).toBe('generated_entity_free');
      }
    } finally {
      await server.close();
    }
  });

  it('re-annotation that disagrees with a rewrite rejects it; one that agrees keeps it', async () => {
    const server = await startTestServer({
      script: (body, { schema }) => {
        if (schema !== 'entity_annotation') return null;
        const text = /<text>([\s\S]*?)<\/text>/.exec(body.messages[1].content)![1];
        // Agree only on sentences that mention Lyon.
        return JSON.stringify({ entities: text.includes('Lyon') ? [{ text: 'Maria Lopez', type: 'Peop' }, { text: 'Acme Robotics', type: 'Org' }, { text: 'Lyon', type: 'Loc' }] : [] });
      },
    });
    try {
      const dir = tmpDir();
      const recipe = path.join(dir, 'r.yaml');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(recipe, 'variants: 1\noperations:\n  - op: llm_context_rewrite_v1\n    rewrites_per_request: 1\nfilters:\n  llm_verify:\n    threshold: 0.8\n');
      const out = path.join(dir, 'out');
      const r = await cli('augment', recipe, '--input', path.join(ROOT, 'recipes/examples/seeds.json'), '--limit', '3', '--out', out, '--base-url', server.url, '--model', 'm');
      expect(r.code, r.stderr).toBe(0);
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(m.counts.accepted).toBe(1); // the Lyon sentence
      expect(m.counts.rejected_by_reason.verification_failed).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('relations: the multiple-choice check keeps a rewrite whose relations the model names, rejects one it does not', async () => {
    const server = await startTestServer({
      script: (body, { schema }) => {
        if (schema !== 'relation_choice') return null;
        const user = body.messages[1].content;
        const options = [...user.matchAll(/^([A-Z])\) (.+)$/gm)];
        // Name every relation right, except in sentences about Acme.
        const wrong = user.includes('Acme');
        const pick = wrong ? options.find((m) => m[2] === 'none of the above')! : options.find((m) => user.includes('Maria') ? m[2] === 'Work_For' : m[2] === 'Work_For')!;
        return JSON.stringify({ answer: pick[1] });
      },
    });
    try {
      const dir = tmpDir();
      const recipe = path.join(dir, 'r.yaml');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(recipe, 'variants: 1\noperations:\n  - op: llm_context_rewrite_v1\n    rewrites_per_request: 1\nfilters:\n  llm_verify:\n    entities: false\n    relations: true\n');
      const out = path.join(dir, 'out');
      const r = await cli('augment', recipe, '--input', path.join(ROOT, 'recipes/examples/seeds.json'), '--limit', '1', '--out', out, '--base-url', server.url, '--model', 'm');
      expect(r.code, r.stderr).toBe(0);
      const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(rejected.map((x) => x.reason)).toEqual(['verification_disagrees']);
      expect(rejected[0].detail).toMatch(/the model chose "none of the above", not "Work_For"/);
    } finally {
      await server.close();
    }
  });
});
