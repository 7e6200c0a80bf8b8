import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, FIXTURES, ROOT } from '../support/paths.js';

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
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/stray-inside-tags\.conll:9: tag 'I-ORG' does not fit the IOB2 scheme: it follows O, and an entity starts with B-ORG$/),
      expect.stringMatching(/stray-inside-tags\.conll:16: tag 'I-MISC' does not fit the IOB2 scheme: it follows O, and an entity starts with B-MISC$/),
    ]);
  });

  it('reads on after a problem, one line per problem as file: path: message, capped with a count', async () => {
    const f = path.join(FIXTURES, 'validate/many-bad-spans.json');
    const r = await cli('validate', f, '--max-problems', '10');
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/many-bad-spans\.json: \[0\]\.entities\[1\]: span \[2, 9\) is out of range \(3 tokens\)/);
    expect(lines[10]).toBe('... and 62 more problems');
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

  it('answers an unknown option with usage and exit 1', async () => {
    const r = await cli('stats', '--bogus');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
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
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(455);
    expect(lines[0]).toMatch(/dev\.json: example ICCV_2003_158_abs: relations\[0\]\.type: relation type "USED-FOR" is not in .*scierc_types\.json/);
  });

  it('reads a YAML list schema too, and refuses a malformed one', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tmpDir } = await import('../support/paths.js');
    const dir = tmpDir();
    const ok = path.join(dir, 'types.yaml');
    writeFileSync(ok, 'entities: [PER, LOC, ORG]\n');
    const r = await cli('validate', data('conll2003/valid.txt'), '--types', ok, '--max-problems', '5');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/entity type "MISC" is not in/);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'labels: 3\n');
    const b = await cli('validate', data('conll2003/valid.txt'), '--types', bad);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/bad\.yaml: expected a types file with "entities" and\/or "relations"/);
  });
});
