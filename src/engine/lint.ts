import path from 'node:path';
import { emptyDataset, emptyDistribution, type Dataset, type Finding, type SourceLocation } from '../model/index.js';
import { discover, InputError } from '../discover/index.js';
import { loadDescriptor, loadDescriptorText, type LoadOutcome } from '../loaders/index.js';
import { fetchDescriptor } from '../loaders/fetch.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { displayPath } from '../util/paths.js';
import { toFinding } from './messages.js';
import { checkDataset, type CheckSettings } from './check.js';
import { limitLocation, withinFileTime } from './watchdog.js';
import { DISTRIBUTION, Inventory, formatOfName } from './inventory.js';

export interface LintRequest extends CheckSettings {
  inputs: string[];
  config: ResolvedConfig;
  /** False: an input that yields no file is not an error (`--no-error-on-unmatched-pattern`). */
  errorOnUnmatched?: boolean;
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
  /** What became of every input file (loaded, skipped, failed). */
  inventory: Inventory;
}

/**
 * The pipeline: discover → load every descriptor → add data files no descriptor references as
 * datasets of their own → check each dataset. Locations stay absolute here; the report stage
 * makes them relative.
 */
export async function lint(req: LintRequest): Promise<LintResult> {
  const { config } = req;
  const found = await discover(req.inputs, req.cwd, (abs) => config.isIgnored(abs), { errorOnUnmatched: req.errorOnUnmatched, allowedRoots: req.allowedRoots });
  if (found.urls.length && !req.online) {
    throw new InputError(`${found.urls[0]} is a URL: odlint makes no network request without --online`);
  }
  const files: FileResult[] = [];
  const loaded: { dataset: Dataset; issues: Finding[] }[] = [];
  const inventory = new Inventory();
  for (const { file, reason } of found.skipped) inventory.skipped(file, reason);

  const coreFinding = (file: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation): Finding | undefined => {
    const severity = config.forFile(file).get(ruleId)?.severity ?? 'error';
    return severity === 'off' ? undefined : toFinding(ruleId, severity, { messageId, data, location }, config.rules.get(ruleId));
  };
  /** A file that yields no dataset: the finding that says why, and a failed entry in the inventory. */
  const fail = (file: string, format: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation = { file }) => {
    const f = coreFinding(file, ruleId, messageId, data, location);
    if (f) files.push({ file, findings: [f] });
    inventory.failed(file, f?.message ?? `${ruleId} ${messageId} (rule off)`, format);
  };
  for (const { file, reason, format } of found.notDescriptors) fail(file, format, 'core/not-a-descriptor', 'notADescriptor', { reason });

  // Descriptors given as URLs (only with --online): fetched, then loaded like files.
  const sources: (string | { url: string })[] = [...found.urls.map((url) => ({ url })), ...found.descriptors];
  for (const source of sources) {
    const file = typeof source === 'string' ? source : source.url;
    const explicit = typeof source !== 'string' || found.explicit.has(file);
    let outcome: LoadOutcome;
    const format = found.sniffed.get(file) ?? formatOfName(file);
    if (typeof source === 'string') outcome = await withinFileTime(loadDescriptor(file, config.limits, { allowedRoots: req.allowedRoots }), config.limits, (error) => ({ kind: 'limit-exceeded', error }));
    else {
      const fetched = await fetchDescriptor(source.url, config.limits.descriptorBytes);
      if ('limit' in fetched) outcome = { kind: 'limit-exceeded', error: fetched.limit };
      else outcome = 'error' in fetched ? { kind: 'unreadable', message: fetched.error } : await loadDescriptorText(source.url, fetched.text, config.limits);
    }
    switch (outcome.kind) {
      case 'limit-exceeded':
        fail(file, format, 'core/limit-exceeded', outcome.error.limit, outcome.error.data, limitLocation(file, outcome.error));
        break;
      case 'parse-error':
        fail(file, format, 'core/parse-error', 'syntax', { message: outcome.message }, { file, line: outcome.line, column: outcome.column });
        break;
      case 'unreadable':
        fail(file, format, 'core/parse-error', 'unreadable', { message: outcome.message });
        break;
      case 'not-a-descriptor':
        if (explicit) fail(file, format, 'core/not-a-descriptor', 'notADescriptor', { reason: outcome.reason });
        else inventory.skipped(file, `not a descriptor: ${outcome.reason}`, format);
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
        if (outcome.datasets.length) inventory.loaded(file, outcome.format, outcome.datasets.length);
        else if (orphan) inventory.failed(file, orphan[0]!.message, outcome.format);
        else if (explicit) fail(file, outcome.format, 'core/not-a-descriptor', 'noDatasets', { format: outcome.format });
        else inventory.skipped(file, `the ${outcome.format} document holds no dataset`, outcome.format);
      }
    }
  }

  // Data files that no loaded descriptor references are linted as datasets of their own.
  const referenced = new Set(loaded.flatMap(({ dataset }) => dataset.distributions.map((d) => d.localPath).filter(Boolean)));
  for (const dataFile of found.dataFiles) {
    const own = !referenced.has(dataFile);
    if (own) loaded.push({ dataset: dataFileDataset(dataFile, req.cwd), issues: [] });
    inventory.loaded(dataFile, found.sniffed.get(dataFile) ?? formatOfName(dataFile), own ? 1 : 0, own ? 'data file linted on its own' : DISTRIBUTION);
  }
  inventory.distributionFiles(referenced);
  // What discovery could not or would not read; a file a descriptor references is reported there.
  for (const p of found.problems) {
    if (referenced.has(p.path)) continue;
    const data = { path: displayPath(req.cwd, p.path), ...(p.kind === 'unreadable' ? { code: p.code } : {}) };
    const [ruleId, messageId] = p.kind === 'unreadable' ? ['core/unreadable', 'unreadable'] : ['core/unsafe-path', 'walkLinkOutside'];
    if (p.kind === 'unreadable' && p.folder) {
      const f = coreFinding(p.path, ruleId, messageId, data, { file: p.path });
      if (f) files.push({ file: p.path, findings: [f] });
    } else fail(p.path, formatOfName(p.path), ruleId, messageId, data);
  }

  const datasets: DatasetResult[] = [];
  for (const { dataset, issues } of loaded) {
    const findings = await checkDataset(dataset, config.rules, config.forFile(dataset.source.file), { ...req, limits: config.limits }, issues);
    datasets.push({ dataset, findings });
  }
  return { datasets, files, inventory };
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
