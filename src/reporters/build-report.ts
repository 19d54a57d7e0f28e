import type { Dataset, Finding, Report, DatasetReport, FileReport, ReportSummary, SourceLocation } from '../model/index.js';
import { firstText, SEVERITY_RANK } from '../model/index.js';
import type { LintResult } from '../engine/lint.js';
import { displayPath as relativePath } from '../util/paths.js';
import { scoreDataset, type ScoreOptions } from '../score/index.js';
import { genderReport, genderSummary } from '../knowledge/gender/index.js';
import { maskStrings } from '../knowledge/personal-data/mask-text.js';
import { isHttpUrl } from '../util/http-url.js';

/**
 * `displayPath`, remembering the last answer: a dataset's parts and findings name its file again
 * and again (`path.relative` for each showed in catalogue profiles).
 */
let lastPath: { cwd: string; abs: string; shown: string } | undefined;
function displayPath(cwd: string, abs: string): string {
  if (lastPath?.abs !== abs || lastPath.cwd !== cwd) lastPath = { cwd, abs, shown: relativePath(cwd, abs) };
  return lastPath.shown;
}

/**
 * Turns lint results into the versioned report every formatter renders: paths relative to the
 * working directory, JSON pointers resolved to line/column, findings in document order, and
 * each dataset's scores (reachability only when `options.reachability` comes from `--online`).
 * Every string of a dataset's or file's part (title, id, paths, pointers, columns, messages) is
 * masked: personal data never reach a formatter (docs/personal-data.md). The streaming
 * pipeline builds the same parts one at a time (`datasetReport`, `fileReport`, `SummaryTally`);
 * this collects them, for callers that hold a whole result.
 */
export function buildReport(result: LintResult, cwd: string, version: string, options: ScoreOptions = {}): Report {
  const perFile = new Map<string, number>();
  const datasets = result.datasets.map(({ dataset, findings }) => {
    const index = perFile.get(dataset.source.file) ?? 0;
    perFile.set(dataset.source.file, index + 1);
    return datasetReport(dataset, findings, cwd, index, options);
  });
  const files = result.files.map((f) => fileReport(f.file, f.findings, cwd));
  const summary = { ...summarize(datasets, files), ...(result.inventory ? { inventory: maskStrings(result.inventory.summary()) } : {}) };
  return { tool: { name: 'odlint', version }, schemaVersion: 1, datasets, files, summary };
}

/**
 * One dataset's part of the report, made as soon as it is checked (then the model can go):
 * `index` is the dataset's position in its file, for the id of a dataset that has none.
 */
export function datasetReport(dataset: Dataset, findings: Finding[], cwd: string, index: number, options: ScoreOptions = {}): DatasetReport {
  return maskStrings<DatasetReport>({
    id: dataset.id ?? `${displayPath(cwd, dataset.source.file)}#${index}`,
    ...(firstText(dataset.title) ? { title: firstText(dataset.title)! } : {}),
    source: {
      format: dataset.source.format,
      file: displayPath(cwd, dataset.source.file),
      ...(dataset.at.pointer !== undefined ? { pointer: dataset.at.pointer } : {}),
    },
    ...(dataset.publisher?.name ? { publisher: dataset.publisher.name } : {}),
    ...catalogueFacts(dataset),
    ...(Object.keys(dataset.flags).length ? { flags: { ...dataset.flags } } : {}),
    score: scoreDataset(dataset, findings, options),
    ...withGender(genderReport(dataset)),
    findings: sortFindings(findings.map((f) => finalize(f, dataset, cwd))),
  });
}

/** What a scorecard counts per dataset besides scores: licence and openness, formats, portal page. */
function catalogueFacts(ds: Dataset): Pick<DatasetReport, 'licence' | 'formats' | 'landingPage'> {
  const l = ds.licence;
  const formats = [...new Set(ds.distributions.flatMap((d) => (d.formatId ? [d.formatId] : [])))].sort();
  // Added one by one, not as `{ ...(a ? { a } : {}), ...(b ? { b } : {}) }`: see src/util/objects.ts.
  const facts: Pick<DatasetReport, 'licence' | 'formats' | 'landingPage'> = {};
  if (l) facts.licence = { id: l.spdx ?? l.ckanId ?? l.raw, openness: l.openness ?? 'unknown', ...(l.opennessReason?.startsWith('placeholder') ? { placeholder: true as const } : {}) };
  if (formats.length) facts.formats = formats;
  if (ds.landingPage && isHttpUrl(ds.landingPage)) facts.landingPage = ds.landingPage;
  return facts;
}

/** Findings about a file that yielded no dataset (or not only datasets): parse errors, envelopes. */
export function fileReport(file: string, findings: Finding[], cwd: string): FileReport {
  return maskStrings({ file: displayPath(cwd, file), findings: sortFindings(findings.map((x) => finalize(x, undefined, cwd))) });
}

/** Counts of a report's datasets, files and findings by severity (recomputed after a baseline). */
export function summarize(datasets: DatasetReport[], files: Report['files']): Report['summary'] {
  const tally = new SummaryTally();
  for (const d of datasets) tally.dataset(d);
  for (const f of files) tally.file(f);
  return tally.summary();
}

/** A list of findings counted by severity. */
interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

function severityCounts(findings: readonly Finding[]): SeverityCounts {
  const c: SeverityCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/** What the summary counts of one dataset: made where the dataset's report is (a worker, for a packed report). */
export interface DatasetTally extends SeverityCounts {
  file: string;
  gender?: { concernsIndividuals: number; sexDisaggregated: number };
}

export function datasetTally(d: DatasetReport): DatasetTally {
  const t: DatasetTally = { file: d.source.file, ...severityCounts(d.findings) };
  const g = genderSummary([d]);
  if (g) t.gender = { concernsIndividuals: g.concernsIndividuals, sexDisaggregated: g.sexDisaggregated };
  return t;
}

/**
 * The report summary aggregated as dataset and file reports stream past: counters, the set of
 * file names and the gender figure's two counts; no dataset is kept.
 */
export class SummaryTally {
  datasets = 0;
  errors = 0;
  warnings = 0;
  infos = 0;
  private readonly files = new Set<string>();
  private genderSeen = false;
  private concernsIndividuals = 0;
  private sexDisaggregated = 0;

  dataset(d: DatasetReport): void {
    this.tallied(datasetTally(d));
  }

  /** A dataset counted from its tally (`datasetTally`). */
  tallied(t: DatasetTally): void {
    this.datasets++;
    this.files.add(t.file);
    this.add(t);
    if (t.gender) {
      this.genderSeen = true;
      this.concernsIndividuals += t.gender.concernsIndividuals;
      this.sexDisaggregated += t.gender.sexDisaggregated;
    }
  }

  file(f: FileReport): void {
    this.files.add(f.file);
    this.add(severityCounts(f.findings));
  }

  private add(c: SeverityCounts): void {
    this.errors += c.errors;
    this.warnings += c.warnings;
    this.infos += c.infos;
  }

  summary(): ReportSummary {
    const { datasets, errors, warnings, infos } = this;
    const share = this.concernsIndividuals ? Math.round((this.sexDisaggregated / this.concernsIndividuals) * 10000) / 10000 : null;
    const gender = this.genderSeen ? { gender: { concernsIndividuals: this.concernsIndividuals, sexDisaggregated: this.sexDisaggregated, share } } : {};
    return { datasets, files: this.files.size, errors, warnings, infos, ...gender };
  }
}

const withGender = <T>(gender: T | undefined) => (gender ? { gender } : {});

/** A finding as reports show it: relative path, line/column resolved, no `fix` (that is for --fix). */
function finalize({ fix: _fix, ...f }: Finding, ds: Dataset | undefined, cwd: string): Finding {
  const at = f.location;
  const pos = ds && at.pointer !== undefined && at.line === undefined && at.file === ds.source.file ? ds.source.position?.(at.pointer) : undefined;
  // Not `{ ...at }` and then line/column: see src/util/objects.ts.
  const loc: SourceLocation = Object.assign({}, at, pos);
  loc.file = displayPath(cwd, loc.file);
  return { ...f, location: loc };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        // A dataset's findings are nearly all in its own file: equal names need no collation.
        (a.f.location.file === b.f.location.file ? 0 : a.f.location.file.localeCompare(b.f.location.file)) ||
        (a.f.location.line ?? a.f.location.row ?? 0) - (b.f.location.line ?? b.f.location.row ?? 0) ||
        (a.f.location.column ?? 0) - (b.f.location.column ?? 0) ||
        SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}
