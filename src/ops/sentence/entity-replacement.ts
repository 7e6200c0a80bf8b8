import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { exampleText } from '../../core/model.js';
import type { Rng } from '../../core/random.js';
import { markupCanHold, renderMarkup } from '../../llm/markup.js';
import { labelGuide, maskFillPrompt, replacementPrompt } from '../../llm/prompts.js';
import type { LlmPort } from '../../llm/client.js';
import { commonLlmParams, requestFailure } from './context-rewrite.js';
import { checkMention, oldText, replaceMentions } from './mention-check.js';
import { askJson, type LlmOperation, type LlmOutcome } from './llm-types.js';

const replParams = z.strictObject({
  ...commonLlmParams,
  /** Probability that each entity is replaced (at least one always is). */
  p: z.number().min(0).max(1).default(1),
});

/** Which entities to change: each with probability p, at least one. */
function chooseEntities(seed: Example, p: number, rng: Rng): number[] {
  const chosen = seed.entities.map((_, i) => i).filter(() => rng.chance(p));
  if (chosen.length === 0 && seed.entities.length) chosen.push(rng.int(seed.entities.length));
  return chosen;
}

/** Validate proposed texts per entity index and apply them; one outcome. */
function applyProposals(seed: Example, chosen: number[], proposals: Map<number, string>, raw: string): LlmOutcome {
  const accepted = new Map<number, string>();
  for (const i of chosen) {
    const text = proposals.get(i);
    if (text === undefined) return { reason: 'missing_entity', detail: `no replacement for entity #${i + 1} (${seed.entities[i].type})`, raw };
    const bad = checkMention(text, oldText(seed, i));
    if (bad) return { ...bad, raw };
    accepted.set(i, text);
  }
  for (const k of proposals.keys()) if (!chosen.includes(k)) return { reason: 'invented_entity', detail: `a replacement for entity #${k + 1}, which was not asked for`, raw };
  return { example: replaceMentions(seed, accepted) };
}

async function askReplacements(seed: Example, chosen: number[], llm: LlmPort, p: z.infer<typeof replParams>, variant: number, op: string, guide: string): Promise<LlmOutcome> {
  // Nothing to ask: no request (a model asked to replace nothing answers nothing useful).
  if (chosen.length === 0) return { reason: 'no_entities', detail: 'the example has no entity to replace' };
  const schema = z.object({ replacements: z.array(z.object({ id: z.number().int(), text: z.string() })) });
  const prompt = replacementPrompt(renderMarkup(seed), chosen.map((i) => ({ id: i + 1, type: seed.entities[i].type, text: oldText(seed, i) })), guide);
  try {
    const { value, raw } = await askJson(llm, prompt, schema, 'entity_replacements', { ...p, variant, op });
    const proposals = new Map<number, string>();
    for (const r of value.replacements) {
      if (proposals.has(r.id - 1)) return { reason: 'duplicated_entity', detail: `two replacements for entity #${r.id}`, raw };
      proposals.set(r.id - 1, r.text);
    }
    return applyProposals(seed, chosen, proposals, raw);
  } catch (err) {
    return requestFailure(err)[0];
  }
}

/**
 * LLM-DA entity-level augmentation: the model proposes new same-type entities (guided by the
 * label definitions) and they replace the old ones through the span-safe edit; relations stay.
 */
export const llmEntityReplacement: LlmOperation<z.infer<typeof replParams>> = {
  name: 'llm_entity_replacement_v1',
  summary: 'LLM-DA: replace entities with new same-type entities the model proposes',
  params: replParams,
  llm: true,
  async run(seed, p, { llm, rng, corpus, variant }) {
    if (seed.entities.length === 0) return [{ reason: 'no_entities', detail: 'the seed has no entity to replace' }];
    if (!markupCanHold(seed)) return [{ reason: 'nested_entities_unsupported', detail: 'nested or overlapping entities cannot be shown in markup' }];
    const chosen = chooseEntities(seed, p.p, rng);
    return [await askReplacements(seed, chosen, llm, p, variant, this.name, labelGuide(corpus.schema.entityTypes, p.label_definitions))];
  },
};

const melmParams = z.strictObject({
  ...commonLlmParams,
  /** Probability that each mention is masked (MELM masks entity tokens at a high rate). */
  mask_rate: z.number().min(0).max(1).default(0.7),
});

/** MELM linearisation: labels around each mention, masked mentions as numbered slots. */
export function linearise(seed: Example, masked: Map<number, number>): string {
  const order = seed.entities.map((_, i) => i).sort((a, b) => seed.entities[a].start - seed.entities[b].start);
  const parts: string[] = [];
  let pos = 0;
  for (const i of order) {
    const e = seed.entities[i];
    parts.push(...seed.tokens.slice(pos, e.start));
    const slot = masked.get(i);
    parts.push(`<${e.type}>`, slot !== undefined ? `[MASK-${slot}]` : seed.tokens.slice(e.start, e.end).join(' '), `</${e.type}>`);
    pos = e.end;
  }
  parts.push(...seed.tokens.slice(pos));
  return parts.join(' ');
}

/**
 * MELM (Zhou et al., ACL 2022) with the LLM as the filler: the sentence is linearised with its
 * labels, masked mentions become slots, and the model fills each with a same-type entity.
 * Types and relations are kept.
 */
export const melmFill: LlmOperation<z.infer<typeof melmParams>> = {
  name: 'melm_fill_v1',
  summary: 'MELM: fill masked, label-marked entity slots with new same-type entities',
  params: melmParams,
  llm: true,
  async run(seed, p, { llm, rng, corpus, variant }) {
    if (seed.entities.length === 0) return [{ reason: 'no_entities', detail: 'the seed has no entity to mask' }];
    if (!markupCanHold(seed)) return [{ reason: 'nested_entities_unsupported', detail: 'nested or overlapping entities cannot be linearised' }];
    const chosen = chooseEntities(seed, p.mask_rate, rng).sort((a, b) => seed.entities[a].start - seed.entities[b].start);
    const slots = new Map(chosen.map((i, k) => [i, k + 1]));
    const prompt = maskFillPrompt(linearise(seed, slots), chosen.map((i) => ({ slot: slots.get(i)!, type: seed.entities[i].type })), labelGuide(corpus.schema.entityTypes, p.label_definitions));
    const schema = z.object({ fills: z.array(z.object({ slot: z.number().int(), text: z.string() })) });
    try {
      // Seeds that differ can mask to the same prompt ("[MASK-1] beat [MASK-2] 3-1"): the seed's
      // own text says which candidate the fill is for, so they do not share one answer.
      const { value, raw } = await askJson(llm, prompt, schema, 'mask_fills', { ...p, variant, op: this.name, sample: exampleText(seed) });
      const bySlot = new Map([...slots].map(([i, s]) => [s, i]));
      const proposals = new Map<number, string>();
      for (const f of value.fills) {
        const i = bySlot.get(f.slot);
        if (i === undefined) return [{ reason: 'invented_entity', detail: `a fill for slot ${f.slot}, which does not exist`, raw }];
        if (proposals.has(i)) return [{ reason: 'duplicated_entity', detail: `two fills for slot ${f.slot}`, raw }];
        proposals.set(i, f.text);
      }
      return [applyProposals(seed, chosen, proposals, raw)];
    } catch (err) {
      return requestFailure(err);
    }
  },
};

const bothParams = z.strictObject({
  ...commonLlmParams,
  p: z.number().min(0).max(1).default(1),
});

/** LLM-DA "both levels": rewrite the context, then replace the entities of the rewrite. */
export const llmBothLevels: LlmOperation<z.infer<typeof bothParams>> = {
  name: 'llm_both_levels_v1',
  summary: 'LLM-DA: context rewrite followed by entity replacement',
  params: bothParams,
  llm: true,
  async run(seed, p, ctx) {
    // Without entities the second level has nothing to ask: no request at all.
    if (seed.entities.length === 0) return [{ reason: 'no_entities', detail: 'the seed has no entity to replace' }];
    const { llmContextRewrite } = await import('./context-rewrite.js');
    const first = await llmContextRewrite.run(seed, llmContextRewrite.params.parse({ temperature: p.temperature, max_tokens: p.max_tokens, label_definitions: p.label_definitions, rewrites_per_request: 1 }), ctx);
    const ok = first.find((o): o is { example: Example } => 'example' in o);
    if (!ok) return first;
    const rewritten = ok.example;
    const chosen = chooseEntities(rewritten, p.p, ctx.rng);
    return [await askReplacements(rewritten, chosen, ctx.llm, p, ctx.variant, this.name, labelGuide(ctx.corpus.schema.entityTypes, p.label_definitions))];
  },
};
