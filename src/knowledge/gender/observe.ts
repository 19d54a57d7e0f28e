/**
 * One detection pass per data file, shared by every gender rule and read by the report.
 *
 * Each gender rule that looks at data spreads `observeData` into its hooks. The engine calls the
 * hooks of every rule with the same table and row, one file at a time, so the first call does
 * the work and the others find it done: a read is keyed by the file's path (a new `TableInfo`
 * object for that path starts a new read), rows by their number. Results are kept per dataset
 * object, weakly: nothing outlives the lint run.
 */
import type { Dataset, RowContext, TableInfo } from '../../model/index.js';
import { TableDetector, type TableGender } from './table-detector.js';
import { declaredFlags, type DeclaredFlags, type FlagOptions } from './flags.js';

export interface DatasetGender {
  /** Data files read to the end (a detection exists for each). */
  tables: TableGender[];
  /** Flags as the rules resolved them with their options (portal field names). */
  declared?: DeclaredFlags;
}

interface Pending {
  table: TableInfo;
  detector: TableDetector;
  ds: Dataset;
  lastRow: number;
}

/** Reads in progress by file path; removed when the table ends (a failed read is replaced by the next). */
const pending = new Map<string, Pending>();
const results = new WeakMap<Dataset, DatasetGender>();

function record(ds: Dataset): DatasetGender {
  let r = results.get(ds);
  if (!r) results.set(ds, (r = { tables: [] }));
  return r;
}

/** Hooks to spread into a rule's hooks so the data of its dataset gets observed. */
export const observeData = {
  table(table: TableInfo, _dist: unknown, ds: Dataset): void {
    if (pending.get(table.path)?.table !== table) pending.set(table.path, { table, detector: new TableDetector(table), ds, lastRow: 0 });
  },
  row(cells: readonly string[], ctx: RowContext): void {
    const p = pending.get(ctx.table.path);
    if (!p || ctx.row <= p.lastRow) return;
    p.lastRow = ctx.row;
    p.detector.row(cells, ctx.row);
  },
  endTable(table: TableInfo): void {
    const p = pending.get(table.path);
    if (!p) return;
    pending.delete(table.path);
    record(p.ds).tables.push(p.detector.finish());
  },
};

/** What was observed for a dataset; undefined when no gender rule looked at it. */
export function datasetGender(ds: Dataset): DatasetGender | undefined {
  return results.get(ds);
}

/**
 * The dataset's declared flags under a rule's options, remembered for the report (the first
 * rule to resolve them wins; rules normally share the preset's field names).
 */
export function declaredFor(ds: Dataset, options: Partial<FlagOptions>): DeclaredFlags {
  const declared = declaredFlags(ds, options);
  record(ds).declared ??= declared;
  return declared;
}

/** Detection summed over the dataset's data files. */
export interface DetectedGender {
  /** Number of data files read. */
  tables: number;
  concernsIndividuals: boolean;
  sexDimension: boolean;
}

export function detectedGender(ds: Dataset): DetectedGender {
  const tables = results.get(ds)?.tables ?? [];
  return {
    tables: tables.length,
    concernsIndividuals: tables.some((t) => t.concernsIndividuals),
    sexDimension: tables.some((t) => t.sexDimension),
  };
}
