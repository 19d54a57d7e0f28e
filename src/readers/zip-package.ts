/**
 * Reading the parts of a ZIP package (XLSX and ODS files are ZIP packages) within the archive
 * limits: the number of entries, the bytes inflated from the whole file, and each entry's
 * inflation ratio are bounded (limits.archiveEntries, archiveBytes, archiveRatio), so a zip bomb
 * ends as a `core/limit-exceeded` finding.
 * yauzl reads the central directory, so entries are opened in any order (no temporary files) and
 * checks every inflated entry against its declared size. Nothing is ever written to disk.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { LimitExceeded, type FileClock, type Limits } from '../model/index.js';
import { DataFileError } from './types.js';

/** Entries up to this size are not judged by their ratio (a few zeros compress very well). */
const RATIO_FLOOR = 1024 * 1024;

export class ZipPackage {
  /** Bytes inflated so far from all entries. */
  private inflated = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** Entries by name (the last one wins when a name repeats). */
    readonly entries: ReadonlyMap<string, yauzl.Entry>,
    private readonly limits: Limits,
  ) {}

  /** Opens a ZIP file and lists its entries; not a ZIP, or a broken directory, is a `DataFileError`. */
  static async open(path: string, limits: Limits, what = 'ZIP file'): Promise<ZipPackage> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, z) => (err ? reject(new DataFileError(`not a readable ${what}: ${err.message}`)) : resolve(z)));
    });
    if (zip.entryCount > limits.archiveEntries) {
      zip.close();
      throw new LimitExceeded('archiveEntries', limits.archiveEntries, {}, { found: zip.entryCount });
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (e: yauzl.Entry) => {
          entries.set(e.fileName, e);
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', (err: Error) => reject(new DataFileError(`broken ${what}: ${err.message}`)));
        zip.readEntry();
      });
    } catch (err) {
      zip.close();
      throw err;
    }
    return new ZipPackage(zip, entries, limits);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * The inflated bytes of one entry, chunk by chunk, counted against the limits. The chunk
   * loop checks the file's clock too.
   */
  async *chunks(name: string, clock?: FileClock): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw new DataFileError(`the package has no ${name}`);
    const { uncompressedSize: size, compressedSize: packed } = entry;
    if (size > RATIO_FLOOR && size > Math.max(1, packed) * this.limits.archiveRatio) {
      throw new LimitExceeded('archiveRatio', this.limits.archiveRatio, {}, { found: Math.round(size / Math.max(1, packed)), entry: name });
    }
    if (this.inflated + size > this.limits.archiveBytes) throw new LimitExceeded('archiveBytes', this.limits.archiveBytes, {}, { found: this.inflated + size, entry: name });
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (err) {
      throw new DataFileError(`cannot read ${name}: ${(err as Error).message}`);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        // yauzl stops an entry that inflates beyond its declared size; this bounds the sum.
        this.inflated += chunk.length;
        if (this.inflated > this.limits.archiveBytes) throw new LimitExceeded('archiveBytes', this.limits.archiveBytes, {}, { found: this.inflated, entry: name });
        clock?.check();
        yield chunk;
      }
    } catch (err) {
      if (err instanceof LimitExceeded || err instanceof DataFileError) throw err;
      throw new DataFileError(`cannot read ${name}: ${(err as Error).message}`);
    } finally {
      stream.destroy();
    }
  }

  /** A whole (small) entry as text: package parts such as the workbook or its relationships. */
  async text(name: string): Promise<string> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks(name)) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}
