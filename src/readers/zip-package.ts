/**
 * The parts of a ZIP package (XLSX and ODS files are ZIP packages), by name, within the archive
 * limits: the shared ZIP layer (zip-entries.ts: yauzl, `ArchiveBudget`) lists the entries and
 * meters every inflated byte (limits.archiveEntries, archiveBytes, archiveRatio), so a zip bomb
 * ends as a `core/limit-exceeded` finding. Parts are opened in any order (the central directory
 * says where each is): no temporary files, nothing written to disk.
 */
import { LimitExceeded, type FileClock, type Limits } from '../model/index.js';
import { DataFileError } from './types.js';
import { ArchiveBudget, decodable, ZipEntries, type ZipEntry } from './zip-entries.js';

export class ZipPackage {
  private constructor(
    private readonly zip: ZipEntries,
    /** Entries by name (the last one wins when a name repeats). */
    private readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly budget: ArchiveBudget,
  ) {}

  /** Opens a ZIP file and lists its entries; not a ZIP, or a broken directory, is a `DataFileError` naming `what`. */
  static async open(path: string, limits: Limits, what: string): Promise<ZipPackage> {
    let zip: ZipEntries;
    try {
      zip = await ZipEntries.open(path);
    } catch (err) {
      throw err instanceof DataFileError ? new DataFileError(`not a readable ${what}: ${err.message.replace(/^cannot read as a ZIP archive: /, '')}`) : err;
    }
    try {
      if (zip.count > limits.archiveEntries) throw new LimitExceeded('archiveEntries', limits.archiveEntries, {}, { found: zip.count });
      const entries = new Map<string, ZipEntry>();
      for await (const e of zip.entries()) if (e.kind === 'file') entries.set(e.name, e);
      return new ZipPackage(zip, entries, new ArchiveBudget(limits));
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of one part, chunk by chunk, metered; the chunk loop checks the file's clock. */
  async *chunks(name: string, clock?: FileClock): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw new DataFileError(`the package has no ${name}`);
    if (!decodable(entry)) throw new DataFileError(`${name} is encrypted or compressed with an unsupported method (${entry.compressionMethod})`);
    this.budget.admit(entry);
    const stream = this.budget.meter(entry, await this.zip.openStream(entry));
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        clock?.check();
        yield chunk;
      }
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}
