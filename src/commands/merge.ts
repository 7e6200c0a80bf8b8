import type { Command } from 'commander';
import { mergeShards } from '../pipeline/merge.js';
import { summarize } from './augment.js';

/** `spanforge merge`: shard runs into the files of one run. */
export function registerMergeCommand(program: Command, err: (s: string) => void): void {
  program
    .command('merge')
    .description('combine the run directories of `augment --shard i/N` into the files one unsharded run writes')
    .argument('<run-dirs...>', 'the run directories of all N shards, in any order')
    .requiredOption('--out <dir>', 'output directory for the merged run')
    .option('--input <file>', "the shards' input, where it is not at the path they recorded (its SHA-256 must match)")
    .option('--force', 'write into a non-empty output directory that holds another run')
    .addHelpText(
      'after',
      `
Each shard works on the seeds whose content hash falls in it, but reads the whole input (the
corpus, plans and quotas are made from every seed). The merge reads the input again and, in
input order, re-applies what depends on earlier outputs (exact and near duplicates) and makes
the statistics and reports over the whole: augmented.*, rejected.jsonl and provenance.jsonl are
byte-identical to those of one unsharded run. The shards must be finished and of one run (same
recipe, input, seed, variants and model); a missing shard is named.

Example:
  for i in 0 1 2; do spanforge augment sda --input train.txt --shard $i/3 --out runs/sda-$i; done
  spanforge merge runs/sda-0 runs/sda-1 runs/sda-2 --out runs/sda`,
    )
    .action(async (dirs: string[], o: { out: string; input?: string; force?: boolean }) => {
      const r = await mergeShards({ dirs, out: o.out, input: o.input, force: o.force });
      for (const w of r.warnings) err(w + '\n');
      err(`merged ${r.shards} shards\n${summarize(r)}\n`);
    });
}
