import type { Dataset, Finding, Report, DatasetReport, SourceLocation } from '../model/index.js';
import { firstText, SEVERITY_RANK } from '../model/index.js';
import type { LintResult } from '../engine/lint.js';
import { displayPath } from '../util/paths.js';
import { scoreDataset, type ScoreOptions } from '../score/index.js';
import { genderReport, genderSummary } from '../knowledge/gender/index.js';
import { maskStrings } from '../knowledge/personal-data/mask-text.js';

/**
 * Turns lint results into the versioned report every formatter renders: paths relative to the
 * working directory, JSON pointers resolved to line/column, findings in document order, and
 * each dataset's scores (reachability only when `options.reachability` comes from `--online`).
 * Every string of a dataset's or file's part (title, id, paths, pointers, columns, messages) is
 * masked: personal data never reach a formatter (docs/personal-data.md).
 */
export function buildReport(result: LintResult, cwd: string, version: string, options: ScoreOptions = {}): Report {
  const datasets: DatasetReport[] = result.datasets.map(({ dataset, findings }, i) => maskStrings<DatasetReport>({
    id: dataset.id ?? `${displayPath(cwd, dataset.source.file)}#${i}`,
    ...(firstText(dataset.title) ? { title: firstText(dataset.title)! } : {}),
    source: {
      format: dataset.source.format,
      file: displayPath(cwd, dataset.source.file),
      ...(dataset.at.pointer !== undefined ? { pointer: dataset.at.pointer } : {}),
    },
    ...(dataset.publisher?.name ? { publisher: dataset.publisher.name } : {}),
    ...(Object.keys(dataset.flags).length ? { flags: { ...dataset.flags } } : {}),
    score: scoreDataset(dataset, findings, options),
    ...withGender(genderReport(dataset)),
    findings: sortFindings(findings.map((f) => finalize(f, dataset, cwd))),
  }));
  const files = result.files.map((f) =>
    maskStrings({
      file: displayPath(cwd, f.file),
      findings: sortFindings(f.findings.map((x) => finalize(x, undefined, cwd))),
    }),
  );
  const summary = { ...summarize(datasets, files), ...(result.inventory ? { inventory: maskStrings(result.inventory.summary()) } : {}) };
  return { tool: { name: 'odlint', version }, schemaVersion: 1, datasets, files, summary };
}

/** Counts of a report's datasets, files and findings by severity (recomputed after a baseline). */
export function summarize(datasets: DatasetReport[], files: Report['files']): Report['summary'] {
  const all = [...datasets.flatMap((d) => d.findings), ...files.flatMap((f) => f.findings)];
  const count = (s: string) => all.filter((f) => f.severity === s).length;
  return {
    datasets: datasets.length,
    files: new Set([...datasets.map((d) => d.source.file), ...files.map((f) => f.file)]).size,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    ...withGender(genderSummary(datasets)),
  };
}

const withGender = <T>(gender: T | undefined) => (gender ? { gender } : {});

/** A finding as reports show it: relative path, line/column resolved, no `fix` (that is for --fix). */
function finalize({ fix: _fix, ...f }: Finding, ds: Dataset | undefined, cwd: string): Finding {
  const loc: SourceLocation = { ...f.location };
  if (ds && loc.pointer !== undefined && loc.line === undefined && loc.file === ds.source.file) {
    const pos = ds.source.position?.(loc.pointer);
    if (pos) Object.assign(loc, pos);
  }
  loc.file = displayPath(cwd, loc.file);
  return { ...f, location: loc };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        a.f.location.file.localeCompare(b.f.location.file) ||
        (a.f.location.line ?? a.f.location.row ?? 0) - (b.f.location.line ?? b.f.location.row ?? 0) ||
        (a.f.location.column ?? 0) - (b.f.location.column ?? 0) ||
        SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}
