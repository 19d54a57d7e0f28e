/**
 * One detection pass per data file, shared by every gender rule and read by the report.
 *
 * `GenderObservation` is the engine analysis the gender rules share (rules/gender/_shared.ts):
 * the engine feeds it each row once; each rule that looks at data records it for its dataset at
 * `endTable`, and only the first call counts. Results are kept per dataset object, weakly:
 * nothing outlives the lint run.
 */
import { cellsOf, type Dataset, type RowContext, type TableInfo } from '../../model/index.js';
import { TableDetector, type TableGender } from './table-detector.js';
import { declaredFlags, type DeclaredFlags, type FlagOptions } from './flags.js';

export interface DatasetGender {
  /** Data files read to the end (a detection exists for each). */
  tables: TableGender[];
  /** Flags as the rules resolved them with their options (portal field names). */
  declared?: DeclaredFlags;
}

const results = new WeakMap<Dataset, DatasetGender>();

function record(ds: Dataset): DatasetGender {
  let r = results.get(ds);
  if (!r) results.set(ds, (r = { tables: [] }));
  return r;
}

/** The gender detection of one table, fed every row once (a shared table analysis). */
export class GenderObservation {
  private readonly detector: TableDetector;
  private recorded = false;
  /** Reads `ctx.record` (TableAnalysis.readsRecord): a row's cells are cut only while the detector reads rows. */
  readonly readsRecord = true;

  constructor(table: TableInfo) {
    this.detector = new TableDetector(table);
  }

  row(cells: readonly string[], ctx: RowContext): void {
    // The engine sets the record for every reader's rows (`cells` is then empty for the CSV
    // tokenizer's). Once every column is done, neither the cells nor the units are asked for.
    const record = ctx.record;
    if (record === undefined) {
      if (this.detector.wantsRow(cells.length)) this.detector.row(cells, ctx.row);
    } else if (this.detector.wantsRow(record.width)) this.detector.row(cellsOf(record), ctx.row, record.units());
  }

  /** Records the detection for the dataset once the table was read to its end (later calls do nothing). */
  recordFor(ds: Dataset): void {
    if (this.recorded) return;
    this.recorded = true;
    record(ds).tables.push(this.detector.finish());
  }
}

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
