/**
 * Parquet files (hyparquet, pure JavaScript): the schema's top-level fields are the header and
 * the rows go to the same hooks as a CSV file's, one row group at a time (memory holds one row
 * group, never the file). Typed values become the text a CSV export would hold, so the profile,
 * personal-data and gender rules read them as they read CSV cells: ISO dates and timestamps,
 * integers in full (INT64 too), nested values as JSON.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type ParquetParsers } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { columnName, DEFAULT_LIMITS, isBlankRow, LimitExceeded, type TableInfo } from '../model/index.js';
import { TableProfiler } from './profile.js';
import { DataFileError, type ReadOptions, type TableSink } from './types.js';

/** What the Parquet reader tells rules about a file (`TableInfo.facts.parquet`). */
export interface ParquetFacts {
  rowGroups: number;
  /** Data rows the footer declares. */
  rows: number;
  /** The writer (`parquet-cpp-arrow version 14.0.1`...), when the footer names it. */
  createdBy?: string;
  /** Each column's physical type and its logical or converted type, e.g. `INT32/DATE`. */
  types: string[];
}

const utf8 = new TextDecoder();

function isoTimestamp(millis: number): string {
  const d = new Date(millis);
  return Number.isNaN(d.getTime()) ? String(millis) : d.toISOString();
}

/** Dates, timestamps and JSON as the text a CSV export would hold. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms) => isoTimestamp(Number(ms)),
  timestampFromMicroseconds: (us) => isoTimestamp(Number(us / 1000n)),
  timestampFromNanoseconds: (ns) => isoTimestamp(Number(ns / 1000000n)),
  dateFromDays: (days) => isoTimestamp(days * 86_400_000).slice(0, 10),
  jsonFromBytes: (bytes) => bytes && utf8.decode(bytes),
};

const bigintAsText = (_key: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** One value as a cell: null is an empty cell, binary is base64, structures are JSON. */
export function toCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(v);
  }
  if (v instanceof Date) return isoTimestamp(v.getTime());
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return JSON.stringify(v, bigintAsText) ?? '';
}

/**
 * A FLOAT (32-bit) value as its shortest decimal text: as a double, 1.1f reads 1.100000023841858,
 * which no CSV export of the file would show.
 */
export function float32Cell(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return toCell(v);
  for (let digits = 1; digits < 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return String(Number(text));
  }
  return String(v);
}

function typeName(el: FileMetaData['schema'][number]): string {
  const logical = el.logical_type?.type ?? el.converted_type;
  return [el.type ?? 'GROUP', logical].filter(Boolean).join('/');
}

/** The Parquet reader's `read` (src/readers/index.ts imports this module when a Parquet file is read). */
export async function readParquet(file: string, sink: TableSink, options: ReadOptions): Promise<void> {
  return readParquetFrom(await asyncBufferFromFile(file), file, sink, options);
}

/** Reads Parquet bytes from any random-access source (a file, an archive entry in memory). */
export async function readParquetFrom(buffer: AsyncBuffer, file: string, sink: TableSink, options: ReadOptions): Promise<void> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer, { parsers: PARSERS });
  } catch (err) {
    throw new DataFileError(`cannot read as Parquet: ${(err as Error).message}`);
  }
  const fields = parquetSchema(metadata).children.map((c) => c.element);
  if (fields.length > limits.columns) throw new LimitExceeded('columns', limits.columns, { row: 1 }, { found: fields.length });
  const facts: ParquetFacts = {
    rowGroups: metadata.row_groups.length,
    rows: Number(metadata.num_rows),
    ...(metadata.created_by ? { createdBy: metadata.created_by } : {}),
    types: fields.map(typeName),
  };
  // The schema's names are the header, row 1, as in a CSV export of the file; data rows from 2.
  const info: TableInfo = { path: file, file: options.file, reader: 'parquet', header: fields.map((f) => f.name), headerRow: 1, facts: { parquet: facts } };
  sink.table(info);
  if (!options.rows) {
    sink.end({ rows: 1, bytes: buffer.byteLength, facts: {} });
    return;
  }
  const profiler = new TableProfiler(
    fields.map((_, i) => columnName(info, i)),
    options.distinctValues ?? true,
  );
  const convert = fields.map((f) => (f.type === 'FLOAT' ? float32Cell : toCell));
  let row = 1;
  let start = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    options.clock?.check({ row: row + 1 });
    const count = Number(group.num_rows);
    let values: unknown[][] = [];
    try {
      await parquetRead({ file: buffer, metadata, rowStart: start, rowEnd: start + count, compressors, parsers: PARSERS, onComplete: (rows) => (values = rows) });
    } catch (err) {
      if (err instanceof LimitExceeded) throw err;
      throw new DataFileError(`cannot read row group ${g + 1} of ${metadata.row_groups.length} (rows ${row + 1}–${row + count}): ${(err as Error).message}`);
    }
    start += count;
    for (const rowValues of values) {
      const cells = rowValues.map((v, i) => convert[i]!(v));
      row++;
      profiler.add(cells, row, isBlankRow(cells));
      // No lines in a binary file: findings keep the row only.
      sink.row(cells, { row, line: 0, table: info });
    }
  }
  sink.end({ rows: row, bytes: buffer.byteLength, facts: { profile: profiler.result() } });
}

/** A Parquet file held in memory (an archive entry) as hyparquet's random-access source. */
export function bufferSource(bytes: Buffer): AsyncBuffer {
  return {
    byteLength: bytes.length,
    slice: (start, end) => {
      const part = bytes.subarray(start, end);
      return part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength) as ArrayBuffer;
    },
  };
}
