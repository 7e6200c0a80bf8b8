import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, tmpDir } from '../support/paths.js';
import { startTestServer, type ChatBody } from '../support/llm-test-server.js';

describe('long-tail recipe with a model (test server)', () => {
  it('retrieves demonstrations, generates, verifies by multiple choice, and rejects a disagreeing answer', async () => {
    const prompts: ChatBody[] = [];
    let choices = 0;
    const server = await startTestServer({
      script: (body, { schema }) => {
        prompts.push(body);
        // Every third verification disagrees: the model picks "none of the above".
        if (schema === 'relation_choice' && ++choices % 3 === 0) {
          const none = /^([A-Z])\) none of the above$/m.exec(body.messages[1].content)![1];
          return JSON.stringify({ answer: none });
        }
        return null;
      },
    });
    try {
      const out = path.join(tmpDir(), 'lt');
      const r = await cli('augment', 'long-tail', '--input', data('conll04/conll04_dev.json'), '--out', out, '--base-url', server.url, '--model', 'm', '--target', '60', '--concurrency', '1');
      expect(r.code, r.stderr).toBe(0);
      const gen = prompts.filter((p) => p.response_format?.json_schema?.name === 'long_tail_sentences');
      const ver = prompts.filter((p) => p.response_format?.json_schema?.name === 'relation_choice');
      expect(gen.length).toBeGreaterThan(0);
      // Retrieval: demonstrations of the rare relation, with head and tail marked.
      expect(gen[0].messages[1].content).toMatch(/Relation: Kill/);
      expect(gen[0].messages[1].content).toMatch(/Examples:\n- .*\]\{Peop#1\}.*\]\{Peop#2\}/);
      expect(ver.length).toBeGreaterThan(0);
      expect(ver[0].messages[1].content).toMatch(/Options:\nA\) Kill\nB\) Live_In/);
      const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const disagreed = rejected.filter((x) => x.reason === 'verification_disagrees');
      expect(disagreed.length).toBe(Math.floor(ver.length / 3));
      expect(disagreed[0].detail).toMatch(/the model chose "none of the above", not "Kill"/);
      expect(disagreed[0].raw).toMatch(/\{Peop#1\}/);
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(manifest.counts.accepted).toBe(ver.length - disagreed.length);
      expect((await cli('validate', path.join(out, 'augmented.json'))).code).toBe(0);
    } finally {
      await server.close();
    }
  });
});
