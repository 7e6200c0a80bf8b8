import type { Comparison, EvaluateResult, SetScores } from './evaluate.js';

const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
const pm = (mean: number, std: number | null) => `${mean.toFixed(2)} ± ${std === null ? 'n/a' : std.toFixed(2)}`;
const pval = (p: number) => (p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);

function table(r: EvaluateResult): string[] {
  const types = [...new Set(r.sets.flatMap((s) => Object.keys(s.perType)))].sort();
  const label = (s: SetScores) => (s.kind === 'seeds+augmented' ? `${s.name} (${s.added} new)` : s.name);
  const rows = [
    ['training set', 'sentences', 'F1', ...types],
    ...r.sets.map((s) => [label(s), String(s.sentences), pm(s.mean, s.std), ...types.map((t) => (s.perType[t] ? s.perType[t].f1.toFixed(1) : '-'))]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

/** The bootstrap cannot resolve p below 2/(B+1): at that floor every resample fell on one side. */
const bootP = (b: { p: number; resamples: number }) =>
  b.p <= 2 / (b.resamples + 1) + 1e-12 ? `p <= ${b.p.toFixed(3)} (every resample on one side)` : `p ${pval(b.p)}`;

function comparisonLines(c: Comparison, runs: number): string[] {
  const { up, down, ties } = c.signTest;
  const lines = [
    `${c.set} vs ${c.against}: ${signed(c.difference.mean)} ± ${c.difference.std === null ? 'n/a' : c.difference.std.toFixed(2)} ` +
      `(${up} of ${runs} run${runs === 1 ? '' : 's'} up${down ? `, ${down} down` : ''}${ties ? `, ${ties} tied` : ''})`,
  ];
  lines.push(`  per type:            ${Object.entries(c.perTypeDifference).map(([k, v]) => `${k} ${signed(v, 1)}`).join(', ')}`);
  const t = c.pairedT;
  lines.push(
    t
      ? `  over runs:           paired t(${t.df}) = ${Number.isFinite(t.t) ? t.t.toFixed(2) : `${t.t > 0 ? '+' : '-'}inf (identical differences)`}, p ${pval(t.p)}, 95% CI ${signed(t.ci95[0])} .. ${signed(t.ci95[1])}; sign test p ${pval(c.signTest.p)}`
      : `  over runs:           n/a (1 run: training noise not measured; --runs 5 or more measures it)`,
  );
  const b = c.bootstrap;
  if (b) lines.push(`  over test sentences: paired bootstrap, ${b.resamples} resamples: 95% CI ${signed(b.ci95[0])} .. ${signed(b.ci95[1])}, ${bootP(b)}`);
  const tests = [t && 'runs', b && 'test sentences'].filter(Boolean).join(' and ');
  if (c.verdict === 'not significant') {
    const failed = [t && t.p >= 0.05 && 'over runs', b && b.p >= 0.05 && 'over the test sentences'].filter(Boolean).join(' nor ');
    const why = !tests ? ' (no test could be run)' : failed ? ` ${failed}` : ' (no difference)';
    lines.push(`  => not significant at the 5% level${why}: the difference may be noise`);
  } else {
    const caveat = t ? '' : '; training noise not measured';
    lines.push(`  => ${c.verdict}: significant at the 5% level over ${tests}${caveat}`);
  }
  return lines;
}

/** The evaluation for people: a table of every training set with per-type F1, then one paired comparison per augmented set. */
export function formatEvaluation(r: EvaluateResult): string {
  const lines = [
    `entity-level micro F1 x100 (seqeval ${r.mode} mode) on ${r.test.file} (${r.test.sentences} sentences); ` +
      `${r.runs === 1 ? '1 run (run seed 1)' : `${r.runs} runs (run seeds 1..${r.runs})`}, ${r.epochs} epoch${r.epochs === 1 ? '' : 's'}, ${r.taggerTrainings} tagger${r.taggerTrainings === 1 ? '' : 's'} trained`,
    '',
    ...table(r),
    `(F1: mean ± sample deviation over runs; per-type columns: F1 averaged over runs)`,
  ];
  const base = r.sets[0].name;
  const withBase = r.comparisons.filter((c) => c.against === base);
  const withControl = r.comparisons.filter((c) => c.against !== base);
  if (withBase.length) {
    lines.push('', 'paired with seeds only (same run seed, same test sentences):');
    for (const c of withBase) lines.push(...comparisonLines(c, r.runs));
  }
  if (withControl.length) {
    lines.push('', 'paired with the control (as many seed copies as the file adds; same run seed, same test sentences):');
    for (const c of withControl) lines.push(...comparisonLines(c, r.runs));
  }
  return lines.join('\n');
}

/** The evaluation as one JSON-ready object: every score and statistic, no per-sentence counts. */
export function evaluationJson(r: EvaluateResult): unknown {
  return {
    ...r,
    sets: r.sets.map((s) => ({
      ...s,
      runs: s.runs.map((x) => ({ seed: x.seed, f1: x.f1, perType: Object.fromEntries(Object.entries(x.report.types).map(([t, v]) => [t, v.f1 * 100])) })),
    })),
  };
}
