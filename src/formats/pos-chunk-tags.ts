/**
 * Values of CoNLL columns that are not NER tags: part-of-speech tags (Penn Treebank, as in
 * CoNLL-2000/2003, and Universal Dependencies' UPOS), the `_` of an empty column, and the
 * phrase types of chunk tags (B-NP, I-VP). A column of them read as NER tags would make each
 * an entity type, so the reader refuses it (conll.ts `detectConllLayout`).
 */
export const POS_TAGS: ReadonlySet<string> = new Set([
  // Penn Treebank
  'CC', 'CD', 'DT', 'EX', 'FW', 'IN', 'JJ', 'JJR', 'JJS', 'LS', 'MD', 'NN', 'NNS', 'NNP', 'NNPS', 'PDT', 'POS', 'PRP', 'PRP$', 'RB', 'RBR', 'RBS', 'RP', 'SYM', 'TO', 'UH', 'VB', 'VBD', 'VBG', 'VBN', 'VBP', 'VBZ', 'WDT', 'WP', 'WP$', 'WRB',
  ',', '.', ':', '``', "''", '"', '(', ')', '-LRB-', '-RRB-', '#', '$', 'HYPH', 'NFP', 'ADD', 'AFX', 'XX', '-NONE-', 'NN|SYM',
  // Universal Dependencies (UPOS)
  'ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'VERB', 'X',
  // an empty column
  '_',
]);

/** The phrase types of chunk tags (CoNLL-2000). */
export const CHUNK_TYPES: ReadonlySet<string> = new Set(['NP', 'VP', 'PP', 'ADVP', 'ADJP', 'SBAR', 'PRT', 'CONJP', 'INTJ', 'LST', 'UCP']);
