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
  /** Anything else the reader learnt (sniffed type, line endings...). */
  facts: Record<string, unknown>;
}

/** Passed with every row: where the row is. */
export interface RowContext {
  /** 1-based record number in the file (counts the header and any lines above it). */
  row: number;
  /** 1-based physical line where the record starts. */
  line: number;
  table: TableInfo;
}

/** What a reader learnt by the end of the pass (counts, per-column profiles). */
export interface TableSummary {
  rows: number;
  bytes: number;
  facts: Record<string, unknown>;
}
