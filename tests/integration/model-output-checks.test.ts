import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/llm-test-server.js';
import { badAnswers, type BadAnswers } from '../support/check-scripts.js';
import { traceRun } from '../../bench/model-output-checks.js';

/** A copy of a built-in recipe with some filters set. */
function recipe(dir: string, name: string, filters: Record<string, unknown>): string {
  const r = parse(readFileSync(path.join(ROOT, 'recipes', `${name}.yaml`), 'utf8'));
  r.filters = { ...r.filters, ...filters };
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(r));
  return file;
}

const run = (server: TestServer, recipeFile: string, input: string, out: string) =>
  cli('augment', recipeFile, '--input', input, '--limit', '25', '--out', out, '--to', 'spert', '--base-url', server.url, '--model', 'm', '--quiet');

describe('llm-da against answers 40% bad (other language, other script, unmarked names, wrong types), no model in the checks', () => {
  let server: TestServer;
  let bad: BadAnswers;
  const out = path.join(tmpDir(), 'plain');
  beforeAll(async () => {
    bad = badAnswers(0.4);
    server = await startTestServer({ script: bad.script });
  });
  afterAll(() => server.close());

  it('rejects every foreign-language, foreign-script and unmarked-name answer with its reason; keeps most good ones', async () => {
    const r = await run(server, path.join(ROOT, 'recipes/llm-da.yaml'), data('conll04/conll04_train.json'), out);
    expect(r.code, r.stderr).toBe(0);
    const t = traceRun(out, bad.ledger);
    for (const c of ['foreign_language', 'foreign_script', 'unmarked_name']) {
      expect(t[c]?.seen, c).toBeGreaterThan(0);
      expect(t[c].accepted, c).toBe(0);
    }
    expect(t.good.accepted / t.good.seen).toBeGreaterThanOrEqual(0.85);
    const rejected = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).acceptance.rejected_by_reason;
    for (const reason of ['language_mismatch', 'foreign_script', 'unmarked_name', 'type_conflict']) expect(rejected[reason], reason).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).verification).toBeUndefined();
  });
});

describe('with llm_verify, against a verifier right 85% of the time', () => {
  let server: TestServer;
  let bad: BadAnswers;
  beforeAll(async () => {
    bad = badAnswers(0.4);
    server = await startTestServer({ script: bad.script, verifyAccuracy: 0.85 });
  });
  afterAll(() => server.close());

  it('melm on CoNLL-2003: wrong-type fills are asked about one by one and rejected; report.json says what verification cost and kept', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'melm');
    const before = server.stats.requests;
    const r = await run(server, recipe(dir, 'melm', { llm_verify: {} }), data('conll2003/train.txt'), out);
    expect(r.code, r.stderr).toBe(0);
    const t = traceRun(out, bad.ledger);
    expect(t.wrong_type.seen).toBeGreaterThan(3);
    expect(t.wrong_type.accepted).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    const v = report.verification;
    expect(v.candidates_before).toBeGreaterThan(v.candidates_after);
    expect(v.yield).toBeCloseTo(v.candidates_after / v.candidates_before, 3);
    expect(v.requests_by_kind.mention_check).toBeGreaterThan(0);
    // Fills keep the seed's context: no listing of entities is asked for.
    expect(v.requests_by_kind.entity_annotation).toBeUndefined();
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    // Answers used (a question asked twice in the run is answered once from the cache).
    expect(v.requests).toBeGreaterThanOrEqual(manifest.llm.by_operation['melm_fill_v1:verify'].requests);
    expect(manifest.llm.requests).toBe(server.stats.requests - before);

    // The rerun asks nothing and reports the same cost.
    const snapshot = readFileSync(path.join(out, 'report.json'));
    const count = server.stats.requests;
    expect((await run(server, recipe(dir, 'melm', { llm_verify: {} }), data('conll2003/train.txt'), out)).code).toBe(0);
    expect(server.stats.requests).toBe(count);
    expect(readFileSync(path.join(out, 'report.json')).equals(snapshot)).toBe(true);
  });

});

describe('with llm_verify and a verifier that is always right', () => {
  it('llm-da on CoNLL04: the listing alone (heuristic off) catches every unmarked name; good yield holds', async () => {
    const bad = badAnswers(0.4, ['unmarked_name']);
    const server = await startTestServer({ script: bad.script });
    try {
      const dir = tmpDir();
      const out = path.join(dir, 'da');
      const r = await run(server, recipe(dir, 'llm-da', { unmarked_names: false, llm_verify: {} }), data('conll04/conll04_train.json'), out);
      expect(r.code, r.stderr).toBe(0);
      const t = traceRun(out, bad.ledger);
      expect(t.unmarked_name.seen).toBeGreaterThan(3);
      expect(t.unmarked_name.accepted).toBe(0);
      expect(t.unmarked_name.rejected.unmarked_entity).toBe(t.unmarked_name.seen);
      expect(t.good.rejected.unmarked_entity ?? 0).toBe(0);
      expect(t.good.rejected.type_mismatch ?? 0).toBe(0);
      expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).verification.requests_by_kind.entity_annotation).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
