import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { DEFAULT_LIMITS, fileClock, LimitExceeded, type Dataset, type Distribution, type Finding, type Limits, type Severity, type SourceLocation, type TableInfo } from '../model/index.js';
import type { EffectiveRule } from '../config/types.js';
import { readerFor, DataFileError, UnsafeEntry, type TableSink, type ReadOptions } from '../readers/index.js';
import { CellsRecord } from '../readers/cells-record.js';
import { sniffFile } from '../readers/sniff.js';
import type { RuleHooks, RuleModule, RuleContext, ReportDescriptor, AnalysisDef, TableAnalysis } from './rule-api.js';
import { toFinding } from './messages.js';
import { displayPath } from '../util/paths.js';
import { locateReal } from '../util/path-guard.js';
import { systemErrorMessage } from '../util/system-error.js';
import { descriptorDir } from '../loaders/paths.js';
import { limitLocation } from './watchdog.js';
import { isRemoteCsv, takeSample, type Sample, type Sampler } from '../harvest/sample.js';
import { RowLines } from './row-lines.js';
import { rowDispatcher, type RowDispatch, type RowFailed, type RowFn } from './row-dispatch.js';
import { contribute, type CatalogueFacts } from './catalogue.js';
import { nationalSchemaByHeader } from '../knowledge/national-schemas.js';
import { parseChecksum } from '../knowledge/checksum.js';

export interface CheckSettings {
  cwd: string;
  online: boolean;
  /** False with `--no-data`: data files are not read. */
  data: boolean;
  /** Folders data paths may lead into through symlinks, besides the descriptor's (`--allow-root`). */
  allowedRoots?: readonly string[];
  /** Resource limits (docs/limits.md); the defaults when absent. */
  limits?: Limits;
  /** `--online --data`: remote CSV files are read from a sample of their first bytes. */
  sample?: Sampler;
}

type EmitCore = (ruleId: string, d: ReportDescriptor) => void;

/** Calls one hook on every active rule that has it; a rule that throws is switched off. */
type CallHooks = <K extends keyof RuleHooks>(name: K, where: SourceLocation, ...args: Parameters<NonNullable<RuleHooks[K]>>) => void;

interface SharedAnalysis {
  name: string;
  table: TableInfo;
  instance: TableAnalysis;
}

interface ActiveRule {
  rule: RuleModule;
  hooks: RuleHooks;
}

/**
 * Runs the enabled rules on one dataset: metadata hooks first, then every local data file is
 * read ONCE and its rows are fed to every rule that asked for them. A rule that throws is
 * switched off for this dataset and reported; it never stops the others.
 */
export async function checkDataset(
  ds: Dataset,
  rules: Map<string, RuleModule>,
  settings: Map<string, EffectiveRule>,
  run: CheckSettings,
  extraFindings: Finding[] = [],
  /** Where catalogue rules' contributions go (the unit's summaries); dropped when absent. */
  catalogue?: CatalogueFacts,
): Promise<Finding[]> {
  const findings: Finding[] = [...extraFindings];
  let samples: TakenSample[] = [];
  /** The line each row of the data files read starts on. */
  let rowLines: Map<string, RowLines> | undefined;
  const active: ActiveRule[] = [];
  // Made when first needed, as are the maps and sets below: most datasets of a catalogue read no
  // table and have no rule crash, and four empty collections per dataset showed in its allocations.
  let crashed: Set<ActiveRule> | undefined;

  /** The spreadsheet sheet being read: findings located in its file name it (rules locate by file, row and field). */
  let openSheet: TableInfo | undefined;
  // Findings reported late, at a mark (`RuleContext.mark`: a rule answering rows in batches). A
  // mark is a number counting the marks taken; it stands for the findings reported at once so far
  // (`pushedAt`), and for the marks taken before it: a finding reported at a mark goes after those,
  // and after the late ones of earlier marks, so that the list is the one reports made at once make.
  let marks = 0;
  /** Pairs: the first mark of a run of marks that saw the same count, then the count (findings reported at once). */
  const runs: number[] = [];
  /** The marks the late findings were reported at, in order (each moved the findings after it by one). */
  const placed: number[] = [];
  const mark = () => {
    const count = findings.length - placed.length;
    if (runs.length === 0 || runs[runs.length - 1] !== count) runs.push(marks, count);
    return marks++;
  };
  /** The findings reported at once before mark `at`. */
  const pushedAt = (at: number): number => {
    let i = runs.length - 2;
    while (runs[i]! > at) i -= 2;
    return runs[i + 1]!;
  };
  const emit = (ruleId: string, severity: Severity, d: ReportDescriptor, rule?: RuleModule, at?: number) => {
    const finding = toFinding(ruleId, severity, openSheet ? inSheet(d, openSheet) : d, rule);
    if (at === undefined) {
      findings.push(finding);
      return;
    }
    let i = placed.length;
    while (i > 0 && placed[i - 1]! > at) i--;
    placed.splice(i, 0, at);
    findings.splice(pushedAt(at) + i, 0, finding);
  };

  /** Findings of the engine itself, under `core/*` rules (their severity is configurable too). */
  const emitCore: EmitCore = (ruleId, d) => {
    const severity = settings.get(ruleId)?.severity ?? 'error';
    if (severity !== 'off') emit(ruleId, severity, d, rules.get(ruleId));
  };

  const crash = (a: ActiveRule, err: unknown, where: SourceLocation) => {
    (crashed ??= new Set()).add(a);
    const message = err instanceof Error ? err.message : String(err);
    emitCore('core/rule-crashed', { messageId: 'crashed', data: { rule: a.rule.meta.id, message }, location: where });
  };

  // Shared analyses of the table being read (RuleContext.analysis): one instance per table.
  let analyses: Map<AnalysisDef<TableAnalysis>, SharedAnalysis> | undefined;
  const analysis = <T extends TableAnalysis>(def: AnalysisDef<T>, table: TableInfo): T => {
    analyses ??= new Map();
    let entry = analyses.get(def);
    if (!entry || entry.table !== table) {
      entry = { name: def.name, table, instance: def.create(table) };
      analyses.set(def, entry);
    }
    return entry.instance as T;
  };

  // No data file of this dataset can be read (--no-data, or only remote files and no sampler):
  // a rule known to have only data hooks is not even created (most rules of a catalogue run).
  const tablesPossible = run.data && (run.sample !== undefined || ds.distributions.some((d) => d.localPath !== undefined));
  const state: ContextState = { emit, mark, analysis, catalogue, file: ds.source.file, run };
  const enabledList = enabledRules(rules, settings);
  const lease = leaseContexts(enabledList, state);
  // The rest of the check holds the lease of the shared rule contexts (when it got it).
  try {
    for (let r = 0; r < enabledList.length; r++) {
      const enabled = enabledList[r]!;
      const { rule, eff } = enabled;
      const learnt = hookKinds.get(eff);
      const sameRun = learnt?.data === run.data && learnt.online === run.online;
      if (!tablesPossible && sameRun && learnt.dataOnly) continue;
      const before = findings.length;
      let hooks: RuleHooks;
      try {
        hooks = rule.create(lease && rule.source === undefined ? lease.context(r, enabled) : ruleContext(state, enabled));
      } catch (err) {
        crash({ rule, hooks: {} }, err, ds.at);
        continue;
      }
      active.push({ rule, hooks });
      // A rule that reports while being created is always created.
      if (!sameRun) hookKinds.set(eff, { data: run.data, online: run.online, dataOnly: findings.length === before && !rule.meta.shapes && Object.keys(hooks).every((k) => DATA_HOOKS.has(k)) });
    }

    /** Rules whose table hook said they have nothing to check in the rows of the table being read. */
    let noRows: Set<ActiveRule> | undefined;
    const call: CallHooks = (name, where, ...args) => {
      if (name === 'table') noRows?.clear();
      for (const a of active) {
        const fn = a.hooks[name] as ((...x: unknown[]) => unknown) | undefined;
        if (!fn || crashed?.has(a)) continue;
        try {
          if (fn.apply(a.hooks, args) === false && name === 'table') (noRows ??= new Set()).add(a);
        } catch (err) {
          crash(a, err, where);
        }
      }
    };

    // Whether each referenced data file exists, and what it really is, are facts rules may use
    // (data/file-missing, format/format-content-mismatch...).
    for (const dist of ds.distributions) {
      if (dist.localPath && ds.source.format !== 'data-file' && locateReal(dist.localPath, [descriptorDir(ds.source.file), ...(run.allowedRoots ?? [])]) === 'outside') {
        // `data/x.csv` may be a symlink to `~/.env`: refused before anything opens it.
        emitCore('core/unsafe-path', { messageId: 'linkOutside', data: { path: dist.localRef ?? dist.localPath }, location: dist.locations.localPath ?? dist.at });
        delete dist.localPath;
      }
      // Most catalogue distributions are URLs only: no promise to make and await for them.
      if (dist.localPath) await annotateLocalFile(dist, run.data);
    }

    // A data file linted on its own has no metadata to check: only data hooks run for it.
    if (ds.source.format !== 'data-file') {
      await runShacl(ds, active, crash);
      call('dataset', ds.at, ds);
      for (const dist of ds.distributions) call('distribution', dist.at, dist, ds);
    }

    if (run.data) {
      const wantsTables = active.some((a) => a.hooks.table || a.hooks.row || a.hooks.endTable);
      const wantsRows = active.some((a) => a.hooks.row || a.rule.meta.needsRows);
      // Counting each column's distinct values is a hash and a comparison of every cell of the
      // columns under their cap: only when a rule says it reads them (a plugin's rule may, unsaid).
      const wantsDistinct = active.some((a) => a.rule.meta.needsDistinctValues || a.rule.source === 'plugin');
      const wantsLengths = active.some((a) => a.rule.meta.needsCellLengths);
      // The hot path: one call per row per rule that wants this table's rows, nothing else. The
      // dispatcher is made at each table (without the rules that want none of its rows), and again
      // without a rule that crashes: no per-row lookup. It has a call site per rule (row-dispatch.ts):
      // reading `row` off each rule's hooks, or calling them all from one site, is megamorphic.
      const withRowHooks = active.filter((a) => a.hooks.row);
      let rowHooks: ActiveRule[] = [];
      let callRowHooks: RowDispatch = () => {};
      const listRowHooks = (keep: (a: ActiveRule) => boolean) => {
        const list = withRowHooks.filter((a) => !crashed?.has(a) && keep(a));
        rowHooks = list;
        // A rule that throws is switched off; the rules after it still get the row (the dispatcher
        // running goes on), the next rows go to a dispatcher without it.
        const failed: RowFailed = (i, err, ctx) => {
          crash(list[i]!, err, { file: ctx.table.path, row: ctx.row });
          listRowHooks((a) => rowHooks.includes(a));
        };
        callRowHooks = rowDispatcher(
          list.map((a) => a.hooks.row as RowFn),
          list.map((a) => a.hooks),
          failed,
        );
      };
      let shared: SharedAnalysis[] = [];
      // Whether something reads the rows' `cells` (TableSink.wantsCells): the analyses and the row
      // hooks of rules that do not say they read `ctx.record` instead (`readsRecord`).
      const wantsCells = () => shared.some((s) => !s.instance.readsRecord) || rowHooks.some((a) => !a.rule.meta.readsRecord);
      // Rows handed out as arrays (every reader but the CSV tokenizer) are read as records through this.
      const arrayRecord = new CellsRecord();
      const dispatchRow: TableSink['row'] = (cells, ctx) => {
        if (ctx.record === undefined) ctx.record = arrayRecord.of(cells);
        for (const s of shared) {
          try {
            s.instance.row(cells, ctx);
          } catch (err) {
            // A broken analysis is dropped for this table; the rules relying on it see partial data.
            shared = shared.filter((x) => x !== s);
            const message = err instanceof Error ? err.message : String(err);
            emitCore('core/rule-crashed', { messageId: 'crashed', data: { rule: `analysis ${s.name}`, message }, location: { file: ctx.table.path, row: ctx.row } });
          }
        }
        callRowHooks(cells, ctx);
      };
      const seen = new Set<string>();
      samples = wantsTables && run.sample ? await takeSamples(ds, run.sample, emitCore) : [];
      for (const dist of ds.distributions) {
        if (!wantsTables || !dist.localPath || dist.localStatus !== 'present' || seen.has(dist.localPath)) continue;
        seen.add(dist.localPath);
        // One per table: an archive's entries are tables of their own (`a.zip!/x.csv`).
        const lines = (table: string) => (rowLines ??= new Map()).get(table) ?? rowLines.set(table, new RowLines()).get(table)!;
        const tableHooks: CallHooks = (name, where, ...args) => {
          if (name === 'table') openSheet = (args[0] as TableInfo).sheet !== undefined ? (args[0] as TableInfo) : undefined;
          call(name, where, ...args);
          // The analyses the rules asked for in their table hooks get the rows of this table.
          if (name === 'table') {
            shared = analyses ? [...analyses.values()].filter((e) => e.table === args[0]) : [];
            listRowHooks((a) => !noRows?.has(a));
          }
          if (name === 'endTable') openSheet = undefined;
        };
        await readData(dist, ds, run, { rows: wantsRows, distinctValues: wantsDistinct, cellLengths: wantsLengths }, tableHooks, dispatchRow, wantsCells, emitCore, lines, samples.find((t) => t.dist === dist)?.sample.url);
        openSheet = undefined;
      }
    }

    call('end', ds.at, ds);
    if (samples.length) forgetSamples(samples, findings);
    const linesByTable = rowLines;
    return linesByTable?.size ? findings.map((f) => withLine(f, linesByTable)) : findings;
  } finally {
    if (lease) lease.busy = false;
  }
}

interface EnabledRule {
  rule: RuleModule;
  eff: EffectiveRule;
  severity: Severity;
}

/** What the rule contexts of one dataset share. */
interface ContextState {
  emit: (ruleId: string, severity: Severity, d: ReportDescriptor, rule?: RuleModule, at?: number) => void;
  mark: () => number;
  analysis: RuleContext['analysis'];
  catalogue: CatalogueFacts | undefined;
  file: string;
  run: CheckSettings;
}

/**
 * A rule's context for one dataset (every created rule of every dataset gets one). Plain own
 * properties, as rules may spread it (`{...context, report}`); only `report` is a closure of
 * its own: `analysis` is the dataset's, and `contribute` does something only for catalogue
 * rules. Made outside the loop over the rules, so that no scope is kept per rule.
 */
function ruleContext(state: ContextState, { rule, eff, severity }: EnabledRule): RuleContext {
  return {
    ruleId: rule.meta.id,
    options: eff.options,
    severity,
    settings: state.run,
    report: (d, at) => state.emit(rule.meta.id, severity, d, rule, at),
    mark: state.mark,
    analysis: state.analysis,
    contribute: state.catalogue && rule.catalogue ? (summary) => contribute(state.catalogue!, rule, severity, eff.options, summary, state.file) : ignoreContribution,
  };
}

/** `contribute` of a rule without a catalogue part, or when the unit keeps no summaries. */
const ignoreContribution = (): void => {};

/**
 * The rule contexts of one list of enabled rules, made once and handed from dataset to dataset:
 * a new context (an object and a closure or two) per created rule per dataset was the largest
 * single thing a catalogue run allocated per dataset (~7 KB of ~130). The same own properties as
 * `ruleContext`'s (rules may spread a context); `report` and `contribute` read `state`, the
 * dataset being checked. One check holds them at a time (`busy`): a check that starts while
 * another is awaiting makes its own, as do plugins' rules and policies (their code may keep a
 * context beyond its dataset).
 */
class SharedContexts {
  busy = false;
  private readonly contexts: (RuleContext | undefined)[] = [];
  constructor(public state: ContextState) {}

  /** The context of enabled rule `r`, set to the dataset being checked. */
  context(r: number, enabled: EnabledRule): RuleContext {
    const c = (this.contexts[r] ??= this.make(enabled)) as { -readonly [K in keyof RuleContext]: RuleContext[K] };
    const state = this.state;
    c.settings = state.run;
    c.mark = state.mark;
    c.analysis = state.analysis;
    c.contribute = state.catalogue && enabled.rule.catalogue ? this.contributes(enabled) : ignoreContribution;
    return c;
  }

  private make({ rule, eff, severity }: EnabledRule): RuleContext {
    return {
      ruleId: rule.meta.id,
      options: eff.options,
      severity,
      settings: this.state.run,
      report: (d, at) => this.state.emit(rule.meta.id, severity, d, rule, at),
      mark: this.state.mark,
      analysis: this.state.analysis,
      contribute: ignoreContribution,
    };
  }

  private readonly contributions = new Map<EnabledRule, (summary: unknown) => void>();
  /** One `contribute` closure per catalogue rule, reading the dataset being checked. */
  private contributes(enabled: EnabledRule): (summary: unknown) => void {
    let fn = this.contributions.get(enabled);
    if (!fn) {
      const { rule, eff, severity } = enabled;
      fn = (summary) => contribute(this.state.catalogue!, rule, severity, eff.options, summary, this.state.file);
      this.contributions.set(enabled, fn);
    }
    return fn;
  }
}

const contextsByList = new WeakMap<EnabledRule[], SharedContexts>();
/** The shared contexts of `list`, pointed at `state`; undefined when another check holds them. */
function leaseContexts(list: EnabledRule[], state: ContextState): SharedContexts | undefined {
  let shared = contextsByList.get(list);
  if (!shared) contextsByList.set(list, (shared = new SharedContexts(state)));
  if (shared.busy) return undefined;
  shared.busy = true;
  shared.state = state;
  return shared;
}

/** The rules a file's settings enable, in registry order: worked out once per settings (`forFile` keeps them). */
const enabledByRules = new WeakMap<Map<string, RuleModule>, WeakMap<Map<string, EffectiveRule>, EnabledRule[]>>();
function enabledRules(rules: Map<string, RuleModule>, settings: Map<string, EffectiveRule>): EnabledRule[] {
  let bySettings = enabledByRules.get(rules);
  if (!bySettings) enabledByRules.set(rules, (bySettings = new WeakMap()));
  let list = bySettings.get(settings);
  if (!list) {
    list = [];
    for (const rule of rules.values()) {
      const eff = settings.get(rule.meta.id);
      if (!eff || eff.severity === 'off' || rule.meta.family === 'core') continue;
      list.push({ rule, eff, severity: eff.severity });
    }
    bySettings.set(settings, list);
  }
  return list;
}

/** Hooks that run only while a data file is read. */
const DATA_HOOKS = new Set<string>(['table', 'row', 'rowsEnd', 'endTable']);

/**
 * Which hooks a rule's `create` returned under these settings (it sees its options and the run's
 * settings, never the dataset, so the answer holds for every dataset of the run): whether they
 * are data hooks only. SHACL rules are never skipped (their shapes are validated for them).
 */
const hookKinds = new WeakMap<EffectiveRule, { data: boolean; online: boolean; dataOnly: boolean }>();

/** A finding located at a cell, row or column of the sheet being read names the sheet (the file's own findings do not). */
function inSheet(d: ReportDescriptor, sheet: TableInfo): ReportDescriptor {
  const at = d.location;
  if (!at || at.file !== sheet.path || at.sheet !== undefined || (at.row === undefined && at.field === undefined)) return d;
  return { ...d, location: { ...at, sheet: sheet.sheet! } };
}

/**
 * A finding located by row in a data file gets the line that row starts on (code hosts point at
 * lines; a quoted cell spanning lines makes them differ). The row stays (docs/reports.md).
 */
function withLine(f: Finding, rowLines: Map<string, RowLines>): Finding {
  const { row, line, file } = f.location;
  if (row === undefined || line !== undefined) return f;
  const found = rowLines.get(file)?.lineOf(row);
  return found === undefined ? f : { ...f, location: { ...f.location, line: found } };
}

interface TakenSample {
  dist: Distribution;
  sample: Sample;
}

/**
 * The remote CSV files of a dataset, each sampled into a temporary file the data pass reads as
 * if it were local. A sample that cannot be had is a `core/data-unreadable` finding at its URL.
 */
async function takeSamples(ds: Dataset, sampler: Sampler, emitCore: EmitCore): Promise<TakenSample[]> {
  const taken: TakenSample[] = [];
  const seen = new Set<string>();
  for (const dist of ds.distributions) {
    const url = dist.downloadURL ?? dist.accessURL;
    if (dist.localPath || !isRemoteCsv(url, dist.formatId ?? dist.format, dist.mediaType) || seen.has(url)) continue;
    seen.add(url);
    const sample = await takeSample(url, sampler);
    if ('error' in sample) {
      const where = dist.downloadURL ? 'downloadURL' : 'accessURL';
      emitCore('core/data-unreadable', { messageId: 'unreadable', data: { message: `no sample of ${url} (--online --data): ${sample.error}` }, location: dist.locations[where] ?? dist.at });
      continue;
    }
    dist.localPath = sample.file;
    dist.localStatus = 'present';
    dist.localContent = await sniffFile(sample.file).catch(() => undefined);
    taken.push({ dist, sample });
  }
  return taken;
}

/**
 * After the data pass (whose tables and findings are named by the URL): the findings in a
 * sample say they come from one (when the file was longer); the distribution is remote again
 * and the temporary file goes.
 */
function forgetSamples(samples: TakenSample[], findings: Finding[]): void {
  const cut = new Map(samples.flatMap((s) => (s.sample.cut ? [[s.sample.url, s.sample.bytes]] : [])));
  for (const f of findings) {
    const bytes = cut.get(f.location.file);
    if (bytes !== undefined) f.message += ` (in a sample: the first ${bytes} bytes of the file)`;
  }
  for (const { dist, sample } of samples) {
    delete dist.localPath;
    delete dist.localStatus;
    delete dist.localContent;
    sample.remove();
  }
}

/**
 * Validates the dataset's RDF against the shape sets of the enabled `dcat-ap/*` rules, before
 * their hooks read the results. The SHACL engine is imported only when such a rule is enabled.
 */
async function runShacl(ds: Dataset, active: ActiveRule[], crash: (a: ActiveRule, err: unknown, where: SourceLocation) => void): Promise<void> {
  const shaclRules = active.filter((a) => a.rule.meta.shapes);
  if (!shaclRules.length) return;
  try {
    const { checkShacl } = await import('../shacl/index.js');
    await checkShacl(ds, shaclRules.map((a) => a.rule.meta.shapes!));
  } catch (err) {
    for (const a of shaclRules) crash(a, err, ds.at);
  }
}

/**
 * A CSV without a declared schema whose header matches a vendored national schema (the SCDL
 * Table Schemas) is validated against it: the Table Schema rules see it as `dist.schema`.
 */
function adoptSchemaByHeader(dist: Distribution, header: readonly string[]): void {
  if (dist.schema) return;
  const match = nationalSchemaByHeader(header);
  if (!match) return;
  dist.schema = match.schema;
  dist.nationalSchema = { id: match.id, version: match.version, by: 'header' };
}

async function annotateLocalFile(dist: Distribution, sniff: boolean): Promise<void> {
  if (!dist.localPath) return;
  try {
    const stat = statSync(dist.localPath);
    dist.localStatus = stat.isFile() ? 'present' : 'not-a-file';
    if (stat.isFile()) dist.localBytes = stat.size;
  } catch {
    dist.localStatus = 'missing';
  }
  // Only the first 64 KiB are read here; readers stream the whole file later.
  if (sniff && dist.localStatus === 'present') dist.localContent = await sniffFile(dist.localPath).catch(() => undefined);
}

/**
 * The digest of a data file whose distribution declares a checksum, computed from the bytes the
 * reader streams (no second read); `hex()` is undefined unless every byte of the file went past.
 */
function declaredDigest(dist: Distribution): { algorithm: string; update: (chunk: Uint8Array) => void; hex: () => string | undefined } | undefined {
  const declared = dist.checksum === undefined ? undefined : parseChecksum(dist.checksum);
  if (!declared?.ok || dist.localBytes === undefined) return undefined;
  const hash = createHash(declared.algorithm);
  let seen = 0;
  return {
    algorithm: declared.algorithm,
    update: (chunk) => {
      hash.update(chunk);
      seen += chunk.length;
    },
    hex: () => (seen === dist.localBytes ? hash.digest('hex') : undefined),
  };
}

/** Reads one local data file once, feeding the table, row and endTable hooks. */
async function readData(
  dist: Distribution,
  ds: Dataset,
  run: CheckSettings,
  wants: Pick<ReadOptions, 'rows' | 'distinctValues' | 'cellLengths'>,
  call: CallHooks,
  row: TableSink['row'],
  wantsCells: NonNullable<TableSink['wantsCells']>,
  emitCore: EmitCore,
  linesOf: (table: string) => RowLines,
  /** A sample of a remote file: the table, and every finding, is the file at this URL. */
  shownAs?: string,
): Promise<void> {
  const path = dist.localPath!;
  const reader = readerFor(path, dist.localContent?.format);
  if (!reader) return;
  const fileAt: SourceLocation = { file: shownAs ?? path };
  let table: TableInfo | undefined;
  /** `table` has had rows, or may have had, and no `rowsEnd` yet. */
  let rowsOpen = false;
  const rowsEnd = () => {
    if (rowsOpen) call('rowsEnd', fileAt, table!);
    rowsOpen = false;
  };
  let lines: RowLines | undefined;
  const limits = run.limits ?? DEFAULT_LIMITS;
  // The watchdog: reading this file and running the rules on its rows has limits.secondsPerFile.
  const clock = fileClock(limits);
  const digest = declaredDigest(dist);
  try {
    await reader.read(
      path,
      {
        table: (info) => {
          // The table before it (an archive's entry) stopped without its end.
          rowsEnd();
          if (shownAs) Object.assign(info, { path: shownAs, file: shownAs });
          table = info;
          rowsOpen = true;
          lines = linesOf(info.path);
          if (info.headerLine !== undefined) lines.see(info.headerRow, info.headerLine);
          adoptSchemaByHeader(dist, info.header);
          call('table', fileAt, info, dist, ds);
        },
        row: (cells, ctx) => {
          // Every 64th row: reading the clock costs ~0.1 µs, a tenth of a fast row's whole cost.
          if ((ctx.row & 63) === 0) clock.check({ row: ctx.row, line: ctx.line });
          // Line 0: the format has no lines (Parquet); findings keep the row only.
          if (ctx.line > 0) lines!.see(ctx.row, ctx.line);
          row(cells, ctx);
        },
        wantsCells,
        end: (summary) => {
          const hex = digest?.hex();
          if (hex) summary.digest = { algorithm: digest!.algorithm, hex };
          rowsEnd();
          if (table) call('endTable', fileAt, table, summary, dist, ds);
        },
        // An archive entry not read while the others are: reported like a file of its own.
        problem: (err, file) => readProblem(err, file, emitCore),
      },
      { file: displayPath(run.cwd, path), ...wants, limits, clock, ...(dist.dialect ? { dialect: dist.dialect } : {}), ...(digest ? { onBytes: digest.update } : {}) },
    );
  } catch (err) {
    rowsEnd();
    readProblem(err, shownAs ?? path, emitCore);
  }
  rowsEnd();
}

/** A data file (or archive entry) that could not be read, or only in part: its finding. */
function readProblem(err: unknown, file: string, emitCore: EmitCore): void {
  if (err instanceof LimitExceeded) {
    emitCore('core/limit-exceeded', { messageId: err.limit, data: err.data, location: limitLocation(file, err) });
    return;
  }
  if (err instanceof UnsafeEntry) {
    emitCore('core/unsafe-path', { messageId: err.kind === 'link' ? 'entryLink' : 'entryOutside', data: { path: err.entry }, location: { file } });
    return;
  }
  // A file that cannot be opened (EACCES) is a finding too, whichever reader step opened it.
  const system = (err as NodeJS.ErrnoException).syscall !== undefined;
  if (!(err instanceof DataFileError) && !system) throw err;
  const message = err instanceof DataFileError ? err.message : systemErrorMessage(err);
  const location = { file, ...(err instanceof DataFileError && err.where.line ? { line: err.where.line } : {}) };
  emitCore('core/data-unreadable', { messageId: 'unreadable', data: { message }, location });
}
