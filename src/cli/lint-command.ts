import path from 'node:path';
import { availableParallelism } from 'node:os';
import { localUnitCount, openRemote, planLint } from '../engine/lint.js';
import { remoteBase, samplerOf, type RemoteRun, type SampleSettings } from '../engine/remote.js';
import { DEFAULT_SAMPLE_BYTES } from '../harvest/sample.js';
import { harvestSettings, type HarvestFlags } from './harvest-options.js';
import { Inventory } from '../engine/inventory.js';
import { maskPersonalData, maskStrings } from '../knowledge/personal-data/mask-text.js';
import { displayPath } from '../util/paths.js';
import { loadConfig } from '../config/load-config.js';
import { formatNames, isFormatterPath } from '../reporters/index.js';
import { existsSync } from 'node:fs';
import { readerFor } from '../readers/index.js';
import { decodeDescriptor } from '../loaders/decode.js';
import { ignoreMatcher } from './ignore-file.js';
import { AUTO_POOL_UNITS, runPlan, startPool, type RunSettings } from '../pipeline/run.js';
import type { PoolThreads } from '../pipeline/threads.js';
import { unitsWithParts } from '../pipeline/split.js';
import { parseShard, type Shard } from '../pipeline/shard.js';
import { odlintVersion } from './version.js';
import { UsageError, type CliIO } from './io.js';
import { jobsValue } from './argv-threads.js';
import { readBaseline } from './baseline.js';
import { finishRun, writeReports, type OutputTarget } from './report-stage.js';
import { scorecardOptions, type ScorecardFlags } from './scorecard-options.js';
import { LintCache, cacheFile, type CacheStrategy } from '../pipeline/cache.js';
import { ProgressLine, progressWanted } from './progress.js';
import type { RunEvent, RunObserver } from '../pipeline/run.js';

export interface LintFlags extends ScorecardFlags, HarvestFlags {
  config?: string;
  preset: string[];
  rule: string[];
  format: string[];
  output: string[];
  maxWarnings?: string;
  failOn: string;
  quiet?: boolean;
  /** `--color` / `--no-color`; undefined: decided from the environment. */
  color?: boolean;
  data?: boolean;
  online?: boolean;
  /** `--sample-bytes`: how much of each remote CSV file `--online --data` reads. */
  sampleBytes?: string;
  /** False with `--no-url-checks`: with --online, do not request each distribution URL. */
  urlChecks?: boolean;
  /** `--allow-root <dir>` (repeatable): folders symlinks may lead into. */
  allowRoot: string[];
  /** Write the safe fixes into the descriptors. */
  fix?: boolean;
  /** Report only findings absent from this baseline file. */
  baseline?: string;
  /** Record every current finding in this baseline file (then report only new ones: none). */
  baselineWrite?: string;
  /** Worker threads (`--jobs`); 1 = in-process. */
  jobs?: string;
  /** `k/n`: lint only this part of the datasets. */
  shard?: string;
  /** False with `--no-error-on-unmatched-pattern`: an input yielding no file is not an error. */
  errorOnUnmatchedPattern?: boolean;
  /** List the skipped files on stderr. */
  verbose?: boolean;
  /** Work out the safe fixes and report as if written, writing nothing. */
  fixDryRun?: boolean;
  /** Lint a descriptor read from standard input (also the input `-`). */
  stdin?: boolean;
  /** The path standard input stands for. */
  stdinFilename?: string;
  /** `--ignore-pattern` (repeatable): gitignore-style, relative to the working directory. */
  ignorePattern: string[];
  /** Print the configuration for this file and lint nothing. */
  printConfig?: string;
  /** `--base-path`: paths for code hosts relative to this folder. */
  basePath?: string;
  /** `--csv-bom`: a UTF-8 BOM before CSV reports. */
  csvBom?: boolean;
  /** `--cache`: reuse the results of files unchanged since the last run. */
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: string;
  /** `--progress` / `--no-progress`; undefined = on a terminal, outside CI. */
  progress?: boolean;
}

const FORMAT_BY_EXTENSION: Record<string, string> = {
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.sarif': 'sarif',
  '.xml': 'junit',
  '.md': 'markdown',
  '.html': 'html',
  '.csv': 'csv',
  '.txt': 'stylish',
};

/** Pairs `-f` and `-o` in order; an output without a format takes it from its extension. */
function outputs(flags: Pick<LintFlags, 'format' | 'output'>): { format: string; file?: string }[] {
  const pairs: { format: string; file?: string }[] = [];
  const n = Math.max(flags.format.length, flags.output.length, 1);
  for (let i = 0; i < n; i++) {
    const file = flags.output[i];
    const format = flags.format[i] ?? (file ? FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()] : undefined) ?? 'stylish';
    pairs.push({ format, ...(file ? { file } : {}) });
  }
  return pairs;
}

/** `--jobs`: a positive integer; absent = as many as the machine has cores. */
function jobsOf(text: string | undefined): { jobs: number; explicit: boolean } {
  if (text === undefined) return { jobs: availableParallelism(), explicit: false };
  const jobs = jobsValue(text);
  if (jobs === undefined) throw new UsageError(`--jobs expects a positive integer (got "${text}")`);
  return { jobs, explicit: true };
}

/** Checks `-f`/`-o` pairs and the fail flags shared by `lint` and `merge-reports`. */
export function outputOptions(flags: Pick<LintFlags, 'format' | 'output' | 'failOn' | 'maxWarnings'>, cwd: string): { targets: OutputTarget[]; maxWarnings?: number } {
  if (!['error', 'warning', 'info', 'never'].includes(flags.failOn)) throw new UsageError(`--fail-on must be error, warning, info or never (got "${flags.failOn}")`);
  let maxWarnings: number | undefined;
  if (flags.maxWarnings !== undefined) {
    maxWarnings = Number(flags.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings expects a non-negative integer (got "${flags.maxWarnings}")`);
  }
  const targets = outputs(flags);
  const formats = formatNames();
  for (const t of targets) {
    if (isFormatterPath(t.format)) {
      if (!existsSync(path.resolve(cwd, t.format))) throw new UsageError(`cannot find the formatter module ${t.format}`);
      continue;
    }
    if (!formats.includes(t.format)) throw new UsageError(`unknown format "${t.format}" (available: ${formats.join(', ')})`);
  }
  return { targets, ...(maxWarnings !== undefined ? { maxWarnings } : {}) };
}

/**
 * `odlint [lint] [inputs...]`: returns the exit code. The run is a stream: units (descriptor
 * files, unreferenced data files) are linted — in workers with --jobs — and each dataset's
 * report goes to the outputs as soon as it is made. `threads`: the pool's threads for `--jobs`,
 * started by the caller before it loaded this module (src/cli/argv-threads.ts adoptThreads),
 * destroyed by the caller.
 */
export async function runLint(inputs: string[], flags: LintFlags, io: CliIO, threads?: Promise<PoolThreads>): Promise<number> {
  if (flags.printConfig !== undefined) return printConfig(flags, io);
  const { targets, maxWarnings } = outputOptions(flags, io.cwd);
  if (flags.fix && flags.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  const stdin = await readStdin(inputs, flags, io);
  const scorecard = scorecardOptions(flags, io.cwd);
  const { jobs, explicit } = jobsOf(flags.jobs);
  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    shard = parseShard(flags.shard);
    if (!shard) throw new UsageError(`--shard expects k/n with 1 ≤ k ≤ n (got "${flags.shard}")`);
    if (flags.baseline || flags.baselineWrite) throw new UsageError('--baseline applies to the whole run: give it to `odlint merge-reports`, not to a shard');
  }

  if (flags.baseline && flags.baselineWrite) throw new UsageError('use either --baseline <file> or --baseline-write <file>, not both');
  // A bad baseline fails fast, before any linting.
  const baselined = flags.baseline ? readBaseline(path.resolve(io.cwd, flags.baseline), flags.baseline) : undefined;

  const configRequest = { cwd: io.cwd, configFile: flags.config, presets: flags.preset, ruleFlags: flags.rule };
  // With --jobs N the workers start now (if the caller has not started their threads already):
  // they import odlint and load the config while this thread does the same and finds the files
  // (a worker's start-up is ~0.3 s). Unused when the run turns out to have fewer than two units.
  const early = explicit && jobs > 1 ? startPool(jobs, configRequest, {}, threads) : undefined;
  // A pool that cannot start fails the first task that needs it, as one started by the run would.
  early?.catch(() => undefined);
  try {
    // Built-in rules, the config's plugins and its policies.
    const config = await loadConfig(configRequest);
    const { rules } = config;
    const allowedRoots = [...config.allowedRoots, ...flags.allowRoot.map((r) => path.resolve(io.cwd, r))];
    const harvest = harvestSettings(flags, odlintVersion(), shard);
    // --online allows requests; the distribution URL checks can be left out (--no-url-checks).
    const online = Boolean(flags.online);
    // `--online --data`: remote CSV files are read too, a sample of each.
    const sampleBytes = flags.sampleBytes === undefined ? DEFAULT_SAMPLE_BYTES : Number(flags.sampleBytes);
    if (!Number.isInteger(sampleBytes) || sampleBytes < 1) throw new UsageError(`--sample-bytes expects a positive integer (got "${flags.sampleBytes}")`);
    const sample: SampleSettings | undefined = online && flags.data === true ? { bytes: sampleBytes, client: harvest.client, version: harvest.version } : undefined;
    const isIgnored = ignoreMatcher(io.cwd, flags.ignorePattern);
    const req = {
      inputs,
      config,
      cwd: io.cwd,
      data: flags.data !== false,
      online: online && flags.urlChecks !== false,
      errorOnUnmatched: flags.errorOnUnmatchedPattern !== false,
      allowedRoots,
      harvest,
      ...(sample ? { sample: samplerOf(sample, config.limits.descriptorBytes) } : {}),
      ...(stdin ? { stdin } : {}),
      ...(isIgnored ? { isIgnored } : {}),
    };
    const plan = await planLint({ ...req, online });
    const inventory = new Inventory();
    // Portals are asked what they are (and how many datasets they have) before the run starts.
    const remote: RemoteRun[] = [];
    for (let n = 0; n < plan.remote.length; n++) remote.push(await openRemote(plan.remote[n]!, remoteBase(localUnitCount(plan), n), req));
    // A big JSON file counts as many units: its parts go to the workers (src/pipeline/split.ts).
    const units = unitsWithParts(plan, plan.descriptors.length + plan.dataFiles.length + remote.reduce((k, r) => k + r.estimatedUnits, 0), AUTO_POOL_UNITS);
    const workers = units < 2 || (!explicit && units < AUTO_POOL_UNITS) ? 1 : jobs;
    const settings: RunSettings = { cwd: io.cwd, data: req.data, online: req.online, config: configRequest, allowedRoots, ...(shard ? { shard } : {}), fix: flags.fixDryRun ? 'dry-run' : Boolean(flags.fix), ...(sample ? { sample } : {}) };

    const progress = progressWanted(flags.progress, Boolean(io.stderrIsTTY), io.env)
      ? new ProgressLine({ write: io.stderr, tty: Boolean(io.stderrIsTTY), unit: 'files', rateOf: 'datasets', ...(io.columns ? { columns: io.columns } : {}) })
      : undefined;
    const observer: RunObserver | undefined = progress && { units: (n) => progress.total(n), unitDone: () => progress.advance() };
    // On a terminal the progress line is cleared before the report writes to it.
    const outIO: CliIO = progress && io.stderrIsTTY ? { ...io, stdout: (t) => (io.isTTY && progress.clear(), io.stdout(t)), stderr: (t) => (progress.clear(), io.stderr(t)) } : io;
    // Reports that go only to jsonl outputs whole (no --quiet, no baseline) come from the workers, and from the cache, as their JSON text.
    const packReports = targets.every((t) => t.format === 'jsonl') && !flags.quiet && !flags.baseline && !flags.baselineWrite;
    const cache = flags.cache ? openCache(flags, outIO, { version: odlintVersion(), config: config.fingerprint(), settings }, packReports) : undefined;
    const events = runPlan(plan, req, settings, workers, inventory, { packReports, ...(cache ? { cache } : {}), ...(observer ? { observer } : {}), remote, boundMainHeap: true, ...(early ? { pool: early } : {}), warn: (m) => outIO.stderr(`odlint: warning: ${maskPersonalData(m)}\n`) });

    const { summary } = await writeReports(progress ? countDatasets(events, progress) : events, {
      targets,
      io: outIO,
      version: odlintVersion(),
      rules: new Map([...rules].map(([id, r]) => [id, r.meta])),
      quiet: Boolean(flags.quiet),
      color: flags.color,
      ...(shard ? { shard } : {}),
      ...(flags.basePath !== undefined ? { basePath: path.resolve(io.cwd, flags.basePath) } : {}),
      ...(flags.csvBom ? { csvBom: true } : {}),
      ...(scorecard ? { scorecard } : {}),
      ...(baselined ? { baseline: baselined } : {}),
      ...(flags.baselineWrite ? { baselineWrite: flags.baselineWrite } : {}),
      inventory: () => maskStrings(inventory.summary()),
      harvest: () => remote.map(({ stats: { url, kind, announced, harvested, linted, pages, failedPages } }) => ({ url, kind, ...(announced !== undefined ? { announced } : {}), harvested, linted, pages, failedPages })),
    }).finally(() => progress?.stop());
    if (flags.verbose) listSkipped(inventory, io);
    if (flags.verbose && cache) io.stderr(`odlint: cache ${displayPath(io.cwd, cache.file)}: ${cache.stats.hits} file(s) reused, ${cache.stats.misses} linted\n`);
    return finishRun(summary, flags.failOn, maxWarnings, io);
  } finally {
    if (!threads) await (await early?.catch(() => undefined))?.destroy();
  }
}

/** `--cache`: not with --fix (it writes files) nor --online (URL checks depend on the network). */
function openCache(flags: LintFlags, io: CliIO, runKey: unknown, packed: boolean): LintCache | undefined {
  const strategy = (flags.cacheStrategy ?? 'metadata') as CacheStrategy;
  if (strategy !== 'metadata' && strategy !== 'content') throw new UsageError(`--cache-strategy must be metadata or content (got "${flags.cacheStrategy}")`);
  const why = flags.fix ? '--fix' : flags.fixDryRun ? '--fix-dry-run' : flags.online ? '--online' : undefined;
  if (why) {
    io.stderr(`odlint: --cache is not used with ${why}\n`);
    return undefined;
  }
  const warn = (message: string) => io.stderr(`odlint: warning: ${maskPersonalData(message)}\n`);
  return new LintCache({ file: cacheFile(io.cwd, flags.cacheLocation), strategy, runKey, warn, packed });
}

/** Counts the datasets for the progress line as they go by. */
async function* countDatasets(events: AsyncIterable<RunEvent>, progress: ProgressLine): AsyncGenerator<RunEvent> {
  for await (const e of events) {
    if (e.kind === 'dataset' || e.kind === 'packed') progress.count('datasets');
    yield e;
  }
}

/**
 * `--verbose`: each file a folder walk skipped, with the reason, on stderr — like ESLint's
 * diagnostics, so that stdout stays the report (`-f json --verbose | jq` still works).
 */
function listSkipped(inventory: Inventory, io: CliIO): void {
  for (const e of inventory.entries()) {
    if (e.status === 'skipped') io.stderr(maskPersonalData(`odlint: skipped ${displayPath(io.cwd, e.file)}: ${e.reason}\n`));
  }
}

/**
 * `-` or `--stdin`: the descriptor on standard input, named by `--stdin-filename` (relative to the
 * working directory; default `<stdin>`): its format comes from that name, config overrides match
 * it, its data references resolve from its folder and reports show it.
 */
async function readStdin(inputs: string[], flags: LintFlags, io: CliIO): Promise<{ file: string; text: string } | undefined> {
  if (!flags.stdin && !inputs.includes('-')) {
    if (flags.stdinFilename !== undefined) throw new UsageError('--stdin-filename names standard input: give it with --stdin or the input "-"');
    return undefined;
  }
  if (flags.fix) throw new UsageError('--fix cannot write to standard input (use --fix-dry-run to see the fixes)');
  const file = path.resolve(io.cwd, flags.stdinFilename ?? '<stdin>');
  if (readerFor(file)) throw new UsageError(`standard input is read as a descriptor, and ${flags.stdinFilename} names a data file: lint data files by their path`);
  if (!io.readStdin) throw new UsageError('there is no standard input to read');
  return { file, text: decodeDescriptor(await io.readStdin()) };
}

/** `--print-config <file>`: the effective settings for one file, as JSON (like ESLint's). */
async function printConfig(flags: LintFlags, io: CliIO): Promise<number> {
  const config = await loadConfig({ cwd: io.cwd, configFile: flags.config, presets: flags.preset, ruleFlags: flags.rule });
  const abs = path.resolve(io.cwd, flags.printConfig!);
  const extra = ignoreMatcher(io.cwd, flags.ignorePattern);
  const enabled: Record<string, { severity: string; options?: Record<string, unknown> }> = {};
  const off: string[] = [];
  for (const [id, eff] of [...config.forFile(abs)].sort(([a], [b]) => a.localeCompare(b))) {
    if (eff.severity === 'off') off.push(id);
    else enabled[id] = { severity: eff.severity, ...(Object.keys(eff.options).length ? { options: eff.options } : {}) };
  }
  const out = {
    file: displayPath(io.cwd, abs),
    configFile: config.file ? displayPath(io.cwd, config.file) : null,
    ignored: config.isIgnored(abs) || Boolean(extra?.(abs)),
    rules: enabled,
    off,
    limits: config.limits,
    allowedRoots: [...config.allowedRoots, ...flags.allowRoot.map((r) => path.resolve(io.cwd, r))].map((r) => displayPath(io.cwd, r)),
  };
  io.stdout(JSON.stringify(out, null, 2) + '\n');
  return 0;
}
