import path from 'node:path';
import { stat } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/did-you-mean.js';
import { readHead } from './input.js';
import type { Format } from './types.js';
import { conll } from './conll.js';
import { spert, spertTags } from './spert.js';
import { dygie } from './dygie.js';
import { jsonl } from './jsonl.js';
import { fewrel } from './fewrel.js';
import { casrel } from './casrel.js';
import { tacred } from './tacred.js';
import { csv } from './csv.js';
import { docred } from './docred.js';
import { fewnerd } from './fewnerd.js';
import { unplacedCheck } from './unplaced.js';
import { clusterCheck, clustersAcrossSentences } from './coreference-loss.js';
import { withChecks, type ExampleCheck } from './writer-checks.js';
import { episodeCheck } from './episode-place.js';

/**
 * Limits the writers do not know of, checked in one pass before each writes: DyGIE and DocRED
 * hold coreference (FewRel its arguments' mentions, SpERT a cluster within one sentence), the
 * others refuse or count the clusters they would leave out; every writer but CasRel's refuses
 * or counts the CasRel triples it would lose (unplaced.ts).
 */
const CLUSTERS: Record<string, ExampleCheck | undefined> = {
  conll: clusterCheck('CoNLL'),
  spert: clusterCheck('SpERT JSON', clustersAcrossSentences),
  'spert-tags': clusterCheck('SpERT tag variant'),
  jsonl: clusterCheck('character-offset JSONL'),
  casrel: clusterCheck('CasRel JSON'),
  tacred: clusterCheck('TACRED JSON'),
  csv: clusterCheck('CSV'),
  fewnerd: clusterCheck('Few-NERD episodes'),
};
const checksFor = (f: Format): ExampleCheck[] => [
  ...(f.name === 'casrel' ? [] : [unplacedCheck(f.name)]),
  ...(CLUSTERS[f.name] ? [CLUSTERS[f.name]!] : []),
  // Only Few-NERD holds episodes: every other writer refuses or counts the places it loses.
  ...(f.name === 'fewnerd' ? [] : [episodeCheck(`${f.name} output`)]),
];

export const FORMATS: readonly Format[] = [conll, spert, spertTags, dygie, jsonl, fewrel, casrel, tacred, csv, docred, fewnerd].map((f) => withChecks(f, checksFor(f)));

const ALIASES: Record<string, string> = {
  bio: 'conll', iob: 'conll', iob2: 'conll', column: 'conll',
  'spert-tag': 'spert-tags', bilou: 'spert-tags',
  doccano: 'jsonl', 'label-studio': 'jsonl', prodigy: 'jsonl',
  nyt: 'casrel', 'few-nerd': 'fewnerd',
};

/** Output extensions that name one format unambiguously. */
const BY_EXTENSION: Record<string, string> = {
  conll: 'conll', txt: 'conll', bio: 'conll', iob: 'conll', iob2: 'conll', bioes: 'conll', tsv: 'conll', conllu: 'conll',
  jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv',
};

export function formatNames(): string {
  return FORMATS.map((f) => f.name).join(', ');
}

export function getFormat(name: string): Format {
  const n = name.toLowerCase();
  const f = FORMATS.find((x) => x.name === (ALIASES[n] ?? n));
  if (!f) {
    const hint = didYouMean(n, [...FORMATS.map((x) => x.name), ...Object.keys(ALIASES)]);
    throw new UserError(hint ? `unknown format "${name}"${hint} (known formats: ${formatNames()})` : `unknown format "${name}"; known formats: ${formatNames()}`);
  }
  return f;
}

/** Guess a format from the start of the content (key names of the first record). */
export function sniff(head: string): string | null {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) {
    // JSON lines: the first line is a whole object whose keys tell the format.
    const firstLine = t.split('\n', 1)[0];
    let obj: Record<string, unknown> | null = null;
    try {
      const v = JSON.parse(firstLine);
      if (v && typeof v === 'object' && !Array.isArray(v)) obj = v;
    } catch {
      obj = null;
    }
    if (obj) {
      if ('support' in obj && 'query' in obj) return 'fewnerd';
      if ('sentences' in obj && ('ner' in obj || 'relations' in obj)) return 'dygie';
      if ('text' in obj) return 'jsonl';
      if ('data' in obj && ('annotations' in obj || 'completions' in obj)) return 'jsonl'; // Label Studio task
      // FewRel: relation ids to lists of instances (a map of ids to names, such as its own
      // pid2name.json, is no dataset).
      const values = Object.values(obj);
      const first = (values.find((v) => Array.isArray(v) && v.length > 0) as unknown[] | undefined)?.[0] as Record<string, unknown> | undefined;
      if (values.every((v) => Array.isArray(v)) && first && typeof first === 'object' && ('tokens' in first || ('h' in first && 't' in first))) return 'fewrel';
      return null;
    }
    // One (possibly large) JSON object: FewRel maps relation ids to instance lists.
    // Keys, not tokens: a DyGIE document may hold the tokens "h" and "t".
    if (/^\{\s*"[^"]+"\s*:\s*\[/.test(t) && /"h"\s*:/.test(t) && /"t"\s*:/.test(t)) return 'fewrel';
    return null;
  }
  if (t.startsWith('[')) {
    // A key, not a token: SciERC's tokens include "data" and "annotations".
    const has = (k: string) => new RegExp(`"${k}"\\s*:`).test(head);
    if (has('vertexSet')) return 'docred';
    if (has('data') && (has('annotations') || has('completions'))) return 'jsonl'; // Label Studio export
    if (has('triple_list')) return 'casrel';
    if (has('subj_start') && has('token')) return 'tacred';
    if (has('tokens') && has('tags') && !has('entities')) return 'spert-tags';
    if (has('tokens') && has('entities')) return 'spert';
    return null;
  }
  const lines = t.split('\n').slice(0, 20).filter((l) => l.trim() !== '');
  if (lines.length > 0 && /^"?text"?,/.test(lines[0])) return 'csv';
  // Anchored: unanchored, a long line with no blank in it took seconds (each start tried anew).
  // A token may hold a no-break space ("New\u00a0York"): only tabs and spaces separate columns.
  if (lines.length > 0 && lines.every((l) => /^[\t ]*[^\t ]+[\t ]+\S/.test(l) || l.startsWith('-DOCSTART-'))) return 'conll';
  return null;
}

/** Heads read in turn until one tells the format: a first record of 10,000 tokens (70 KB)
 *  holds its keys, or ends its line, past the first. */
const HEAD_SIZES = [1 << 16, 1 << 20, 1 << 24];

/** Detect an input's format from its content, then its extension. */
export async function detectFormat(file: string): Promise<Format> {
  const size = (await stat(file).catch(() => null))?.size ?? 0;
  for (const bytes of HEAD_SIZES) {
    const byContent = sniff(await readHead(file, bytes));
    if (byContent) return getFormat(byContent);
    if (size <= bytes) break;
  }
  const ext = path.extname(file).slice(1).toLowerCase();
  if (BY_EXTENSION[ext]) return getFormat(BY_EXTENSION[ext]);
  throw new UserError(`cannot tell the format of this file; pass --from with one of: ${formatNames()}`, { file });
}

/** The format to write `file` in: the extension decides; `.json` needs the input's format to be a JSON one. */
export function outputFormatFor(file: string, inputFormat?: Format): Format {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (ext === 'json') {
    if (inputFormat && inputFormat.extensions.includes('json')) return inputFormat;
    throw new UserError(`.json is used by several formats; pass --to (one of ${FORMATS.filter((f) => f.extensions.includes('json')).map((f) => f.name).join(', ')})`, { file });
  }
  if (ext === 'jsonl' && inputFormat && inputFormat.extensions.includes('jsonl')) return inputFormat;
  const f = BY_EXTENSION[ext] ? getFormat(BY_EXTENSION[ext]) : undefined;
  if (!f) throw new UserError(`cannot tell the output format from the extension ".${ext}"; pass --to with one of: ${formatNames()}`, { file });
  return f;
}
