import { z } from 'zod';
import type { Example } from '../core/model.js';
import { entityText, exampleText } from '../core/model.js';
import type { LlmPort } from '../llm/client.js';
import { labelGuide } from '../llm/prompts.js';
import type { Rejection } from './consistency.js';

const annotation = z.object({ entities: z.array(z.object({ text: z.string(), type: z.string() })) });

/** Agreement of two mention multisets (text + type), as F1; 1 when both are empty. */
export function agreement(intended: Array<[string, string]>, found: Array<[string, string]>): number {
  if (intended.length === 0 && found.length === 0) return 1;
  const norm = ([t, y]: [string, string]) => `${t.replace(/\s+/g, ' ').trim().toLowerCase()}\u0000${y}`;
  const pool = new Map<string, number>();
  for (const x of intended) pool.set(norm(x), (pool.get(norm(x)) ?? 0) + 1);
  let match = 0;
  for (const x of found) {
    const k = norm(x);
    const c = pool.get(k) ?? 0;
    if (c > 0) {
      match++;
      pool.set(k, c - 1);
    }
  }
  return (2 * match) / (intended.length + found.length);
}

/** The request that has the model annotate a plain text afresh (markup hidden). */
export function annotationRequest(text: string, types: Iterable<string>, definitions: Record<string, string> | undefined, op: string) {
  return {
    messages: [
      { role: 'system' as const, content: 'You annotate named entities. List every entity of the given types exactly as it is written in the text; list nothing else.' },
      { role: 'user' as const, content: `${labelGuide(types, definitions)}\n\n<text>${text}</text>\nAnswer as JSON: {"entities": [{"text": "...", "type": "..."}]}.` },
    ],
    schema: annotation,
    schemaName: 'entity_annotation',
    temperature: 0,
    maxTokens: 400,
    variant: 0,
    op: `${op}:verify`,
  };
}

/**
 * LLM verification by agreement (`mode: agreement`): the model annotates the candidate's plain text afresh; the candidate is
 * kept only if its entities agree with the intended ones (F1 at least the threshold).
 */
export async function verifyEntities(ex: Example, llm: LlmPort, types: Iterable<string>, o: { threshold: number; definitions?: Record<string, string>; op: string; variant: number }): Promise<Rejection | null> {
  const text = exampleText(ex);
  const intended = ex.entities.map((e) => [entityText(ex, e), e.type] as [string, string]);
  try {
    const { value } = await llm.generate(annotationRequest(text, types, o.definitions, o.op));
    const found = value.entities.map((e) => [e.text, e.type] as [string, string]);
    const a = agreement(intended, found);
    if (a < o.threshold) return { reason: 'verification_failed', detail: `the model's own annotation agrees at ${a.toFixed(2)} (threshold ${o.threshold}): it found ${found.map(([t, y]) => `${t}/${y}`).join(', ') || 'no entity'}` };
    return null;
  } catch (err) {
    return { reason: 'verification_error', detail: (err as Error).message };
  }
}

export { verifyRelation } from '../llm/relation-choice.js';
