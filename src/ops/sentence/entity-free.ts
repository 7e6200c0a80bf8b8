import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { exampleText } from '../../core/model.js';
import { tokenize } from '../../core/tokenize.js';
import { labelGuide } from '../../llm/prompts.js';
import { answerText, extraParagraph } from '../../llm/markup.js';
import { commonLlmParams, requestFailure } from './context-rewrite.js';
import { askJson, type LlmOperation, type LlmOutcome } from './llm-types.js';

const params = z.strictObject({
  ...commonLlmParams,
  /** Sentences asked for in one request. */
  per_request: z.number().int().min(1).max(20).default(3),
});

const answer = z.object({ sentences: z.array(z.string()).min(1) });

/**
 * NER negatives with a model: new sentences in the seed's domain and style that mention no
 * entity of the schema's types. Pair it with `filters.llm_verify`, which has the model
 * annotate each one afresh and keeps it only when it finds nothing.
 */
export const llmEntityFree: LlmOperation<z.infer<typeof params>> = {
  name: 'llm_entity_free_v1',
  summary: 'NER negatives: new in-domain sentences with no entity of the schema',
  params,
  llm: true,
  async run(seed, p, { llm, corpus, variant }) {
    const prompt = [
      labelGuide(corpus.schema.entityTypes, p.label_definitions),
      '',
      `Write ${p.per_request} new sentences in the domain and style of this one, that mention no entity of any type above (no names of people, organisations, places, or the other types).`,
      `<sentence>${exampleText(seed)}</sentence>`,
      'Answer as JSON: {"sentences": ["...", ...]}.',
    ].join('\n');
    let sentences: string[];
    try {
      ({ value: { sentences } } = await askJson(llm, { system: 'You write entity-free sentences to serve as negative examples for named entity recognition.', user: prompt }, answer, 'entity_free_sentences', { ...p, variant, op: this.name }));
    } catch (err) {
      return requestFailure(err);
    }
    return sentences.slice(0, p.per_request).map((s): LlmOutcome => {
      const body = answerText(s);
      if ('reason' in body) return { ...body, raw: s };
      // Each item is one new sentence: a second paragraph is a note or a second answer.
      const extra = extraParagraph(body, '.');
      if (extra) return { ...extra, raw: s };
      const text = body.text;
      if (!text) return { reason: 'empty_output', detail: 'an empty sentence' };
      if (/[[\]{}]/.test(text)) return { reason: 'broken_markup', detail: 'the sentence carries entity markup', raw: s };
      const t = tokenize(text);
      const ex: Example = { id: seed.id, tokens: t.tokens, spaces: t.spaces, entities: [], relations: [], meta: { negative: 'generated_entity_free' } };
      return { example: ex };
    });
  },
};
