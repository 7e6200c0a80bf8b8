/**
 * What a long-tail run planned and reached, per relation type: the `long_tail` field of
 * report.json, and the lines `augment` prints for the types it could not raise.
 */

/** The plan of a long-tail operation as preparePlans summarises it (manifest.json `plans`). */
export interface LongTailSummary {
  target: number;
  before: Record<string, number>;
  after_plan: Record<string, number>;
  unreachable: string[];
  ceiling?: Record<string, number>;
  short?: Record<string, { no_substitute: number; duplicate: number; seed_limit: number; overshoot: number; concepts?: 'keep' | 'partner'; blocked_by?: string; ran_out: 'seeds' | 'attempts' }>;
  holders?: Record<string, number>;
  max_per_seed?: number;
}

export interface LongTailRow {
  type: string;
  before: number;
  planned: number;
  /** Instances in the written output (originals included). */
  written: number;
  /** The most swaps may bring it to (absent for model-generated plans). */
  ceiling?: number;
  /** above: at or over the target in the seeds, not raised; reached; short: stopped below. */
  status: 'above' | 'reached' | 'short';
  /** Why it stopped short, in words. */
  why?: string;
}

export interface LongTailReport {
  target: number;
  types: LongTailRow[];
  /** Types left below the target: the ones to hand to the LLM long-tail recipe. */
  short: string[];
}

export function isLongTailSummary(x: unknown): x is LongTailSummary {
  return !!x && typeof x === 'object' && typeof (x as LongTailSummary).target === 'number' && typeof (x as LongTailSummary).before === 'object';
}

/** Why a type stopped short, from what refused its attempts. */
export function whyShort(type: string, s: LongTailSummary): string {
  const k = s.short?.[type];
  if (!k) return 'not enough verified generations';
  const parts: string[] = [];
  if (k.seed_limit) parts.push(`${k.seed_limit} gave ${s.max_per_seed ?? '?'} new examples each (max_per_seed)`);
  if (k.overshoot && k.blocked_by) parts.push(`${k.overshoot} also hold ${k.blocked_by}, which a copy would push past its ceiling of ${s.ceiling?.[k.blocked_by] ?? '?'} (target + 10%)`);
  if (k.ran_out !== 'seeds') {
    // The seeds left stopped giving new examples.
    const fit = k.concepts === 'keep'
      ? 'its arguments are concepts, which keep their words: concept_phrases: keep'
      : k.concepts === 'partner'
        ? 'one the seeds relate to the same partner by this relation: between places, organisations or concepts, or entities of one type, the types alone do not say whether it holds'
        : 'same role and form, seen near the same words; names of famous people and of facts the seeds repeat are kept';
    const swaps = k.no_substitute >= k.duplicate
      ? `${(s.after_plan[type] ?? 0) > s.before[type] ? 'most swaps found no' : 'no swap found a'} substitute that fits its head or tail (${fit})`
      : 'swaps only repeated examples already made (too few distinct arguments)';
    if (parts.length === 0) return swaps;
    parts.push(`for the others, ${swaps}`);
  }
  const held = s.holders?.[type] ?? k.seed_limit + k.overshoot;
  return `of its ${held} ${held === 1 ? 'seed' : 'seeds'}, ${parts.join('; ')}`;
}

export function longTailReport(s: LongTailSummary, written: Record<string, number>): LongTailReport {
  const types = Object.keys(s.before).sort((a, b) => s.before[a] - s.before[b] || a.localeCompare(b));
  const rows = types.map((type): LongTailRow => {
    const before = s.before[type];
    const planned = s.after_plan[type] ?? before;
    const status = before >= s.target ? 'above' : s.unreachable.includes(type) ? 'short' : 'reached';
    return { type, before, planned, written: written[type] ?? 0, ...(s.ceiling ? { ceiling: s.ceiling[type] } : {}), status, ...(status === 'short' ? { why: whyShort(type, s) } : {}) };
  });
  return { target: s.target, types: rows, short: rows.filter((r) => r.status === 'short').map((r) => r.type) };
}

/** What `augment` prints after a long-tail run that left types below the target. */
export function longTailLines(s: LongTailSummary, input?: string): string[] {
  if (s.unreachable.length === 0) return [];
  const raised = Object.keys(s.before).filter((t) => s.before[t] < s.target).length;
  const lines = [`long-tail: ${s.unreachable.length} of ${raised} rare relation types stay below the target ${s.target}:`];
  for (const t of s.unreachable) lines.push(`  ${t}: ${s.before[t]} -> ${s.after_plan[t] ?? s.before[t]}: ${whyShort(t, s)}`);
  if (s.short) {
    lines.push(`  a model can write new sentences for them: spanforge augment llm-long-tail --input ${input ?? '<file>'} --model <name> [--base-url <url>] (recipes/llm-long-tail.yaml)`);
  }
  return lines;
}
