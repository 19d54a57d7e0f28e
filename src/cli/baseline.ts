import { readFileSync } from 'node:fs';
import type { Report } from '../model/index.js';
import { reportedFindings } from '../reporters/_findings.js';
import { summarize } from '../reporters/build-report.js';
import { schemaValidator, mainError, describeAjvError } from '../util/json-schema.js';
import { UsageError } from './io.js';

/** schemas/baseline.schema.json */
export interface BaselineFile {
  odlintBaseline: 1;
  createdBy?: string;
  findings: { fingerprint: string; ruleId?: string; file?: string }[];
}

/** The baseline recording every finding of a report (rule and file kept for people reading it). */
export function baselineOf(report: Report): BaselineFile {
  return {
    odlintBaseline: 1,
    createdBy: `odlint ${report.tool.version}`,
    findings: reportedFindings(report).map(({ finding, fingerprint }) => ({ fingerprint, ruleId: finding.ruleId, file: finding.location.file })),
  };
}

/** Reads a baseline file; a missing or invalid one is a usage error (exit 2, one line). */
export function readBaseline(file: string, shown: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(err.code === 'ENOENT' ? `baseline file ${shown} not found` : `baseline file ${shown} is not valid JSON (${err.code ?? err.message})`);
  }
  const validate = schemaValidator('baseline.schema.json');
  if (!validate(data)) {
    const e = mainError(validate.errors);
    throw new UsageError(`baseline file ${shown} is not an odlint baseline: ${e ? `${e.instancePath || '/'} ${describeAjvError(e)}` : 'invalid'}`);
  }
  return new Set((data as BaselineFile).findings.map((f) => f.fingerprint));
}

/**
 * The report without the findings the baseline knows: only new findings are reported and count
 * for the exit code. `summary.baselined` says how many were left out. Scores are not touched:
 * they describe the data as it is.
 */
export function applyBaseline(report: Report, known: Set<string>): Report {
  const keep = new Set(reportedFindings(report).filter(({ fingerprint }) => !known.has(fingerprint)).map(({ finding }) => finding));
  const datasets = report.datasets.map((d) => ({ ...d, findings: d.findings.filter((f) => keep.has(f)) }));
  const files = report.files.map((f) => ({ ...f, findings: f.findings.filter((x) => keep.has(x)) })).filter((f) => f.findings.length > 0);
  const before = reportedFindings(report).length;
  return { ...report, datasets, files, summary: { ...report.summary, ...summarize(datasets, files), baselined: before - keep.size } };
}
