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
      expect.stringMatching(/stray-inside-tags\.conll:9: invalid IOB2 tag sequence: I-ORG follows O/),
      expect.stringMatching(/stray-inside-tags\.conll:16: invalid IOB2 tag sequence: I-MISC follows O/),
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
