import { describe, expect, it, vi } from 'vitest';

describe('llama-cpp provider without node-llama-cpp installed', () => {
  it('says how to install it instead of crashing', async () => {
    vi.doMock('node-llama-cpp', () => {
      throw new Error("Cannot find package 'node-llama-cpp'");
    });
    const { LlamaCppProvider } = await import('../../src/llm/providers/llama-cpp.js');
    const p = new LlamaCppProvider('/nonexistent/model.gguf');
    await expect(p.complete({ messages: [{ role: 'user', content: 'hi' }], jsonSchema: {}, schemaName: 'x', temperature: 0, maxTokens: 4 })).rejects.toThrow(/npm install node-llama-cpp@3\.21\.1/);
    vi.doUnmock('node-llama-cpp');
  });
});
