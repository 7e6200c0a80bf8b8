import { z } from 'zod';
import type { Example } from '../core/model.js';
import { entityText } from '../core/model.js';
import type { LlmPort } from './client.js';
import { renderMarkup } from './markup.js';

/** Why a candidate was turned down. */
export interface ChoiceRejection {
  reason: string;
  detail: string;
}

const choice = z.object({ answer: z.string().min(1) });

/**
 * QA4RE-style check of one relation: the model picks, from a multiple-choice list of the
 * schema's relations (plus "none of the above"), the relation between the two marked
 * entities; the candidate stands only if it picks the intended one.
 */
export async function verifyRelation(ex: Example, relIndex: number, llm: LlmPort, relationTypes: readonly string[], o: { op: string }): Promise<ChoiceRejection | null> {
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
