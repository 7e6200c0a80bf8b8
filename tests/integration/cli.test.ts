import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, FIXTURES, ROOT, tmpDir } from '../support/paths.js';

describe('validate', () => {
  it('accepts a valid dataset with exit 0', async () => {
    const r = await cli('validate', data('conll04/conll04_dev.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid spert-tags \(231 examples\)/);
  });

  it('reports each invalid tag sequence with its line, and exits 1', async () => {
    const f = path.join(FIXTURES, 'validate/stray-inside-tags.conll');
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^spanforge: error: .*stray-inside-tags\.conll:9: tag 'I-ORG' does not fit the IOB2 scheme: it follows O, and an entity starts with B-ORG$/),
      expect.stringMatching(/^spanforge: error: .*stray-inside-tags\.conll:16: tag 'I-MISC' does not fit the IOB2 scheme: it follows O, and an entity starts with B-MISC$/),
    ]);
  });

  it('reads on after a problem, one line per problem as file: path: message, capped with a count', async () => {
    const f = path.join(FIXTURES, 'validate/many-bad-spans.json');
    const r = await cli('validate', f, '--max-problems', '10');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^spanforge: error: .*many-bad-spans\.json: \[0\]\.entities\[1\]: span \[2, 9\) is out of range \(3 tokens\)/);
    expect(lines[10]).toBe('spanforge: ... and 62 more problems (--max-problems N shows more)');
  });

  it('convert is tolerant of the same stray I- tags: it decodes them as conlleval does and warns', async () => {
    const f = path.join(FIXTURES, 'validate/stray-inside-tags.conll');
    const r = await cli('stats', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).entities).toEqual({ ORG: 2, MISC: 2, PER: 1, LOC: 1 });
    expect(r.stderr).toMatch(/warning: invalid tag sequence \(decoded tolerantly\): 2 times/);
  });
});

describe('the command line', () => {
  it('has --help on every command', async () => {
    for (const cmd of ['convert', 'stats', 'validate']) {
      const r = await cli(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: spanforge ${cmd}`));
      expect(r.stdout).toMatch(/--from <format>/);
    }
    const top = await cli('--help');
    expect(top.stdout).toMatch(/convert/);
    expect(top.stdout).toMatch(/Formats:\n\s+conll/);
  });

  it('answers an unknown option with one line and a pointer to --help, not the whole help', async () => {
    const r = await cli('stats', '--bogus');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("spanforge: error: unknown option '--bogus' (see: spanforge stats --help)\n");
    const typo = await cli('stats', 'x.json', '--jsn');
    expect(typo.stderr).toBe("spanforge: error: unknown option '--jsn'; did you mean --json? (see: spanforge stats --help)\n");
    const missing = await cli('convert', 'a.json');
    expect(missing.stderr).toBe("spanforge: error: missing required argument 'output' (see: spanforge convert --help)\n");
    expect((await cli('bogus')).stderr).toBe("spanforge: error: unknown command 'bogus' (see: spanforge --help)\n");
    // A subcommand's own help, not its parent's.
    expect((await cli('batch', 'import', 'answers.jsonl')).stderr).toBe("spanforge: error: required option '--out <run dir>' not specified (see: spanforge batch import --help)\n");
    expect(r.stdout + typo.stdout + missing.stdout).toBe('');
  });

  it('runs as `npx tsx cli.ts` from the repo root', () => {
    const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['cli.ts', 'stats', data('conll2003/valid.txt'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out).sentences).toBe(3250);
    const bad = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['cli.ts', 'stats', 'nope.txt'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('spanforge: error: nope.txt: no such file\n');
  });
});

describe('validate --types', () => {
  it('accepts data whose labels are all declared', async () => {
    const r = await cli('validate', data('conll04/conll04_dev.json'), '--types', data('conll04/conll04_types.json'));
    expect(r.code).toBe(0);
  });

  it('names every label missing from the schema with its example (DyGIE upper-case relations vs SpERT types)', async () => {
    const r = await cli('validate', data('scierc/dev.json'), '--types', data('scierc/scierc_types.json'), '--max-problems', '1000');
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(456);
    expect(lines[455]).toBe('spanforge: labels not in scierc_types.json: relation "USED-FOR" 214 times, relation "CONJUNCTION" 59 times, relation "EVALUATE-FOR" 50 times, relation "HYPONYM-OF" 44 times, relation "FEATURE-OF" 32 times, relation "COMPARE" 29 times, relation "PART-OF" 27 times');
    expect(lines[0]).toMatch(/^spanforge: error: .*dev\.json: example ICCV_2003_158_abs: relations\[0\]\.type: relation type "USED-FOR" is not in .*scierc_types\.json/);
  });

  it('reads a YAML list schema too, and refuses a malformed one', async () => {
    const dir = tmpDir();
    const ok = path.join(dir, 'types.yaml');
    writeFileSync(ok, 'entities: [PER, LOC, ORG]\n');
    const r = await cli('validate', data('conll2003/valid.txt'), '--types', ok, '--max-problems', '5');
    expect(r.code).toBe(1);
    // CoNLL: each mistake at the line of the mention's first token, then a count per type.
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([`spanforge: error: ${data('conll2003/valid.txt')}:18: entity type "MISC" is not in ${ok}`, `spanforge: error: ${data('conll2003/valid.txt')}:365: entity type "MISC" is not in ${ok}`]);
    expect(r.stderr).toMatch(/\nspanforge: labels not in types\.yaml: entity "MISC" 922 times\n$/);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'labels: 3\n');
    const b = await cli('validate', data('conll2003/valid.txt'), '--types', bad);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/bad\.yaml: expected a types file with "entities" and\/or "relations" \(such as \{"entities": \["PER", "ORG"\]/);
    // A plain list: which kind of types it names is not said, and the message says so.
    const list = path.join(dir, 'list.json');
    writeFileSync(list, '["PER", "ORG"]');
    const l = await cli('validate', data('conll2003/valid.txt'), '--types', list);
    expect(l.code).toBe(1);
    expect(l.stderr).toContain('list.json: expected "entities" and/or "relations" (such as');
    expect(l.stderr).toContain('a plain list does not say whether it names entity or relation types');
  });
});

describe('CLI manners', () => {
  const SEEDS = path.join(ROOT, 'recipes/examples/seeds.json');

  it('a refused rerun says what differs from the run the directory holds', async () => {
    const out = path.join(tmpDir(), 'run');
    expect((await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--quiet')).code).toBe(0);
    const seed = await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--seed', '2');
    expect(seed.code).toBe(1);
    expect(seed.stderr).toBe(`spanforge: error: ${out}: output directory holds a run of noise on this input with seed 1, now 2; use another --out, or --force\n`);
    const other = await cli('augment', 'entity-swap', '--input', SEEDS, '--out', out, '--variants', '2', '--limit', '5');
    expect(other.stderr).toMatch(/holds a run of noise \(now entity-swap\) on this input with --limit none, now 5; use another --out, or --force\n$/);
    // The same run again resumes; --force writes over it.
    expect((await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--quiet')).code).toBe(0);
    expect((await cli('augment', 'noise', '--input', SEEDS, '--out', out, '--seed', '2', '--force', '--quiet')).code).toBe(0);
    const foreign = path.join(tmpDir(), 'mine');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    expect((await cli('augment', 'noise', '--input', SEEDS, '--out', foreign)).stderr).toMatch(/holds files of no spanforge run \(notes\.txt\); use another --out, or --force/);
  });

  it('convert and fewshot create missing parent folders; a file in the way is a clear error', async () => {
    const dir = tmpDir();
    const c = await cli('convert', SEEDS, path.join(dir, 'a/b/out.json'), '--to', 'spert');
    expect(c.code, c.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'a/b/out.json'))).toBe(true);
    const f = await cli('fewshot', '--input', SEEDS, '--k', '1', '--out', path.join(dir, 'c/d/pool.json'));
    expect(f.code, f.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'c/d/pool.json'))).toBe(true);
    writeFileSync(path.join(dir, 'file'), '');
    const blocked = await cli('convert', SEEDS, path.join(dir, 'file/out.json'), '--to', 'spert');
    expect(blocked.stderr).toBe(`spanforge: error: ${path.join(dir, 'file/out.json')}: cannot create the output's folder ${path.join(dir, 'file')}: a file of that name is in the way\n`);
    // augment's run directory says the same, not the system call's error.
    const run = await cli('augment', 'noise', '--input', SEEDS, '--limit', '2', '--out', path.join(dir, 'file/run'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`spanforge: error: ${path.join(dir, 'file/run')}: cannot create the output directory: a file of that name is in the way\n`);
  });

  it('did-you-mean for formats', async () => {
    const r = await cli('convert', SEEDS, path.join(tmpDir(), 'o.json'), '--to', 'sprt');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^spanforge: error: unknown format "sprt"; did you mean "spert"\? \(known formats: conll, spert, /);
    expect((await cli('convert', SEEDS, path.join(tmpDir(), 'o.json'), '--to', 'xyz')).stderr).toMatch(/unknown format "xyz"; known formats: /);
  });

  it('counts read the same everywhere: "922 examples, 1283 records" for a pair format', async () => {
    const dir = tmpDir();
    const c = await cli('convert', data('conll04/conll04_train.json'), path.join(dir, 'c.json'), '--to', 'tacred', '--lossy');
    expect(c.stderr).toMatch(/\nwrote 922 examples, 1283 records to .*c\.json \(spert-tags -> tacred\)\n$/);
    // Noise's typos reach mentions too: 38 copies of the 36 seeds (74 examples, 6 of them without a relation).
    const a = await cli('augment', 'noise', '--input', SEEDS, '--out', path.join(dir, 'a'), '--to', 'tacred', '--lossy');
    expect(a.stderr).toMatch(/\nwrote 74 examples, 86 records to /);
    expect((await cli('validate', SEEDS)).stdout).toMatch(/valid spert \(36 examples\)\n$/);
  });

  it('augment takes one recipe, and says how to combine them; the combined example recipe runs', async () => {
    const r = await cli('augment', 'sda', 'entity-swap', '--input', SEEDS);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('spanforge: error: augment takes one recipe; to combine operations, list them in one recipe (compose: each, sequence or one_of; e.g. recipes/examples/combined.yaml)\n');
    const out = path.join(tmpDir(), 'combined');
    const c = await cli('augment', path.join(ROOT, 'recipes/examples/combined.yaml'), '--input', SEEDS, '--out', out, '--quiet');
    expect(c.code, c.stderr).toBe(0);
    const ops = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).acceptance.by_operation;
    expect(Object.keys(ops).sort()).toEqual(['char_noise_v1', 'label_wise_token_replacement_v2', 'mention_replacement_v2', 'shuffle_within_segments_v2', 'synonym_replacement_v2', 'token_noise_v2']);
  });
});
