/**
 * Count cells of statistical tables: parsing, suppression markers, small-cell tallies.
 * A count column is a column whose header says "count" and whose cells are whole numbers
 * (or suppression markers); a small cell is 0 < v < threshold (zero cells reveal nobody).
 */
import { cellAt, type RecordCells } from '../../model/index.js';
import { fold } from './text.js';
import type { ColumnRole, TableProfile } from './table-profile.js';

/** The threshold of small counts the rules use by default (k = 5). */
export const DEFAULT_SMALL_COUNT_THRESHOLD = 5;

/**
 * Markers statistical offices use for cells suppressed on purpose: `x` and `c` (Eurostat,
 * Statbel, CBS), `..` and `:` (Eurostat, OECD), `<5`, `confidentiel`, SDMX OBS_STATUS `Q`
 * (missing value; suppressed) and CONF_STATUS `C`.
 */
const MARKERS = new Set([
  'x', 'c', 'q', '..', '...', ':', '*', '§', 'confidentiel', 'confidential', 'vertrouwelijk', 'geheim', 'secret',
  'suppressed', 'supprime', 'masque', 'masked', 'geheimhaltung', 'n.p.', 'np',
]);

export function isSuppressionMarker(cell: string): boolean {
  const t = fold(cell.trim());
  return MARKERS.has(t) || /^(<|&lt;|≤|<=)\s*\d+$/.test(t);
}

/** A whole number written as a count (`42`, `  3968`, `1 234`, `12.345`), else undefined. */
export function parseCount(cell: string): number | undefined {
  const t = cell.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}([ .'\u00a0\u202f]\d{3})+$/.test(t)) return Number(t.replace(/\D/g, ''));
  if (/^\d+\.0+$/.test(t)) return Number(t);
  return undefined;
}

/** Running tally of one count column over all rows (constant memory). */
export class CountTally {
  cells = 0;
  counts = 0;
  suppressed = 0;
  other = 0;
  small = 0;
  smallest = Infinity;
  readonly smallRows: number[] = [];

  constructor(
    private readonly threshold: number,
    private readonly keepRows = 5,
  ) {}

  add(cell: string, row: number): void {
    if (cell.trim() === '') return;
    this.cells++;
    const n = parseCount(cell); // numbers first: the common case, and cheaper than the markers
    if (n === undefined) {
      if (isSuppressionMarker(cell)) this.suppressed++;
      else this.other++;
      return;
    }
    this.counts++;
    if (n > 0 && n < this.threshold) {
      this.small++;
      this.smallest = Math.min(this.smallest, n);
      if (this.smallRows.length < this.keepRows) this.smallRows.push(row);
    }
  }

  /** Whole numbers (or markers) in at least 90% of the non-empty cells: a count column. */
  get isCountColumn(): boolean {
    const considered = this.counts + this.other;
    return this.counts > 0 && this.counts >= 0.9 * considered;
  }
}

/**
 * Count columns of a table, confirmed by values: their header says "count" and at least 90%
 * of their non-empty cells are whole numbers or suppression markers. Which columns are counts
 * does not depend on the threshold; only the small-cell tallies do. Bounded: a few counters
 * per candidate column.
 */
export class CountColumns {
  readonly tallies: { column: ColumnRole; tally: CountTally }[];

  constructor(profile: TableProfile, threshold: number) {
    this.tallies = profile.countCandidates.map((column) => ({ column, tally: new CountTally(threshold) }));
  }

  row(cells: RecordCells, row: number): void {
    for (const { column, tally } of this.tallies) tally.add(cellAt(cells, column.index) ?? '', row);
  }

  /** No candidate column: the rows change nothing (the scan then stops calling `row`). */
  get done(): boolean {
    return this.tallies.length === 0;
  }

  get confirmed(): { column: ColumnRole; tally: CountTally }[] {
    return this.tallies.filter((t) => t.tally.isCountColumn);
  }

  get any(): boolean {
    return this.confirmed.length > 0;
  }
}
