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
 * One answer of a verifier that is right 85% of the time would reject 15% of the good mentions
 * and pass 15% of the bad ones, so each verdict is a vote: the question is asked again (put
 * the other way, or sampled anew) until "yes" leads by `agree` answers or "no" leads by one
 * more; the first "yes" of a fresh mention settles it when `agree` is 1. Answers are cached
 * like every request.
 */
export interface MentionVerifyOptions {
  types: readonly string[];
  definitions?: Record<string, string>;
  op: string;
  /** The lead of "yes" answers that accepts a mention ("no" needs one more). */
  agree: number;
  /** Ask for the entities of the plain text and reject entities the markup lacks. */
  unmarked: boolean;
}

const yesNo = z.object({ answer: z.string() });
const typeChoice = z.object({ type: z.string() });

function ask<T>(llm: LlmPort, user: string, schema: z.ZodType<T>, schemaName: string, op: string, variant: number) {
  return llm.generate({
    messages: [
      { role: 'system', content: 'You check entity annotations for named entity recognition training data. Answer only the question asked, as JSON.' },
      { role: 'user', content: user },
    ],
    schema,
    schemaName,
    temperature: 0,
    maxTokens: 60,
    variant,
    op: `${op}:verify`,
  });
}

/** Question k about a mention: yes/no and "which type" in turn, each round a new sample. */
async function answerK(k: number, text: string, mention: string, type: string, llm: LlmPort, o: MentionVerifyOptions): Promise<boolean> {
  const variant = Math.floor(k / 2);
  if (k % 2 === 0) {
    const def = o.definitions?.[type];
    const q = `<text>${text}</text>\nIn this text, is "${mention}" ${def ? `a ${type} (${def})` : `an entity of type ${type}`}? Answer as JSON: {"answer": "yes"} or {"answer": "no"}.`;
    return /^\s*y/i.test((await ask(llm, q, yesNo, 'mention_check', o.op, variant)).value.answer);
  }
  const options = [...o.types, 'none'];
  const q = `${labelGuide(o.types, o.definitions)}\n\n<text>${text}</text>\nWhat is "${mention}" in this text? Choose one of: ${options.join(', ')}. Answer as JSON: {"type": "..."}.`;
  return (await ask(llm, q, typeChoice, 'mention_type', o.op, variant)).value.type.trim().toLowerCase() === type.toLowerCase();
}

/** Whether the model takes `mention` for a `type` in `text`, by the vote described above. */
export async function isMentionOfType(text: string, mention: string, type: string, llm: LlmPort, o: MentionVerifyOptions): Promise<boolean> {
  const max = 2 * o.agree + 3;
  let lead = 0;
  for (let k = 0; k < max; k++) {
    lead += (await answerK(k, text, mention, type, llm, o)) ? 1 : -1;
    if (lead >= o.agree) return true;
    if (lead <= -(o.agree + 1)) return false;
  }
  return lead >= 0;
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

/** The tokens outside the mentions, in order. */
function context(ex: Example): string[] {
  const inside = new Array<boolean>(ex.tokens.length).fill(false);
  for (const e of ex.entities) for (let i = e.start; i < e.end; i++) inside[i] = true;
  return ex.tokens.filter((_, i) => !inside[i]);
}

function sameContext(a: Example, b: Example): boolean {
  const x = context(a);
  const y = context(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

/** The per-mention verification of one candidate against its seed. */
export async function verifyMentions(cand: Example, seed: Example, llm: LlmPort, o: MentionVerifyOptions): Promise<Rejection | null> {
  const text = exampleText(cand);
  for (const i of newMentions(cand, seed)) {
    const e = cand.entities[i];
    const m = entityText(cand, e);
    if (!(await isMentionOfType(text, m, e.type, llm, o))) return { reason: 'type_mismatch', detail: `the model does not take "${m.slice(0, 40)}" for a ${e.type} here` };
  }
  // Only a changed context can hold a name the markup lacks (replacements and fills keep it).
  if (!o.unmarked || sameContext(cand, seed)) return null;
  for (const f of await unmarkedEntities(cand, llm, o)) {
    // The listing may be the verifier's slip too: the entity must win the vote as well.
    if (await isMentionOfType(text, f.text, f.type, llm, o)) return { reason: 'unmarked_entity', detail: `the model finds the ${f.type} "${f.text.slice(0, 40)}", which the markup lacks` };
  }
  return null;
}
