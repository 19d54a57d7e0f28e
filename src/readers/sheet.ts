/**
 * One sheet of a spreadsheet as a table, whatever the file format: the XLSX and ODS readers
 * parse their XML and hand each sheet's non-empty rows here (with their sheet row numbers); this
 * decides the header like the CSV reader does, pads rows to the header's width, emits blank rows
 * for the gaps between data rows, profiles the columns and gathers the facts the `data/sheet-*`
 * rules read (merged cells, formulas without values, hidden rows and columns with data, blocks).
 */
import { columnLetters, columnName, isBlankRow, LimitExceeded, SHEET_SAMPLES, type FileClock, type Limits, type PreambleRow, type SheetBlock, type SheetSummaryFacts, type SheetTableFacts, type SheetTally, type TableDialect, type TableInfo } from '../model/index.js';
import { declaredHeader, declaresHeader, detectHeader, HEADER_SAMPLE, type BufferedRecord } from './header.js';
import { TableProfiler } from './profile.js';
import type { TableSink } from './types.js';

/** Rows of the largest sheets Excel and LibreOffice write; a row number beyond is a broken file. */
export const MAX_SHEET_ROWS = 1_048_576;
const MAX_BLOCKS = 20;
const MAX_PREAMBLE_BLANKS = 10;

export class Tally implements SheetTally {
  count = 0;
  at: string[] = [];
  add(where: string, n = 1): void {
    this.count += n;
    if (this.at.length < SHEET_SAMPLES) this.at.push(where);
  }
}

export interface SheetOptions {
  path: string;
  file: string;
  reader: 'xlsx' | 'ods';
  sheet: string;
  sheetIndex: number;
  sheetState: SheetTableFacts['sheetState'];
  wantRows: boolean;
  /** Count the profile's distinct values (ReadOptions.distinctValues). */
  distinctValues: boolean;
  limits: Limits;
  clock?: FileClock;
  dialect?: TableDialect;
}

export class SheetPass {
  readonly merged = new Tally();
  readonly formulasWithoutValue = new Tally();
  private readonly hiddenRows = new Tally();
  /** Hidden columns (0-based), as the sheet declares them before its rows. */
  readonly hiddenColumns = new Set<number>();
  private readonly hiddenColumnData = new Map<number, number>();
  private pending: BufferedRecord[] | null = [];
  private info: TableInfo;
  private profiler: TableProfiler | undefined;
  private width = 0;
  private lastRow = 0;
  private records = 0;
  private cells = 0;
  private filledCells = 0;
  private blocks: SheetBlock[] = [];
  /** Rows not wanted (no rule reads them) or past a limit: the rest of the sheet is only scanned for facts. */
  private done = false;

  constructor(
    private readonly sink: TableSink,
    private readonly o: SheetOptions,
  ) {
    this.info = { path: o.path, file: o.file, reader: o.reader, sheet: o.sheet, header: [], headerRow: 0, facts: {} };
  }

  /** Counts cells against limits.sheetCells (repeated ODS cells one by one). */
  countCells(n: number, row: number): void {
    this.cells += n;
    if (this.cells > this.o.limits.sheetCells) throw new LimitExceeded('sheetCells', this.o.limits.sheetCells, { row, sheet: this.o.sheet }, { found: this.cells });
  }

  /** Checks a cell's 0-based column against limits.cellsPerRow before a reader stores it. */
  checkColumn(column: number, row: number): void {
    if (column >= this.o.limits.cellsPerRow) throw new LimitExceeded('cellsPerRow', this.o.limits.cellsPerRow, { row, sheet: this.o.sheet }, { found: column + 1 });
  }

  /**
   * One row of the sheet, in order: `cells` from column A, trailing empty cells trimmed;
   * rows with no content may be skipped by the reader (they are the gaps).
   */
  addRow(row: number, cells: string[], hidden: boolean): void {
    if (row <= this.lastRow || row > MAX_SHEET_ROWS) return;
    let filled = 0;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i] === '' || cells[i]!.trim() === '') continue;
      filled++;
      if (this.hiddenColumns.has(i) && !this.hiddenColumnData.has(i)) this.hiddenColumnData.set(i, row);
    }
    if (filled === 0) return;
    this.filledCells += filled;
    if (hidden) this.hiddenRows.add(String(row));
    const gap = this.lastRow > 0 ? row - this.lastRow - 1 : 0;
    this.lastRow = row;
    this.records++;
    if (this.pending) {
      this.pending.push({ cells, row, line: row });
      if (this.pending.length >= Math.max(HEADER_SAMPLE, ...(this.o.dialect?.headerRows ?? []))) this.decide();
      return;
    }
    this.emitData(cells, row, gap);
  }

  /** Data rows after the header: blank rows for the gap above, then the row. */
  private emitData(cells: string[], row: number, gap: number): void {
    const last = this.blocks.at(-1);
    if (!last || gap > 0) {
      if (this.blocks.length < MAX_BLOCKS) this.blocks.push({ firstRow: row, lastRow: row, rows: 1 });
    } else {
      last.lastRow = row;
      last.rows++;
    }
    if (this.done) return;
    for (let r = row - gap; r < row; r++) {
      this.countCells(1, r);
      this.emit([], r);
    }
    this.emit(cells, row);
  }

  private emit(cells: string[], row: number): void {
    if (cells.length < this.width) cells = [...cells, ...Array<string>(this.width - cells.length).fill('')];
    this.profiler!.add(cells, row, isBlankRow(cells));
    if ((row & 255) === 0) this.o.clock?.check({ row, sheet: this.o.sheet });
    // Line 0: a sheet has no lines (the engine derives none; findings keep the row).
    this.sink.row(cells, { row, line: 0, table: this.info });
  }

  /** The header from the first rows (as for CSV), then the table goes out and the buffer is replayed. */
  private decide(): void {
    const records = this.pending!;
    this.pending = null;
    const dialect = this.o.dialect;
    const declared = declaresHeader(dialect);
    const d = declared ? declaredHeader(records, dialect!) : detectHeader(records);
    const header = d.headerIndex >= 0 ? records[d.headerIndex]! : undefined;
    const data = records.slice(d.dataStart);
    this.width = header ? header.cells.length : Math.max(0, ...data.map((r) => r.cells.length));
    if (this.width > this.o.limits.columns) {
      throw new LimitExceeded('columns', this.o.limits.columns, { row: (header ?? data[0]!).row, sheet: this.o.sheet }, { found: this.width });
    }
    this.info.header = d.headerCells ?? header?.cells ?? [];
    this.info.headerRow = header?.row ?? 0;
    const facts: SheetTableFacts = {
      header: d.status,
      headerEvidence: d.evidence,
      preamble: withBlankRows(d.preamble, (header ?? data[0])?.row ?? 0, records),
      sheetIndex: this.o.sheetIndex,
      sheetState: this.o.sheetState,
    };
    this.info.facts = { ...facts };
    this.sink.table(this.info);
    this.done = !this.o.wantRows;
    this.profiler = new TableProfiler(
      Array.from({ length: this.width }, (_, i) => columnName(this.info, i)),
      this.o.distinctValues,
    );
    let previous = header?.row ?? 0;
    for (const r of data) {
      this.emitData(r.cells, r.row, previous > 0 ? r.row - previous - 1 : 0);
      previous = r.row;
    }
  }

  /** End of the sheet: the table (decided now if it was short) and its summary. */
  finish(): void {
    if (this.pending) this.decide();
    const hiddenColumns = new Tally();
    for (const [i] of [...this.hiddenColumnData].sort((a, b) => a[0] - b[0])) hiddenColumns.add(columnLetters(i));
    const profile = this.profiler!.result();
    const sheet: SheetSummaryFacts['sheet'] = {
      merged: plain(this.merged),
      formulasWithoutValue: plain(this.formulasWithoutValue),
      hiddenRows: plain(this.hiddenRows),
      hiddenColumns: plain(hiddenColumns),
      filledCells: this.filledCells,
      blocks: this.blocks,
      columnGroups: columnGroups(this.info.header, profile.columns.map((c) => c.filled)),
    };
    const facts: SheetSummaryFacts = { profile, sheet };
    this.sink.end({ rows: this.lastRow, bytes: 0, facts: { ...facts } });
  }
}

function plain(t: Tally): SheetTally {
  return { count: t.count, at: t.at };
}

/** The preamble with the sheet's empty rows above the first record (not records: the readers skip them) as blank rows. */
function withBlankRows(preamble: PreambleRow[], firstRow: number, records: readonly BufferedRecord[]): PreambleRow[] {
  if (firstRow <= 1) return preamble;
  const present = new Set(records.map((r) => r.row));
  const blanks: PreambleRow[] = [];
  for (let r = 1; r < firstRow && blanks.length < MAX_PREAMBLE_BLANKS; r++) if (!present.has(r)) blanks.push({ row: r, kind: 'blank' });
  return [...preamble, ...blanks].sort((a, b) => a.row - b.row);
}

/**
 * Groups of columns with content, split by columns that are empty from the header down: two
 * tables side by side. Leading empty columns (a table starting in column B) split nothing.
 */
function columnGroups(header: readonly string[], filled: readonly number[]): { first: number; last: number }[] {
  const groups: { first: number; last: number }[] = [];
  const width = Math.max(header.length, filled.length);
  let open: { first: number; last: number } | undefined;
  for (let i = 0; i < width; i++) {
    const used = (header[i]?.trim() ?? '') !== '' || (filled[i] ?? 0) > 0;
    if (used && open) open.last = i + 1;
    else if (used) groups.push((open = { first: i + 1, last: i + 1 }));
    else open = undefined;
  }
  return groups;
}
