/**
 * The whole batch cycle of `llm-da` against the project's test server, at a scale the test
 * suite cannot afford (issue 13: 1,000 seeds):
 *   1. online: `augment llm-da` over N seeds, every request live;
 *   2. batch: in a fresh run dir, export -> submit -> collect -> augment, round after round
 *      until augment has nothing left to ask; no live chat request, the online files byte for byte;
 *   3. expiry: the same, with the first batch expiring half answered: the next round holds
 *      exactly its unanswered lines (plus the follow-ups of the answered half), none answered twice.
 * Prints one JSON summary on stdout and exits 1 when a check fails.
 *
 *   npx tsx bench/batch-cycle.ts --seeds 1000 [--input FILE] [--verify] [--keep]
 * --verify turns on the recipe's commented-out `llm_verify` filter (per-mention questions after
 * generation: more requests, more rounds); --keep keeps the run dirs and prints where.
 * (`npm run bench -- --only batch_cycle` runs it over 100 seeds.)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/commands/cli.js';
import { startTestServer, type TestServer } from '../tests/support/llm-test-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** CoNLL-2003 train: conll04's train set holds fewer than 1,000 sentences. Read in place. */
const DEFAULT_INPUT = path.resolve(ROOT, '../shared/data/conll2003/train.txt');
/** The integration test's faults: re-asks after invalid JSON and dropped entities take later rounds. */
const FAULTS = { invalid_json: 7, drop_entity: 5 };
/** Rounds before giving up: llm-da takes 4-5; llm_verify asks its votes one after another, a round each. */
const MAX_ROUNDS = 12;
const MAX_ROUNDS_VERIFY = 60;
const OUTPUTS = ['rejected.jsonl', 'provenance.jsonl'];

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'spanforge', ...args], (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}

async function must(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await cli(...args);
  if (r.code !== 0) throw new Error(`spanforge ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r;
}

const sinceMs = (t0: number) => Math.round(performance.now() - t0);

/** The custom_ids of one export round's requests files. */
function roundIds(runDir: string, round: number): string[] {
  const dir = path.join(runDir, 'batch', `round-${String(round).padStart(3, '0')}`);
  return readdirSync(dir)
    .filter((f) => /^requests-\d+\.jsonl$/.test(f))
    .sort()
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).custom_id as string));
}

/** augmented.*, rejected.jsonl and provenance.jsonl of two run dirs: the names that differ. */
function differing(a: string, b: string): string[] {
  const aug = (d: string) => readdirSync(d).filter((f) => f.startsWith('augmented.'));
  const names = [...new Set([...aug(a), ...aug(b), ...OUTPUTS])];
  return names.filter((f) => {
    try {
      return !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f)));
    } catch {
      return true;
    }
  });
}

interface Round {
  exported: number;
  /** What `batch collect` said, and the batch's status. */
  collected: string;
  status: string;
  /** export, submit and collect times (ms). */
  ms: [number, number, number];
}

/** Export, submit and collect until `augment --batch export` has nothing left to ask. */
async function cycle(server: TestServer, args: string[], out: string, maxRounds: number, afterCollect?: (round: number) => void): Promise<{ rounds: Round[]; final: string; finalMs: number }> {
  const rounds: Round[] = [];
  for (let n = 1; n <= maxRounds; n++) {
    let t0 = performance.now();
    const e = await must(...args, '--batch', 'export', '--out', out);
    if (/no batch to export/.test(e.stderr)) return { rounds, final: e.stderr.trim().split('\n')[0], finalMs: sinceMs(t0) };
    const m = /^(\d+) request\(s\) exported/m.exec(e.stderr);
    if (!m) throw new Error(`augment --batch export said neither what it exported nor that nothing is left: ${e.stderr}`);
    const exportMs = sinceMs(t0);
    t0 = performance.now();
    await must('batch', 'submit', out, '--base-url', server.url);
    const submitMs = sinceMs(t0);
    t0 = performance.now();
    let c = '';
    for (let tries = 0; !c || /not finished yet/.test(c); tries++) {
      if (tries === 5) throw new Error(`round ${n}: the batch did not finish after 5 collects`);
      c = (await must('batch', 'collect', out, '--base-url', server.url)).stderr;
    }
    const state = JSON.parse(readFileSync(path.join(out, 'batch', 'batches.json'), 'utf8'));
    const lines = roundIds(out, n).length;
    if (lines !== Number(m[1])) throw new Error(`round ${n}: augment said ${m[1]} request(s) exported, its files hold ${lines}`);
    rounds.push({ exported: Number(m[1]), collected: c.split('\n')[0], status: state.batches.at(-1).status, ms: [exportMs, submitMs, sinceMs(t0)] });
    afterCollect?.(n);
  }
  throw new Error(`augment still asks for answers after ${maxRounds} rounds (exported per round: ${rounds.map((r) => r.exported).join(', ')}; run dir ${out})`);
}

const answeredTwice = (s: TestServer) => [...s.batches.stats.answered.values()].filter((n) => n > 1).length;

/** recipes/llm-da.yaml, with its llm_verify filter on when asked (written next to the runs). */
function recipeFile(root: string, verify: boolean): string {
  const file = path.join(ROOT, 'recipes/llm-da.yaml');
  if (!verify) return file;
  const text = readFileSync(file, 'utf8');
  const on = text.replace(/^  # llm_verify: \{\}.*$/m, '  llm_verify: {}');
  if (on === text) throw new Error(`no commented-out llm_verify line in ${file}`);
  const out = path.join(root, 'llm-da.yaml');
  writeFileSync(out, on);
  return out;
}

export async function benchBatchCycle(seeds = 100, input = DEFAULT_INPUT, keep = false, verify = false) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-batch-cycle-'));
  const recipe = recipeFile(root, verify);
  const maxRounds = verify ? MAX_ROUNDS_VERIFY : MAX_ROUNDS;
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };
  const args = (url: string) => ['augment', recipe, '--input', input, '--limit', String(seeds), '--base-url', url, '--model', 'test-model', '--quiet'];
  try {
    // 1. Online, on a server of its own.
    const online = path.join(root, 'online');
    const live = await startTestServer({ faults: FAULTS });
    let t0 = performance.now();
    await must(...args(live.url), '--out', online);
    const onlineMs = sinceMs(t0);
    const liveRequests = live.stats.requests;
    await live.close();
    const manifest = JSON.parse(readFileSync(path.join(online, 'manifest.json'), 'utf8'));
    const requests: number = manifest.llm.requests;
    const candidates = readFileSync(path.join(online, 'provenance.jsonl'), 'utf8').split('\n').filter(Boolean).length;

    // 2. Batch: every request through /v1/batches, none live.
    const batchServer = await startTestServer({ faults: FAULTS });
    const batch = path.join(root, 'batch');
    t0 = performance.now();
    const b = await cycle(batchServer, args(batchServer.url), batch, maxRounds);
    const batchMs = sinceMs(t0);
    const batchDiff = differing(online, batch);
    const plainRound2 = new Set(b.rounds.length > 1 ? roundIds(batch, 2) : []);
    check(batchServer.stats.requests === 0, `batch: ${batchServer.stats.requests} live chat request(s)`);
    check(batchServer.batches.stats.answered.size === requests, `batch: ${batchServer.batches.stats.answered.size} distinct lines answered, the online run sent ${requests} requests`);
    check(answeredTwice(batchServer) === 0, `batch: ${answeredTwice(batchServer)} line(s) answered twice`);
    check(batchDiff.length === 0, `batch: differs from online in ${batchDiff.join(', ')}`);
    await batchServer.close();

    // 3. The first batch expires with half its lines answered.
    const expServer = await startTestServer({ faults: FAULTS, batch: { expireHalf: (i) => i === 0 } });
    const expired = path.join(root, 'expired');
    let round1: string[] = [];
    let answeredAfter1 = new Set<string>();
    const secondRound = { exported: 0, unanswered: 0, unanswered_missing: 0, already_answered: 0, follow_ups_not_in_plain_round_2: 0 };
    t0 = performance.now();
    const x = await cycle(expServer, args(expServer.url), expired, maxRounds, (n) => {
      if (n === 1) {
        round1 = roundIds(expired, 1);
        answeredAfter1 = new Set(expServer.batches.stats.answered.keys());
        return;
      }
      if (n !== 2) return;
      // Round 2 = the unanswered half of round 1 + the follow-ups of its answered half.
      const r2 = roundIds(expired, 2);
      const r2set = new Set(r2);
      const unanswered = round1.filter((id) => !answeredAfter1.has(id));
      secondRound.exported = r2.length;
      secondRound.unanswered = unanswered.length;
      secondRound.unanswered_missing = unanswered.filter((id) => !r2set.has(id)).length;
      secondRound.already_answered = r2.filter((id) => answeredAfter1.has(id)).length;
      secondRound.follow_ups_not_in_plain_round_2 = r2.filter((id) => !round1.includes(id) && !plainRound2.has(id)).length;
    });
    const expiredMs = sinceMs(t0);
    const expDiff = differing(online, expired);
    // Same configuration, same first export: the requests files do not depend on timing.
    const sameExport = roundIds(batch, 1).join('\n') === round1.join('\n');
    check(sameExport, 'the first export round of the batch and the expiry runs differ');
    check(x.rounds[0]?.status === 'expired', `expiry: the first batch ended ${x.rounds[0]?.status}, not expired`);
    check(answeredAfter1.size === Math.floor(round1.length / 2), `expiry: ${answeredAfter1.size} of round 1's ${round1.length} lines answered, not half`);
    const unansweredSaid = Number(/(\d+) of them unanswered as their batch expired/.exec(x.rounds[0]?.collected ?? '')?.[1] ?? 0);
    check(unansweredSaid === round1.length - answeredAfter1.size, `expiry: collect said ${unansweredSaid} line(s) unanswered as the batch expired, ${round1.length - answeredAfter1.size} were`);
    check(secondRound.unanswered_missing === 0, `expiry: ${secondRound.unanswered_missing} unanswered line(s) of round 1 missing from round 2`);
    check(secondRound.already_answered === 0, `expiry: round 2 asks ${secondRound.already_answered} line(s) answered in round 1`);
    check(secondRound.follow_ups_not_in_plain_round_2 === 0, `expiry: round 2 holds ${secondRound.follow_ups_not_in_plain_round_2} request(s) that are neither round 1's nor the plain batch run's round 2`);
    check(expServer.stats.requests === 0, `expiry: ${expServer.stats.requests} live chat request(s)`);
    check(expServer.batches.stats.answered.size === requests, `expiry: ${expServer.batches.stats.answered.size} distinct lines answered, the online run sent ${requests} requests`);
    check(answeredTwice(expServer) === 0, `expiry: ${answeredTwice(expServer)} line(s) answered twice`);
    check(expDiff.length === 0, `expiry: differs from online in ${expDiff.join(', ')}`);
    await expServer.close();

    return {
      seeds,
      input,
      llm_verify: verify,
      candidates,
      online: { requests, live_requests: liveRequests, ms: onlineMs },
      batch: {
        rounds: b.rounds.length,
        exported_per_round: b.rounds.map((r) => r.exported),
        per_round_ms: b.rounds.map((r) => `export ${r.ms[0]}, submit ${r.ms[1]}, collect ${r.ms[2]}`),
        final_augment_ms: b.finalMs,
        live_requests: batchServer.stats.requests,
        lines_answered: batchServer.batches.stats.answered.size,
        lines_answered_twice: answeredTwice(batchServer),
        byte_identical: batchDiff.length === 0,
        final: b.final,
        ms: batchMs,
      },
      expired: {
        rounds: x.rounds.length,
        exported_per_round: x.rounds.map((r) => r.exported),
        per_round_ms: x.rounds.map((r) => `export ${r.ms[0]}, submit ${r.ms[1]}, collect ${r.ms[2]}`),
        final_augment_ms: x.finalMs,
        first_batch: { status: x.rounds[0]?.status, lines: round1.length, answered: answeredAfter1.size, collect: x.rounds[0]?.collected },
        second_round: secondRound,
        live_requests: expServer.stats.requests,
        lines_answered: expServer.batches.stats.answered.size,
        lines_answered_twice: answeredTwice(expServer),
        byte_identical: expDiff.length === 0,
        ms: expiredMs,
      },
      first_exports_identical: sameExport,
      ok: failures.length === 0,
      failures,
      ...(keep ? { kept: root } : {}),
    };
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const seeds = Number(arg('--seeds') ?? 1000);
  if (!Number.isInteger(seeds) || seeds < 1) {
    process.stderr.write(`--seeds must be a whole number of at least 1, got "${arg('--seeds')}"\n`);
    process.exit(2);
  }
  const t0 = performance.now();
  const r = await benchBatchCycle(seeds, arg('--input') ?? DEFAULT_INPUT, process.argv.includes('--keep'), process.argv.includes('--verify'));
  console.log(JSON.stringify({ ...r, total_ms: sinceMs(t0) }, null, 2));
  process.exit(r.ok ? 0 : 1);
}
