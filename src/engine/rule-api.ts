/**
 * The shape of every rule (GUIDE §3). A rule is one file in `rules/<family>/<id>.ts` exporting
 * `meta` and `create`; it imports only this module and `src/model/`.
 */
import type {
  Dataset,
  Fix,
  Distribution,
  Severity,
  SourceLocation,
  TableInfo,
  RowContext,
  TableSummary,
} from '../model/index.js';

export type RuleFamily =
  | 'core'
  | 'licence'
  | 'metadata'
  | 'distribution'
  | 'format'
  | 'data'
  | 'personal-data'
  | 'gender'
  | 'documentation'
  | 'catalogue'
  | 'dcat-ap'
  // A plugin's namespace (`foo` for `foo/rule-id`) or `policy` for a config's declarative rules:
  // odlint sets it when it loads them (docs/plugins.md).
  | (string & {});

export interface RuleMeta {
  /** `<family>/<kebab-case-name>`, unique. */
  id: string;
  family: RuleFamily;
  /** One line: what the rule reports. */
  description: string;
  /** Why a publisher should care, with its anchor (MQA indicator, DCAT-AP property, GDPR article...). */
  rationale: string;
  severity: Severity;
  /** Presets that enable the rule (`recommended` implies `strict`). */
  presets: string[];
  /** JSON Schema (ajv) of the rule's options object; omitted when the rule has none. */
  optionsSchema?: Record<string, unknown>;
  /** Default options (merged under the user's before validation). */
  defaultOptions?: Record<string, unknown>;
  /** Message templates keyed by message id; `{{name}}` is replaced by `data.name`. */
  messages: Record<string, string>;
  /** True when the rule needs the rows of data files (the engine only reads files when asked). */
  needsRows?: boolean;
  /**
   * True when the rule reads the profile's distinct values (`ColumnProfile.distinct`,
   * `valueCounts`): readers count them only when an enabled rule (or any plugin rule) may read them.
   */
  needsDistinctValues?: boolean;
  /**
   * True when the rule reads the CSV reader's count of the cells' lengths (`CsvSummaryFacts.cellLengths`)
   * where the table facts announce it (`CsvTableFacts.cellLengths`): counted only then.
   */
  needsCellLengths?: boolean;
  /**
   * True when the rule's `row` hook reads the row from `ctx.record` (always set for it: `width`,
   * `cell(i)`, `blank()`...) and never from `cells`. When every rule and analysis reading a
   * table's rows says so, the CSV reader cuts no cell strings and `cells` is empty; a rule
   * without it (a plugin's) gets `cells` as always.
   */
  readsRecord?: boolean;
  /** True when `--fix` can repair what the rule reports. */
  fixable?: boolean;
  /**
   * The SHACL shape set the rule reports the results of (src/shacl/shape-sets.ts): the engine
   * validates the dataset's RDF against the enabled rules' sets before the hooks run, and the
   * rule reads its results with `shaclResults(ds, set)`.
   */
  shapes?: string;
  /**
   * The same check in peer tools: frictionless-py error types (`extra-cell`) and csvlint.rb
   * error/warning types (`ragged_rows`), keyed by this rule's message id, `*` for all of them.
   * Shown in the rule's docs; the peer-suite test (test/peer/) maps peer errors through it.
   */
  equivalents?: { frictionless?: Record<string, string[]>; csvlint?: Record<string, string[]> };
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  location: SourceLocation;
  /** Overrides the configured severity for this finding only (e.g. escalation on validated IDs). */
  severity?: Severity;
  /** The safe edit that repairs the problem, for `--fix` (only rules with `meta.fixable`). */
  fix?: Fix;
}

export interface RuleContext<Options = Record<string, unknown>> {
  readonly ruleId: string;
  readonly options: Options;
  readonly severity: Severity;
  /** Settings shared by all rules (working directory, online flag). */
  readonly settings: { cwd: string; online: boolean; data: boolean };
  /**
   * Reports a finding. `at` (from `mark()`): the finding goes where a report made when the mark
   * was taken would have gone among the dataset's findings (findings at the same place sort by
   * report order), for a rule that answers rows late, in batches.
   */
  report(descriptor: ReportDescriptor, at?: number): void;
  /** The place of a report made now, for `report(descriptor, at)` later. */
  mark(): number;
  /**
   * The shared instance of an analysis for the table being read: created by the first rule
   * that asks (in its `table` hook), then fed every row ONCE by the engine, before the rules'
   * own row hooks. Rules that need the same per-cell work (detectors, profiles) share it
   * instead of each redoing it; each reads the results in `endTable`. A rule using an
   * analysis without a `row` hook of its own sets `meta.needsRows`.
   */
  analysis<T extends TableAnalysis>(def: AnalysisDef<T>, table: TableInfo): T;
  /**
   * Catalogue rules (a module with `catalogue`): this dataset's part of the catalogue summary —
   * compact facts (counters, a few ids), never the dataset. The engine merges the parts with
   * `catalogue.merge`; `catalogue.report` sees the whole after the last dataset.
   */
  contribute(summary: unknown): void;
}

/** What a catalogue rule's `report` gets: its settings and where catalogue findings point. */
export interface CatalogueContext<Options = Record<string, unknown>> {
  readonly ruleId: string;
  readonly options: Options;
  readonly severity: Severity;
  /** The descriptor files that contributed, as their common folder (or the file, when one). */
  readonly location: SourceLocation;
  report(descriptor: ReportDescriptor): void;
}

/**
 * The catalogue part of a rule: summaries are plain JSON (they travel between worker threads
 * and, with --shard, through jsonl to merge-reports) and `merge` may see them grouped in any
 * way, so it must not depend on the grouping (sums, unions, maxima).
 */
export interface CatalogueHooks<Summary = unknown, Options = Record<string, unknown>> {
  merge(a: Summary, b: Summary): Summary;
  report(summary: Summary, context: CatalogueContext<Options>): void;
}

/** Per-table work shared by several rules (see `RuleContext.analysis`). */
export interface TableAnalysis {
  row(cells: readonly string[], ctx: RowContext): void;
  /** True when `row` reads the row from `ctx.record` and never `cells` (see `RuleMeta.readsRecord`). */
  readonly readsRecord?: boolean;
}

export interface AnalysisDef<T extends TableAnalysis> {
  /** Names the analysis in crash reports. */
  readonly name: string;
  create(table: TableInfo): T;
}

/** Declares a shared table analysis; keep the returned object as a module constant. */
export function defineAnalysis<T extends TableAnalysis>(name: string, create: (table: TableInfo) => T): AnalysisDef<T> {
  return { name, create };
}

/**
 * Hooks a rule may implement. `create` runs once per dataset, so closure state is per dataset.
 * Order: dataset → distribution (each) → for each readable data file: table → row (each) →
 * endTable → end.
 */
export interface RuleHooks {
  dataset?(ds: Dataset): void;
  distribution?(dist: Distribution, ds: Dataset): void;
  /** Returns false when the rule has nothing to check in this table's rows: its `row` hook is then not called for them. */
  table?(table: TableInfo, dist: Distribution, ds: Dataset): void | false;
  row?(cells: readonly string[], ctx: RowContext): void;
  /**
   * After the last row of a table the rules were given, whether or not the table was read to its
   * end (`endTable` is called only when it was; when it is, after this): a rule that answers rows
   * late (in batches) answers its last ones here.
   */
  rowsEnd?(table: TableInfo): void;
  endTable?(table: TableInfo, summary: TableSummary, dist: Distribution, ds: Dataset): void;
  end?(ds: Dataset): void;
}

export interface RuleModule<Options = Record<string, unknown>, Summary = unknown> {
  meta: RuleMeta;
  create(context: RuleContext<Options>): RuleHooks;
  /** Set by odlint on the rules of plugins and on a config's policies (odlint's presets leave those alone). */
  readonly source?: 'plugin' | 'policy';
  /** Catalogue-level rules: reported once after the last dataset, from merged summaries. */
  catalogue?: CatalogueHooks<Summary, Options>;
}

/** Identity helper that gives rule files type checking and inference. */
export function defineRule<Options = Record<string, unknown>, Summary = unknown>(rule: RuleModule<Options, Summary>): RuleModule<Options, Summary> {
  return rule;
}

export { locate, firstText } from '../model/index.js';
export { FindingLimit, MAX_FINDINGS_OPTION } from './finding-limit.js';
export { hash53, HashSeen } from './hash-set.js';
export { shaclResults, type DatasetShaclResult } from './shacl-results.js';
