import { wholeNumber } from './whole-number.js';
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../package-info.js';
import { UserError } from '../core/errors.js';
import { FORMATS } from '../formats/registry.js';
import { convert, describeDropped } from './convert.js';
import { stats } from './stats.js';
import { formatStats } from '../report/stats.js';
import { undeclaredSummary, validate } from './validate.js';
import { countPhrase } from './counts.js';
import { registerPipelineCommands, TAG_COLUMN_HELP } from './pipeline-commands.js';
import { byteProgress } from './progress.js';


const formatList = FORMATS.map((f) => `  ${f.name.padEnd(11)} ${f.description}`).join('\n');
const schemeHelp = 'tag scheme: IOB1, IOB2 (= BIO), BIOES (= IOBES), BILOU, IO';

function inputOptions(cmd: Command): Command {
  return cmd
    .option('--from <format>', 'input format (detected from content and extension when absent)')
    .option('--input-scheme <scheme>', `input ${schemeHelp} (detected when absent)`)
    .option('--tag-column <n>', TAG_COLUMN_HELP);
}

export function buildProgram(out: (s: string) => void, err: (s: string) => void): Command {
  const program = new Command();
  program
    .name('spanforge')
    .description('Turn a small set of annotated sentences into a larger, span-checked NER / relation-extraction training set.')
    .version(VERSION)
    // Argument errors are printed by runCli, in one line with a pointer to --help.
    .configureOutput({ writeOut: out, writeErr: err, outputError: () => undefined })
    .exitOverride()
    .addHelpText('after', `\nFormats:\n${formatList}`);

  inputOptions(
    program
      .command('convert')
      .description('convert a dataset between formats without losing or shifting a span')
      .argument('<input>', 'input file')
      .argument('<output>', 'output file (written atomically)')
      .option('--to <format>', 'output format (from the output extension when absent)')
      .option('--scheme <scheme>', `output ${schemeHelp} (default: the input's, else IOB2; BILOU for spert-tags)`)
      .addOption(new Option('--csv-layout <layout>', 'CSV output: one row per relation or per entity mention').choices(['relations', 'entities']))
      .option('--lossy', 'drop what the output format cannot hold (nested entities, relations, ...) and report how much')
      .option('--quiet', 'no progress bar'),
  ).action(async (input: string, output: string, o) => {
    const bar = byteProgress(input, 'convert', o.quiet);
    let r;
    try {
      r = await convert(input, output, { ...o, progress: bar.onBytes });
    } finally {
      bar.stop();
    }
    for (const w of r.warnings) err(w + '\n');
    for (const d of describeDropped(r.dropped, !!o.lossy)) err(d + '\n');
    err(`wrote ${countPhrase(r.written, r.records)} to ${output} (${r.from} -> ${r.to})\n`);
  });

  inputOptions(
    program
      .command('stats')
      .description('count sentences, tokens, entities and relations per type, relation signatures and the long tail')
      .argument('<input>', 'input file')
      .option('--json', 'print one JSON object'),
  ).action(async (input: string, o) => {
    const bar = byteProgress(input, 'stats', o.json);
    let r;
    try {
      r = await stats(input, { ...o, progress: bar.onBytes });
    } finally {
      bar.stop();
    }
    if (o.json) out(JSON.stringify({ file: input, format: r.format, ...r.stats }, null, 2) + '\n');
    else out(formatStats(input, r.format, r.stats) + '\n');
    for (const w of r.warnings) err(w + '\n');
  });

  inputOptions(
    program
      .command('validate')
      .description('check a dataset; exit 0 when valid, else 1 with one line per problem')
      .argument('<input>', 'input file')
      .option('--max-problems <n>', 'problems to print before summarising the rest', '50')
      .option('--types <file>', 'label schema to check against: a SpERT types file, or JSON/YAML with entities and relations lists'),
  ).action(async (input: string, o) => {
    const r = await validate(input, o);
    const cap = wholeNumber(String(o.maxProblems), '--max-problems', 1);
    if (r.valid) {
      out(`${input}: valid ${r.format} (${countPhrase(r.examples)})\n`);
      for (const w of r.warnings) err(w + '\n');
      return;
    }
    // Problems are errors, said as every command says them.
    for (const p of r.problems.slice(0, cap)) err(`spanforge: error: ${p}\n`);
    if (r.problems.length > cap) err(`spanforge: ... and ${r.problems.length - cap} more problems (--max-problems N shows more)\n`);
    const summary = o.types ? undeclaredSummary(r, o.types) : null;
    if (summary) err(`spanforge: ${summary}\n`);
    throw new ExitCode(1);
  });

  registerPipelineCommands(program, out, err);
  return program;
}

/** Exit with a code, after the command printed what it had to say. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Commander's message as one line ("unknown option '--bogus'; did you mean --json?"), with
 *  the command's --help to read, not the whole help. */
export function argumentError(e: CommanderError, program: Command, argv: string[]): string {
  const cmd = commandPath(program, argv.slice(2));
  if (cmd === 'augment' && e.code === 'commander.excessArguments') {
    // Each recipe has its own seed, filters and variants: several would be merged by guessing.
    return 'augment takes one recipe; to combine operations, list them in one recipe (compose: each, sequence or one_of; e.g. recipes/examples/combined.yaml)';
  }
  const msg = e.message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\?\)/, '; did you mean $1?')
    .replace(/\s*\n\s*/g, ' ');
  return `${msg} (see: spanforge ${cmd ? `${cmd} ` : ''}--help)`;
}

/** The command and subcommand named in the arguments ("batch import"), for the --help to read. */
function commandPath(program: Command, args: string[]): string | undefined {
  const names: string[] = [];
  let at: Command = program;
  for (const a of args) {
    const sub = at.commands.find((c) => c.name() === a);
    if (!sub) continue;
    names.push(a);
    at = sub;
  }
  return names.length ? names.join(' ') : undefined;
}

export async function runCli(
  argv: string[],
  out: (s: string) => void = (s) => void process.stdout.write(s),
  err: (s: string) => void = (s) => void process.stderr.write(s),
): Promise<number> {
  const program = buildProgram(out, err);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    if (e instanceof CommanderError) {
      if (e.exitCode !== 0 && e.code !== 'commander.help' && e.code !== 'commander.helpDisplayed') err(`spanforge: error: ${argumentError(e, program, argv)}\n`);
      return e.exitCode;
    }
    if (e instanceof UserError) {
      err(`spanforge: error: ${e.format()}\n`);
      return 1;
    }
    err(`spanforge: internal error (this is a bug; please report it with the command you ran):\n${(e as Error).stack ?? e}\n`);
    return 2;
  }
}
