/**
 * The words of chatter, for the structural checks (filters/chatter-structure.ts) and the
 * mention check of generated entities: what talks about the task or to the reader.
 */

// Words only chatter uses (about the task, or to the reader): one is enough.
const STRONG = new Set(['sure', 'okay', 'ok', 'certainly', 'alright', 'rewrite', 'rewrites', 'rewrote', 'rewritten', 'rewriting', 'rephrase', 'rephrased', 'rephrasing', 'paraphrase', 'paraphrased', 'entity', 'entities', 'marked', 'markup', 'variation', 'variations', 'explanation', 'json', 'lemme']);
// Words chatter uses, but a sentence may too: two are needed.
const WEAK = new Set(['sentence', 'sentences', 'version', 'versions', 'original', 'output', 'answer', 'example', 'examples', 'note', 'notes', 'change', 'changes', 'changed', 'unchanged', 'kept', 'keep', 'keeps', 'preserved', 'task', 'tone', 'formal', 'informal', 'register', 'style', 'voice', 'passive', 'synonym', 'synonyms', 'clause', 'clauses', 'requested', 'help', 'helps', 'hope', 'below', 'following', 'word', 'words', 'replaced', 'i', 'me', 'my', 'we', 'you', 'your', 'here', 'let']);
// Two-word cues that count as strong ("here is", "let me", "of course").
const PAIRS = new Set(['here is', "here 's", 'here are', 'here you', 'let me', 'of course', 'as requested', 'feel free', 'hope this', 'i have', "i 've", 'i kept', 'i changed', 'i replaced', 'i added', 'i used']);
// A lead-in may end in one of these; a sentence ends in one of those.
export const LEAD_END = new Set([':', '-', '–', '—', '--']);
export const SENT_END = /^[.!?]+$|^\.\.\.$|^…$/;
// Interjections a mention never starts with (before punctuation: "Sure !", "Okay ,", "Here :").
const INTERJECTION = new Set(['sure', 'okay', 'ok', 'certainly', 'here', 'well', 'alright', 'yes', 'note']);

// A remark about a mention itself: "Bank of Canada (a new name)", "(fictional)".
const ABOUT_NAME = new Set(['new', 'name', 'fictional', 'fictitious', 'invented', 'replacement', 'replaced', 'placeholder', 'example', 'entity', 'type', 'same']);

/** Whether tokens [a, b) talk about the task: one strong cue, or two weak ones. */
export function talksAboutTask(tokens: readonly string[], a: number, b: number, seedWords: ReadonlySet<string>): string | null {
  let weak = 0;
  for (let i = a; i < b; i++) {
    const w = tokens[i].toLowerCase();
    if (seedWords.has(w)) continue;
    const pair = i + 1 < b ? `${w} ${tokens[i + 1].toLowerCase()}` : '';
    if (STRONG.has(w) || (pair && PAIRS.has(pair) && !seedWords.has(tokens[i + 1].toLowerCase()))) return tokens.slice(a, b).join(' ');
    if (WEAK.has(w)) weak++;
  }
  return weak >= 2 ? tokens.slice(a, b).join(' ') : null;
}

/** Why a mention's tokens hold chatter, or null. */
export function mentionTextChatter(words: readonly string[]): string | null {
  if (words.length > 1 && INTERJECTION.has(words[0].toLowerCase()) && /^[!,.:;-]+$/.test(words[1])) return `starts with "${words[0]} ${words[1]}"`;
  const colon = words.indexOf(':');
  if (colon > 0 && colon <= 2 && colon < words.length - 1) return `starts with a label "${words.slice(0, colon + 1).join(' ')}"`;
  const open = words.indexOf('(');
  if (open >= 0 && words.slice(open + 1).some((w) => ABOUT_NAME.has(w.toLowerCase()))) return 'holds a remark about itself';
  const strong = words.find((w) => STRONG.has(w.toLowerCase()) && w.toLowerCase() !== 'ok');
  if (strong && words.length > 1) return `holds "${strong}"`;
  return null;
}
