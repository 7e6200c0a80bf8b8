import { z } from 'zod';
import type { Example } from '../core/model.js';
import { entityText, exampleText } from '../core/model.js';
import type { LlmPort } from '../llm/client.js';
import { labelGuide } from '../llm/prompts.js';
import type { Rejection } from './consistency.js';
import { annotationRequest } from './llm-verify.js';
import { gazetteerKey } from './seed-profile.js';
import { newMentions } from './type-fit.js';

/**
 * LLM verification, mention by mention. Each new mention is asked about on its own ("is X a
 * PER here?"), and one failed mention rejects the candidate; then the model lists the entities
 * of the plain text (markup hidden), and any entity it finds outside the marks rejects it. A
 * sentence-level agreement score let one unmarked name pass beside two marked entities.
 *
 * With `confirm`, a "no" (or a found unmarked entity) is checked once more with a question put
 * another way before it rejects: a verifier that is wrong now and then would otherwise cost a
 * share of the good candidates per question asked. Answers are cached like every request.
 */
export interface MentionVerifyOptions {
  types: readonly string[];
  definitions?: Record<string, string>;
  op: string;
  confirm: boolean;
  /** Ask for the entities of the plain text and reject entities the markup lacks. */
  unmarked: boolean;
}

const yesNo = z.object({ answer: z.string() });
const typeChoice = z.object({ type: z.string() });

function ask<T>(llm: LlmPort, user: string, schema: z.ZodType<T>, schemaName: string, op: string) {
  return llm.generate({
    messages: [
      { role: 'system', content: 'You check entity annotations for named entity recognition training data. Answer only the question asked, as JSON.' },
      { role: 'user', content: user },
    ],
    schema,
    schemaName,
    temperature: 0,
    maxTokens: 60,
    variant: 0,
    op: `${op}:verify`,
  });
}

/** Whether the model takes `mention` for a `type` in `text` (asked again another way on "no"). */
export async function isMentionOfType(text: string, mention: string, type: string, llm: LlmPort, o: MentionVerifyOptions): Promise<boolean> {
  const def = o.definitions?.[type];
  const q = `<text>${text}</text>\nIn this text, is "${mention}" ${def ? `a ${type} (${def})` : `an entity of type ${type}`}? Answer as JSON: {"answer": "yes"} or {"answer": "no"}.`;
  const first = await ask(llm, q, yesNo, 'mention_check', o.op);
  if (/^\s*y/i.test(first.value.answer)) return true;
  if (!o.confirm) return false;
  const options = [...o.types, 'none'];
  const q2 = `${labelGuide(o.types, o.definitions)}\n\n<text>${text}</text>\nWhat is "${mention}" in this text? Choose one of: ${options.join(', ')}. Answer as JSON: {"type": "..."}.`;
  const second = await ask(llm, q2, typeChoice, 'mention_type', o.op);
  return second.value.type.trim().toLowerCase() === type.toLowerCase();
}

/** Token ranges where `words` (a found entity's tokens) occur in the candidate. */
function occurrences(tokens: readonly string[], found: string): Array<[number, number]> {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const want = norm(found);
  const out: Array<[number, number]> = [];
  if (!want) return out;
  for (let a = 0; a < tokens.length; a++) {
    let acc = '';
    for (let b = a; b < tokens.length && acc.length < want.length; b++) {
      acc += norm(tokens[b]);
      if (acc === want && norm(tokens[a])) out.push([a, b + 1]);
    }
  }
  return out;
}

/** Entities the model finds in the plain text that lie wholly outside every mark. */
export async function unmarkedEntities(cand: Example, llm: LlmPort, o: MentionVerifyOptions): Promise<Array<{ text: string; type: string }>> {
  const { value } = await llm.generate(annotationRequest(exampleText(cand), o.types, o.definitions, o.op));
  const marked = new Set(cand.entities.map((e) => gazetteerKey(entityText(cand, e))));
  const types = new Map(o.types.map((t) => [t.toLowerCase(), t]));
  const out: Array<{ text: string; type: string }> = [];
  for (const f of value.entities) {
    const type = types.get(f.type.trim().toLowerCase());
    if (!type || marked.has(gazetteerKey(f.text))) continue;
    // A found entity that touches a mark is a boundary opinion, not an unmarked name.
    const free = occurrences(cand.tokens, f.text).some(([a, b]) => cand.entities.every((e) => e.end <= a || e.start >= b));
    if (free) out.push({ text: f.text, type });
  }
  return out;
}

/** The per-mention verification of one candidate against its seed. */
export async function verifyMentions(cand: Example, seed: Example, llm: LlmPort, o: MentionVerifyOptions): Promise<Rejection | null> {
  const text = exampleText(cand);
  for (const i of newMentions(cand, seed)) {
    const e = cand.entities[i];
    const m = entityText(cand, e);
    if (!(await isMentionOfType(text, m, e.type, llm, o))) return { reason: 'type_mismatch', detail: `the model does not take "${m.slice(0, 40)}" for a ${e.type} here` };
  }
  if (!o.unmarked) return null;
  for (const f of await unmarkedEntities(cand, llm, o)) {
    // Confirmed by one yes/no question (not two): a found entity already speaks against it.
    if (!o.confirm || (await isMentionOfType(text, f.text, f.type, llm, { ...o, confirm: false }))) return { reason: 'unmarked_entity', detail: `the model finds the ${f.type} "${f.text.slice(0, 40)}", which the markup lacks` };
  }
  return null;
}
