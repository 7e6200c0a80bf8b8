import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { TransportError } from '../errors.js';
import type { CompletionRequest, CompletionResponse, Provider } from '../types.js';

/**
 * Any LangChain.js chat model: library users pass their own model object. The schema is put in
 * the prompt and the answer validated like every other provider's.
 */
export class LangChainProvider implements Provider {
  readonly name = 'langchain';
  constructor(
    private readonly chat: BaseChatModel,
    readonly model: string = (chat as { model?: string }).model ?? chat.getName(),
  ) {}

  async complete(req: CompletionRequest): Promise<CompletionResponse> {
    const messages: BaseMessage[] = [new SystemMessage(`Answer with one JSON object that fits this JSON schema, and nothing else: ${JSON.stringify(req.jsonSchema)}`)];
    for (const m of req.messages) {
      messages.push(m.role === 'system' ? new SystemMessage(m.content) : m.role === 'assistant' ? new AIMessage(m.content) : new HumanMessage(m.content));
    }
    let out: BaseMessage;
    try {
      out = await this.chat.invoke(messages, { signal: req.signal });
    } catch (err) {
      const status = (err as { status?: number }).status;
      throw new TransportError(`LangChain model failed: ${(err as Error).message}`, status, undefined, status === undefined || status === 429 || status >= 500);
    }
    const content = typeof out.content === 'string' ? out.content : out.content.map((c) => ('text' in c ? String(c.text) : '')).join('');
    const u = (out as AIMessage).usage_metadata;
    return { text: content, usage: { promptTokens: u?.input_tokens ?? 0, completionTokens: u?.output_tokens ?? 0 } };
  }
}
