import path from 'node:path';
import { emptyDataset, emptyDistribution, type Dataset, type Finding, type SourceLocation } from '../model/index.js';
import { discover, InputError } from '../discover/index.js';
import { loadDescriptor, loadDescriptorText, type LoadOutcome } from '../loaders/index.js';
import { fetchDescriptor } from '../loaders/fetch.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { displayPath } from '../util/paths.js';
import { toFinding } from './messages.js';
import { checkDataset, type CheckSettings } from './check.js';

export interface LintRequest extends CheckSettings {
  inputs: string[];
  config: ResolvedConfig;
}

export interface DatasetResult {
  dataset: Dataset;
  findings: Finding[];
}

export interface FileResult {
  file: string;
  findings: Finding[];
}

export interface LintResult {
  datasets: DatasetResult[];
  files: FileResult[];
}

/**
 * One piece of work of a run: a descriptor file (or URL, with --online), or a data file that no
 * descriptor references. Units are independent, so workers and shards can take them in any
 * order; their place in the plan (`index`) orders the report.
 */
export type LintUnit =
  | { kind: 'descriptor'; index: number; file: string; explicit: boolean }
  | { kind: 'url'; index: number; url: string }
  | { kind: 'data-file'; index: number; file: string };

/** What a run will do: descriptor units in order, then the data files found (checked only when unreferenced). */
export interface LintPlan {
  descriptors: LintUnit[];
  dataFiles: string[];
}

/** An item of the lint stream: a checked dataset, or findings about a file itself. */
export type LintItem = ({ kind: 'dataset' } & DatasetResult) | ({ kind: 'file' } & FileResult) | SkippedDataset;

/** A dataset another shard checks: only the data files it references are said (they are not linted alone). */
export interface SkippedDataset {
  kind: 'skipped';
  localPaths: string[];
}

/** Discovers the inputs and lists the units of work (no file is read yet). */
export async function planLint(req: Pick<LintRequest, 'inputs' | 'cwd' | 'config' | 'online'>): Promise<LintPlan> {
  const found = await discover(req.inputs, req.cwd, (abs) => req.config.isIgnored(abs));
  if (found.urls.length && !req.online) {
    throw new InputError(`${found.urls[0]} is a URL: odlint makes no network request without --online`);
  }
  // Descriptors given as URLs (only with --online): fetched, then loaded like files.
  const descriptors: LintUnit[] = [
    ...found.urls.map((url) => ({ kind: 'url' as const, url })),
    ...found.descriptors.map((file) => ({ kind: 'descriptor' as const, file, explicit: found.explicit.has(file) })),
  ].map((u, index) => ({ ...u, index }));
  return { descriptors, dataFiles: found.dataFiles };
}

/** The data-file units of a plan: data files that no loaded descriptor references. */
export function dataFileUnits(plan: LintPlan, referenced: ReadonlySet<string>): LintUnit[] {
  const base = plan.descriptors.length;
  return plan.dataFiles.flatMap((file, i) => (referenced.has(file) ? [] : [{ kind: 'data-file' as const, index: base + i, file }]));
}

/** The local data files a dataset references (the run keeps only these strings, not datasets). */
export const localPaths = (ds: Dataset): string[] => ds.distributions.flatMap((d) => (d.localPath ? [d.localPath] : []));

/**
 * Loads and checks one unit, yielding each dataset as soon as it is checked and the file's own
 * findings; the unit's parsed document is dropped when the unit is done. `wanted` (shards) says
 * which datasets this run checks; the others are loaded (their data references count) but not
 * checked.
 */
export async function* lintUnit(unit: LintUnit, req: LintRequest, wanted: (ds: Dataset) => boolean = () => true): AsyncGenerator<LintItem> {
  const { config } = req;
  const coreFinding = (file: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation): Finding | undefined => {
    const severity = config.forFile(file).get(ruleId)?.severity ?? 'error';
    return severity === 'off' ? undefined : toFinding(ruleId, severity, { messageId, data, location }, config.rules.get(ruleId));
  };
  const fileItem = (file: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation = { file }): LintItem[] => {
    const f = coreFinding(file, ruleId, messageId, data, location);
    return f ? [{ kind: 'file', file, findings: [f] }] : [];
  };

  if (unit.kind === 'data-file') {
    const dataset = dataFileDataset(unit.file, req.cwd);
    if (wanted(dataset)) yield { kind: 'dataset', dataset, findings: await checkDataset(dataset, config.rules, config.forFile(unit.file), req) };
    else yield { kind: 'skipped', localPaths: [] };
    return;
  }
  const file = unit.kind === 'url' ? unit.url : unit.file;
  const explicit = unit.kind === 'url' || unit.explicit;
  let outcome: LoadOutcome;
  if (unit.kind === 'descriptor') outcome = await loadDescriptor(file);
  else {
    const fetched = await fetchDescriptor(unit.url);
    outcome = 'error' in fetched ? { kind: 'unreadable', message: fetched.error } : await loadDescriptorText(unit.url, fetched.text);
  }
  switch (outcome.kind) {
    case 'parse-error':
      yield* fileItem(file, 'core/parse-error', 'syntax', { message: outcome.message }, { file, line: outcome.line, column: outcome.column });
      return;
    case 'unreadable':
      yield* fileItem(file, 'core/parse-error', 'unreadable', { message: outcome.message });
      return;
    case 'not-a-descriptor':
      if (explicit) yield* fileItem(file, 'core/not-a-descriptor', 'notADescriptor', { reason: outcome.reason });
      return;
  }
  const byDataset = new Map<Dataset | undefined, Finding[]>();
  for (const issue of outcome.issues) {
    const f = coreFinding(file, issue.ruleId, issue.messageId, issue.data ?? {}, issue.location);
    if (!f) continue;
    byDataset.set(issue.dataset, [...(byDataset.get(issue.dataset) ?? []), f]);
  }
  const orphan = byDataset.get(undefined);
  if (orphan) yield { kind: 'file', file, findings: orphan };
  if (outcome.datasets.length === 0 && !orphan && explicit) yield* fileItem(file, 'core/not-a-descriptor', 'noDatasets', { format: outcome.format });
  // Each model is let go once it is handed on: a file's datasets are not all kept until its end.
  const datasets: (Dataset | undefined)[] = outcome.datasets;
  for (let i = 0; i < datasets.length; i++) {
    const dataset = datasets[i]!;
    datasets[i] = undefined;
    const issues = byDataset.get(dataset) ?? [];
    byDataset.delete(dataset);
    if (!wanted(dataset)) {
      yield { kind: 'skipped', localPaths: localPaths(dataset) };
      continue;
    }
    const findings = await checkDataset(dataset, config.rules, config.forFile(dataset.source.file), req, issues);
    yield { kind: 'dataset', dataset, findings };
  }
}

/**
 * The pipeline as a stream: discover → for each descriptor, load and check its datasets one by
 * one → data files no descriptor references become datasets of their own. Only the referenced
 * data paths are remembered between units. Locations stay absolute here; the report stage makes
 * them relative.
 */
export async function* lintStream(req: LintRequest): AsyncGenerator<LintItem> {
  const plan = await planLint(req);
  const referenced = new Set<string>();
  for (const unit of plan.descriptors) {
    for await (const item of lintUnit(unit, req)) {
      for (const p of item.kind === 'dataset' ? localPaths(item.dataset) : item.kind === 'skipped' ? item.localPaths : []) referenced.add(p);
      if (item.kind !== 'skipped') yield item;
    }
  }
  for (const unit of dataFileUnits(plan, referenced)) yield* lintUnit(unit, req);
}

/** The whole run collected (tests and small callers; the CLI streams). */
export async function lint(req: LintRequest): Promise<LintResult> {
  const result: LintResult = { datasets: [], files: [] };
  for await (const item of lintStream(req)) {
    if (item.kind === 'dataset') result.datasets.push({ dataset: item.dataset, findings: item.findings });
    else if (item.kind === 'file') result.files.push({ file: item.file, findings: item.findings });
  }
  return result;
}

/** A data file linted without a descriptor: one dataset, one distribution, no metadata. */
export function dataFileDataset(file: string, cwd: string): Dataset {
  const at = { file };
  const ds = emptyDataset({ format: 'data-file', file }, at);
  ds.id = displayPath(cwd, file);
  const dist = emptyDistribution(at);
  dist.localPath = file;
  dist.localRef = path.basename(file);
  ds.distributions.push(dist);
  return ds;
}
