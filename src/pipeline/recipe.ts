import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError, pathToString } from '../core/errors.js';
import { didYouMean } from '../core/did-you-mean.js';
import { parseYaml, type ParsedYaml } from '../core/yaml-locate.js';
import { ALL_OPERATION_NAMES, findLlmOperation, findOperation } from '../ops/registry.js';
import { FLUENCY_DEFAULTS } from '../filters/fluency.js';
import { FORMATS, formatNames } from '../formats/registry.js';

import { RECIPES_DIR } from '../package-info.js';

export { RECIPES_DIR };

const signature = z.tuple([z.string().min(1), z.string().min(1), z.string().min(1)]);

const recipeSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  paper: z.string().optional(),
  /** Run seed: every random choice derives from it, the example id, the operation and the variant. */
  seed: z.number().int().default(1),
  /** Candidates made from each seed example. */
  variants: z.number().int().min(1).max(1000).default(1),
  /** `sequence`: each variant goes through every operation in order; `one_of`: each variant
   *  goes through one operation, picked by the seeded generator; `each`: every operation makes
   *  its own copy per variant (offline operations; `variants` x operations candidates per seed). */
  compose: z.enum(['sequence', 'one_of', 'each']).default('sequence'),
  /** Write the seed examples too, each before its variants. */
  include_original: z.boolean().default(true),
  operations: z.array(z.looseObject({ op: z.string() })).min(1, 'a recipe needs at least one operation'),
  filters: z
    .strictObject({
      /** Reject candidates whose entity or relation labels are not in the seed schema. */
      label_consistency: z.boolean().default(true),
      /** Reject exact duplicates of a seed or of an earlier output. */
      dedup: z.boolean().default(true),
      /** With dedup: also reject candidates identical to a seed (off for recipes that re-emit seeds, like negatives). */
      dedup_against_seeds: z.boolean().default(true),
      /** Relation signatures allowed besides those seen in the seeds: [head type, relation, tail type]. */
      declared_signatures: z.array(signature).default([]),
      /** Reject candidates whose token n-gram Jaccard similarity to a seed or an earlier output reaches the threshold. */
      near_duplicates: z.strictObject({ threshold: z.number().gt(0).max(1).default(0.9), n: z.number().int().min(1).max(6).default(3) }).optional(),
      /** Reject candidates much shorter or longer than their seed (token counts). */
      length_ratio: z
        .strictObject({ min: z.number().positive().default(0.5), max: z.number().positive().default(2) })
        .refine((r) => r.min <= r.max, { message: 'min must not exceed max (as given, every candidate would be rejected)' })
        .optional(),
      /** Reject candidates that read much worse than their seed: per-token perplexity (relative to
       *  word frequencies) under a word trigram model (Kneser-Ney) built from the seeds, and from
       *  `text` (unlabelled in-domain text, one sentence per line, a path relative to the recipe;
       *  `--fluency-text` adds one), above `factor` times the seed's. `mentions: type` scores each
       *  mention as its type. */
      fluency: z
        .strictObject({
          factor: z.number().gt(1).default(FLUENCY_DEFAULTS.factor),
          mentions: z.enum(['type', 'words']).default(FLUENCY_DEFAULTS.mentions),
          text: z.string().min(1).optional(),
        })
        .optional(),
      /** Reject candidates carrying model chatter ("As an AI", "Here is the rewritten sentence"); extra patterns are regular expressions. */
      chatter: z.union([z.boolean(), z.strictObject({ extra_patterns: z.array(z.string()).default([]) })]).default(true),
      /** Model output only: reject a rewrite in another language or script than its seed's, and a new mention in a script its type's seed mentions never use. */
      language: z.boolean().default(true),
      /** Model output only: reject a new mention that the seeds or earlier outputs know only under another type (a gazetteer by type). */
      type_fit: z.boolean().default(true),
      /** Model output only: reject a rewrite that adds a capitalised word, or a number or date of a kind the seeds mark, without marking it. */
      unmarked_names: z.boolean().default(true),
      /** LLM verification. `per_mention` (the default): the model is asked about each new mention
       *  on its own, and lists the entities of the plain text (any it finds outside the marks
       *  rejects); `agreement`: it annotates the text afresh and the entities must agree at least
       *  `threshold` (F1). A recipe that sets `threshold` alone means `agreement`. */
      llm_verify: z
        .strictObject({
          mode: z.enum(['per_mention', 'agreement']).optional(),
          threshold: z.number().min(0).max(1).optional(),
          /** per_mention: each mention's verdict is a vote; the question is asked again (put another
           *  way, or sampled anew) until "yes" leads by this many answers (accept) or "no" by one
           *  more (reject). 1: one "yes" accepts. Higher costs requests and spares good mentions. */
          agree: z.number().int().min(1).max(4).default(2),
          /** per_mention: ask for the entities of the plain text and reject those the markup lacks. */
          unmarked: z.boolean().default(true),
          label_definitions: z.record(z.string(), z.string()).default({}),
          /** Check each relation too: the model picks it from the schema's relations (QA4RE style). */
          relations: z.boolean().default(false),
          /** Skip the entity re-annotation (relations only). */
          entities: z.boolean().default(true),
        })
        .transform(({ mode, threshold, ...v }) => ({ ...v, mode: mode ?? (threshold !== undefined ? 'agreement' : 'per_mention'), threshold: threshold ?? 0.8 }))
        .optional(),
    })
    .default({ label_consistency: true, dedup: true, dedup_against_seeds: true, declared_signatures: [], chatter: true, language: true, type_fit: true, unmarked_names: true }),
  /** Defaults for the language model (command-line flags override them). */
  llm: z
    .strictObject({
      provider: z.enum(['openai', 'llama-cpp']).optional(),
      model: z.string().min(1).optional(),
      base_url: z.string().url().optional(),
      structured: z.enum(['json_schema', 'json_object', 'text']).optional(),
      concurrency: z.number().int().min(1).max(256).optional(),
      rpm: z.number().positive().optional(),
      tpm: z.number().positive().optional(),
      timeout_ms: z.number().int().positive().optional(),
      max_retries: z.number().int().min(0).max(20).optional(),
      max_reasks: z.number().int().min(0).max(5).optional(),
    })
    .default({}),
  output: z
    .strictObject({
      format: z.string().optional(),
      scheme: z.string().optional(),
    })
    .default({}),
});

export type Recipe = z.infer<typeof recipeSchema>;
export interface ResolvedOp {
  op: string;
  params: Record<string, unknown>;
  /** True for operations that ask a language model. */
  llm: boolean;
  /** True for planned operations (prepare + expand over the whole seed set). */
  planned: boolean;
}
export interface LoadedRecipe extends Omit<Recipe, 'operations'> {
  operations: ResolvedOp[];
  /** Where it came from (a path). */
  file: string;
}

/** The object schema at `path` inside `schema` (through defaults, optionals and arrays). */
function objectAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodObject | undefined {
  let s: z.ZodType | undefined = schema;
  for (let i = 0; s; ) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    else if (i === path.length) return s instanceof z.ZodObject ? s : undefined;
    else if (s instanceof z.ZodObject) s = s.shape[String(path[i++])] as z.ZodType | undefined;
    else if (s instanceof z.ZodArray && typeof path[i] === 'number') [s, i] = [s.element as z.ZodType, i + 1];
    else return undefined;
  }
  return undefined;
}

/** The first problem zod found, as a UserError at its field; a misspelt field (the usual
 *  cause of the other problems) first, with the field it most likely meant. */
function schemaError(issues: z.core.$ZodIssue[], schema: z.ZodType, file: string, prefix: PropertyKey[], locate?: ParsedYaml['locate']): UserError {
  const issue = issues.find((x) => x.code === 'unrecognized_keys') ?? issues[0];
  const where = [...prefix, ...(issue.path as PropertyKey[])];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const known = Object.keys(objectAt(schema, issue.path)?.shape ?? {});
    const hint = didYouMean(key, known);
    return new UserError(`unknown field "${key}"${hint}${known.length ? ` (known: ${known.join(', ')})` : ''}`, { file, ...locate?.(where, key), path: pathToString([...where, key]) });
  }
  return new UserError(issue.message, { file, ...locate?.(where), path: pathToString(where) || '(recipe)' });
}

/** Validate a parsed recipe object; errors carry the path of the bad field, zod-style. */
export function validateRecipe(raw: unknown, file: string, locate?: ParsedYaml['locate']): LoadedRecipe {
  const r = recipeSchema.safeParse(raw ?? {});
  if (!r.success) throw schemaError(r.error.issues, recipeSchema, file, [], locate);
  const operations: ResolvedOp[] = r.data.operations.map((entry, i) => {
    const op = findOperation(entry.op) ?? findLlmOperation(entry.op);
    if (!op) {
      throw new UserError(`unknown operation "${entry.op}"${didYouMean(entry.op, ALL_OPERATION_NAMES)} (known: ${ALL_OPERATION_NAMES.join(', ')})`, { file, ...locate?.(['operations', i, 'op']), path: `operations[${i}].op` });
    }
    const { op: _name, ...rest } = entry;
    const pr = op.params.safeParse(rest);
    if (!pr.success) {
      const e = schemaError(pr.error.issues, op.params, file, ['operations', i], locate);
      throw new UserError(`${e.message} (in ${op.name})`, e.loc);
    }
    return { op: op.name, params: pr.data as Record<string, unknown>, llm: 'llm' in op && op.llm === true, planned: 'prepare' in op && typeof op.prepare === 'function' };
  });
  const format = r.data.output.format;
  if (format !== undefined && !FORMATS.some((f) => f.name === format)) {
    throw new UserError(`unknown output format "${format}"${didYouMean(format, FORMATS.map((f) => f.name))} (known: ${formatNames()})`, { file, ...locate?.(['output', 'format']), path: 'output.format' });
  }
  if (operations.some((o) => o.planned) && !operations.every((o) => o.planned)) {
    throw new UserError('planned operations (negatives_v1, long_tail_v1, llm_long_tail_v1) cannot be mixed with per-variant ones in one recipe', { file, path: 'operations' });
  }
  if (r.data.compose === 'each' && operations.some((o) => o.llm)) {
    throw new UserError('compose: each is for offline operations; a recipe with LLM operations needs compose: one_of', { file, path: 'compose' });
  }
  if (operations.some((o) => o.llm && !o.planned) && operations.length > 1 && r.data.compose !== 'one_of') {
    throw new UserError('a recipe with LLM operations and others needs compose: one_of (each candidate comes from one operation)', { file, path: 'compose' });
  }
  return deepFreeze({ ...r.data, operations, file });
}

/** The loaded recipe is immutable: a run that tried to change it would throw, not drift. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** A recipe by path, or by the name of a built-in one (`sda` -> recipes/sda.yaml). */
export function resolveRecipePath(nameOrPath: string): string {
  const builtin = path.join(RECIPES_DIR, nameOrPath.endsWith('.yaml') ? nameOrPath : `${nameOrPath}.yaml`);
  if (existsSync(nameOrPath)) {
    if (!statSync(nameOrPath).isDirectory()) return nameOrPath;
    // A folder is no recipe: a built-in of that name is what was meant (`noise` beside a noise/ folder).
    if (existsSync(builtin)) return builtin;
    throw new UserError('is a directory, expected a recipe file (YAML) or the name of a built-in recipe', { file: nameOrPath });
  }
  if (existsSync(builtin)) return builtin;
  throw new UserError(`no such recipe file, and no built-in recipe of that name (built-in: ${builtinRecipes().map((r) => r.name).join(', ')})`, { file: nameOrPath });
}

export function loadRecipe(nameOrPath: string): LoadedRecipe {
  const file = resolveRecipePath(nameOrPath);
  const parsed = parseYaml(readRecipeText(file), file);
  return validateRecipe(parsed.value, file, parsed.locate);
}

/** The recipe's text; a file that cannot be read is the user's to fix, not a crash. */
function readRecipeText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UserError(e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : `cannot read the recipe: ${e.message}`, { file });
  }
}

/** Built-in recipes with the first line of their header comment. */
export function builtinRecipes(): Array<{ name: string; file: string; summary: string }> {
  if (!existsSync(RECIPES_DIR)) return [];
  return readdirSync(RECIPES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(RECIPES_DIR, f), 'utf8');
      const first = text.split('\n').find((l) => l.startsWith('#'));
      return { name: f.replace(/\.yaml$/, ''), file: path.join('recipes', f), summary: first ? first.replace(/^#\s*/, '') : '' };
    });
}
