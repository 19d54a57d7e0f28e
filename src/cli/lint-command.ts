import path from 'node:path';
import { SEVERITY_RANK, type Limits, type Report } from '../model/index.js';
import { loadBuiltinRules } from '../engine/registry.js';
import { lint, type LintResult } from '../engine/lint.js';
import { resolveConfig } from '../config/resolve.js';
import { buildReport, loadFormatter, formatNames } from '../reporters/index.js';
import { writeOutputFile } from '../util/write-atomic.js';
import { applyFixes } from '../fix/apply.js';
import { displayPath } from '../util/paths.js';
import { systemErrorMessage } from '../util/system-error.js';
import { maskPersonalData } from '../knowledge/personal-data/mask-text.js';
import { checkUrls, collectUrls } from '../score/index.js';
import { odlintVersion } from './version.js';
import { OutputError, UsageError, type CliIO } from './io.js';
import { applyBaseline, baselineOf, readBaseline } from './baseline.js';

export interface LintFlags {
  config?: string;
  preset: string[];
  rule: string[];
  format: string[];
  output: string[];
  maxWarnings?: string;
  failOn: string;
  quiet?: boolean;
  color: boolean;
  data: boolean;
  online?: boolean;
  /** `--allow-root <dir>` (repeatable): folders symlinks may lead into. */
  allowRoot: string[];
  /** Write the safe fixes into the descriptors. */
  fix?: boolean;
  /** Report only findings absent from this baseline file. */
  baseline?: string;
  /** Record every current finding in this baseline file (then report only new ones: none). */
  baselineWrite?: string;
  /** False with `--no-error-on-unmatched-pattern`: an input yielding no file is not an error. */
  errorOnUnmatchedPattern?: boolean;
  /** List the skipped files on stderr. */
  verbose?: boolean;
}

const FORMAT_BY_EXTENSION: Record<string, string> = {
  '.json': 'json',
  '.sarif': 'sarif',
  '.xml': 'junit',
  '.md': 'markdown',
  '.html': 'html',
  '.csv': 'csv',
  '.txt': 'stylish',
};

/** Pairs `-f` and `-o` in order; an output without a format takes it from its extension. */
function outputs(flags: LintFlags): { format: string; file?: string }[] {
  const pairs: { format: string; file?: string }[] = [];
  const n = Math.max(flags.format.length, flags.output.length, 1);
  for (let i = 0; i < n; i++) {
    const file = flags.output[i];
    const format = flags.format[i] ?? (file ? FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()] : undefined) ?? 'stylish';
    pairs.push({ format, ...(file ? { file } : {}) });
  }
  return pairs;
}

/** `odlint [lint] [inputs...]`: returns the exit code. */
export async function runLint(inputs: string[], flags: LintFlags, io: CliIO): Promise<number> {
  const failOn = flags.failOn;
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning, info or never (got "${failOn}")`);
  let maxWarnings: number | undefined;
  if (flags.maxWarnings !== undefined) {
    maxWarnings = Number(flags.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings expects a non-negative integer (got "${flags.maxWarnings}")`);
  }
  const targets = outputs(flags);
  const formats = formatNames();
  for (const t of targets) {
    if (!formats.includes(t.format)) throw new UsageError(`unknown format "${t.format}" (available: ${formats.join(', ')})`);
  }

  if (flags.baseline && flags.baselineWrite) throw new UsageError('use either --baseline <file> or --baseline-write <file>, not both');
  // A bad baseline fails fast, before any linting.
  const baselined = flags.baseline ? readBaseline(path.resolve(io.cwd, flags.baseline), flags.baseline) : undefined;

  const rules = await loadBuiltinRules();
  const config = resolveConfig(rules, { cwd: io.cwd, configFile: flags.config, presets: flags.preset, ruleFlags: flags.rule });
  const allowedRoots = [...config.allowedRoots, ...flags.allowRoot.map((r) => path.resolve(io.cwd, r))];
  const result = await lint({ inputs, config, cwd: io.cwd, data: flags.data, online: Boolean(flags.online), errorOnUnmatched: flags.errorOnUnmatchedPattern !== false, allowedRoots });
  if (flags.verbose) listSkipped(result, io);
  if (flags.fix) fixAndReport(result, io, config.limits);
  // Access/download URLs are requested only with --online; otherwise MQA says "not checked".
  const reachability = flags.online ? await checkUrls(collectUrls(result.datasets.map((d) => d.dataset))) : undefined;
  let report = buildReport(result, io.cwd, odlintVersion(), reachability ? { reachability } : {});
  if (flags.baselineWrite) {
    const baseline = baselineOf(report);
    await writeOrFail(path.resolve(io.cwd, flags.baselineWrite), JSON.stringify(baseline, null, 2) + '\n', `the baseline to ${flags.baselineWrite}`);
    io.stderr(`odlint: baseline of ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} written to ${flags.baselineWrite}\n`);
    report = applyBaseline(report, new Set(baseline.findings.map((f) => f.fingerprint)));
  } else if (baselined) {
    report = applyBaseline(report, baselined);
  }

  const metas = new Map([...rules].map(([id, r]) => [id, r.meta]));
  for (const t of targets) {
    const formatter = (await loadFormatter(t.format))!;
    const color = !t.file && flags.color && io.isTTY && !io.env['NO_COLOR'];
    const text = await formatter.format(report, { color, quiet: Boolean(flags.quiet), rules: metas, cwd: io.cwd });
    if (t.file === '/dev/stdout' || t.file === '-') io.stdout(text);
    else if (t.file) {
      await writeOrFail(path.resolve(io.cwd, t.file), text, `the ${t.format} report to ${t.file}`);
      io.stderr(`odlint: ${t.format} report written to ${path.isAbsolute(t.file) ? t.file : displayPath(io.cwd, path.resolve(io.cwd, t.file))}\n`);
    } else io.stdout(text);
  }
  return exitCode(report, failOn, maxWarnings);
}

/**
 * `--verbose`: each file a folder walk skipped, with the reason, on stderr — like ESLint's
 * diagnostics, so that stdout stays the report (`-f json --verbose | jq` still works).
 */
function listSkipped(result: LintResult, io: CliIO): void {
  for (const e of result.inventory.entries()) {
    if (e.status === 'skipped') io.stderr(maskPersonalData(`odlint: skipped ${displayPath(io.cwd, e.file)}: ${e.reason}\n`));
  }
}

/** `--fix`: writes the safe fixes, drops the findings they repaired, says what was written. */
function fixAndReport(result: LintResult, io: CliIO, limits: Limits): void {
  const entries = [...result.datasets, ...result.files];
  let outcome: ReturnType<typeof applyFixes>;
  try {
    outcome = applyFixes(entries.flatMap((e) => e.findings), limits);
  } catch (e) {
    throw new OutputError(`cannot write the fixes: ${systemErrorMessage(e)}`);
  }
  const { written, fixed } = outcome;
  if (fixed.size === 0) return;
  for (const e of entries) e.findings = e.findings.filter((f) => !fixed.has(f));
  const total = written.reduce((n, w) => n + w.count, 0);
  const files = written.map((w) => `${maskPersonalData(displayPath(io.cwd, w.file))} (${w.count})`).join(', ');
  io.stderr(`odlint: ${total} ${total === 1 ? 'fix' : 'fixes'} written to ${files}\n`);
}

/** Output errors (a full disk, no permission, a dangling symlink) end the run with one line and exit 2. */
async function writeOrFail(file: string, text: string, what: string): Promise<void> {
  try {
    await writeOutputFile(file, text);
  } catch (e) {
    throw new OutputError(`cannot write ${what}: ${systemErrorMessage(e)}`);
  }
}

export function exitCode(report: Report, failOn: string, maxWarnings?: number): number {
  if (maxWarnings !== undefined && report.summary.warnings > maxWarnings) return 1;
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[failOn as 'error' | 'warning' | 'info'];
  const all = [...report.datasets.flatMap((d) => d.findings), ...report.files.flatMap((f) => f.findings)];
  return all.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}
