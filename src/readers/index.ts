import path from 'node:path';
import { csvReader } from './csv.js';
import type { Reader } from './types.js';

export * from './types.js';

/** Data readers, tried by extension. Each streams its file once. */
export const READERS: Reader[] = [csvReader];

export function readerFor(file: string): Reader | undefined {
  const ext = path.extname(file).toLowerCase();
  return READERS.find((r) => r.extensions.includes(ext));
}
