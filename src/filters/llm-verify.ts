import { z } from 'zod';
import type { Example } from '../core/model.js';
import { entityText, exampleText } from '../core/model.js';
import type { LlmPort } from '../llm/client.js';
import { labelGuide } from '../llm/prompts.js';
import { renderMarkup } from '../llm/markup.js';
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

/**
 * LLM verification: the model annotates the candidate's plain text afresh; the candidate is
 * kept only if its entities agree with the intended ones (F1 at least the threshold).
 */
export async function verifyEntities(ex: Example, llm: LlmPort, types: Iterable<string>, o: { threshold: number; definitions?: Record<string, string>; op: string; variant: number }): Promise<Rejection | null> {
  const text = exampleText(ex);
  const intended = ex.entities.map((e) => [entityText(ex, e), e.type] as [string, string]);
  try {
    const { value } = await llm.generate({
      messages: [
        { role: 'system', content: 'You annotate named entities. List every entity of the given types exactly as it is written in the text; list nothing else.' },
        { role: 'user', content: `${labelGuide(types, o.definitions)}\n\n<text>${text}</text>\nAnswer as JSON: {"entities": [{"text": "...", "type": "..."}]}.` },
      ],
      schema: annotation,
      schemaName: 'entity_annotation',
      temperature: 0,
      maxTokens: 400,
      variant: 0,
      op: `${o.op}:verify`,
    });
    const found = value.entities.map((e) => [e.text, e.type] as [string, string]);
    const a = agreement(intended, found);
    if (a < o.threshold) return { reason: 'verification_failed', detail: `the model's own annotation agrees at ${a.toFixed(2)} (threshold ${o.threshold}): it found ${found.map(([t, y]) => `${t}/${y}`).join(', ') || 'no entity'}` };
    return null;
  } catch (err) {
    return { reason: 'verification_error', detail: (err as Error).message };
  }
}

const choice = z.object({ answer: z.string().min(1) });

/**
 * QA4RE-style check of one relation: the model picks, from a multiple-choice list of the
 * schema's relations (plus "none of the above"), the relation between the two marked
 * entities; the candidate stands only if it picks the intended one.
 */
export async function verifyRelation(ex: Example, relIndex: number, llm: LlmPort, relationTypes: readonly string[], o: { op: string }): Promise<Rejection | null> {
  const r = ex.relations[relIndex];
  const two: Example = { ...ex, entities: [ex.entities[r.head], ex.entities[r.tail]], relations: [] };
  const options = [...relationTypes, 'none of the above'];
  const letters = options.map((_, i) => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : ''));
  const question = [
    `<sentence>${renderMarkup(two)}</sentence>`,
    `Which relation holds from #1 ("${entityText(ex, ex.entities[r.head])}") to #2 ("${entityText(ex, ex.entities[r.tail])}")?`,
    `Options:\n${options.map((x, i) => `${letters[i]}) ${x}`).join('\n')}`,
    'Answer as JSON: {"answer": "<letter>"}.',
  ].join('\n');
  try {
    const { value } = await llm.generate({
      messages: [
        { role: 'system', content: 'You classify the relation between two marked entities by choosing one option.' },
        { role: 'user', content: question },
      ],
      schema: choice,
      schemaName: 'relation_choice',
      temperature: 0,
      maxTokens: 20,
      variant: 0,
      op: `${o.op}:verify`,
    });
    const k = letters.indexOf(value.answer.trim().toUpperCase().replace(/[^A-Z0-9]/g, ''));
    const chosen = k >= 0 ? options[k] : value.answer;
    if (chosen !== r.type) return { reason: 'verification_disagrees', detail: `asked to name the relation, the model chose "${chosen}", not "${r.type}"` };
    return null;
  } catch (err) {
    return { reason: 'verification_error', detail: (err as Error).message };
  }
}
