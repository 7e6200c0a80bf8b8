import { UserError } from '../core/errors.js';
import { Option, type Command } from 'commander';
import { augment, summarize } from './augment.js';
import { fewshot } from './fewshot.js';
import { registerMergeCommand } from './merge.js';
import { augmentBatch, registerBatchCommands } from './batch.js';
import { evaluate, formatEvaluation } from './evaluate.js';
import { overlapMessage } from '../eval/test-overlap.js';
import { builtinRecipes } from '../pipeline/recipe.js';
import { LLM_OPERATIONS, OPERATIONS } from '../ops/registry.js';
import { evaluationJson } from './evaluate-format.js';
import { countProgress } from './progress.js';

export const TAG_COLUMN_HELP = 'CoNLL: 1-based column holding the tag (default: the last; a file with the tag first is detected; 1: the tag first, the token last)';

/** Commands of the augmentation pipeline (registered here to keep cli.ts small). */
export function registerPipelineCommands(program: Command, out: (s: string) => void, err: (s: string) => void): void {
  program
    .command('augment')
    .description('run a recipe over seed examples and write a checked, augmented dataset')
    .argument('<recipe>', 'recipe file, or the name of a built-in recipe (see `spanforge recipes`)')
    .option('--input <file>', 'seed examples (any supported format)')
    .option('--out <dir>', 'output directory: augmented.<ext>, rejected.jsonl, provenance.jsonl, manifest.json, report.json, report.html (default: outputs/<recipe>-<input name>)')
    .option('--seed <n>', "run seed (overrides the recipe's)")
    .option('--from <format>', 'input format (detected when absent)')
    .option('--to <format>', "output format (default: the recipe's, else the input's)")
    .option('--input-scheme <scheme>', 'input tag scheme (detected when absent)')
    .option('--tag-column <n>', TAG_COLUMN_HELP)
    .option('--limit <n>', 'use only the first N seed examples')
    .option('--variants <n>', "candidates per seed (overrides the recipe's)")
    .option('--workers <n>', "worker threads for offline operations and checks (default: this machine's cores less one, for the main thread; 1, no pool, for recipes of noise operations only, where a pool costs more than it saves); the output does not depend on it")
    .option('--dry-run', 'check the recipe and the input, say what would be made, write nothing')
    .option('--force', 'write into a non-empty output directory')
    .option('--lossy', 'let the output format drop what it cannot hold (nested entities in BIO, entities outside pairs in TACRED/FewRel/CasRel, ...) and count it')
    .option('--target <n>', 'long-tail recipes: the count every relation type should reach (overrides the recipe)')
    .option('--types <file>', 'SpERT types file (e.g. conll04_types.json): relation types marked symmetric there get no reversed negatives')
    .option('--fluency-text <file>', "unlabelled in-domain text, one sentence per line, for the fluency filter's language model (turns the filter on with its defaults when the recipe does not)")
    .addOption(new Option('--quiet', 'no progress bar'))
    .option('--provider <name>', 'language model provider for LLM operations: openai (any OpenAI-compatible server) or llama-cpp')
    .option('--model <name>', 'model name (openai provider)')
    .option('--base-url <url>', 'OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (default: $OPENAI_BASE_URL, else OpenAI)')
    .option('--api-key-env <name>', 'environment variable holding the API key', 'OPENAI_API_KEY')
    .addOption(new Option('--structured <mode>', 'how structured output is asked for').choices(['json_schema', 'json_object', 'text']))
    .option('--model-path <file>', 'local GGUF model (llama-cpp provider)')
    .option('--concurrency <n>', 'LLM requests in flight (default 8)')
    .option('--rpm <n>', 'requests per minute limit')
    .option('--tpm <n>', 'tokens per minute limit')
    .option('--timeout <ms>', 'per-request timeout in ms (default 60000)')
    .option('--max-retries <n>', 'retries on 429, 5xx and timeouts (default 5)')
    .option('--max-reasks <n>', 're-asks when an answer does not fit the schema (default 2)')
    .option('--max-requests <n>', 'budget: stop cleanly after this many requests')
    .option('--max-tokens <n>', 'budget: stop cleanly after this many tokens')
    .addOption(new Option('--resume <when>', 'an output directory with an earlier run: if-unchanged (resume it when its recipe, input, seed, variants, model and options are the same, else refuse and say what differs; auto is the same), always (write into it, reusing cached answers), never (ask the model again)').choices(['if-unchanged', 'auto', 'always', 'never']).default('if-unchanged'))
    .option('--shard <i/N>', 'work on shard i (from 0) of N: the seeds whose content hash falls in it; auto/N takes i from $JOB_COMPLETION_INDEX (Kubernetes) or $SLURM_ARRAY_TASK_ID (Slurm); combine the N run directories with `spanforge merge`')
    .option('--cache-dir <dir>', 'LLM response cache (default <out>/llm-cache): re-runs and resumed runs pay nothing twice')
    .addOption(new Option('--batch <mode>', 'export: write the requests the cache cannot answer as provider batch files into <out>/batch instead of sending them (see `spanforge batch`)').choices(['export']))
    .addOption(new Option('--batch-format <format>', 'batch files for: openai (also vLLM run-batch, OpenRouter, Together, LiteLLM) or anthropic (Message Batches)').choices(['openai', 'anthropic']))
    .option('--batch-max-lines <n>', 'requests per batch file (default 50000; anthropic 100000)')
    .option('--batch-max-bytes <n>', 'bytes per batch file (default 200 MB; anthropic 256 MB)')
    .addHelpText('after', `\nOperations a recipe can use:\n${OPERATIONS.map((o) => `  ${o.name.padEnd(32)} ${o.summary}`).join('\n')}\n\nOperations that ask a language model (--model / --base-url / --model-path):\n${LLM_OPERATIONS.map((o) => `  ${o.name.padEnd(32)} ${o.summary}`).join('\n')}`)
    .action(async (recipe: string, o) => {
      if (o.batch) return void err((await augmentBatch(recipe, o, err)) + '\n');
      const r = await augment(recipe, o, err);
      for (const w of r.warnings) err(w + '\n');
      err(summarize(r, o.input) + '\n');
      // Written, but nothing came from the model: not a success (the summary said what was written).
      if (r.modelFailed) throw new UserError(r.modelFailed);
    });

  registerMergeCommand(program, err);
  registerBatchCommands(program, out, err);

  program
    .command('fewshot')
    .description('few-shot pools and episodes: greedy K-shot, N-way K-shot episodes, balanced pools, retrieved demonstrations')
    .requiredOption('--input <file>', 'annotated examples (any supported format)')
    .requiredOption('--k <n>', 'shots: mentions per type (K-shot), support instances per type (episodes), or pool size')
    .requiredOption('--out <path>', 'output file')
    .option('--n-way <n>', 'episodes: types (relations for RE data) per episode')
    .option('--queries <n>', 'episodes: query instances per type, at least 1 (default 1)')
    .option('--episodes <n>', 'episodes: how many (default 1)')
    .option('--relaxed', "K-shot: LLM-DA's relaxed greedy, each type between K and 1.25K where the data allows")
    .option('--seed <n>', 'sampling seed (default 1)')
    .option('--from <format>', 'input format (detected when absent)')
    .option('--input-scheme <scheme>', 'input tag scheme (detected when absent)')
    .option('--tag-column <n>', TAG_COLUMN_HELP)
    .option('--to <format>', 'K-shot pool format (default: the input format)')
    .option('--lossy', 'K-shot pool: let the output format drop what it cannot hold (relations in CoNLL, ...) and count it')
    .addOption(new Option('--unit <unit>', 'count entity or relation types (default: relation when the data has relations)').choices(['entity', 'relation']))
    .addOption(new Option('--pool <kind>', 'write a demonstration pool instead: balanced (up to K examples per type), JSON lines').choices(['balanced']))
    .option('--retrieve-for <file>', 'write, for each example of this file, the K most similar input examples (BM25), JSON lines; an input example with the same tokens as the query is never one of its demonstrations')
    .action(async (o) => {
      const r = await fewshot(o);
      for (const l of r.lines) err(l + '\n');
    });

  program
    .command('evaluate')
    .description(
      'train the built-in baseline tagger on the seeds alone and on seeds + each augmented file, and compare entity F1 on a test set. ' +
        'The seeds-only baseline is trained once per run and every augmented set is paired with it (same run seed, same test sentences; each training reads the sentences the sets share in the same relative order, and depends on its sentences, not on their order in the file). ' +
        'Prints a table of F1 and per-type F1 for every training set, then for each augmented file the paired difference with two tests: ' +
        'a paired t-test over runs (training noise) and a paired bootstrap over test sentences (test-set noise); ' +
        'a difference is called a gain or loss only when both are significant at the 5% level. ' +
        'Test sentences that are also training sentences (same tokens, in --train or in what an augmented file adds) are counted and said on stderr (their F1 may be inflated; --json: testOverlap).',
    )
    .requiredOption('--train <file>', 'seed (training) examples')
    .option('--augmented <files...>', 'augmented examples, one file or several (e.g. outputs/sda/augmented.txt outputs/noise/augmented.txt); seeds a file repeats count once')
    .option('--augmented-only', "also train on each augmented file's new examples alone (seeds only, augmented only and seeds + augmented side by side)")
    .option('--control', 'also train on the seeds plus as many seed copies as each augmented file adds, and compare each file with its control: a gain over it is a gain of the new sentences, not of more of the same data')
    .requiredOption('--test <file>', 'test examples')
    .option('--runs <n>', 'training runs with different seeds; 5 or more for a useful t-test over runs (default 3)')
    .option('--epochs <n>', 'perceptron epochs (default 5)')
    .option('--resamples <n>', 'paired bootstrap resamples of the test sentences, 0 for none (default 1000)')
    .addOption(new Option('--mode <mode>', 'seqeval mode: default (conlleval-compatible) or strict (IOB2)').choices(['default', 'strict']))
    .option('--from <format>', 'format of --train and --test (detected when absent)')
    .option('--tag-column <n>', `${TAG_COLUMN_HELP}, for --train and --test`)
    .option('--json', 'print one JSON object: every set with its runs and per-type scores, every comparison with its statistics')
    .option('--quiet', 'no progress bar')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  spanforge evaluate --train seeds.txt --augmented outputs/sda/augmented.txt --test test.txt\n' +
        '  spanforge evaluate --train seeds.txt --augmented a/augmented.txt b/augmented.txt --augmented-only --runs 5 --test test.txt --json\n' +
        '  spanforge evaluate --train seeds.txt --augmented outputs/noise/augmented.txt --control --runs 5 --test test.txt\n',
    )
    .action(async (o) => {
      const bar = countProgress('evaluate', 'trainings', o.quiet);
      let r;
      try {
        r = await evaluate(o, { onTraining: (done, total, set) => bar.update(done, total, set) });
      } finally {
        bar.stop();
      }
      for (const n of r.notes) err(`note: ${n}\n`);
      const leak = overlapMessage(r.testOverlap);
      if (leak) err(`${leak.level}: ${leak.text}\n`);
      out((o.json ? JSON.stringify(evaluationJson(r), null, 2) : formatEvaluation(r)) + '\n');
    });

  program
    .command('recipes')
    .description('list the built-in recipes')
    .action(() => {
      const list = builtinRecipes();
      const width = Math.max(...list.map((r) => r.name.length), 4);
      for (const r of list) out(`${r.name.padEnd(width)}  ${r.summary}\n`);
    });
}
