import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { pathFromRunDir } from '../../src/pipeline/report-files.js';

const segment = fc.constantFrom('a', 'b', 'data', 'run s', 'x.json', 'é');
const abs = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => '/' + s.join('/'));

describe('pathFromRunDir', () => {
  it('is a relative path that leads from the run directory back to the file', () => {
    fc.assert(
      fc.property(abs, abs, (out, file) => {
        const rel = pathFromRunDir(out, file);
        expect(path.isAbsolute(rel)).toBe(false);
        expect(path.resolve(out, rel)).toBe(path.resolve(file));
      }),
    );
  });

  it('reads paths given relative to the working directory as the CLI does', () => {
    expect(pathFromRunDir('outputs/sda-train', 'data/train.json')).toBe('../../data/train.json');
    expect(pathFromRunDir('/p/runs/a', '/p/runs/a/in.json')).toBe('in.json');
  });
});
