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
 * The pipeline: discover → load every descriptor → add data files no descriptor references as
 * datasets of their own → check each dataset. Locations stay absolute here; the report stage
 * makes them relative.
 */
export async function lint(req: LintRequest): Promise<LintResult> {
  const { config } = req;
  const found = await discover(req.inputs, req.cwd, (abs) => config.isIgnored(abs), req.allowedRoots);
  if (found.urls.length && !req.online) {
    throw new InputError(`${found.urls[0]} is a URL: odlint makes no network request without --online`);
  }
  const files: FileResult[] = [];
  const loaded: { dataset: Dataset; issues: Finding[] }[] = [];

  const coreFinding = (file: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation): Finding | undefined => {
    const severity = config.forFile(file).get(ruleId)?.severity ?? 'error';
    return severity === 'off' ? undefined : toFinding(ruleId, severity, { messageId, data, location }, config.rules.get(ruleId));
  };
  const fileFinding = (file: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation = { file }) => {
    const f = coreFinding(file, ruleId, messageId, data, location);
    if (f) files.push({ file, findings: [f] });
  };

  // Descriptors given as URLs (only with --online): fetched, then loaded like files.
  const sources: (string | { url: string })[] = [...found.urls.map((url) => ({ url })), ...found.descriptors];
  for (const source of sources) {
    const file = typeof source === 'string' ? source : source.url;
    const explicit = typeof source !== 'string' || found.explicit.has(file);
    let outcome: LoadOutcome;
    if (typeof source === 'string') outcome = await loadDescriptor(file, { allowedRoots: req.allowedRoots });
    else {
      const fetched = await fetchDescriptor(source.url);
      outcome = 'error' in fetched ? { kind: 'unreadable', message: fetched.error } : await loadDescriptorText(source.url, fetched.text);
    }
    switch (outcome.kind) {
      case 'parse-error':
        fileFinding(file, 'core/parse-error', 'syntax', { message: outcome.message }, { file, line: outcome.line, column: outcome.column });
        break;
      case 'unreadable':
        fileFinding(file, 'core/parse-error', 'unreadable', { message: outcome.message });
        break;
      case 'not-a-descriptor':
        if (explicit) fileFinding(file, 'core/not-a-descriptor', 'notADescriptor', { reason: outcome.reason });
        break;
      case 'loaded': {
        const byDataset = new Map<Dataset | undefined, Finding[]>();
        for (const issue of outcome.issues) {
          const f = coreFinding(file, issue.ruleId, issue.messageId, issue.data ?? {}, issue.location);
          if (!f) continue;
          byDataset.set(issue.dataset, [...(byDataset.get(issue.dataset) ?? []), f]);
        }
        const orphan = byDataset.get(undefined);
        if (orphan) files.push({ file, findings: orphan });
        for (const ds of outcome.datasets) loaded.push({ dataset: ds, issues: byDataset.get(ds) ?? [] });
        if (outcome.datasets.length === 0 && !orphan && explicit) {
          fileFinding(file, 'core/not-a-descriptor', 'noDatasets', { format: outcome.format });
        }
      }
    }
  }

  // Data files that no loaded descriptor references are linted as datasets of their own.
  const referenced = new Set(loaded.flatMap(({ dataset }) => dataset.distributions.map((d) => d.localPath).filter(Boolean)));
  for (const dataFile of found.dataFiles) {
    if (!referenced.has(dataFile)) loaded.push({ dataset: dataFileDataset(dataFile, req.cwd), issues: [] });
  }
  // What discovery could not or would not read; a file a descriptor references is reported there.
  for (const p of found.problems) {
    if (referenced.has(p.path)) continue;
    if (p.kind === 'unreadable') fileFinding(p.path, 'core/unreadable', 'unreadable', { path: displayPath(req.cwd, p.path), code: p.code });
    else fileFinding(p.path, 'core/unsafe-path', 'walkLinkOutside', { path: displayPath(req.cwd, p.path) });
  }

  const datasets: DatasetResult[] = [];
  for (const { dataset, issues } of loaded) {
    const findings = await checkDataset(dataset, config.rules, config.forFile(dataset.source.file), req, issues);
    datasets.push({ dataset, findings });
  }
  return { datasets, files };
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
