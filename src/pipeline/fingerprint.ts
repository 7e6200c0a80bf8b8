import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LoadedRecipe } from './recipe.js';
import type { Shard } from './shard.js';

/** Everything that decides a run's output, as recorded in its run directory. */
export interface ConfigParts {
  recipe: LoadedRecipe;
  runSeed: number;
  variants: number;
  limit?: number;
  /** SHA-256 of the input file. */
  input: string;
  /** The output format. */
  to: string;
  /** SHA-256 of the fluency text given on the command line. */
  fluencyText?: string;
  /** How the input is read, when not detected. */
  from?: string;
  inputScheme?: string;
  tagColumn?: number;
  lossy?: boolean;
  symmetric?: string[];
  /** The model and the provider options that change answers (not concurrency or limits). */
  llm?: Record<string, unknown>;
  shard?: Shard;
}

/**
 * The configuration as a plain object. The first keys are those of the fingerprint earlier
 * versions recorded, in their order, and the others appear only when set: a run directory of
 * an earlier version with none of them keeps its fingerprint and still resumes.
 */
export function runConfig(p: ConfigParts): Record<string, unknown> {
  const { file: _file, ...recipe } = p.recipe;
  const optional = { from: p.from, inputScheme: p.inputScheme, tagColumn: p.tagColumn, lossy: p.lossy || undefined, symmetric: p.symmetric?.length ? [...p.symmetric].sort() : undefined, llm: p.llm, shard: p.shard };
  const set = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { recipe, runSeed: p.runSeed, variants: p.variants, limit: p.limit ?? null, input: p.input, to: p.to, ...(p.fluencyText ? { fluencyText: p.fluencyText } : {}), ...set };
}

/** The LLM settings that change answers, for the configuration: not the endpoint, key,
 *  concurrency, limits, timeouts or retries, which change how answers come, not what they are. */
export function answerSettings(s: { provider: string; model?: string; modelPath?: string; structured?: string; maxReasks?: number }): Record<string, unknown> {
  const out = { provider: s.provider, model: s.model, modelPath: s.modelPath && path.resolve(s.modelPath), structured: s.structured, maxReasks: s.maxReasks };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export function fingerprintOf(config: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

/** What an earlier version recorded: the fingerprint of the first keys only. */
export function legacyFingerprint(config: Record<string, unknown>): string {
  const { recipe, runSeed, variants, limit, input, to, fluencyText } = config;
  return fingerprintOf({ recipe, runSeed, variants, limit, input, to, fluencyText });
}

const NAMES: Record<string, string> = { runSeed: 'seed', input: 'input (SHA-256)', to: 'output format', fluencyText: 'fluency text (SHA-256)', inputScheme: 'input scheme', tagColumn: 'tag column' };

function show(v: unknown): string {
  if (v === undefined) return '(not set)';
  const s = typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v.slice(0, 12) : JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function walk(a: unknown, b: unknown, at: string, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const plain = (x: unknown) => typeof x === 'object' && x !== null;
  if (plain(a) && plain(b) && Array.isArray(a) === Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) walk(ao[k], bo[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : (NAMES[k] ?? k), out);
    return;
  }
  out.push(`${at}: ${show(a)} -> ${show(b)}`);
}

/** What differs between an earlier run's configuration and this one's, one line per value
 *  (`seed: 1 -> 2`, `recipe.operations[0].params.p: 0.3 -> 0.5`). */
export function configDifferences(before: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const out: string[] = [];
  walk(before, now, '', out);
  return out;
}

/** The differences as one clause, the first few in full. */
export function describeDifferences(diffs: readonly string[], max = 5): string {
  return diffs.slice(0, max).join('; ') + (diffs.length > max ? `; and ${diffs.length - max} more` : '');
}
