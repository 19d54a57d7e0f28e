import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DatasetReport, Finding, Report, SourceLocation } from '../model/index.js';
import { isHttpUrl } from '../util/http-url.js';

/** One finding with what it belongs to, and its fingerprint (shared by SARIF and baselines). */
export interface ReportedFinding {
  finding: Finding;
  /** The dataset it belongs to; absent for findings about files that yielded no dataset. */
  dataset?: DatasetReport;
  fingerprint: string;
}

/**
 * A location key that survives unrelated edits: the JSON pointer in a descriptor, the column of
 * a data file (rows shift when rows are added), else the line (parse errors).
 */
export function stableLocationKey(loc: SourceLocation): string {
  // Each sheet of a workbook is a table of its own.
  if (loc.sheet !== undefined) return `sheet:${loc.sheet} ${stableLocationKey({ ...loc, sheet: undefined })}`;
  if (loc.pointer !== undefined) return `pointer:${loc.pointer}`;
  if (loc.subject !== undefined) return `rdf:${loc.subject} ${loc.predicate ?? ''}`;
  if (loc.field !== undefined) return `field:${loc.field}`;
  // A record of a data file: its row and its line move when rows are added.
  if (loc.row !== undefined) return '';
  if (loc.line !== undefined) return `line:${loc.line}`;
  return '';
}

/**
 * Every finding of a report in report order, each with a fingerprint: a hash of rule id, file,
 * stable location key and message id, plus `:n` counting identical hashes in document order,
 * so that 1,000 findings on one column stay 1,000 distinct fingerprints.
 */
export function reportedFindings(report: Report): ReportedFinding[] {
  const fingerprints = new Fingerprints();
  const out: ReportedFinding[] = [];
  const add = (finding: Finding, dataset?: DatasetReport) => out.push({ finding, ...(dataset ? { dataset } : {}), fingerprint: fingerprints.of(finding) });
  for (const ds of report.datasets) for (const f of ds.findings) add(f, ds);
  for (const file of report.files) for (const f of file.findings) add(f);
  return out;
}

/**
 * Fingerprints of findings seen in report order (see reportedFindings). Streaming formatters keep
 * one: it remembers one number per distinct hash (keyed by 52 bits of it), not the findings.
 */
export class Fingerprints {
  private readonly seen = new Map<number, number>();

  of(finding: Finding): string {
    const { ruleId, messageId, location } = finding;
    const hash = createHash('sha256').update([ruleId, location.file, stableLocationKey(location), messageId].join('\u0000')).digest('hex').slice(0, 32);
    const key = parseInt(hash.slice(0, 13), 16);
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return `${hash}:${n}`;
  }
}

/**
 * Where a finding is, for people: `line:column` in a descriptor; in a data file the line, the
 * row (record number) and the column, `7 (row 5) [email]`, or `row N [field]` when the line is
 * not known; the pointer; or nothing.
 */
export function where(loc: SourceLocation): string {
  if (loc.sheet !== undefined) return `${loc.sheet}!${loc.cell ?? where({ ...loc, sheet: undefined, cell: undefined })}`;
  const field = loc.field !== undefined ? ` [${loc.field}]` : '';
  if (loc.line !== undefined && loc.row !== undefined) return `${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''} (row ${loc.row})${field}`;
  if (loc.line !== undefined) return `${loc.line}:${loc.column ?? 1}`;
  if (loc.row !== undefined) return `row ${loc.row}${field}`;
  if (loc.field !== undefined) return `[${loc.field}]`;
  return loc.pointer ?? '';
}

/** `[row 5, column email]` for a data-file finding, for formats that carry only a line (GitHub, GitLab). */
export function cellNote(loc: SourceLocation): string {
  const parts = [loc.sheet !== undefined ? `sheet ${loc.sheet}` : '', loc.cell !== undefined ? `cell ${loc.cell}` : '', loc.row !== undefined ? `row ${loc.row}` : '', loc.field !== undefined ? `column ${loc.field}` : ''].filter(Boolean);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Keeps only errors under `--quiet`. */
export const visible = (quiet: boolean) => (f: Finding) => !quiet || f.severity === 'error';

/** The dataset's display name. */
export const datasetName = (ds: DatasetReport) => ds.title ?? ds.id;

/** Where a rule's documentation lives on the project site. */
export const ruleHelpUri = (ruleId: string) => `https://github.com/odlint/odlint/blob/main/rules/${ruleId}.md`;

/**
 * A report path (relative to the working directory) as code hosts want it: relative to
 * `--base-path` (the repository root) when given, else to the working directory, with `/`.
 * `outside` is set when the file is not under that folder (`path` is then absolute, `relative`
 * starts with `../`); URLs stay.
 */
export function hostPath(file: string, context: { cwd: string; basePath?: string }): { path: string; outside: boolean; relative: string } {
  if (isHttpUrl(file)) return { path: file, outside: true, relative: file };
  const abs = path.resolve(context.cwd, file);
  const rel = path.relative(context.basePath ?? context.cwd, abs);
  const relative = (rel || path.basename(abs)).split(path.sep).join('/');
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { path: abs.split(path.sep).join('/'), outside: true, relative };
  return { path: relative, outside: false, relative };
}
