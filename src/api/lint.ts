import path from 'node:path';
import { availableParallelism } from 'node:os';
import type { DatasetReport, FileReport, Report } from '../model/index.js';
import { loadConfig } from '../config/load-config.js';
import type { ConfigRequest, ResolvedConfig } from '../config/resolve.js';
import { maskStrings } from '../knowledge/personal-data/mask-text.js';
import { writeReports } from '../cli/report-stage.js';
import { odlintVersion } from '../cli/version.js';
import { startLint } from './run.js';

export interface LintOptions {
  /** Working directory: inputs, config discovery and report paths are relative to it (default: process.cwd()). */
  cwd?: string;
  /** A config from `loadConfig()`; else one is loaded from the options below. */
  config?: ResolvedConfig;
  /** Config file (relative to `cwd`); else discovered walking up from `cwd` unless `noConfigDiscovery`. */
  configFile?: string;
  noConfigDiscovery?: boolean;
  /** Presets replacing the config's `extends` (like `-p`). */
  presets?: string[];
  /** `id=severity` settings applied last (like `--rule`). */
  rules?: string[];
  /** Read data files (default true; false = `--no-data`). */
  data?: boolean;
  /** Allow network requests (URL checks, URL inputs); default false. */
  online?: boolean;
  /** Worker threads (default 1: in-process; `'auto'` = as the CLI, one per core for large runs). */
  jobs?: number | 'auto';
  /** Folders symlinked data may lead into (relative to `cwd`). */
  allowRoots?: string[];
  /** False: an input that yields no file is not an error. */
  errorOnUnmatched?: boolean;
}

/**
 * Lints inputs (files, folders, globs; default the working directory) and returns the versioned
 * report (schemas/report.schema.json) — the same document `odlint -f json` prints, made by the
 * same run (src/api/run.ts) and report stage. Config problems throw `ConfigError`, unusable inputs
 * `InputError`; a broken input file is a finding in the report, never an exception.
 */
export async function lint(inputs: string[] = [], options: LintOptions = {}): Promise<Report> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const configRequest: ConfigRequest = options.config?.request ?? {
    cwd,
    ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    ...(options.presets ? { presets: options.presets } : {}),
    ...(options.rules ? { ruleFlags: options.rules } : {}),
    ...(options.noConfigDiscovery ? { noDiscovery: true } : {}),
  };
  const config = options.config ?? (await loadConfig(configRequest));
  const { events, inventory } = await startLint(inputs, {
    cwd,
    config,
    configRequest,
    data: options.data ?? true,
    online: Boolean(options.online),
    jobs: options.jobs === 'auto' ? availableParallelism() : (options.jobs ?? 1),
    jobsExplicit: options.jobs !== 'auto',
    allowRoots: (options.allowRoots ?? []).map((r) => path.resolve(cwd, r)),
    errorOnUnmatched: options.errorOnUnmatched !== false,
  });
  const datasets: DatasetReport[] = [];
  const files: FileReport[] = [];
  const version = odlintVersion();
  const { summary } = await writeReports(events, {
    targets: [],
    io: { stdout: () => {}, stderr: () => {}, cwd, isTTY: false, env: {} },
    version,
    rules: new Map([...config.rules].map(([id, r]) => [id, r.meta])),
    quiet: false,
    color: false,
    sessions: [{ dataset: (d) => datasets.push(d), file: (f) => files.push(f), end: () => {} }],
    inventory: () => maskStrings(inventory.summary()),
  });
  return { tool: { name: 'odlint', version }, schemaVersion: 1, datasets, files, summary };
}
