import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/types.js';
import { InputError } from '../model/index.js';
import { PRESETS } from '../config/presets.js';
import type { LintFlags } from './lint-command.js';
import type { MergeFlags } from './merge-command.js';
import { odlintVersion } from './version.js';
import { harvestOptions } from './harvest-options.js';
import { formatNames } from '../util/format-names.js';
import { UsageError, type CliIO } from './io.js';
import { adoptThreads, dropThreads, type EarlyThreads } from './argv-threads.js';
import type { PoolThreads } from '../pipeline/threads.js';

export type { CliIO } from './io.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The output options `lint` and `merge-reports` share. */
const reportOptions = (command: Command) =>
  command
    .option('-f, --format <name>', `output format: ${formatNames().join(', ')}, or the path of a formatter module (repeatable; pairs with -o in order)`, collect)
    .option('-o, --output <file>', 'write the report to a file (repeatable)', collect)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'info', 'never']).default('error'))
    .option('--quiet', 'report errors only')
    .option('--color', 'colours in terminal output even when stdout is no terminal (default: FORCE_COLOR, NO_COLOR, TERM=dumb, TTY)')
    .option('--no-color', 'no colours in terminal output')
    .option('--base-path <dir>', 'make SARIF, GitHub, GitLab and JUnit paths relative to this folder (e.g. the repository root; default: the working directory)')
    .option('--csv-bom', 'start CSV reports with a UTF-8 byte-order mark (Excel)')
    .option('--compare <report>', 'html: compare with an earlier jsonl or json report (repeatable, oldest first: a trend)', collect)
    .option('--scorecard-inline-limit <MB>', 'html: finding details embedded up to this size, else in a sidecar .datasets.jsonl (default 8)')
    .option('--data-licence <spdx>', 'scorecard-csv: licence of the datapackage.json written beside it (default CC0-1.0)')
    .option('--data-publisher <name>', 'scorecard-csv: publisher named in its datapackage.json')
    .option('--data-contact <email|url>', 'scorecard-csv: contact point named in its datapackage.json');

/**
 * The odlint command line. Returns the exit code (0 clean, 1 findings at/above the fail level,
 * 2 usage/config/fatal error); only `bin/odlint.js` touches `process`. `early`: the worker
 * threads bin/odlint.js started from `argv` before it loaded this module (src/cli/argv-threads.ts):
 * the lint command takes them if its flags want as many, else they are destroyed.
 */
export async function main(argv: string[], io: CliIO, early?: EarlyThreads): Promise<number> {
  let unclaimed = early;
  try {
    return await parseAndRun(argv, io, (flags) => {
      const threads = adoptThreads(flags, unclaimed);
      unclaimed = undefined;
      return threads;
    });
  } finally {
    // Help, the version, another command, a usage error: nothing took the threads.
    await dropThreads(unclaimed);
  }
}

/** The commands, parsed from `argv` and run; `lintThreads`: the lint command's pool threads for its flags. */
async function parseAndRun(argv: string[], io: CliIO, lintThreads: (flags: { jobs?: string; printConfig?: string }) => Promise<PoolThreads> | undefined): Promise<number> {
  let code = 0;
  let debug = argv.includes('--debug');
  const program = new Command('odlint')
    .description('Open-data metadata quality and licence linter')
    .version(odlintVersion(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (str, write) => write(str.startsWith('error: ') ? `odlint: ${str.slice(7)}` : str) })
    .showSuggestionAfterError(true);

  const lint = harvestOptions(reportOptions(
    program
      .command('lint', { isDefault: true })
      .description('lint dataset descriptors and their data files (default command)')
      .argument('[inputs...]', 'files, folders or globs (default: the working directory)')
      .option('-c, --config <file>', 'config file (default: discovered odlint.config.* / .odlintrc.* walking up)')
      .option('-p, --preset <name>', `preset, repeatable: ${PRESETS.join(', ')}`, collect)
      .option('--rule <id=severity>', 'set a rule severity: off|info|warning|error (repeatable)', collect),
  )
    // `--data` first: without either flag data files are read, but remote ones only with `--online --data`.
    .option('--data', 'with --online: also read remote CSV files, a sample of --sample-bytes each')
    .option('--no-data', 'metadata only: do not read data files')
    .option('--sample-bytes <n>', 'with --online --data: bytes read from the start of each remote CSV file (default 10 MiB)')
    .option('--online', 'allow network requests: harvest portals given as URLs, check distribution URLs; off by default')
    .option('--no-url-checks', 'with --online, do not request each distribution URL (harvest only)')
    .option('--allow-root <dir>', 'a folder symlinked data files and folders may lead into, besides their own (repeatable)', collect)
    .option('--fix', 'write the safe fixes into the descriptors (odlint dataset.yaml licences); never without this flag')
    .option('--baseline <file>', 'report only findings that are not in this baseline file')
    .option('--baseline-write <file>', 'record every current finding in a baseline file')
    .option('--no-error-on-unmatched-pattern', 'an input (folder, glob) that yields no descriptor or data file is not an error')
    .option('--verbose', 'list on stderr each file skipped in a folder walk, with the reason')
    .option('-j, --jobs <n>', 'threads checking datasets in parallel, the main thread one of them up to 4 (default: the number of cores; 1 = in-process)')
    .option('--shard <k/n>', 'lint only part k of n (a stable split by dataset); join the jsonl parts with merge-reports')
    .option('--fix-dry-run', 'say which safe fixes --fix would write, and report as if they were written; write nothing')
    .option('--stdin', 'lint a descriptor read from standard input (also: the input "-")')
    .option('--stdin-filename <file>', 'the path the standard input stands for (format, config overrides, data references, report paths)')
    .option('--ignore-pattern <pattern>', 'ignore files matching this gitignore-style pattern, besides .odlintignore (repeatable)', collect)
    .option('--print-config <file>', 'print the configuration that applies to a file (JSON) and lint nothing')
    .option('--cache', 'reuse the results of files unchanged since the last --cache run')
    .option('--cache-location <path>', 'the cache file, or a folder for it (default: .odlintcache)')
    .addOption(new Option('--cache-strategy <strategy>', 'how data files are compared: size and mtime, or content hash').choices(['metadata', 'content']).default('metadata'))
    .option('--progress', 'show a progress line on stderr (default: on a terminal, not in CI)')
    .option('--no-progress', 'never show the progress line')
    .option('--debug', 'print stack traces of internal errors'))
    .action(async (inputs: string[], flags: Partial<LintFlags> & Omit<LintFlags, 'preset' | 'rule' | 'format' | 'output' | 'allowRoot' | 'ignorePattern'> & { debug?: boolean }) => {
      debug ||= Boolean(flags.debug);
      // With --jobs N (N ≥ 2) the pool's threads start before the lint command's modules load
      // (~0.1 s on idle cores, 0.6–0.8 s on a loaded machine): each worker imports odlint
      // meanwhile, and takes its first file that much sooner (started by bin/odlint.js, before
      // this module loaded, when it read as much from argv). Destroyed here, used or not.
      const threads = lintThreads(flags);
      // Threads that cannot start fail the first task that needs them (src/pipeline/run.ts).
      threads?.catch(() => undefined);
      try {
        // Commands are imported when run: `--version` and `--help` load none of the pipeline.
        const { runLint } = await import('./lint-command.js');
        code = await runLint(inputs, { ...flags, preset: flags.preset ?? [], rule: flags.rule ?? [], format: flags.format ?? [], output: flags.output ?? [], allowRoot: flags.allowRoot ?? [], ignorePattern: flags.ignorePattern ?? [] }, io, threads);
      } finally {
        await (await threads?.catch(() => undefined))?.pool.destroy();
      }
    });

  // `odlint --help` shows the default command's options too: they are what most users need.
  program.addHelpText('after', () => `\nDefault command: ${lint.helpInformation().replace(/^Usage: odlint lint/, 'odlint [lint]')}`);

  reportOptions(
    program
      .command('merge-reports')
      .description('join jsonl reports (the parts of a --shard run) into any format, as one run would write it')
      .argument('<reports...>', 'jsonl reports (e.g. shard-*.jsonl)'),
  )
    .option('--baseline <file>', 'report only findings that are not in this baseline file')
    .action(async (reports: string[], flags: Partial<MergeFlags> & Omit<MergeFlags, 'format' | 'output'>) => {
      const { runMergeReports } = await import('./merge-command.js');
      code = await runMergeReports(reports, { ...flags, format: flags.format ?? [], output: flags.output ?? [] }, io);
    });

  harvestOptions(
    program
      .command('harvest')
      .description('fetch a portal (CKAN, udata, DCAT-AP/Hydra, CSW, DCAT-US) into a snapshot to lint offline: odlint <snapshot>.jsonl')
      .argument('<url>', 'portal root or API URL')
      .option('-o, --output <file>', 'the snapshot file (JSON Lines)')
      .option('--no-resume', 'start afresh even if <file>.partial holds an interrupted harvest of the same URL')
      .option('--progress', 'show a progress line on stderr (default: on a terminal, not in CI)')
      .option('--no-progress', 'never show the progress line')
      .option('--shard <k/n>', 'harvest only part k of n (whole pages)'),
  ).action(async (url: string, flags: import('./harvest-command.js').HarvestCommandFlags) => {
    const { runHarvest } = await import('./harvest-command.js');
    code = await runHarvest(url, flags, io);
  });

  const rules = program.command('rules').description('list the built-in rules').option('--json', 'as JSON').option('--markdown', 'as the Markdown rules reference');
  rules.action(async (flags: { json?: boolean; markdown?: boolean }) => {
    const { runRulesList } = await import('./rules-command.js');
    code = await runRulesList(flags.json ? 'json' : flags.markdown ? 'markdown' : 'text', io);
  });
  rules
    .command('explain')
    .description("print a rule's documentation")
    .argument('<id>', 'rule id, e.g. licence/licence-missing')
    .option('--color', 'render the Markdown for a terminal even when stdout is none')
    .option('--no-color', 'print the Markdown as it is')
    .action(async (id: string, flags: { color?: boolean }) => {
      const { runRulesExplain } = await import('./rules-command.js');
      code = await runRulesExplain(id, io, flags.color);
    });

  program
    .command('completion')
    .description('print a shell completion script: odlint completion bash|zsh|fish')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string) => {
      const { runCompletion } = await import('./completion-command.js');
      code = runCompletion(shell, program, io);
    });

  program
    .command('init')
    .description('write a commented starter config (odlint.config.yaml)')
    .option('--force', 'overwrite an existing config')
    .action(async (flags: { force?: boolean }) => {
      const { runInit } = await import('./init-command.js');
      code = runInit(Boolean(flags.force), io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help / --version end with exit code 0; usage mistakes with 2.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof InputError) {
      io.stderr(`odlint: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    io.stderr(`odlint: internal error: ${e.message}${debug ? `\n${e.stack}` : ' (run with --debug for details)'}\n`);
    return 2;
  }
}
