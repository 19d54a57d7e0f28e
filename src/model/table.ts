/**
 * What a reader tells the rules about a data file before the first row: the format it sniffed,
 * the encoding and dialect it detected, and the header. Readers may add more (profiles, sniffed
 * type) in `facts`; rules must treat unknown facts as absent.
 */
export interface TableInfo {
  /** Absolute path of the data file. */
  path: string;
  /** Path as reported (relative to the working directory). */
  file: string;
  /** Reader that produced it (e.g. `csv`). */
  reader: string;
  /** Detected encoding, e.g. `UTF-8`, `windows-1252`. */
  encoding?: string;
  /** Number of byte-order marks at the start of the file (2 = double BOM). */
  bomCount?: number;
  delimiter?: string;
  /** Header cells; empty when the file has no header row. */
  header: string[];
  /** 1-based record number of the header row (0 when there is none). */
  headerRow: number;
  /** 1-based physical line the header row starts on, when the reader knows it. */
  headerLine?: number;
  /** Spreadsheets (XLSX, ODS): the sheet this table is; each sheet of a workbook is one table. */
  sheet?: string;
  /** Anything else the reader learnt (sniffed type, line endings...). */
  facts: Record<string, unknown>;
}

/** Passed with every row: where the row is. */
export interface RowContext {
  /** 1-based record number in the file (counts the header and any lines above it). */
  row: number;
  /** 1-based physical line where the record starts; 0 when the format has no lines (Parquet). */
  line: number;
  table: TableInfo;
  /** True when the reader knows (cheaply, per chunk) that no cell of the row has a character outside ASCII. */
  ascii?: boolean;
  /** True when it knows that no cell has a surrogate pair: each cell's UTF-16 length is its length in code points. */
  bmp?: boolean;
  /**
   * The record itself, its cells read one by one (during the row hook only). The CSV tokenizer's
   * records answer from where each cell is in the text read, cutting a cell's string only when
   * asked; the engine sets it for every reader's rows when a rule reads it (`RuleMeta.readsRecord`).
   */
  record?: RecordFacts | undefined;
  /** What the CSV reader's profile learnt of the record's cells in its one walk over them (during the row hook only). */
  profiled?: ProfiledRecord | undefined;
}

/**
 * Per-cell facts the profile's walk (src/readers/profile.ts) gathers as it classifies a record's
 * cells, so that a rule's screen need not read the cells again (`data/truncated-value`). Valid only
 * while the record's row hooks run; undefined when the reader has none (every reader but CSV).
 */
export interface ProfiledRecord {
  /** Cells 0 to `covered - 1` were walked (the header's width at most; 0 for a blank record). */
  readonly covered: number;
  /** A bound on those cells' lengths in UTF-16 units (untrimmed): the longest cell walked in the table so far. */
  readonly longest: number;
  /**
   * Bit i (i < PROFILED_CELLS, i < `covered`) set when cell i may be an integer: its `trim()` matches
   * `^[+-]?\d+$`. Set for every such cell (and for a few others: a wide space at either end);
   * a clear bit is a cell that is no integer.
   */
  readonly integers: number;
  /**
   * Of a cell whose bit is set: its value when its `trim()` is a plain integer (digits, no sign or
   * leading zero, at most 15), else -1 — which may also mean not told (a wide space at an end).
   */
  readonly plain: Float64Array;
}

/** The cells `ProfiledRecord.integers` has a bit for: the first 31 (a small integer's bits). */
export const PROFILED_CELLS = 31;

/** A record's cells, each made a string only when asked for. */
export interface RecordCells {
  /** Number of cells. */
  readonly width: number;
  /** Cell i (0 ≤ i < width), as the `cells` array would have it. */
  cell(i: number): string;
}

/** Cell i of a record, or undefined past its last cell (as `cells[i]` reads). */
export function cellAt(record: RecordCells, i: number): string | undefined {
  return i < record.width ? record.cell(i) : undefined;
}

/** An array of cells read as a record (rows held as arrays: a header, tests). */
export function arrayCells(cells: readonly string[]): RecordCells {
  return { width: cells.length, cell: (i) => cells[i]! };
}

/** Every cell of a record, as the `cells` array would have them. */
export function cellsOf(record: RecordCells): string[] {
  const cells: string[] = [];
  for (let i = 0; i < record.width; i++) cells.push(record.cell(i));
  return cells;
}

/**
 * The record being handed out, and answers about it; valid only while its row hooks run. A row
 * hook of a rule that says `RuleMeta.readsRecord` reads its cells here instead of in `cells`.
 */
export interface RecordFacts extends RecordCells {
  /** `isBlankRow(cells)`: every cell empty or whitespace. */
  blank(): boolean;
  /** Bit i set when cell i has a character outside ASCII; undefined when the reader cannot tell (rows of more than 31 cells...). */
  nonAscii(): number | undefined;
  /** `hash53(cells)` of the record (src/engine/hash-set.ts: the same number), read from the reader's copy of its text. */
  hash53(): number;
  /** The record as UTF-16 units of the reader's copy of its text (see `RecordUnits`): read instead of the cut strings. */
  units(): RecordUnits;
}

/**
 * A record as UTF-16 units of a copy of its text: cell p < `known` with `starts[p] >= 0` is
 * `units[starts[p], ends[p])` (the CSV tokenizer's quoted values too, doubled quotes undoubled in
 * the copy); the others (every cell when `known` is 0, as for the readers other than the CSV
 * tokenizer) are read from their strings (`RecordCells.cell`).
 * Typed-array reads cost less than `charCodeAt` on a string cut out of a chunk (V8 reads those
 * through the chunk). Valid only while the record's row hooks run.
 */
export interface RecordUnits {
  readonly units: Uint16Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly known: number;
  /**
   * The text `units` is a copy of (same positions), when the reader has one: a search over it
   * (`indexOf`, native) may be kept for the records after, which come in order in the same text.
   * Undefined for a record whose units are not all the text's (the CSV tokenizer's quoted values
   * with doubled quotes, undoubled in the copy).
   */
  readonly text?: string;
}

/** What a reader learnt by the end of the pass (counts, per-column profiles). */
export interface TableSummary {
  rows: number;
  bytes: number;
  facts: Record<string, unknown>;
  /**
   * The digest of the whole file in the algorithm its distribution declares a checksum in, when
   * it declares one and the reader streamed every byte past the engine (`ReadOptions.onBytes`).
   */
  digest?: { algorithm: string; hex: string };
}

// ---------------------------------------------------------------------------------------------
// Facts the CSV reader puts in `TableInfo.facts` / `TableSummary.facts`. Rules read them through
// the accessors below (never by string keys), and treat an absent fact as "not known".

/** Kinds of cell value the profiler tells apart (after trimming). */
export const CELL_TYPES = [
  'text',
  'integer',
  'number',
  'decimal-comma',
  'grouped-number',
  'boolean',
  'date',
  'datetime',
  'date-other',
  'null',
] as const;
export type CellType = (typeof CELL_TYPES)[number];

/** How many cells had a property, and the first row (1-based record number) where one did. */
export interface Tally {
  count: number;
  firstRow: number;
}

/** A non-ISO date layout seen in a column, e.g. `DD/MM/YYYY`. */
export interface DateFormatTally extends Tally {
  /** `DD/MM/YYYY`, `MM/DD/YYYY`, `YYYY/MM/DD`... `NN/NN/YYYY` when day and month cannot be told apart. */
  pattern: string;
}

/**
 * What one pass learnt about a column, in bounded memory: tallies, numeric and date ranges,
 * and distinct values up to a cap (beyond it, only "more than `cap`" is known).
 */
export interface ColumnProfile {
  /** 0-based column index. */
  index: number;
  /** Header cell, or the 1-based index as a string when the cell is blank or there is no header. */
  name: string;
  /** Non-empty cells (whitespace-only cells count as empty). */
  filled: number;
  empty: number;
  /** Cells of each type (only types that occurred). */
  types: Partial<Record<CellType, Tally>>;
  /** The type most values have (`integer`+`number` → `number`, `date`+`datetime` → `datetime`); `empty` when none. */
  inferredType: CellType | 'empty';
  /**
   * Distinct trimmed values: exact when `capped` is false, else "more than `count`". Counted only
   * when an enabled rule reads them (`RuleMeta.needsDistinctValues`, or any plugin rule).
   */
  distinct?: { count: number; capped: boolean };
  /**
   * Each distinct trimmed value with its occurrences and the row it first appears on, when not
   * capped (in order of first appearance). May contain personal data: mask before printing.
   */
  valueCounts?: ReadonlyMap<string, Tally>;
  /** Smallest and largest number (integer, number columns) and ISO date/datetime (string order). */
  min?: number;
  max?: number;
  minDate?: string;
  maxDate?: string;
  /** Longest cell, in UTF-16 units. */
  maxLength: number;
  /** Cells with leading or trailing whitespace. */
  padded: Tally;
  /** Integers beyond ±(2^53 − 1): JavaScript (and JSON parsers) silently round them. */
  unsafeIntegers: Tally;
  /** Non-ISO date layouts, most frequent first. */
  dateFormats: DateFormatTally[];
}

export interface TableProfile {
  columns: ColumnProfile[];
  /** Records after the header (blank ones included). */
  dataRows: number;
  blankRows: number;
}

/** Why a row above the header is not data. */
export interface PreambleRow {
  row: number;
  kind: 'blank' | 'title' | 'comment';
}

export interface CsvTableFacts {
  /**
   * `present`, `missing` (the first row looks like data), `empty` (no content), or `none`
   * (the declared dialect says the file has no header row).
   */
  header: 'present' | 'missing' | 'empty' | 'none';
  /** The evidence used to decide the header, for messages. */
  headerEvidence: string[];
  /** Rows above the header: blank lines, titles, comments. */
  preamble: PreambleRow[];
  /** How the delimiter was chosen. */
  delimiterSource: 'extension' | 'sniffed' | 'dialect';
  /** `dialect` when the descriptor's dialect placed the header (no detection). */
  headerSource?: 'dialect' | 'detected';
  /**
   * The number of columns whose cells' lengths the reader counts (`CsvSummaryFacts.cellLengths`:
   * the header's width), when asked (`ReadOptions.cellLengths`) for the rows.
   */
  cellLengths?: number;
}

export interface LineEndingStats {
  crlf: number;
  lf: number;
  cr: number;
  /** Line (1-based) where each kind first occurs (0 = never). */
  firstLine: { crlf: number; lf: number; cr: number };
}

/** A record csv-parse could not read (an unclosed quote, an oversized record: the pass stops there...). */
export interface MalformedRecord {
  /** Record number it would have had, and the physical line where it starts. */
  row: number;
  line: number;
  kind: 'unclosed-quote' | 'too-large' | 'other';
  message: string;
}

/** A quote the relaxed CSV parser took literally (src/readers/quotes.ts). */
export interface StrayQuote {
  /** `inside` an unquoted value (`ab"c`); text `after` a closing quote (`"ab"c`), or a blank there (`"ab" ,`). */
  kind: 'inside' | 'after' | 'spaceAfter';
  /** Physical line (1-based) of the quote. */
  line: number;
}

export interface StrayQuoteStats {
  /** Lines with stray quotes. */
  count: number;
  /** The first quote of each of the first lines (at most 100), in file order. */
  first: StrayQuote[];
}

/** A cell longer than `CellLengthFacts`' threshold: its row and its length in code points. */
export interface LongCell {
  row: number;
  length: number;
}

/**
 * The lengths of a table's cells per column (0-based), in code points, empty cells left out: what
 * `data/deviated-cell` reads (src/knowledge/cell-lengths.ts counts them).
 */
export interface CellLengthFacts {
  /** Cells counted in a column. */
  n(column: number): number;
  /** The median of a column's lengths. */
  median(column: number): number;
  /** The sample standard deviation of a column's lengths. */
  stdev(column: number): number;
  /** Per column, the cells longer than 5000 code points, while the table has at most 100,000 of them. */
  readonly long: readonly (readonly LongCell[])[];
  /** More than 100,000 cells were longer than 5000 code points: the later ones are not in `long`. */
  readonly partial: boolean;
}

export interface CsvSummaryFacts {
  profile: TableProfile;
  /** The cells' lengths, counted in the profile's walk when asked (`ReadOptions.cellLengths`). */
  cellLengths?: CellLengthFacts;
  lineEndings: LineEndingStats;
  malformed: MalformedRecord[];
  /** Stray quotes, when the dialect could be scanned for them (one-byte quote and delimiter). */
  strayQuotes?: StrayQuoteStats;
  /** First byte sequence that is not UTF-8 in a file read as UTF-8 (the sample looked fine). */
  invalidUtf8?: { byteOffset: number; line: number };
}

/** The CSV reader's facts about a table, or undefined for other readers. */
export function csvTableFacts(table: TableInfo): CsvTableFacts | undefined {
  return table.reader === 'csv' ? (table.facts as unknown as CsvTableFacts) : undefined;
}

/** The CSV reader's end-of-pass facts, or undefined (other reader, or rows not read). */
export function csvSummaryFacts(summary: TableSummary): CsvSummaryFacts | undefined {
  return summary.facts.profile && summary.facts.lineEndings ? (summary.facts as unknown as CsvSummaryFacts) : undefined;
}

/** The column profile of a table, when the reader made one (CSV and spreadsheet readers). */
export function tableProfile(summary: TableSummary): TableProfile | undefined {
  return (summary.facts as { profile?: TableProfile }).profile;
}

/** Where the header is and what is above it: CSV files and spreadsheet sheets alike. */
export type HeaderFacts = Pick<CsvTableFacts, 'header' | 'headerEvidence' | 'preamble'>;

/** The header facts of a table, from the readers that detect headers (CSV, XLSX, ODS). */
export function headerFacts(table: TableInfo): HeaderFacts | undefined {
  return table.reader === 'csv' || table.sheet !== undefined ? (table.facts as unknown as HeaderFacts) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Facts of the spreadsheet readers (XLSX, ODS): one table per sheet.

export interface SheetTableFacts extends HeaderFacts {
  /** 1-based position of the sheet in the workbook. */
  sheetIndex: number;
  /** `hidden` (unhidden from the menu) or `veryHidden` (XLSX: only by a macro or an XML editor). */
  sheetState: 'visible' | 'hidden' | 'veryHidden';
}

/** A count, with the first few places (A1 references or row numbers) it was found at. */
export interface SheetTally {
  count: number;
  /** The first places, in sheet order (at most `SHEET_SAMPLES`). */
  at: string[];
}

export const SHEET_SAMPLES = 5;

/** A run of non-blank rows after the header, separated from the one before by blank rows. */
export interface SheetBlock {
  firstRow: number;
  lastRow: number;
  /** Non-blank rows in it. */
  rows: number;
}

export interface SheetSummaryFacts {
  profile: TableProfile;
  sheet: {
    /** Merged ranges (`A1:C1`). */
    merged: SheetTally;
    /** Formulas whose result the file does not store (cell references). */
    formulasWithoutValue: SheetTally;
    /** Hidden rows that hold data (row numbers as strings). */
    hiddenRows: SheetTally;
    /** Hidden columns that hold data (column letters). */
    hiddenColumns: SheetTally;
    /** Cells with data in the whole sheet (header and rows above it included). */
    filledCells: number;
    /** Blocks of rows below the header: more than one means blank rows split the sheet (at most 20 kept). */
    blocks: SheetBlock[];
    /** Groups of columns side by side, separated by columns empty from the header down (1-based, inclusive). */
    columnGroups: { first: number; last: number }[];
  };
}

/** Column letters of a 0-based column: `A` for 0, `Z` for 25, `AA` for 26... */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 0-based column of letters (`A` → 0); NaN when they are not letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0) - 64;
    if (c < 1 || c > 26) return NaN;
    n = n * 26 + c;
  }
  return n - 1;
}

/** The spreadsheet readers' facts about a sheet, or undefined for other tables. */
export function sheetTableFacts(table: TableInfo): SheetTableFacts | undefined {
  return table.sheet !== undefined ? (table.facts as unknown as SheetTableFacts) : undefined;
}

/** The spreadsheet readers' end-of-sheet facts, or undefined (another reader, or rows not read). */
export function sheetSummaryFacts(summary: TableSummary): SheetSummaryFacts['sheet'] | undefined {
  return (summary.facts as Partial<SheetSummaryFacts>).sheet;
}

/** Name of column `index` (0-based) for locations: the header cell, else the 1-based index. */
export function columnName(table: TableInfo, index: number): string {
  const name = table.header[index]?.trim();
  return name ? table.header[index]! : String(index + 1);
}

/**
 * `cell.trim()`, without the call for the common cell that starts and ends with a printable
 * ASCII character (no whitespace to take off): row hooks trim every cell they read.
 */
export function trimCell(cell: string): string {
  const n = cell.length;
  if (n === 0) return cell;
  const a = cell.charCodeAt(0);
  const b = cell.charCodeAt(n - 1);
  return a > 32 && a < 127 && b > 32 && b < 127 ? cell : cell.trim();
}

/** True when every cell is empty or whitespace (a blank line parses as one empty cell). */
export function isBlankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i]!;
    if (v.length === 0) continue;
    const c = v.charCodeAt(0);
    if ((c > 32 && c !== 160) || v.trim().length !== 0) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Facts of the JSON reader (TableSummary.facts): JSON files have no rows, only these.

export interface GeoJsonFacts {
  /** Top-level `type` (FeatureCollection, Feature, a geometry type), or undefined when absent. */
  type?: string;
  features: number;
  /** Features that are not `{"type": "Feature", "geometry": ..., "properties": ...}`, or geometries without valid coordinates. */
  invalid: { count: number; first: number };
  /** Positions outside longitude ±180 / latitude ±90: projected coordinates (RFC 7946 requires WGS 84). */
  outOfRange: { count: number; first: number };
  /** A `crs` member (removed by RFC 7946). */
  crs: boolean;
}

export interface JsonSummaryFacts {
  json: {
    topLevel: 'object' | 'array' | 'scalar';
    /** Present when the content was checked as GeoJSON (small enough to load). */
    geojson?: GeoJsonFacts;
    /** True when the file was too large for the GeoJSON checks (syntax was still checked). */
    structureSkipped?: boolean;
  };
}

export function jsonSummaryFacts(summary: TableSummary): JsonSummaryFacts['json'] | undefined {
  return (summary.facts as Partial<JsonSummaryFacts>).json;
}
