import type { ResponseCache } from '../cache.js';
import type { CompletionResponse } from '../types.js';

export interface ImportCounts {
  stored: number;
  /** Already in the cache: kept as it was (an answer is never replaced). */
  known: number;
  failed: number;
  /** Of the failed lines, those left unanswered because their batch expired (not an error of theirs). */
  expired: number;
  /** Lines that are not batch output at all (with the first reason). */
  malformed: number;
  firstProblem?: string;
}

/** The answer of one output line, OpenAI (`response.body` a chat completion) or Anthropic
 *  (`result.message`); a string says why there is none. */
export function answerOf(line: unknown): { key: string; answer: CompletionResponse } | { key?: string; failure: string } {
  const l = line as Record<string, any>;
  const key = typeof l?.custom_id === 'string' ? l.custom_id : undefined;
  if (!key) return { failure: 'no custom_id' };
  if (l.result) {
    if (l.result.type !== 'succeeded') return { key, failure: `result ${l.result.type}` };
    const text = (l.result.message?.content ?? []).filter((c: any) => c?.type === 'text').map((c: any) => c.text).join('');
    const u = l.result.message?.usage ?? {};
    return { key, answer: { text, usage: { promptTokens: u.input_tokens ?? 0, completionTokens: u.output_tokens ?? 0 } } };
  }
  if (l.error) return { key, failure: `error ${l.error.code ?? ''} ${l.error.message ?? ''}`.trim() };
  const r = l.response;
  if (!r || r.status_code !== 200) return { key, failure: `HTTP ${r?.status_code ?? '?'}` };
  const text = r.body?.choices?.[0]?.message?.content;
  if (typeof text !== 'string') return { key, failure: 'no message content' };
  return { key, answer: { text, usage: { promptTokens: r.body.usage?.prompt_tokens ?? 0, completionTokens: r.body.usage?.completion_tokens ?? 0 } } };
}

/** "3 failed line(s)", or "3 failed line(s), 2 of them unanswered as their batch expired". */
export const failedLines = (c: ImportCounts) => `${c.failed} failed line(s)${c.expired ? `, ${c.expired} of them unanswered as their batch expired` : ''}`;

/**
 * Store every successful answer of a batch output (JSON lines) in the cache under its
 * custom_id. Failed lines are only counted: their requests stay missing, so the next export
 * round writes them again.
 */
export async function storeAnswers(text: string, cache: ResponseCache, counts: ImportCounts = { stored: 0, known: 0, failed: 0, expired: 0, malformed: 0 }): Promise<ImportCounts> {
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      counts.malformed++;
      counts.firstProblem ??= 'a line is not JSON';
      continue;
    }
    const a = answerOf(parsed);
    if ('failure' in a) {
      if (a.key === undefined || !/^[0-9a-f]{64}$/.test(a.key)) {
        counts.malformed++;
        counts.firstProblem ??= a.key === undefined ? 'a line has no custom_id' : `custom_id "${a.key.slice(0, 40)}" is not a spanforge cache key`;
      } else {
        counts.failed++;
        if (/^(error batch_expired|result expired)\b/.test(a.failure)) counts.expired++;
      }
      continue;
    }
    if (!/^[0-9a-f]{64}$/.test(a.key)) {
      counts.malformed++;
      counts.firstProblem ??= `custom_id "${a.key.slice(0, 40)}" is not a spanforge cache key`;
      continue;
    }
    if (cache.get(a.key)) counts.known++;
    else {
      await cache.put(a.key, a.answer);
      counts.stored++;
    }
  }
  return counts;
}
