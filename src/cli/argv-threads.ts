import { availableParallelism } from 'node:os';
import v8 from 'node:v8';
import type { PoolThreads } from '../pipeline/threads.js';
import { isHttpUrl } from '../util/http-url.js';

/**
 * `odlint --jobs N` (N ≥ 2): bin/odlint.js starts the pool's worker threads before it loads the
 * CLI (commander and the lint command's modules), so that each worker imports odlint while this
 * thread does: with two big files the worker's file otherwise starts that much after the main
 * thread's (docs/performance.md, fifteenth pass, boot3). It needs the lint command's flags before
 * commander is loaded: they are read here from argv as commander reads them (src/cli/index.ts).
 * A guess can only be wasted, never wrong: the lint command takes the threads only when its own
 * flags ask for as many lanes (`adoptThreads`), and destroys them otherwise.
 */

/** Threads started for `jobs` lanes before the lint command has read its flags. */
export interface EarlyThreads {
  jobs: number;
  threads: Promise<PoolThreads>;
}

type JobsFlags = { jobs?: string; printConfig?: string };

/**
 * The lanes whose threads the lint command starts before it loads its modules: its `--jobs`
 * text read as the command reads it (src/cli/lint-command.ts jobsOf) — a number of 2 or more;
 * none for anything else (no flag, 1, a bad value the command will refuse), nor with
 * `--print-config` (it lints nothing).
 */
export function earlyJobs(flags: JobsFlags): number | undefined {
  if (flags.printConfig !== undefined || flags.jobs === undefined) return undefined;
  const jobs = jobsValue(flags.jobs);
  return jobs !== undefined && jobs > 1 ? jobs : undefined;
}

/** A `--jobs` value: a positive integer, else undefined (the lint command refuses it). */
export function jobsValue(text: string): number | undefined {
  const jobs = Number(text);
  return Number.isInteger(jobs) && jobs >= 1 ? jobs : undefined;
}

/** The pool's threads for `jobs` lanes, started now (src/pipeline/threads.ts is imported only then). */
const started = (jobs: number): EarlyThreads => ({ jobs, threads: import('../pipeline/threads.js').then((m) => m.startThreads(jobs)) });

/** Destroys early threads that no command took (their pool keeps the process alive). */
export async function dropThreads(early: EarlyThreads | undefined): Promise<void> {
  if (early) await (await import('../pipeline/threads.js')).destroyThreads(early.threads);
}

/**
 * The lint command's threads for its parsed flags: the `early` ones (started from argv) when
 * they are for as many lanes, else those are destroyed — a guess that missed costs their start,
 * never a different run — and the flags' own are started, if they want any.
 */
export function adoptThreads(flags: JobsFlags, early: EarlyThreads | undefined): Promise<PoolThreads> | undefined {
  const jobs = earlyJobs(flags);
  if (early && early.jobs === jobs) return early.threads;
  void dropThreads(early);
  return jobs === undefined ? undefined : started(jobs).threads;
}

/**
 * The lint command's options, each with whether it takes a value (`<x>`: commander then takes
 * the next argument as the value, whatever it is). A test checks this against `odlint lint --help`.
 */
export const LINT_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ...['-c', '--config', '-p', '--preset', '--rule', '-f', '--format', '-o', '--output', '--max-warnings', '--fail-on', '--base-path', '--compare',
    '--scorecard-inline-limit', '--data-licence', '--data-publisher', '--data-contact', '--sample-bytes', '--allow-root', '--baseline',
    '--baseline-write', '-j', '--jobs', '--shard', '--stdin-filename', '--ignore-pattern', '--print-config', '--cache-location',
    '--cache-strategy', '--max-datasets', '--since', '--query', '--page-size', '--timeout', '--retries', '--per-host'].map((f) => [f, true] as const),
  ...['--quiet', '--color', '--no-color', '--csv-bom', '--data', '--no-data', '--online', '--no-url-checks', '--fix', '--no-error-on-unmatched-pattern',
    '--verbose', '--fix-dry-run', '--stdin', '--cache', '--progress', '--no-progress', '--debug'].map((f) => [f, false] as const),
]);

/** The program's commands other than `lint` (the default), and commander's own `help`. Checked against `odlint --help`. */
export const OTHER_COMMANDS: ReadonlySet<string> = new Set(['merge-reports', 'harvest', 'rules', 'completion', 'init', 'help']);

/** What commander takes for an option (`-x`, `--xy`), as its `maybeOption`. */
const maybeOption = (arg: string) => arg.length > 1 && arg[0] === '-';

/**
 * Whether commander prints the help or the version for these arguments. On the safe side: any
 * `-h`, `--help`, `--version` or `-v…` counts (commander's program reads `-v` and `-vx` as the
 * version wherever they are; a file or value spelt so costs the early threads, nothing else).
 */
const helpOrVersion = (argv: readonly string[]) => argv.some((a) => a === '-h' || a === '--help' || a === '--version' || a.startsWith('-v'));

/**
 * The lint command's `--jobs` and `--print-config` as commander will give them to its action, or
 * undefined when the arguments run another command (or print the help or version). Commander's
 * program takes the arguments before the first option as operands (the first one names the
 * command, when it is one; after `--` every argument is one) and hands the rest to the command,
 * whose `parseOptions` reads `-x v`, `-xv`, `--xy v` and `--xy=v` up to a `--`.
 */
export function lintFlagsInArgv(argv: readonly string[]): JobsFlags | undefined {
  if (helpOrVersion(argv)) return undefined;
  let i = 0;
  while (i < argv.length && argv[i] !== '--' && !maybeOption(argv[i]!)) i++;
  const command = i > 0 ? argv[0]! : argv[i] === '--' ? argv[i + 1] : undefined;
  if (command !== undefined && OTHER_COMMANDS.has(command)) return undefined;
  const flags: JobsFlags = {};
  const set = (flag: string, value: string | undefined) => {
    if (flag === '-j' || flag === '--jobs') flags.jobs = value;
    else if (flag === '--print-config') flags.printConfig = value;
  };
  let group: string | undefined; // what is left of `-xyz` after a short flag without a value
  while (i < argv.length || group !== undefined) {
    const arg = group ?? argv[i++]!;
    group = undefined;
    if (arg === '--') break;
    const takesValue = maybeOption(arg) ? LINT_OPTIONS.get(arg) : undefined;
    if (takesValue !== undefined) {
      if (takesValue) set(arg, argv[i++]);
      continue;
    }
    if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
      const short = `-${arg[1]}`;
      const shortTakesValue = LINT_OPTIONS.get(short);
      if (shortTakesValue) set(short, arg.slice(2));
      else if (shortTakesValue === false) group = `-${arg.slice(2)}`;
      if (shortTakesValue !== undefined) continue;
    }
    const eq = /^--[^=]+=/.test(arg) ? arg.indexOf('=') : -1;
    if (eq > 0 && LINT_OPTIONS.get(arg.slice(0, eq))) set(arg.slice(0, eq), arg.slice(eq + 1));
    // Anything else is an input, or an option commander will refuse (the run then fails before linting).
  }
  return flags;
}

/** The worker threads for these arguments, started now, or undefined when the lint command would start none. */
export function threadsForArgv(argv: readonly string[]): EarlyThreads | undefined {
  const flags = lintFlagsInArgv(argv);
  const jobs = flags && earlyJobs(flags);
  return jobs === undefined ? undefined : started(jobs);
}

/**
 * Whether V8 should mark heaps on the lanes for the lint run these arguments ask for: its lanes
 * take every core — `--jobs` absent (as many as cores: src/cli/lint-command.ts jobsOf) or at
 * least the cores — and it reads no portal (no argument is a URL, a flag's value included: on
 * the safe side). A run that harvests holds pages' bytes in its main thread and stays near its
 * memory goal; marking on the lanes lets a heap grow further while it is marked (harvest + lint
 * 376–383 MiB against 362).
 */
export function marksOnLanes(argv: readonly string[], cores = availableParallelism()): boolean {
  const flags = lintFlagsInArgv(argv);
  if (!flags || flags.printConfig !== undefined || argv.some(isHttpUrl)) return false;
  const jobs = flags.jobs === undefined ? cores : jobsValue(flags.jobs);
  return jobs !== undefined && jobs >= cores;
}

/**
 * V8 marks a heap for its full collections on helper threads while the JavaScript runs
 * (concurrent marking): free when a core is idle, but when the lanes take every core the
 * helpers take it from a lane, and marking beside a running thread costs more CPU in all than
 * marking on it (100k catalogue, `--jobs 2`: ~1.5 s less CPU; docs/performance.md, sixteenth
 * pass). The flag is the process's, read as each isolate starts a marking cycle: it is set here,
 * before any heap has been marked — the main thread's holds a few MB, the workers do not exist
 * yet. Returns whether it was set (`marksOnLanes`).
 */
export function markOnLanesWhenCoresAreTaken(argv: readonly string[], cores = availableParallelism()): boolean {
  if (!marksOnLanes(argv, cores)) return false;
  v8.setFlagsFromString('--no-concurrent-marking');
  return true;
}
