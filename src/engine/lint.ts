import path from 'node:path';
import { emptyDataset, emptyDistribution, type Dataset, type Finding, type SourceLocation } from '../model/index.js';
import { discover, InputError } from '../discover/index.js';
import { loadDescriptor, loadDescriptorText, loadDocumentPart, type DocumentPart, type LoadIssue, type LoadOutcome } from '../loaders/index.js';
import { isSnapshotFile } from '../harvest/snapshot.js';
import { pageText } from '../harvest/client.js';
import { openPortal, openSnapshot, remoteBase, type HarvestSettings, type RemoteInput, type RemoteRun } from './remote.js';
import { statSync } from 'node:fs';
import type { ResolvedConfig } from '../config/resolve.js';
import type { EffectiveRule } from '../config/types.js';
import { displayPath } from '../util/paths.js';
import { toFinding } from './messages.js';
import { checkDataset, type CheckSettings } from './check.js';
import { limitLocation, withinFileTime } from './watchdog.js';
import { DISTRIBUTION, Inventory, formatOfName, type FileStatus } from './inventory.js';
import type { WalkProblem } from '../discover/index.js';
import { catalogueFindings, mergeFacts, type CatalogueFacts } from './catalogue.js';
import { extended } from '../util/objects.js';

export interface LintRequest extends CheckSettings {
  inputs: string[];
  config: ResolvedConfig;
  /** False: an input that yields no file is not an error (`--no-error-on-unmatched-pattern`). */
  errorOnUnmatched?: boolean;
  /** How portals given as URLs are harvested (with --online). */
  harvest?: HarvestSettings;
  /** A descriptor read from standard input, with the path it stands for (`--stdin-filename`). */
  stdin?: { file: string; text: string };
  /** Ignored besides the config's `ignore` (`.odlintignore`, `--ignore-pattern`). */
  isIgnored?: (absPath: string) => boolean;
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
 * One piece of work of a run: a descriptor file (or URL, with --online), or a data file that no
 * descriptor references. Units are independent, so workers and shards can take them in any
 * order; their place in the plan (`index`) orders the report.
 */
export type LintUnit =
  | { kind: 'not-a-descriptor'; index: number; file: string; reason: string; format: string }
  | { kind: 'descriptor'; index: number; file: string; explicit: boolean; format: string }
  /**
   * A page fetched from a portal (live, or replayed from a snapshot): loaded as a descriptor named
   * by its URL. `limit`: only its first datasets (--max-datasets). `byDataset`: shards split its
   * datasets by hash (a one-page catalogue); else the whole page belongs to the shard that fetched it.
   */
  | { kind: 'fetched'; index: number; url: string; body: string | Uint8Array; format: string; limit?: number; byDataset: boolean; part?: DocumentPart; /** The body is a snapshot line's JSON string as written, not yet parsed (`literalText`). */ escaped?: true }
  /** A page that could not be had, or a finding about a harvest as a whole (`core/harvest-error`). */
  | { kind: 'harvest-error'; index: number; url: string; format: string; ruleId: string; messageId: string; data: Record<string, string | number> }
  /** A descriptor read from standard input: `file` is the path it stands for. */
  | { kind: 'stdin'; index: number; file: string; text: string; format: string }
  | { kind: 'data-file'; index: number; file: string }
  /** A file or folder discovery could not or would not read (WalkProblem): a finding about it. */
  | { kind: 'problem'; index: number; problem: WalkProblem };

/**
 * What a run will do: descriptor units in order (named files that are no descriptor first, as
 * their findings come first), then the data files found (checked only when unreferenced); the
 * files a folder walk skipped, for the inventory.
 */
export interface LintPlan {
  descriptors: LintUnit[];
  dataFiles: string[];
  /** The format sniffed from the content of the files named without a known extension. */
  sniffed: Map<string, string>;
  skipped: { file: string; reason: string }[];
  /** What discovery could not or would not read (reported unless a descriptor references it). */
  problems: WalkProblem[];
  /** Portals to harvest (URLs, with --online) and snapshots to replay: their pages run after every other unit. */
  remote: RemoteInput[];
}

/** The inventory entry a unit settles for its file (src/engine/inventory.ts). */
export interface InventoryItem {
  kind: 'inventory';
  status: FileStatus;
  file: string;
  format: string;
  datasets: number;
  reason?: string;
}

/** An item of the lint stream: a checked dataset, or findings about a file itself. */
export type LintItem = CheckedDataset | ({ kind: 'file' } & FileResult) | SkippedDataset | InventoryItem;

/**
 * A checked dataset, with the data files it references as loaded (the checks drop a
 * reference that leads outside: it still counts as referenced, not as a file of its own).
 */
export type CheckedDataset = { kind: 'dataset'; localPaths: string[] } & DatasetResult;

/** A dataset another shard checks: only the data files it references are said (they are not linted alone). */
export interface SkippedDataset {
  kind: 'skipped';
  localPaths: string[];
}

/** Discovers the inputs and lists the units of work (no file is read yet). */
export async function planLint(req: Pick<LintRequest, 'inputs' | 'cwd' | 'config' | 'online' | 'errorOnUnmatched' | 'allowedRoots' | 'stdin' | 'isIgnored'>): Promise<LintPlan> {
  const isIgnored = (abs: string) => req.config.isIgnored(abs) || Boolean(req.isIgnored?.(abs));
  const { stdin } = req;
  if (stdin && isIgnored(stdin.file) && req.errorOnUnmatched !== false) throw new InputError(`no descriptor found in standard input (${displayPath(req.cwd, stdin.file)} is ignored by the configuration)`);
  const inputs = req.inputs.filter((i) => i !== '-');
  // Standard input alone is the whole run: no folder is walked.
  const found = stdin && !inputs.length ? emptyDiscovery() : await discover(inputs, req.cwd, isIgnored, { errorOnUnmatched: req.errorOnUnmatched, allowedRoots: req.allowedRoots });
  const fromStdin = stdin && !isIgnored(stdin.file) ? [{ kind: 'stdin' as const, file: stdin.file, text: stdin.text, format: formatOfName(stdin.file) }] : [];
  if (found.urls.length && !req.online) {
    throw new InputError(`${found.urls[0]} is a URL: odlint makes no network request without --online`);
  }
  const format = (file: string) => found.sniffed.get(file) ?? formatOfName(file);
  // URLs (only with --online) are harvested; snapshots replayed (src/engine/remote.ts).
  const snapshots = found.descriptors.filter((file) => /\.(jsonl|ndjson)$/i.test(file) && isSnapshotFile(file));
  const descriptors: LintUnit[] = [
    ...fromStdin,
    ...found.notDescriptors.map(({ file, reason, format }) => ({ kind: 'not-a-descriptor' as const, file, reason, format })),
    ...found.descriptors.filter((file) => !snapshots.includes(file)).map((file) => ({ kind: 'descriptor' as const, file, explicit: found.explicit.has(file), format: format(file) })),
  ].map((u, index) => extended(u, { index }));
  const remote: RemoteInput[] = [...found.urls.map((url) => ({ kind: 'portal' as const, url })), ...snapshots.map((file) => ({ kind: 'snapshot' as const, file }))];
  return { descriptors, dataFiles: found.dataFiles, sniffed: found.sniffed, skipped: found.skipped, problems: found.problems, remote };
}

function emptyDiscovery(): Awaited<ReturnType<typeof discover>> {
  return { descriptors: [], dataFiles: [], explicit: new Set(), urls: [], skipped: [], notDescriptors: [], sniffed: new Map(), problems: [] };
}

/** Settles a unit's inventory item. */
export function recordInventory(inventory: Inventory, e: InventoryItem): void {
  if (e.status === 'loaded') inventory.loaded(e.file, e.format, e.datasets, e.reason);
  else if (e.status === 'skipped') inventory.skipped(e.file, e.reason ?? '', e.format);
  else inventory.failed(e.file, e.reason ?? '', e.format);
}

/** The data files' inventory, once every descriptor is loaded: linted alone, or read as a distribution. */
export function dataFilesInventory(inventory: Inventory, plan: LintPlan, referenced: ReadonlySet<string>): void {
  for (const file of plan.dataFiles) {
    const own = !referenced.has(file);
    inventory.loaded(file, plan.sniffed.get(file) ?? formatOfName(file), own ? 1 : 0, own ? 'data file linted on its own' : DISTRIBUTION);
  }
  inventory.distributionFiles(referenced as Set<string>);
}

/**
 * The units run once every descriptor is loaded: data files that no loaded descriptor
 * references, then what discovery could not or would not read (a path a descriptor references
 * is reported by the checks of that descriptor instead).
 */
export function dataFileUnits(plan: LintPlan, referenced: ReadonlySet<string>): LintUnit[] {
  const base = plan.descriptors.length;
  const problemBase = base + plan.dataFiles.length;
  return [
    ...plan.dataFiles.flatMap((file, i) => (referenced.has(file) ? [] : [{ kind: 'data-file' as const, index: base + i, file }])),
    ...plan.problems.flatMap((problem, i) => (referenced.has(problem.path) ? [] : [{ kind: 'problem' as const, index: problemBase + i, problem }])),
  ];
}

/** The local data files a dataset references (the run keeps only these strings, not datasets). */
export const localPaths = (ds: Dataset): string[] => ds.distributions.flatMap((d) => (d.localPath ? [d.localPath] : []));

/**
 * Loads and checks one unit, yielding each dataset as soon as it is checked and the file's own
 * findings; the unit's parsed document is dropped when the unit is done. `wanted` (shards) says
 * which datasets this run checks; the others are loaded (their data references count) but not
 * checked.
 */
export async function* lintUnit(
  unit: LintUnit,
  req: LintRequest,
  wanted: (ds: Dataset) => boolean = () => true,
  /** The unit's catalogue summaries (catalogue rules' contributions), filled as datasets are checked. */
  catalogue?: CatalogueFacts,
): AsyncGenerator<LintItem> {
  const { config } = req;
  const coreFinding = (file: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation): Finding | undefined => {
    const severity = config.forFile(file).get(ruleId)?.severity ?? 'error';
    return severity === 'off' ? undefined : toFinding(ruleId, severity, { messageId, data, location }, config.rules.get(ruleId));
  };
  const inventory = (status: FileStatus, file: string, format: string, datasets: number, reason?: string): InventoryItem => ({
    kind: 'inventory',
    status,
    file,
    format,
    datasets,
    ...(reason !== undefined ? { reason } : {}),
  });
  /** A file that yields no dataset: the finding that says why, and a failed entry in the inventory. */
  const fail = (file: string, format: string, ruleId: string, messageId: string, data: Record<string, string | number>, location: SourceLocation = { file }): LintItem[] => {
    const f = coreFinding(file, ruleId, messageId, data, location);
    return [...(f ? [{ kind: 'file' as const, file, findings: [f] }] : []), inventory('failed', file, format, 0, f?.message ?? `${ruleId} ${messageId} (rule off)`)];
  };

  if (unit.kind === 'not-a-descriptor') {
    yield* fail(unit.file, unit.format, 'core/not-a-descriptor', 'notADescriptor', { reason: unit.reason });
    return;
  }

  if (unit.kind === 'problem') {
    const p = unit.problem;
    const data = { path: displayPath(req.cwd, p.path), ...(p.kind === 'unreadable' ? { code: p.code } : {}) };
    const [ruleId, messageId] = p.kind === 'unreadable' ? ['core/unreadable', 'unreadable'] : ['core/unsafe-path', 'walkLinkOutside'];
    if (p.kind === 'unreadable' && p.folder) {
      // A folder is no input file: a finding, no inventory entry.
      const f = coreFinding(p.path, ruleId, messageId, data, { file: p.path });
      if (f) yield { kind: 'file', file: p.path, findings: [f] };
    } else yield* fail(p.path, formatOfName(p.path), ruleId, messageId, data);
    return;
  }

  if (unit.kind === 'data-file') {
    const dataset = dataFileDataset(unit.file, req.cwd);
    const paths = localPaths(dataset);
    if (wanted(dataset)) yield { kind: 'dataset', dataset, localPaths: paths, findings: await checkDataset(dataset, config.rules, config.forFile(unit.file), checkSettingsOf(req), [], catalogue) };
    else yield { kind: 'skipped', localPaths: [] };
    return;
  }
  if (unit.kind === 'harvest-error') {
    yield* fail(unit.url, unit.format, unit.ruleId, unit.messageId, unit.data);
    return;
  }
  const file = unit.kind === 'fetched' ? unit.url : unit.file;
  const explicit = unit.kind !== 'descriptor' || unit.explicit;
  const { format } = unit;
  // Records one by one: a page's 1,000 models are never all alive (the --max-datasets cut below needs them whole).
  const options = { allowedRoots: req.allowedRoots, oneByOne: !(unit.kind === 'fetched' && unit.limit !== undefined) };
  const loading =
    unit.kind === 'descriptor'
      ? loadDescriptor(file, config.limits, options)
      : unit.kind === 'stdin'
        ? loadDescriptorText(file, unit.text, config.limits, options)
        : unit.part
          ? loadDocumentPart(unit.url, pageText(unit.body), unit.part, config.limits, options)
          : loadDescriptorText(unit.url, pageText(unit.body, unit.escaped), config.limits, options);
  let outcome: LoadOutcome = await withinFileTime(loading, config.limits, (error) => ({ kind: 'limit-exceeded', error }));
  // --max-datasets cut the page: the datasets after the cut are not linted (nor their issues).
  if (outcome.kind === 'loaded' && unit.kind === 'fetched' && unit.limit !== undefined && outcome.datasets.length > unit.limit) {
    const kept = new Set(outcome.datasets.slice(0, unit.limit));
    outcome = { ...outcome, datasets: [...kept], issues: outcome.issues.filter((i) => !i.dataset || kept.has(i.dataset)) };
  }
  switch (outcome.kind) {
    case 'limit-exceeded':
      yield* fail(file, format, 'core/limit-exceeded', outcome.error.limit, outcome.error.data, limitLocation(file, outcome.error));
      return;
    case 'parse-error':
      yield* fail(file, format, 'core/parse-error', 'syntax', { message: outcome.message }, { file, line: outcome.line, column: outcome.column });
      return;
    case 'unreadable':
      yield* fail(file, format, 'core/parse-error', 'unreadable', { message: outcome.message });
      return;
    case 'not-a-descriptor':
      if (explicit) yield* fail(file, format, 'core/not-a-descriptor', 'notADescriptor', { reason: outcome.reason });
      else yield inventory('skipped', file, format, 0, `not a descriptor: ${outcome.reason}`);
      return;
  }
  const byDataset = new Map<Dataset | undefined, Finding[]>();
  const orphans: Finding[] = [];
  const sortIssues = (issues: LoadIssue[]) => {
    for (const issue of issues) {
      const f = coreFinding(file, issue.ruleId, issue.messageId, issue.data ?? {}, issue.location);
      if (!f) continue;
      if (issue.dataset) byDataset.set(issue.dataset, [...(byDataset.get(issue.dataset) ?? []), f]);
      else orphans.push(f);
    }
  };
  sortIssues(outcome.issues);
  // A file read whole, or whose records are counted before they load, says what it holds first;
  // a big file read batch by batch, at its end.
  const streamed = outcome.more !== undefined && outcome.count === undefined;
  // A list, not a generator: a generator function made per unit gives its generators a new
  // hidden class per unit, and the optimised lintUnit was thrown away at every unit's `yield*`.
  const settle = (count: number): LintItem[] => {
    const items: LintItem[] = [];
    if (orphans.length) items.push({ kind: 'file', file, findings: [...orphans] });
    // A part of a local file split over the workers: the run adds up its parts (src/pipeline/split.ts).
    if (unit.kind === 'fetched' && unit.part?.local) {
      items.push(inventory('loaded', file, outcome.format, count));
      return items;
    }
    // A document's parts are one file: each says the datasets up to its end (the last says them all).
    const before = unit.kind === 'fetched' ? (unit.part?.first ?? 0) : 0;
    if (count + before) items.push(inventory('loaded', file, outcome.format, count + before));
    else if (orphans.length) items.push(inventory('failed', file, outcome.format, 0, orphans[0]!.message));
    else if (explicit) items.push(...fail(file, outcome.format, 'core/not-a-descriptor', 'noDatasets', { format: outcome.format }));
    else items.push(inventory('skipped', file, outcome.format, 0, `the ${outcome.format} document holds no dataset`));
    return items;
  };
  if (!streamed) {
    yield* settle(outcome.count ?? outcome.datasets.length);
    orphans.length = 0;
  }
  // The same for every dataset of the unit (a file's datasets share their file's settings).
  const run = checkSettingsOf(req);
  let settingsOf: { file: string; settings: Map<string, EffectiveRule> } | undefined;
  const settingsFor = (file: string) => (settingsOf?.file === file ? settingsOf : (settingsOf = { file, settings: config.forFile(file) })).settings;
  const each: EachDataset = { byDataset, wanted, rules: config.rules, settingsFor, run, catalogue };
  let count = outcome.datasets.length;
  yield* checkEach(outcome.datasets, each);
  if (outcome.more) {
    for await (const batch of outcome.more) {
      sortIssues(batch.issues);
      count += batch.datasets.length;
      yield* checkEach(batch.datasets, each);
    }
    if (streamed) yield* settle(count);
    // What records loaded one by one said about the file itself comes after them.
    else if (orphans.length) yield { kind: 'file', file, findings: [...orphans] };
  }
}

/**
 * The check settings of a request, made once per request: one object for every unit of a run
 * (a copy per unit had a new hidden class each time, and checkDataset was optimised again for it).
 */
const checkSettings = new WeakMap<LintRequest, CheckSettings>();
function checkSettingsOf(req: LintRequest): CheckSettings {
  let run = checkSettings.get(req);
  if (run?.limits !== req.config.limits) checkSettings.set(req, (run = { ...req, limits: req.config.limits }));
  return run;
}

/** What checking a unit's datasets needs (`checkEach`). */
interface EachDataset {
  /** The load issues of each dataset, taken as it is checked. */
  byDataset: Map<Dataset | undefined, Finding[]>;
  wanted: (ds: Dataset) => boolean;
  rules: LintRequest['config']['rules'];
  settingsFor: (file: string) => Map<string, EffectiveRule>;
  run: CheckSettings;
  catalogue: CatalogueFacts | undefined;
}

/**
 * Checks datasets one by one, each model let go once it is handed on (a file's datasets are not
 * all kept until its end). A module-level generator: one made per unit would give its generators
 * a new hidden class per unit, and the code iterating them would be optimised again each time.
 */
async function* checkEach(datasets: (Dataset | undefined)[], each: EachDataset): AsyncGenerator<LintItem> {
  for (let i = 0; i < datasets.length; i++) {
    const dataset = datasets[i]!;
    datasets[i] = undefined;
    const issues = each.byDataset.get(dataset) ?? [];
    each.byDataset.delete(dataset);
    if (!each.wanted(dataset)) {
      yield { kind: 'skipped', localPaths: localPaths(dataset) };
      continue;
    }
    const paths = localPaths(dataset);
    const findings = await checkDataset(dataset, each.rules, each.settingsFor(dataset.source.file), each.run, issues, each.catalogue);
    yield { kind: 'dataset', dataset, localPaths: paths, findings };
  }
}

/**
 * The pipeline as a stream: discover → for each descriptor, load and check its datasets one by
 * one → data files no descriptor references become datasets of their own. Only the referenced
 * data paths are remembered between units. Locations stay absolute here; the report stage makes
 * them relative.
 */
export async function* lintStream(req: LintRequest, inventory = new Inventory()): AsyncGenerator<LintItem> {
  const plan = await planLint(req);
  for (const { file, reason } of plan.skipped) inventory.skipped(file, reason);
  const referenced = new Set<string>();
  const catalogue: CatalogueFacts = {};
  const pass = async function* (units: LintUnit[]) {
    for (const unit of units) {
      const facts: CatalogueFacts = {};
      for await (const item of lintUnit(unit, req, undefined, facts)) {
        for (const p of item.kind === 'dataset' || item.kind === 'skipped' ? item.localPaths : []) referenced.add(p);
        if (item.kind === 'inventory') recordInventory(inventory, item);
        else if (item.kind !== 'skipped') yield item;
      }
      mergeFacts(catalogue, facts, req.config.rules);
    }
  };
  yield* pass(plan.descriptors);
  dataFilesInventory(inventory, plan, referenced);
  yield* pass(dataFileUnits(plan, referenced));
  for (let n = 0; n < plan.remote.length; n++) {
    const run = await openRemote(plan.remote[n]!, remoteBase(localUnitCount(plan), n), req);
    for await (const unit of run.units) yield* pass([unit]);
  }
  // Catalogue rules report once every dataset is checked, from the merged summaries.
  for (const f of catalogueFindings(catalogue, req.config.rules)) yield { kind: 'file', ...f };
}

/** Units of the local inputs (descriptors, data files, problems): remote units are numbered after them. */
export const localUnitCount = (plan: LintPlan) => plan.descriptors.length + plan.dataFiles.length + plan.problems.length;

/** Starts a remote input: a portal's harvest (its first requests are made now) or a snapshot's replay. */
export function openRemote(input: RemoteInput, base: number, req: Pick<LintRequest, 'harvest' | 'config'>): Promise<RemoteRun> {
  if (input.kind === 'snapshot') return openSnapshot(input.file, base, statSync(input.file).size);
  return openPortal(input.url, base, req.harvest ?? { options: {}, client: {}, version: '0.0.0' }, req.config.limits.descriptorBytes);
}

/** The whole run collected (tests and small callers; the CLI streams). */
export async function lint(req: LintRequest): Promise<LintResult> {
  const result: LintResult = { datasets: [], files: [], inventory: new Inventory() };
  for await (const item of lintStream(req, result.inventory)) {
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
