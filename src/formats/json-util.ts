import { z } from 'zod';
import type { Location } from '../core/errors.js';
import { pathToString } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { checkExample, duplicateEntities, duplicateRelations, type Problem } from '../core/check.js';
import type { Reporter } from './reporter.js';

/** Validate one record; on failure report each issue at its JSON path and return null. */
export function validateRecord<T extends z.ZodType>(
  schema: T,
  value: unknown,
  reporter: Reporter,
  loc: Location,
  prefix: Array<string | number>,
): z.infer<T> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues.slice(0, 5)) {
    reporter.problem({ ...loc, path: pathToString([...prefix, ...(issue.path as PropertyKey[])]) }, issue.message);
  }
  return null;
}

/** Report the structural problems of a built example at its record's location. */
export function reportExample(ex: Example, reporter: Reporter, loc: Location, prefix: Array<string | number>): boolean {
  const soft: Problem[] = [];
  const problems = checkExample(ex, soft);
  soft.push(...duplicateEntities(ex));
  const at = (p: Problem) => ({ ...loc, path: pathToString(prefix) + (p.path ? (prefix.length ? '.' : '') + p.path : '') });
  for (const p of soft) reporter.soft(p.kind ?? 'tokens holding a tab or a line break', at(p), p.message);
  // Said, not refused: public gold has them (SciERC train lists some relations twice).
  for (const p of duplicateRelations(ex)) reporter.warn(p.kind!, at(p), p.message);
  for (const p of problems) reporter.problem(at(p), p.message);
  return problems.length === 0;
}

/** Fields of `obj` other than `known`, or undefined when there are none. */
export function rest(obj: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(obj)) {
    if (known.includes(k)) continue;
    (out ??= {})[k] = obj[k];
  }
  return out;
}

/** This format's own extra fields of an example or entity. */
export function own(extra: Record<string, unknown> | undefined, format: string): Record<string, unknown> | undefined {
  const v = extra?.[format];
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

export function withOwn(format: string, fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return fields ? { [format]: fields } : undefined;
}

/** Streaming JSON array writer. */
export class JsonArrayWriter {
  private first = true;
  constructor(private readonly sink: { write(s: string): void | Promise<void> }) {}
  async item(v: unknown): Promise<void> {
    await this.sink.write((this.first ? '[\n' : ',\n') + JSON.stringify(v));
    this.first = false;
  }
  async end(): Promise<void> {
    await this.sink.write(this.first ? '[]\n' : '\n]\n');
  }
}

export const int = z.number().int();
export const nonNegInt = z.number().int().nonnegative();
