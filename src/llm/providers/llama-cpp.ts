import { UserError } from '../../core/errors.js';
import { TransportError } from '../errors.js';
import type { CompletionRequest, CompletionResponse, Provider } from '../types.js';

type NodeLlamaCpp = typeof import('node-llama-cpp');

/** node-llama-cpp is an optional peer dependency: loaded only when this provider is used. */
async function loadModule(): Promise<NodeLlamaCpp> {
  try {
    return await import('node-llama-cpp');
  } catch {
    throw new UserError('the llama-cpp provider needs node-llama-cpp: install it with `npm install node-llama-cpp@3.21.1` (about 650 MB with its prebuilt binaries)');
  }
}

/**
 * A local GGUF model through node-llama-cpp (CPU build), with the output constrained by a
 * grammar built from the same JSON schema the other providers get.
 */
export class LlamaCppProvider implements Provider {
  readonly name = 'llama-cpp';
  readonly model: string;
  private state: Promise<{ mod: NodeLlamaCpp; llama: Awaited<ReturnType<NodeLlamaCpp['getLlama']>>; model: import('node-llama-cpp').LlamaModel }> | null = null;
  // One sequence at a time: a small local model gains nothing from parallel prompts.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly modelPath: string,
    private readonly contextSize = 2048,
  ) {
    this.model = modelPath.split('/').pop() ?? modelPath;
  }

  private load() {
    this.state ??= (async () => {
      const mod = await loadModule();
      const llama = await mod.getLlama({ gpu: false });
      let model;
      try {
        model = await llama.loadModel({ modelPath: this.modelPath });
      } catch (err) {
        throw new UserError(`cannot load the GGUF model: ${(err as Error).message}`, { file: this.modelPath });
      }
      return { mod, llama, model };
    })();
    return this.state;
  }

  complete(req: CompletionRequest): Promise<CompletionResponse> {
    const run = this.queue.then(() => this.completeNow(req));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async completeNow(req: CompletionRequest): Promise<CompletionResponse> {
    const { mod, llama, model } = await this.load();
    const context = await model.createContext({ contextSize: Math.min(this.contextSize, model.trainContextSize) });
    try {
      const grammar = await llama.createGrammarForJsonSchema(req.jsonSchema as never);
      const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
      const session = new mod.LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: system || undefined });
      const turns = req.messages.filter((m) => m.role !== 'system');
      const last = turns.pop();
      // Earlier turns (a re-ask) become chat history.
      if (turns.length) {
        session.setChatHistory([
          ...(system ? [{ type: 'system' as const, text: system }] : []),
          ...turns.map((m) => (m.role === 'user' ? { type: 'user' as const, text: m.content } : { type: 'model' as const, response: [m.content] })),
        ]);
      }
      const prompt = last?.content ?? '';
      const text = await session.prompt(prompt, { grammar, maxTokens: req.maxTokens, temperature: req.temperature, seed: req.seed, signal: req.signal });
      const promptTokens = model.tokenize(req.messages.map((m) => m.content).join('\n')).length;
      const completionTokens = model.tokenize(text).length;
      return { text, usage: { promptTokens, completionTokens } };
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new TransportError(`local model failed: ${(err as Error).message}`, undefined, undefined, false);
    } finally {
      await context.dispose();
    }
  }

  async close(): Promise<void> {
    if (!this.state) return;
    const { model } = await this.state;
    await model.dispose();
  }
}
