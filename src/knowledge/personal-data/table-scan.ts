/**
 * What the personal-data rules look at in one table, gathered in one bounded pass that all of
 * them share: the header profile, count columns, value detectors, shape samples of person
 * columns, special-category values and quasi-identifier groups.
 *
 * Each rule asks, in its `table` hook, for the parts it reads, with its own options; rules
 * asking with the same options get the same part, so with default options every cell is
 * examined once however many rules read the results. Parts are fixed at the first row: one
 * asked for later would have missed rows, and throws.
 */
import { arrayCells, cellAt, type RecordCells, type RecordUnits, type RowContext } from '../../model/index.js';
import { PointSample } from './coordinates.js';
import { CountColumns, DEFAULT_SMALL_COUNT_THRESHOLD } from './counts.js';
import { GroupCounter } from './k-anonymity.js';
import { ShapeSample, SpecialValueSample, type ShapeSpec } from './samples.js';
import { isPersonLevel, profileTable, type TableProfile } from './table-profile.js';
import { VALUE_GROUPS, type ValueGroup } from './value-groups.js';
import { ValueScan, type ColumnEvidence } from './value-scan.js';

interface RowReader {
  /** `units`: the record as the CSV reader's UTF-16 units, when it has them (read by the value scan). */
  row(cells: RecordCells, row: number, units?: RecordUnits): void;
  /** True once later rows would change nothing (a full sample): the reader then leaves the list. */
  readonly done?: boolean;
}

/** Rows between two looks for readers that are done (a look is a call per reader). */
const DONE_CHECK_ROWS = 256;

export class PersonalDataScan {
  readonly profile: TableProfile;
  /** The first row read (undefined until then). */
  firstRow?: number;

  private readonly counts = new Map<number, CountColumns>();
  /** Detector groups asked for, by sample size; scanned from the first row. */
  private readonly valueGroups = new Map<number, Set<ValueGroup>>();
  private readonly valueScans = new Map<number, ValueScan>();
  private readonly shapes = new Map<ShapeSpec, Map<number, ShapeSample>>();
  private readonly specialValues = new Map<number, SpecialValueSample>();
  private readonly groups = new Map<number, GroupCounter>();
  private readonly points = new Map<number, PointSample>();
  /** Every part that reads rows and is not done; undefined until the first row. */
  private readers?: RowReader[];
  private rowsRead = 0;
  /** Reads `ctx.record` (TableAnalysis.readsRecord): only the cells its open parts read are cut. */
  readonly readsRecord = true;

  constructor(
    private readonly header: readonly string[],
    private readonly headerRow: number,
  ) {
    this.profile = profileTable(header);
    // Whether the rows are people depends on count columns: every table has them counted.
    this.countColumns(DEFAULT_SMALL_COUNT_THRESHOLD);
  }

  /** The rows are individual people (see `isPersonLevel`; count columns are confirmed by values). */
  get personLevel(): boolean {
    // Which columns are counts does not depend on the threshold: any tally says.
    const counts = this.counts.values().next().value!;
    return isPersonLevel(this.profile, counts.any);
  }

  /** Count columns with their small cells below `threshold`. */
  countColumns(threshold: number): CountColumns {
    return this.part(this.counts, threshold, () => new CountColumns(this.profile, threshold));
  }

  /** Has every column scanned for values of a group of detectors, on `sampleSize` values. */
  scanValues(group: ValueGroup, sampleSize: number): void {
    const groups = this.part(this.valueGroups, sampleSize, () => new Set());
    if (!groups.has(group)) groups.add(this.beforeRows(group));
  }

  /** Per column, the evidence of the kinds asked for with `scanValues` and this sample size. */
  valueEvidence(sampleSize: number): ColumnEvidence[] {
    this.start();
    return this.valueScans.get(sampleSize)?.results() ?? [];
  }

  /** The first `sampleSize` values of the columns of `spec.categories`, tested for its shape. */
  sampleShapes(spec: ShapeSpec, sampleSize: number): ShapeSample {
    const bySize = this.part(this.shapes, spec, () => new Map<number, ShapeSample>());
    return this.part(bySize, sampleSize, () => new ShapeSample(this.profile.of(...spec.categories), spec.test, spec.mask, sampleSize));
  }

  /** Values naming a special category in the first `sampleSize` rows of every column. */
  sampleSpecialValues(sampleSize: number): SpecialValueSample {
    return this.part(this.specialValues, sampleSize, () => new SpecialValueSample(this.profile.columns, sampleSize));
  }

  /** The first `sampleSize` points of the table's coordinate columns, and how many are precise. */
  samplePoints(sampleSize: number): PointSample {
    return this.part(this.points, sampleSize, () => new PointSample(this.profile, sampleSize));
  }

  /**
   * Group sizes over the quasi-identifiers, tracking at most `maxGroups` combinations; undefined
   * when the table has fewer than two kinds of quasi-identifier or its rows are organisations.
   */
  quasiIdentifierGroups(maxGroups: number): GroupCounter | undefined {
    if (this.profile.quasiGroups.size < 2 || this.profile.organisationRows) return undefined;
    return this.part(this.groups, maxGroups, () => new GroupCounter(maxGroups));
  }

  row(cells: readonly string[], ctx: RowContext): void {
    const readers = this.readers ?? this.start();
    this.firstRow ??= ctx.row;
    // The engine sets the record for every reader's rows (`cells` is then empty for the CSV tokenizer's).
    const record = ctx.record ?? arrayCells(cells);
    const units = ctx.record?.units();
    for (let i = 0; i < readers.length; i++) readers[i]!.row(record, ctx.row, units);
    // Full samples leave the list: most parts sample the first rows, and a call per part per row adds up.
    if (++this.rowsRead % DONE_CHECK_ROWS === 0) this.readers = readers.filter((r) => r.done !== true);
  }

  /** The part under `key`, made on first request, before any row. */
  private part<K, V>(parts: Map<K, V>, key: K, make: () => V): V {
    let p = parts.get(key);
    if (p === undefined) parts.set(key, (p = this.beforeRows(make())));
    return p;
  }

  private beforeRows<T>(part: T): T {
    if (this.readers) throw new Error('personal-data scan: parts must be asked for in the table hook, before the rows');
    return part;
  }

  /** Fixes the parts: builds the value scans from the groups asked for, and lists the row readers. */
  private start(): RowReader[] {
    if (this.readers) return this.readers;
    for (const [size, asked] of this.valueGroups) {
      // Groups in a fixed order, so that results do not depend on which rule asked first.
      const groups = Object.entries(VALUE_GROUPS).flatMap(([name, detectors]) => (asked.has(name as ValueGroup) ? [detectors] : []));
      const scan = new ValueScan(this.profile.columns, groups, size);
      // A file without header: its first row is data too.
      if (this.profile.headerIsData) scan.row(arrayCells(this.header), this.headerRow);
      this.valueScans.set(size, scan);
    }
    const qi = this.profile.quasiIdentifiers;
    this.readers = [
      ...this.counts.values(),
      ...this.valueScans.values(),
      ...[...this.shapes.values()].flatMap((bySize) => [...bySize.values()]),
      ...this.specialValues.values(),
      ...this.points.values(),
      ...[...this.groups.values()].map((g) => ({ row: (cells: RecordCells, row: number) => g.add(qi.map((q) => cellAt(cells, q.column.index) ?? ''), row) })),
    ];
    return this.readers;
  }
}
