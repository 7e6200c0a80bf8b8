import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { ROOT, tmpDir } from '../support/paths.js';
import { startTestServer } from '../support/llm-test-server.js';

describe('LLM verification filter', () => {
  const negatives = async (script: NonNullable<Parameters<typeof startTestServer>[0]>['script']) => {
    const server = await startTestServer({ script });
    try {
      const out = path.join(tmpDir(), 'neg');
      const r = await cli('augment', 'llm-negatives', '--input', path.join(ROOT, 'recipes/examples/seeds.json'), '--limit', '6', '--out', out, '--base-url', server.url, '--model', 'm', '--concurrency', '1');
      expect(r.code, r.stderr).toBe(0);
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const written = JSON.parse(readFileSync(path.join(out, 'augmented.json'), 'utf8'));
      for (const ex of written) {
        expect(ex.entities).toEqual([]);
        expect(ex.negative).toBe('generated_entity_free');
      }
      return { accepted: m.counts.accepted as number, rejected };
    } finally {
      await server.close();
    }
  };

  it('rejects a generated entity-free sentence when the model lists an entity in it and confirms it', async () => {
    let n = 0;
    const { accepted, rejected } = await negatives((_body, { schema }) => {
      // Every other listing finds a place name, and the model stands by it when asked.
      if (schema === 'entity_annotation') return JSON.stringify({ entities: ++n % 2 === 0 ? [{ text: 'bridge', type: 'Loc' }] : [] });
      if (schema === 'mention_check') return JSON.stringify({ answer: 'yes' });
      if (schema === 'mention_type') return JSON.stringify({ type: 'Loc' });
      return null;
    });
    const found = rejected.filter((x) => x.reason === 'unmarked_entity');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].detail).toMatch(/finds the Loc "bridge"/);
    expect(accepted).toBeGreaterThan(0);
  });

  it('keeps a generated entity-free sentence when the vote does not confirm what the listing found', async () => {
    // Every listing names a plain word; the questions about it (the server's truth: no entity) say no.
    const { accepted, rejected } = await negatives((_body, { schema }) => (schema === 'entity_annotation' ? JSON.stringify({ entities: [{ text: 'bridge', type: 'Loc' }] }) : null));
    expect(rejected.filter((x) => x.reason === 'unmarked_entity' || x.reason === 'verification_failed')).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
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
