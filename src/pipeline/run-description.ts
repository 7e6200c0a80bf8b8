/**
 * What a run directory holds a run of, in words a user can check: recipe, input, seed,
 * variants, limit, output format, model. Stored beside the fingerprint in the directory's
 * marker, so a refused rerun can say what differs ("holds a run of sda on this input with
 * seed 1, now 2"), and a resume policy can decide on named differences.
 */
export interface RunDescription {
  recipe: string;
  /** The recipe as loaded (defaults filled in, file left out): compared field by field. */
  settings: unknown;
  /** The input path as given, and its content hash. */
  input: string;
  input_sha256: string;
  seed: number;
  variants: number;
  limit: number | null;
  to: string;
  model: string | null;
  /** Content hash of --fluency-text, when given. */
  fluency_text: string | null;
}

/** Leaf values of a JSON value by path (`operations[0].p`), for a field-by-field diff. */
function leaves(v: unknown, at = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${at}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, at ? `${at}.${k}` : k, out);
  else out.set(at, JSON.stringify(v));
  return out;
}

/** Recipe fields that say nothing about the output. */
const PROSE = /^(name|description|paper)$/;
const short = (v: string | undefined) => (v === undefined ? 'unset' : v.length > 40 ? `${v.slice(0, 37)}...` : v);

/** Recipe fields that differ, as `operations[0].p 0.5, now 0.3` (the first few). */
function settingChanges(before: unknown, now: unknown, max = 2): string[] {
  const a = leaves(before);
  const b = leaves(now);
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !PROSE.test(k) && a.get(k) !== b.get(k));
  const out = keys.slice(0, max).map((k) => `${k} ${short(a.get(k))}, now ${short(b.get(k))}`);
  if (keys.length > max) out.push(`${keys.length - max} more recipe fields`);
  return out;
}

const orNone = (v: unknown) => (v === null || v === undefined ? 'none' : String(v));

/** What differs between the run a directory holds and this one, one phrase each. */
export function runDifferences(before: RunDescription, now: RunDescription): string[] {
  const out: string[] = [];
  const was = (label: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${label} ${orNone(a)}, now ${orNone(b)}`);
  };
  if (before.recipe === now.recipe) out.push(...settingChanges(before.settings, now.settings));
  was('seed', before.seed, now.seed);
  was('variants', before.variants, now.variants);
  was('--limit', before.limit, now.limit);
  was('output format', before.to, now.to);
  was('model', before.model, now.model);
  if (before.fluency_text !== now.fluency_text) out.push(now.fluency_text ? 'another --fluency-text' : 'no --fluency-text now');
  return out;
}

/** Why a directory is refused: what it holds and what differs from this run. */
export function refusal(before: RunDescription | 'undescribed' | null, now: RunDescription, files: readonly string[]): string {
  const fix = 'use another --out, or --force';
  // A marker of a version that did not describe its runs.
  if (before === 'undescribed') return `output directory holds an earlier run with other settings; ${fix}`;
  if (!before) {
    const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? `, ... (${files.length} files)` : '');
    return `output directory holds files of no spanforge run (${shown}); ${fix}`;
  }
  const what = before.recipe === now.recipe ? `a run of ${before.recipe}` : `a run of ${before.recipe} (now ${now.recipe})`;
  const where =
    before.input_sha256 === now.input_sha256
      ? 'on this input'
      : before.input === now.input
        ? `on ${before.input} as it was (it has changed since)`
        : `on ${before.input} (now ${now.input})`;
  const diffs = runDifferences(before, now);
  const sameOtherwise = before.recipe === now.recipe && before.input_sha256 === now.input_sha256;
  const rest = diffs.length ? ` with ${diffs.join(' and ')}` : sameOtherwise ? ' with other settings' : '';
  return `output directory holds ${what} ${where}${rest}; ${fix}`;
}
