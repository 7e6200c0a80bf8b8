import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/llm-test-server.js';

const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');
const CONLL = data('conll2003/train.txt');
/** What one unsharded run and the merge of its shards must write byte for byte. */
const SAME = ['rejected.jsonl', 'provenance.jsonl', 'report.json', 'report.html'];

const read = (dir: string, f: string) => readFileSync(path.join(dir, f));
const augmentedName = (dir: string) => readdirSync(dir).find((f) => f.startsWith('augmented.'))!;

/** One unsharded run, the same in N shards, and their merge (shards given in reverse order). */
async function runSharded(args: string[], n: number) {
  const root = tmpDir();
  const whole = path.join(root, 'whole');
  const r = await cli(...args, '--out', whole, '--quiet');
  expect(r.code, r.stderr).toBe(0);
  const shards = Array.from({ length: n }, (_, i) => path.join(root, `shard-${i}`));
  for (const [i, dir] of shards.entries()) {
    const s = await cli(...args, '--shard', `${i}/${n}`, '--out', dir, '--quiet');
    expect(s.code, s.stderr).toBe(0);
  }
  const merged = path.join(root, 'merged');
  const m = await cli('merge', ...[...shards].reverse(), '--out', merged);
  expect(m.code, m.stderr).toBe(0);
  return { whole, shards, merged, stderr: m.stderr };
}

function expectSameFiles(whole: string, merged: string): void {
  const aug = augmentedName(whole);
  expect(augmentedName(merged)).toBe(aug);
  for (const f of [aug, ...SAME]) expect(read(merged, f).equals(read(whole, f)), f).toBe(true);
}

describe('augment --shard i/3, then merge: the files of one unsharded run', () => {
  it('sda on the example seeds', async () => {
    const { whole, shards, merged } = await runSharded(['augment', 'sda', '--input', SEEDS], 3);
    expectSameFiles(whole, merged);
    // Every seed went to exactly one shard.
    const seedsOf = (d: string) => readFileSync(path.join(d, 'shard-items.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).seed as string);
    const all = shards.flatMap(seedsOf);
    expect(all.length).toBe(36);
    expect(new Set(all).size).toBe(36);
    for (const d of shards) expect(seedsOf(d).length).toBeLessThan(36);
    const manifest = JSON.parse(read(merged, 'manifest.json').toString());
    expect(manifest.shards.map((s: { index: number }) => s.index)).toEqual([0, 1, 2]);
    expect(manifest.shards.reduce((a: number, s: { seeds: number }) => a + s.seeds, 0)).toBe(36);
  });

  it('sda on 300 CoNLL-2003 sentences (fluency, dedup against every seed)', async () => {
    const { whole, merged } = await runSharded(['augment', 'sda', '--input', CONLL, '--limit', '300', '--variants', '1'], 3);
    expectSameFiles(whole, merged);
  });

  for (const recipe of ['negatives', 'long-tail']) {
    it(`${recipe} on CoNLL04: quotas and plans are made from every seed in every shard`, async () => {
      const { whole, merged } = await runSharded(['augment', recipe, '--input', data('conll04/conll04_train.json'), '--limit', '300'], 3);
      expectSameFiles(whole, merged);
    });
  }

  it('with the near-duplicate filter, whose decisions depend on the outputs of every shard', async () => {
    const dir = tmpDir();
    const recipe = path.join(dir, 'near.yaml');
    // Shuffles and token swaps of one sentence are often near each other: the filter decides
    // across seeds and shards (a candidate one shard kept can be a near duplicate of another's).
    writeFileSync(
      recipe,
      [
        'name: near',
        'seed: 1',
        'compose: each',
        'include_original: true',
        'operations:',
        '  - op: label_wise_token_replacement_v2',
        '    p: 0.3',
        '  - op: shuffle_within_segments_v2',
        '    p: 0.3',
        '  - op: mention_replacement_v2',
        '    p: 0.3',
        'filters:',
        '  label_consistency: true',
        '  dedup: true',
        '  near_duplicates:',
        '    threshold: 0.5',
        '',
      ].join('\n'),
    );
    const { whole, shards, merged } = await runSharded(['augment', recipe, '--input', CONLL, '--limit', '200', '--variants', '2'], 3);
    expectSameFiles(whole, merged);
    const near = (d: string) => (JSON.parse(read(d, 'report.json').toString()).acceptance.rejected_by_reason.near_duplicate ?? 0) as number;
    // The shards alone saw fewer near duplicates than the whole: the merge decided anew.
    expect(near(whole)).toBeGreaterThan(shards.map(near).reduce((a, b) => a + b, 0));
  });
});

describe('llm-da against the test server, in 3 shards', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ faults: { invalid_json: 7, drop_entity: 5, retype_entity: 9 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('merge writes the files of the unsharded run; each shard asks only for its own seeds', async () => {
    const args = ['augment', 'llm-da', '--input', data('conll04/conll04_train.json'), '--limit', '24', '--base-url', server.url, '--model', 'test-model'];
    const before = server.stats.requests;
    const { whole, shards, merged } = await runSharded(args, 3);
    expectSameFiles(whole, merged);
    const requests = (d: string) => JSON.parse(read(d, 'manifest.json').toString()).llm.requests as number;
    const wholeRequests = requests(whole);
    expect(wholeRequests).toBeGreaterThan(0);
    expect(shards.map(requests).reduce((a, b) => a + b, 0)).toBe(wholeRequests);
    expect(server.stats.requests - before).toBe(2 * wholeRequests);
    // The merge asked nothing (the count above includes it); its manifest sums the shards'.
    expect(requests(merged)).toBe(wholeRequests);
  });
});

describe('merge refuses what is not all the shards of one run', () => {
  const root = tmpDir();
  const shard = (i: number, n: number, ...more: string[]) => path.join(root, `s${i}of${n}${more.join('')}`);
  beforeAll(async () => {
    for (const [i, n, more] of [[0, 3, []], [1, 3, []], [2, 3, []], [1, 3, ['--seed', '7']], [0, 2, []]] as Array<[number, number, string[]]>) {
      const r = await cli('augment', 'sda', '--input', SEEDS, '--shard', `${i}/${n}`, '--out', shard(i, n, ...more), '--quiet', ...more);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('names the missing shard', async () => {
    const r = await cli('merge', shard(0, 3), shard(2, 3), '--out', path.join(root, 'm1'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/shard 1\/3 is missing/);
  });

  it('refuses an --out that is one of the shards (the merge would replace what it reads)', async () => {
    const before = readdirSync(shard(1, 3)).sort();
    const r = await cli('merge', shard(0, 3), shard(1, 3), shard(2, 3), '--out', `${shard(1, 3)}/`, '--force');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--out is one of the shard directories being merged/);
    expect(readdirSync(shard(1, 3)).sort()).toEqual(before);
  });

  it('says what differs between shards of different runs', async () => {
    const r = await cli('merge', shard(0, 3), shard(1, 3, '--seed', '7'), shard(2, 3), '--out', path.join(root, 'm2'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a shard of the same run.*seed: 1 -> 7/);
  });

  it('refuses shards of different counts, a shard given twice, and a directory that is no shard', async () => {
    expect((await cli('merge', shard(0, 3), shard(0, 2), '--out', path.join(root, 'm3'))).stderr).toMatch(/one of 2 shards/);
    expect((await cli('merge', shard(0, 3), shard(0, 3), shard(1, 3), '--out', path.join(root, 'm4'))).stderr).toMatch(/shard 0\/3 is given twice/);
    const plain = path.join(root, 'plain');
    expect((await cli('augment', 'sda', '--input', SEEDS, '--out', plain, '--quiet')).code).toBe(0);
    expect((await cli('merge', plain, '--out', path.join(root, 'm5'))).stderr).toMatch(/holds no finished shard/);
  });

  it('refuses shard items that do not follow the input (a line missing, or one too many)', async () => {
    const copies = [0, 1, 2].map((i) => {
      const d = path.join(root, `copy${i}`);
      cpSync(shard(i, 3), d, { recursive: true });
      return d;
    });
    const items = path.join(copies[1], 'shard-items.jsonl');
    const lines = readFileSync(items, 'utf8').trim().split('\n');
    writeFileSync(items, lines.slice(1).join('\n') + '\n');
    const short = await cli('merge', ...copies, '--out', path.join(root, 'm7'));
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/shard 1's items do not follow the input/);
    writeFileSync(items, [...lines, lines[0].replace(/"seed":"[^"]*"/, '"seed":"nowhere"')].join('\n') + '\n');
    const long = await cli('merge', ...copies, '--out', path.join(root, 'm8'));
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/shard 1 holds items of seed nowhere/);
    // Nothing half-written.
    const m8 = path.join(root, 'm8');
    expect(existsSync(m8) ? readdirSync(m8).filter((f) => !f.startsWith('.')) : []).toEqual([]);
  });

  it('refuses an input other than the one the shards read', async () => {
    const other = path.join(root, 'other.json');
    writeFileSync(other, readFileSync(SEEDS, 'utf8') + '\n');
    const r = await cli('merge', shard(0, 3), shard(1, 3), shard(2, 3), '--input', other, '--out', path.join(root, 'm6'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not the input the shards read/);
  });
});
