/**
 * ZIP distributions: every entry is listed and sniffed, and the tabular ones are read through the
 * same pass and hooks as a plain file, each as its own table named `archive.zip!/folder/file.csv`.
 * Nothing is extracted to disk. Entries refused by name (a path leading out, a symbolic link),
 * undecodable or beyond a limit are reported through `TableSink.problem` and the others are read.
 */
import path from 'node:path';
import { DEFAULT_LIMITS, LimitExceeded, type Limits } from '../model/index.js';
import { readCsv, SAMPLE_BYTES } from './csv.js';
import { formatFromPath } from '../knowledge/formats.js';
import { sniffBytes } from './sniff.js';
import { DataFileError, UnsafeEntry, type ReadOptions, type TableSink } from './types.js';
import { ArchiveBudget, decodable, entrySource, readEntry, ZipEntries, type ZipEntry } from './zip-entries.js';

/** A nested archive or a Parquet entry is read into memory to be opened (their directory is at their end): up to this size. */
export const NESTED_MAX_BYTES = 64 * 1024 * 1024;

/** Where an archive is: its path for tables and findings, and as reported. */
interface ArchiveAt {
  path: string;
  shown: string;
  depth: number;
}

/** Limits that end the whole archive, not just one entry. */
const FATAL = new Set(['archiveBytes', 'secondsPerFile']);

/** The ZIP reader's `read` (src/readers/index.ts imports this module when a ZIP file is read). */
export async function readZip(file: string, sink: TableSink, options: ReadOptions): Promise<void> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  await readArchive(await ZipEntries.open(file), { path: file, shown: options.file, depth: 1 }, sink, options, new ArchiveBudget(limits), limits);
}

async function readArchive(zip: ZipEntries, at: ArchiveAt, sink: TableSink, options: ReadOptions, budget: ArchiveBudget, limits: Limits): Promise<void> {
  try {
    if (zip.count > limits.archiveEntries) throw new LimitExceeded('archiveEntries', limits.archiveEntries, {}, { found: zip.count });
    for await (const entry of zip.entries()) {
      options.clock?.check();
      if (entry.kind === 'directory') continue;
      const where = { path: `${at.path}!/${entry.name}`, shown: `${at.shown}!/${entry.name}`, depth: at.depth };
      try {
        await readEntryAs(zip, entry, where, sink, options, budget, limits);
      } catch (err) {
        if (!(err instanceof LimitExceeded || err instanceof DataFileError) || !sink.problem) throw err;
        sink.problem(err, err instanceof UnsafeEntry ? at.path : where.path);
        if (err instanceof LimitExceeded && FATAL.has(err.limit)) return;
      }
    }
  } finally {
    zip.close();
  }
}

/**
 * CSV by content, and not named as another format: a one-line `README.txt` with a comma sniffs
 * as CSV too. (Plain files are chosen by discovery from their extension first.)
 */
function isTable(format: string, name: string): boolean {
  if (format !== 'csv' && format !== 'tsv') return false;
  const named = formatFromPath(name)?.id;
  return named === undefined || named === 'csv' || named === 'tsv';
}

async function readEntryAs(zip: ZipEntries, entry: ZipEntry, at: ArchiveAt, sink: TableSink, options: ReadOptions, budget: ArchiveBudget, limits: Limits): Promise<void> {
  if (entry.kind === 'link') throw new UnsafeEntry('link', entry.name);
  if (entry.unsafe) throw new UnsafeEntry('escapes', entry.name);
  if (!decodable(entry)) {
    throw new DataFileError(entry.encrypted ? 'the archive entry is encrypted: not read' : `the archive entry uses compression method ${entry.compressionMethod}, which odlint does not decode: not read`);
  }
  budget.admit(entry);
  const source = entrySource(zip, entry, budget);
  const head = await source.head(SAMPLE_BYTES);
  const { format } = await sniffBytes(head, path.extname(entry.name).slice(1).toLowerCase());
  // The digest of a declared checksum is the archive's, never an entry's bytes (ReadOptions.onBytes).
  const { onBytes: _archiveBytes, ...rest } = options;
  const entryOptions = { ...rest, file: at.shown };
  if (isTable(format, entry.name)) return readCsv(source, at.path, sink, entryOptions);
  if (format === 'parquet') {
    // Parquet is read from its footer: the entry is held in memory, like a nested archive.
    if (entry.size > NESTED_MAX_BYTES) throw new DataFileError(`the Parquet entry has ${entry.size} bytes, more than odlint reads in memory (${NESTED_MAX_BYTES}): not read`);
    const { readParquetFrom, bufferSource } = await import('./parquet.js');
    return readParquetFrom(bufferSource(await readEntry(zip, entry, budget)), at.path, sink, entryOptions);
  }
  if (format === 'zip') {
    if (at.depth >= limits.archiveDepth) throw new LimitExceeded('archiveDepth', limits.archiveDepth, {}, { entry: entry.name });
    if (entry.size > NESTED_MAX_BYTES) throw new DataFileError(`the nested archive has ${entry.size} bytes, more than odlint opens in memory (${NESTED_MAX_BYTES}): not read`);
    const nested = await ZipEntries.open(await readEntry(zip, entry, budget));
    return readArchive(nested, { ...at, depth: at.depth + 1 }, sink, entryOptions, budget, limits);
  }
}
