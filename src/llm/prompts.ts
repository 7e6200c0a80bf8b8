/**
 * Prompts of the LLM operations. The sentence always travels between <sentence> tags in the
 * markup of llm/markup.ts, and the answer is JSON fitting the request's schema.
 */
export interface Strategy {
  name: string;
  dimension: 'vocabulary' | 'structure' | 'length' | 'style' | string;
  instruction: string;
}

/**
 * Our list of 14 context-rewriting strategies in LLM-DA's four dimensions (Ye et al. 2024).
 * The paper's own wording of the strategies differs; these names are spanforge's.
 */
export const DEFAULT_STRATEGIES: Strategy[] = [
  { name: 'synonym_paraphrase', dimension: 'vocabulary', instruction: 'Paraphrase the sentence, replacing words outside the marked entities with synonyms.' },
  { name: 'formal_register', dimension: 'vocabulary', instruction: 'Rewrite the sentence in a formal register.' },
  { name: 'informal_register', dimension: 'vocabulary', instruction: 'Rewrite the sentence in an informal, conversational register.' },
  { name: 'domain_terminology', dimension: 'vocabulary', instruction: "Rewrite the sentence using the terminology of the sentence's own domain." },
  { name: 'voice_change', dimension: 'structure', instruction: 'Rewrite the sentence switching between active and passive voice.' },
  { name: 'clause_reordering', dimension: 'structure', instruction: 'Rewrite the sentence with its clauses or phrases in a different order.' },
  { name: 'subordinate_clause', dimension: 'structure', instruction: 'Rewrite the sentence so that part of it becomes a subordinate clause.' },
  { name: 'split_or_merge', dimension: 'structure', instruction: 'Rewrite the sentence as two short sentences, or merge its parts into one flowing sentence.' },
  { name: 'shorter', dimension: 'length', instruction: 'Rewrite the sentence more concisely, keeping every marked entity.' },
  { name: 'longer_context', dimension: 'length', instruction: 'Rewrite the sentence adding plausible background context.' },
  { name: 'added_modifiers', dimension: 'length', instruction: 'Rewrite the sentence adding adjectives and adverbs outside the marked entities.' },
  { name: 'news_style', dimension: 'style', instruction: 'Rewrite the sentence in the style of a news report.' },
  { name: 'social_media_style', dimension: 'style', instruction: 'Rewrite the sentence in the style of a social media post.' },
  { name: 'question_or_dialogue', dimension: 'style', instruction: 'Rewrite the sentence as a question or as a line of dialogue.' },
];

export function labelGuide(types: Iterable<string>, definitions: Record<string, string> = {}): string {
  const lines = [...new Set(types)].sort().map((t) => `- ${t}: ${definitions[t] ?? `entities of type ${t}`}`);
  return lines.length ? `Entity types:\n${lines.join('\n')}` : '';
}

export const MARKUP_RULES =
  'Entities are marked as [mention]{TYPE#id}. Keep every marked entity: the same mention text, the same TYPE and the same #id, each exactly once, and add no new marks.';

export function rewritePrompt(marked: string, strategy: Strategy, n: number, guide: string): { system: string; user: string } {
  return {
    system: `You rewrite sentences to augment training data for named entity recognition. ${MARKUP_RULES} Change only the words around the entities.`,
    user: `${guide}\n\nStrategy (${strategy.dimension}): ${strategy.instruction}\nWrite ${n} different rewrite${n === 1 ? '' : 's'}.\n<sentence>${marked}</sentence>\nAnswer as JSON: {"rewrites": ["...", ...]}.`,
  };
}

export function noisePrompt(marked: string, n: number, guide: string): { system: string; user: string } {
  return {
    system: `You add realistic noise to sentences to make a tagger robust. ${MARKUP_RULES}`,
    user: `${guide}\n\nAdd realistic noise outside the marked entities: typing errors, misspellings, missing or doubled punctuation, casual abbreviations. Write ${n} different noisy version${n === 1 ? '' : 's'}.\n<sentence>${marked}</sentence>\nAnswer as JSON: {"rewrites": ["...", ...]}.`,
  };
}

export function replacementPrompt(marked: string, ids: Array<{ id: number; type: string; text: string }>, guide: string): { system: string; user: string } {
  const list = ids.map((x) => `#${x.id} (${x.type}, now "${x.text}")`).join(', ');
  return {
    system: 'You propose new entities for named entity recognition training data. Each new entity must be a different real-looking entity of the same type that fits the sentence.',
    user: `${guide}\n\n<sentence>${marked}</sentence>\nPropose a replacement for each of: ${list}.\nAnswer as JSON: {"replacements": [{"id": 1, "text": "..."}, ...]}.`,
  };
}

export function maskFillPrompt(linearised: string, slots: Array<{ slot: number; type: string }>, guide: string): { system: string; user: string } {
  return {
    system: 'You fill masked entity slots in labelled sentences (masked entity language modelling). Each slot is marked <TYPE> [MASK-n] </TYPE>; fill it with a new entity of that type that fits the context.',
    user: `${guide}\n\n<sentence>${linearised}</sentence>\nFill slots ${slots.map((s) => `${s.slot} (${s.type})`).join(', ')}.\nAnswer as JSON: {"fills": [{"slot": 1, "text": "..."}, ...]}.`,
  };
}
