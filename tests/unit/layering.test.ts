import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/paths.js';

/**
 * DESIGN.md's layering, read from the import statements: data flows one way, `core` depends
 * on nothing, the LLM layer and the report know no format, pipeline or command, and nothing
 * depends on `commands`. `root` is src/index.ts and src/package-info.ts.
 */
const ALLOWED: Record<string, string[]> = {
  core: [],
  formats: ['core'],
  llm: ['core'],
  ops: ['core', 'llm'],
  filters: ['core', 'llm'],
  sampling: ['core'],
  eval: ['core'],
  report: ['core'],
  pipeline: ['core', 'formats', 'ops', 'filters', 'llm', 'report', 'root'],
  commands: ['core', 'formats', 'ops', 'filters', 'llm', 'report', 'pipeline', 'sampling', 'eval', 'root'],
  root: ['core', 'formats', 'ops', 'filters', 'llm', 'report', 'pipeline', 'sampling', 'eval'],
};

const SRC = path.join(ROOT, 'src');
const layerOf = (file: string) => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? 'root' : rel[0];
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

/** Every relative module a file imports, statically or dynamically, or re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

describe('layering as DESIGN.md draws it', () => {
  const files = sources(SRC);

  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(importsOf(path.join(SRC, 'commands/augment.ts')).map(layerOf)).toContain('pipeline');
  });

  it('no module imports a layer its own layer may not depend on', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const from = layerOf(f);
      for (const target of importsOf(f)) {
        const to = layerOf(target);
        if (to === from) continue;
        if (!ALLOWED[from]?.includes(to)) wrong.push(`${path.relative(ROOT, f)} (${from}) imports ${path.relative(ROOT, target)} (${to})`);
        // Of the top-level files, only the version module is a dependency of anything.
        else if (to === 'root' && path.basename(target) !== 'package-info.js') wrong.push(`${path.relative(ROOT, f)} imports ${path.relative(ROOT, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
