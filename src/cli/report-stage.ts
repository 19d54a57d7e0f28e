import path from 'node:path';
import { SEVERITY_RANK, type DatasetReport, type FileReport, type Finding, type HarvestSummary, type InventorySummary, type ReportSummary } from '../model/index.js';
import { maskPersonalData } from '../knowledge/personal-data/mask-text.js';
import type { RuleMeta } from '../engine/rule-api.js';
import { loadFormatter, type FormatSession } from '../reporters/index.js';
import type { ScorecardOptions } from '../reporters/types.js';
import { SummaryTally } from '../reporters/build-report.js';
import { Fingerprints } from '../reporters/_findings.js';
import { openOutput, writeOutputFile, type OutputSink } from '../util/write-atomic.js';
import { systemErrorMessage } from '../util/system-error.js';
import { displayPath } from '../util/paths.js';
import type { RunEvent } from '../pipeline/run.js';
import type { FixedEvent } from '../pipeline/unit.js';
import type { Seq } from '../pipeline/unit.js';
import type { Shard } from '../pipeline/shard.js';
import type { BaselineFile } from './baseline.js';
import { OutputError, UsageError, type CliIO } from './io.js';
import { colorWanted } from './color.js';

export interface OutputTarget {
  format: string;
  file?: string;
}

export interface ReportStageOptions {
  targets: OutputTarget[];
  io: CliIO;
  version: string;
  rules: Map<string, RuleMeta>;
  quiet: boolean;
  /** `--color` / `--no-color`; undefined: from the environment (src/cli/color.ts). */
  color: boolean | undefined;
  /** Written into jsonl parts (`--shard`). */
  shard?: Shard;
  /** `--base-path`: the folder SARIF, GitHub, GitLab and JUnit paths are relative to (absolute). */
  basePath?: string;
  /** `--csv-bom`: CSV reports start with a UTF-8 byte-order mark. */
  csvBom?: boolean;
  /** Fingerprints of a baseline: those findings are left out. */
  baseline?: Set<string>;
  /** `--baseline-write`: record every finding there (then none is reported). */
  baselineWrite?: string;
  /** `--compare`, `--scorecard-inline-limit`, `--data-licence`. */
  scorecard?: ScorecardOptions;
  /** The run's inventory (`summary.inventory`), asked for once the stream is done. */
  inventory?: () => InventorySummary | undefined;
  /** Sessions besides the targets' formatters (the programmatic API collects the report with one). */
  sessions?: FormatSession[];
  /** The portals harvested (`summary.harvest`), asked for once the stream is done. */
  harvest?: () => HarvestSummary[] | undefined;
}

/** What the run found, after the baseline: enough for the exit code. */
export interface StageOutcome {
  summary: ReportSummary;
}

/**
 * The report stage of the stream: each dataset goes to every output as it arrives (after the
 * baseline is applied), the findings about files follow the datasets, and the summary is
 * tallied on the way. Outputs to regular files are written piece by piece and renamed into
 * place at the end (special files in place, `-o -` and `/dev/stdout` to stdout); nothing holds
 * the catalogue. A failed write is an OutputError: one line, exit 2.
 */
export async function writeReports(events: AsyncIterable<RunEvent>, o: ReportStageOptions): Promise<StageOutcome> {
  const { io } = o;
  const outputs = await Promise.all(
    o.targets.map(async (t) => {
      const formatter = await loadFormatter(t.format, io.cwd).catch((e: unknown) => {
        throw new UsageError(`cannot load the formatter ${t.format}: ${e instanceof Error ? e.message : String(e)}`);
      });
      if (!formatter) throw new UsageError(`unknown format "${t.format}"`);
      const toFile = t.file !== undefined && t.file !== '-' && t.file !== '/dev/stdout';
      const writer = toFile ? outputWriter(path.resolve(io.cwd, t.file!), `the ${t.format} report to ${t.file}`) : undefined;
      const color = !t.file && colorWanted(o.color, io);
      const session = formatter.open(
        {
          color, quiet: o.quiet, rules: o.rules, cwd: io.cwd, version: o.version, date: runDate(io.env),
          ...(o.shard ? { shard: o.shard } : {}),
          ...(toFile ? { outputFile: path.resolve(io.cwd, t.file!) } : {}),
          ...(o.scorecard ? { scorecard: o.scorecard } : {}),
          ...(o.basePath ? { basePath: o.basePath } : {}),
          ...(o.csvBom ? { csvBom: true } : {}),
        },
        writer ? (s) => writer.write(s) : io.stdout,
      );
      return { target: t, writer, session };
    }),
  );
  try {
    const sessions: FormatSession[] = [...outputs.map((x) => x.session), ...(o.sessions ?? [])];
    const tally = new SummaryTally();
    const fingerprints = o.baseline || o.baselineWrite ? new Fingerprints() : undefined;
    const recorded: BaselineFile['findings'] = [];
    let baselined = 0;
    const filter = (findings: Finding[]): Finding[] => {
      if (!fingerprints) return findings;
      return findings.filter((finding) => {
        const fingerprint = fingerprints.of(finding);
        if (o.baselineWrite) recorded.push({ fingerprint, ruleId: finding.ruleId, file: finding.location.file });
        const known = o.baselineWrite !== undefined || o.baseline!.has(fingerprint);
        if (known) baselined++;
        return !known;
      });
    };
    const files: { seq: Seq; report: FileReport }[] = [];
    const fixed: { file: string; count: number }[] = [];
    const wouldFix: NonNullable<FixedEvent['dryRun']> = [];
    for await (const e of events) {
      if (e.kind === 'fixed' && e.dryRun) wouldFix.push(...e.dryRun);
      else if (e.kind === 'fixed') fixed.push(...e.written);
      else if (e.kind === 'file') files.push(e);
      else if (e.kind === 'catalogue') {
        // A shard's summaries, with paths relative to the working directory like the rest of its part.
        const facts = Object.fromEntries(Object.entries(e.facts).map(([id, entry]) => [id, { ...entry, root: displayPath(io.cwd, entry.root) }]));
        for (const s of sessions) s.catalogue?.(facts);
      }
      else if (e.kind === 'packed' && !fingerprints) {
        tally.tallied(e.tally);
        let parsed: DatasetReport | undefined;
        for (const s of sessions) {
          if (s.datasetJson) s.datasetJson(e.json, e.seq);
          else s.dataset((parsed ??= JSON.parse(e.json) as DatasetReport), e.seq);
        }
      } else {
        const report = e.kind === 'packed' ? (JSON.parse(e.json) as DatasetReport) : e.report;
        const d: DatasetReport = fingerprints ? { ...report, findings: filter(report.findings) } : report;
        tally.dataset(d);
        for (const s of sessions) s.dataset(d, e.seq);
      }
    }
    // Findings about files come after the datasets in every report (and in fingerprint order).
    for (const { seq, report } of files) {
      const f: FileReport = fingerprints ? { ...report, findings: filter(report.findings) } : report;
      if (fingerprints && f.findings.length === 0) continue;
      tally.file(f);
      for (const s of sessions) s.file(f, seq);
    }
    const inventory = o.inventory?.();
    const harvest = o.harvest?.();
    const summary: ReportSummary = { ...tally.summary(), ...(inventory ? { inventory } : {}), ...(harvest?.length ? { harvest } : {}), ...(fingerprints ? { baselined } : {}) };
    if (fixed.length) {
      const total = fixed.reduce((n, w) => n + w.count, 0);
      io.stderr(`odlint: ${total} ${total === 1 ? 'fix' : 'fixes'} written to ${fixed.map((w) => `${maskPersonalData(displayPath(io.cwd, w.file))} (${w.count})`).join(', ')}\n`);
    }
    if (wouldFix.length) {
      // --fix-dry-run: what --fix would write, value by value (masked like every message).
      io.stderr(`odlint: --fix-dry-run: ${wouldFix.length} ${wouldFix.length === 1 ? 'fix' : 'fixes'} would be written (nothing was):\n`);
      for (const c of wouldFix) io.stderr(maskPersonalData(`  ${displayPath(io.cwd, c.file)} ${c.pointer}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}\n`));
    }
    if (o.baselineWrite) {
      const baseline: BaselineFile = { odlintBaseline: 1, createdBy: `odlint ${o.version}`, findings: recorded };
      failingAs(`the baseline to ${o.baselineWrite}`, () => writeOutputFile(path.resolve(io.cwd, o.baselineWrite!), JSON.stringify(baseline, null, 2) + '\n'));
      io.stderr(`odlint: baseline of ${recorded.length} finding${recorded.length === 1 ? '' : 's'} written to ${o.baselineWrite}\n`);
    }
    for (const s of sessions) s.end(summary);
    for (const { target, writer } of outputs) {
      if (!writer) continue;
      writer.commit();
      const file = target.file!;
      io.stderr(`odlint: ${target.format} report written to ${path.isAbsolute(file) ? file : displayPath(io.cwd, path.resolve(io.cwd, file))}\n`);
    }
    return { summary };
  } catch (e) {
    for (const { writer } of outputs) writer?.abort();
    throw e;
  }
}

let processDate: string | undefined;
/**
 * The run's date, to the minute (`2026-12-04T23:40:00Z`): SOURCE_DATE_EPOCH when set (for
 * reproducible reports), else the first time a report is opened in this process, so that every
 * report of a run, and runs compared byte for byte in one process, say the same.
 */
export function runDate(env: Record<string, string | undefined>): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  const minute = (d: Date) => d.toISOString().slice(0, 16) + ':00Z';
  if (epoch && /^\d+$/.test(epoch)) return minute(new Date(Number(epoch) * 1000));
  return (processDate ??= minute(new Date()));
}

/** An output whose every failure (opening, writing, committing) is one OutputError line naming `what`. */
function outputWriter(file: string, what: string): OutputSink {
  const sink = failingAs(what, () => openOutput(file));
  return {
    write: (chunk) => failingAs(what, () => sink.write(chunk)),
    commit: () => failingAs(what, () => sink.commit()),
    abort: () => {
      try {
        sink.abort();
      } catch {
        /* the error that stopped the run is the one reported */
      }
    },
  };
}

function failingAs<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw new OutputError(`cannot write ${what}: ${systemErrorMessage(e)}`);
  }
}

/**
 * The exit code, and when more warnings than --max-warnings make it 1, one line on stderr saying
 * so (as ESLint does): without it a run that lists no problem (`--quiet`, a file report) fails
 * without a word.
 */
export function finishRun(summary: ReportSummary, failOn: string, maxWarnings: number | undefined, io: CliIO): number {
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
    io.stderr(`odlint: too many warnings: ${summary.warnings} (maximum: ${maxWarnings}, --max-warnings)\n`);
  }
  return exitCodeOf(summary, failOn, maxWarnings);
}

/** 1 when findings reach the fail level (or warnings pass --max-warnings), else 0. */
export function exitCodeOf(summary: ReportSummary, failOn: string, maxWarnings?: number): number {
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return 1;
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[failOn as 'error' | 'warning' | 'info'];
  const worst = summary.errors ? SEVERITY_RANK.error : summary.warnings ? SEVERITY_RANK.warning : summary.infos ? SEVERITY_RANK.info : 0;
  return worst && worst >= threshold ? 1 : 0;
}
