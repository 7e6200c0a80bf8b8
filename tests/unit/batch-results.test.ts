import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answerOf, failedLines, storeAnswers } from '../../src/llm/batch/results.js';
import { BatchExporter, BatchPending, splitLines } from '../../src/llm/batch/export.js';
import { OpenAIProvider } from '../../src/llm/providers/openai.js';
import { ResponseCache } from '../../src/llm/cache.js';

const KEY = 'a'.repeat(64);

describe('batch output lines', () => {
  it('reads OpenAI and Anthropic answers; failures keep their key and store nothing', async () => {
    expect(answerOf({ custom_id: KEY, response: { status_code: 200, body: { choices: [{ message: { content: '{"a":1}' } }], usage: { prompt_tokens: 3, completion_tokens: 2 } } } })).toEqual({ key: KEY, answer: { text: '{"a":1}', usage: { promptTokens: 3, completionTokens: 2 } } });
    expect(answerOf({ custom_id: KEY, result: { type: 'succeeded', message: { content: [{ type: 'thinking', thinking: 'hmm' }, { type: 'text', text: '{"b"' }, { type: 'text', text: ':2}' }], usage: { input_tokens: 5, output_tokens: 4 } } } })).toEqual({ key: KEY, answer: { text: '{"b":2}', usage: { promptTokens: 5, completionTokens: 4 } } });
    expect(answerOf({ custom_id: KEY, result: { type: 'expired' } })).toEqual({ key: KEY, failure: 'result expired' });
    expect(answerOf({ custom_id: KEY, response: { status_code: 500, body: {} } })).toMatchObject({ key: KEY, failure: 'HTTP 500' });
    expect(answerOf({ custom_id: KEY, response: null, error: { code: 'batch_expired', message: 'late' } })).toMatchObject({ failure: 'error batch_expired late' });
    const cache = new ResponseCache(mkdtempSync(path.join(os.tmpdir(), 'sf-batch-')));
    const lines = [
      { custom_id: KEY, response: { status_code: 500, body: {} } },
      { custom_id: 'b'.repeat(64), response: { status_code: 200, body: { choices: [{ message: { content: 'x' } }], usage: {} } } },
    ].map((l) => JSON.stringify(l));
    expect(await storeAnswers(lines.join('\n') + '\nnot json\n', cache)).toMatchObject({ stored: 1, failed: 1, malformed: 1 });
    expect(cache.get(KEY)).toBeUndefined();
    expect(cache.get('b'.repeat(64))?.text).toBe('x');
  });

  it('counts the lines an expired batch left unanswered apart from those that failed', async () => {
    const cache = new ResponseCache(mkdtempSync(path.join(os.tmpdir(), 'sf-batch-')));
    const lines = [
      { custom_id: 'c'.repeat(64), response: null, error: { code: 'batch_expired', message: 'late' } },
      { custom_id: 'd'.repeat(64), result: { type: 'expired' } },
      { custom_id: 'e'.repeat(64), response: { status_code: 500, body: {} } },
    ].map((l) => JSON.stringify(l));
    const c = await storeAnswers(lines.join('\n'), cache);
    expect(c).toMatchObject({ stored: 0, failed: 3, expired: 2 });
    expect(failedLines(c)).toBe('3 failed line(s), 2 of them unanswered as their batch expired');
    expect(failedLines({ ...c, expired: 0 })).toBe('3 failed line(s)');
  });

  it('writes the same lines in the same order whatever order the requests were asked in', () => {
    const provider = new OpenAIProvider({ model: 'm', baseURL: 'http://127.0.0.1:9/v1' });
    const req = (i: number) => ({ messages: [{ role: 'user' as const, content: `q${i}` }], jsonSchema: {}, schemaName: 's', temperature: 0, maxTokens: 10 });
    const keys = ['c', 'a', 'd', 'b'].map((c) => c.repeat(64));
    const export_ = (order: number[]) => {
      const x = new BatchExporter('openai');
      for (const i of order) expect(() => x.defer(keys[i], req(i), provider)).toThrow(BatchPending);
      return x.sorted();
    };
    const a = export_([0, 1, 2, 3, 1]);
    expect(a).toEqual(export_([3, 2, 1, 0]));
    expect(a.map((l) => JSON.parse(l).custom_id)).toEqual([...keys].sort());
  });

  it('splits at the line and byte limits, keeping every line once and in order', () => {
    const lines = Array.from({ length: 23 }, (_, i) => 'x'.repeat(i % 5));
    for (const limit of [{ lines: 4, bytes: 1e9 }, { lines: 1e9, bytes: 12 }]) {
      const files = splitLines(lines, limit);
      expect(files.flat()).toEqual(lines);
      for (const f of files) {
        expect(f.length).toBeLessThanOrEqual(limit.lines);
        expect(f.reduce((a, l) => a + l.length + 1, 0)).toBeLessThanOrEqual(limit.bytes);
      }
    }
    expect(() => splitLines(['x'.repeat(20)], { lines: 10, bytes: 10 })).toThrow(/more than the file limit/);
  });
});
