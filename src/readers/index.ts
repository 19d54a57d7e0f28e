import path from 'node:path';
import { csvReader } from './csv.js';
import { jsonReader } from './json.js';
import type { Reader } from './types.js';

export * from './types.js';

/** ZIP archives: their tabular entries are read as tables (yauzl is imported only when one is read). */
const zipReader: Reader = {
  name: 'zip',
  extensions: ['.zip'],
  formats: ['zip'],
  read: async (file, sink, options) => (await import('./zip.js')).readZip(file, sink, options),
};

/** Parquet files: rows one row group at a time (hyparquet is imported only when one is read). */
const parquetReader: Reader = {
  name: 'parquet',
  extensions: ['.parquet'],
  formats: ['parquet'],
  read: async (file, sink, options) => (await import('./parquet.js')).readParquet(file, sink, options),
};

/** Data readers. Each streams its file once. */
export const READERS: Reader[] = [csvReader, jsonReader, zipReader, parquetReader];

/** Sniffed contents too vague to choose a reader: an empty file, or text without structure (a one-column CSV). */
const VAGUE = new Set(['empty', 'txt']);

/**
 * The reader for a file: by the format sniffed from its bytes when known (a `.csv` that is
 * really a spreadsheet gets none), else by extension.
 */
export function readerFor(file: string, sniffedFormat?: string): Reader | undefined {
  if (sniffedFormat && !VAGUE.has(sniffedFormat)) return READERS.find((r) => r.formats.includes(sniffedFormat));
  const ext = path.extname(file).toLowerCase();
  return READERS.find((r) => r.extensions.includes(ext));
}
