import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { checkWritten, countByField } from '../support/truth/index.js';
import { swappingByRelationAlone, swappingConceptsByType } from '../support/concept-recipes.js';

/**
 * Issue 9, "Done when": entity-swap and noise on the shared file of every format with metadata
 * write output whose every name, surface string, cluster, column and id agrees with its tokens.
 * The output is judged by the independent checker (tests/support/truth), never by our readers.
 */
// `concepts`: every type names concepts (mostly lower-case phrases), which entity-swap as
// shipped keeps; the test swaps them by type, so that it judges swapped names. `oneType`: every
// entity has one type, so entity-swap as shipped swaps an argument only for one stated with the
// same partner (few or none); the test swaps by the relation alone.
const INPUTS: Array<{ format: string; file: string; limit: number; scheme?: string; concepts?: boolean; oneType?: boolean }> = [
  { format: 'conll', file: 'conll2003/valid.txt', limit: 100, scheme: 'IOB2' }, // SOURCE.md: converted to IOB2
  { format: 'casrel', file: 'nyt-casrel/val_triples.json', limit: 300, oneType: true },
  { format: 'fewrel', file: 'fewrel/val_wiki.json', limit: 100, oneType: true },
  { format: 'docred', file: 'docred/dev_revised.json', limit: 50 },
  { format: 'dygie', file: 'scierc/dev.json', limit: 20, concepts: true },
  { format: 'tacred', file: 'tacred-format/semeval/test.json', limit: 300, concepts: true },
];
const RECIPES = ['entity-swap', 'noise'];

/** The data set's own violations, judged once per file (both recipes read the same seeds). */
const quirks = new Map<string, Set<string>>();
function ownQuirks(format: string, file: string, seed: string, scheme?: string): Set<string> {
  if (!quirks.has(file)) quirks.set(file, new Set(checkWritten(format, seed, { scheme }).map((v) => `${v.field}\u0000${v.message}`)));
  return quirks.get(file)!;
}

describe('augment writes output that agrees with its tokens, judged by the independent checker', () => {
  for (const { format, file, limit, scheme, concepts, oneType } of INPUTS)
    for (const recipe of RECIPES)
      it(`${format}: ${recipe} on ${file} --limit ${limit}`, async () => {
        const out = path.join(tmpDir(), 'run');
        const recipeFile = concepts ? swappingConceptsByType(recipe) : oneType ? swappingByRelationAlone(recipe) : path.join(ROOT, `recipes/${recipe}.yaml`);
        const r = await cli('augment', recipeFile, '--input', data(file), '--limit', String(limit), '--out', out, '--force', '--quiet');
        expect(r.code, r.stderr).toBe(0);
        const written = readdirSync(out).find((f) => f.startsWith('augmented.'));
        expect(written).toBeDefined();
        const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
        expect(manifest.counts.accepted).toBeGreaterThan(0); // the check below judged new examples
        const seed = readFileSync(data(file), 'utf8');
        // A seed written back as it was read keeps the quirks of the data set itself (NYT's
        // accented arguments, DocRED names that are not their tokens): only those are forgiven.
        const own = ownQuirks(format, file, seed, scheme);
        const originals = new Set(
          readFileSync(path.join(out, 'provenance.jsonl'), 'utf8').trim().split('\n').flatMap((l, k) => (JSON.parse(l).original ? [k] : [])),
        );
        const onePerExample = format !== 'tacred' && format !== 'fewrel';
        const violations = checkWritten(format, readFileSync(path.join(out, written!), 'utf8'), { seed, scheme }).filter(
          (v) => !(onePerExample && originals.has(v.record) && own.has(`${v.field}\u0000${v.message}`)),
        );
        expect(countByField(violations), violations.slice(0, 5).map((v) => `[${v.record}] ${v.field}: ${v.message}`).join('\n')).toEqual({});
      });
});
