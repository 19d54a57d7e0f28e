import path from 'node:path';
import { csvReader } from './csv.js';
import type { Reader } from './types.js';

export * from './types.js';

/** Data readers. Each streams its file once. */
export const READERS: Reader[] = [csvReader];

/**
 * The reader for a file: by the format sniffed from its bytes when known (a `.csv` that is
 * really a spreadsheet gets none), else by extension.
 */
export function readerFor(file: string, sniffedFormat?: string): Reader | undefined {
  if (sniffedFormat) return READERS.find((r) => r.formats.includes(sniffedFormat));
  const ext = path.extname(file).toLowerCase();
  return READERS.find((r) => r.extensions.includes(ext));
}
