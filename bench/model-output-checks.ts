/**
 * Acceptance of bad model answers, and the yield of good ones, through the model-output checks
 * (language, script, type fit, unmarked names) with and without LLM verification. The test
 * server makes `--rate` of the answer items bad (one class each) and answers verification
 * questions right `--accuracy` of the time; every candidate is traced to its item's class.
 *
 *   npx tsx bench/model-output-checks.ts [--limit 100] [--rate 0.4] [--accuracy 0.85]
 *
 * Prints one JSON object: per dataset, recipe and verification mode, the share of each class
 * accepted, and the verification cost from report.json.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { cli } from '../tests/support/cli.js';
import { startTestServer, truthKey } from '../tests/support/llm-test-server.js';
import { badAnswers, BAD_CLASSES } from '../tests/support/check-scripts.js';
import { RECIPES_DIR } from '../src/package-info.js';

const arg = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const DATA = path.resolve(import.meta.dirname, '../../shared/data');
const limit = arg('--limit', '100');
const rate = Number(arg('--rate', '0.4'));
const accuracy = Number(arg('--accuracy', '0.85'));

/** Share of each class (and of good items) that was accepted, from a run's output files. */
type Tally = Record<string, { accepted: number; seen: number; rate: number | null; rejected: Record<string, number> }>;
export function traceRun(out: string, ledger: Map<string, string>): Tally {
  const tally: Tally = {};
  const add = (tokens: string[], reason: string | null) => {
    const cls = ledger.get(truthKey(tokens.join(' ')));
    if (!cls) return;
    const t = (tally[cls] ??= { accepted: 0, seen: 0, rate: null, rejected: {} });
    t.seen++;
    if (reason === null) t.accepted++;
    else t.rejected[reason] = (t.rejected[reason] ?? 0) + 1;
  };
  for (const ex of JSON.parse(readFileSync(path.join(out, 'augmented.json'), 'utf8')) as Array<{ tokens: string[] }>) add(ex.tokens, null);
  // An `unchanged` row has no example (it is its parent seed, not a model's item).
  for (const line of readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    if (r.example) add(r.example.tokens, r.reason);
  }
  for (const t of Object.values(tally)) t.rate = t.seen ? Math.round((t.accepted / t.seen) * 1000) / 1000 : null;
  return tally;
}

/** A copy of a built-in recipe, with or without llm_verify. */
function recipeFile(dir: string, name: string, verify: boolean): string {
  const r = parse(readFileSync(path.join(RECIPES_DIR, `${name}.yaml`), 'utf8'));
  r.filters = { ...(r.filters ?? {}), ...(verify ? { llm_verify: {} } : {}) };
  const file = path.join(dir, `${name}-${verify ? 'verify' : 'plain'}.yaml`);
  writeFileSync(file, stringify(r));
  return file;
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spanforge-checks-'));
  const result: Record<string, unknown> = { limit: Number(limit), rate, accuracy, classes: BAD_CLASSES };
  for (const [dname, input] of [['conll04', path.join(DATA, 'conll04/conll04_train.json')], ['conll2003', path.join(DATA, 'conll2003/train.txt')]]) {
    for (const recipe of ['llm-da', 'melm']) {
      for (const verify of [false, true]) {
        const bad = badAnswers(rate);
        const server = await startTestServer({ script: bad.script, verifyAccuracy: accuracy });
        const out = path.join(dir, `${dname}-${recipe}-${verify}`);
        try {
          const r = await cli('augment', recipeFile(dir, recipe, verify), '--input', input, '--limit', limit, '--out', out, '--to', 'spert', '--base-url', server.url, '--model', 'm', '--quiet');
          if (r.code !== 0) throw new Error(`${dname} ${recipe}: exit ${r.code}: ${r.stderr}`);
          const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
          result[`${dname}/${recipe}/${verify ? 'verify' : 'no-model'}`] = { accepted: traceRun(out, bad.ledger), rejected_by_reason: report.acceptance.rejected_by_reason, verification: report.verification ?? null };
          process.stderr.write(`${dname} ${recipe} verify=${verify}: done\n`);
        } finally {
          await server.close();
        }
      }
    }
  }
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) await main();
