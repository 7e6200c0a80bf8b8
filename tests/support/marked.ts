import type { Example } from '../../src/core/model.js';

/** "[Maria Lopez]{PER} works in [Lyon]{LOC} ." -> an example (tokens split on spaces). */
export function marked(text: string, id = text): Example {
  const tokens: string[] = [];
  const entities: Example['entities'] = [];
  for (const m of text.matchAll(/\[([^\]]+)\]\{([^}]+)\}|(\S+)/g)) {
    if (m[3] !== undefined) {
      tokens.push(m[3]);
      continue;
    }
    const words = m[1].split(' ');
    entities.push({ start: tokens.length, end: tokens.length + words.length, type: m[2] });
    tokens.push(...words);
  }
  return { id, tokens, entities, relations: [] };
}
