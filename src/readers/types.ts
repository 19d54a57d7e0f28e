import type { FileClock, Limits, TableDialect, TableInfo, RowContext, TableSummary } from '../model/index.js';

/** Receives one data file's content, in order: table (header known) → rows → end. */
export interface TableSink {
  table(info: TableInfo): void;
  /** `cells` is empty when `wantsCells` said no and the reader has `ctx.record` to read them from. */
  row(cells: string[], ctx: RowContext): void;
  /**
   * Asked after `table`: whether anything reads the rows' `cells` arrays (true when absent). When
   * not, a reader that can (the CSV tokenizer) hands out an empty array and `ctx.record`, and cuts
   * a cell's string only when something asks for it.
   */
  wantsCells?(): boolean;
  end(summary: TableSummary): void;
  /**
   * A part of the file that was not read while the rest was (an archive entry refused, unreadable
   * or beyond a limit: `LimitExceeded`, `DataFileError`, `UnsafeEntry`); `file` is the entry's
   * path (`a.zip!/x.csv`), or the archive's for an entry refused by name. The engine reports it.
   */
  problem?(error: Error, file: string): void;
}

export interface ReadOptions {
  /** Path as reported (relative to the working directory). */
  file: string;
  /** False when no enabled rule wants rows: readers may stop after the header. */
  rows: boolean;
  /**
   * False when no enabled rule reads the profile's distinct values (`RuleMeta.needsDistinctValues`):
   * readers may leave `ColumnProfile.distinct` and `valueCounts` out. Counted when absent.
   */
  distinctValues?: boolean;
  /**
   * True when an enabled rule reads the cells' lengths (`RuleMeta.needsCellLengths`): the CSV reader
   * then counts them in its profile (`CsvSummaryFacts.cellLengths`, announced by `CsvTableFacts.cellLengths`).
   */
  cellLengths?: boolean;
  /** Resource limits (docs/limits.md): readers throw `LimitExceeded` past them. Defaults when absent. */
  limits?: Limits;
  /** The file's watchdog: readers check it between chunks. */
  clock?: FileClock;
  /** The dialect the descriptor declares for this file: what it states is not guessed. */
  dialect?: TableDialect;
  /**
   * Every byte of the file, in order, as the reader reads it (the engine hashes them for a
   * declared checksum in the same pass). Readers that stream the raw file call it; a reader that
   * stops early, or does not call it, leaves the digest unknown.
   */
  onBytes?: (chunk: Uint8Array) => void;
}

/** A data file that cannot be read as its format: becomes a `core/data-unreadable` finding. */
export class DataFileError extends Error {
  constructor(
    message: string,
    readonly where: { row?: number; line?: number } = {},
  ) {
    super(message);
  }
}

/** An archive entry that is never read: its name leads outside the archive, or it is a symbolic link. */
export class UnsafeEntry extends DataFileError {
  constructor(
    readonly kind: 'escapes' | 'link',
    /** The entry's name as the archive writes it. */
    readonly entry: string,
  ) {
    super(kind === 'link' ? `archive entry "${entry}" is a symbolic link` : `archive entry "${entry}" leads outside the archive`);
  }
}

export interface Reader {
  name: string;
  /** File extensions (lower case, with dot) of files discovery treats as data files for this reader. */
  extensions: string[];
  /** Content formats (ids of schemas/formats.yaml, as sniffed from the bytes) this reader reads. */
  formats: string[];
  read(path: string, sink: TableSink, options: ReadOptions): Promise<void>;
}
