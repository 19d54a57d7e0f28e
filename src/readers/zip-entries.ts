/**
 * ZIP archives, entry by entry, without extracting anything to disk: the central directory is
 * read lazily (yauzl) and each entry is streamed out of the archive through a meter that enforces
 * the archive limits (docs/limits.md: entries, decompressed bytes, compression ratio), whatever
 * the headers claim. Shared by the readers of formats that are ZIP files (ZIP distributions,
 * spreadsheets).
 */
import { Transform, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { DEFAULT_LIMITS, LimitExceeded, type ArchiveInventory, type Limits } from '../model/index.js';
import { formatFromPath } from '../knowledge/formats.js';
import { DataFileError } from './types.js';
import type { ByteSource } from './csv.js';

export interface ZipEntry {
  /** The name with `/` separators (UTF-8 when flagged or given as an Info-ZIP Unicode path, else CP437). */
  name: string;
  kind: 'file' | 'directory' | 'link';
  /** Why the name would lead outside the archive (an absolute path, a drive, a `..` segment). */
  unsafe?: string;
  /** Decompressed and compressed sizes as the central directory declares them. */
  size: number;
  compressedSize: number;
  encrypted: boolean;
  /** 0 stored, 8 deflate (the two the reader decodes), others (bzip2 12, LZMA 14, zstd 93...). */
  compressionMethod: number;
  readonly raw: yauzl.Entry;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UNIX = 3;

/** Why an entry name is unsafe to use as a path, or undefined. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'a NUL character';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'a drive letter';
  if (name.split('/').includes('..')) return 'a ".." segment';
  return undefined;
}

function describe(raw: yauzl.Entry): ZipEntry {
  const name = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, false);
  const unixMode = raw.versionMadeBy >> 8 === UNIX ? raw.externalFileAttributes >>> 16 : 0;
  const kind = (unixMode & S_IFMT) === S_IFLNK ? 'link' : name.endsWith('/') ? 'directory' : 'file';
  const unsafe = unsafeEntryName(name);
  return {
    name,
    kind,
    ...(unsafe ? { unsafe } : {}),
    size: raw.uncompressedSize,
    compressedSize: raw.compressedSize,
    encrypted: raw.isEncrypted(),
    compressionMethod: raw.compressionMethod,
    raw,
  };
}

const unreadable = (err: unknown) => (err instanceof DataFileError || err instanceof LimitExceeded ? err : new DataFileError(`cannot read as a ZIP archive: ${(err as Error).message}`));

/** An open archive: its entries in central-directory order, and a stream of each. */
export class ZipEntries {
  private constructor(private readonly zip: yauzl.ZipFile) {}

  /** Opens a ZIP file (a path) or a nested one (its bytes); a damaged archive is a `DataFileError`. */
  static async open(source: string | Buffer): Promise<ZipEntries> {
    // decodeStrings off: yauzl would reject the whole archive at the first unsafe name; they are
    // decoded and judged here, entry by entry.
    const options: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
    try {
      const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
        const done = (err: Error | null, z?: yauzl.ZipFile) => (err || !z ? reject(err) : resolve(z));
        if (typeof source === 'string') yauzl.open(source, options, done);
        else yauzl.fromBuffer(source, options, done);
      });
      return new ZipEntries(zip);
    } catch (err) {
      throw unreadable(err);
    }
  }

  /** Entries the central directory declares (known before any is read). */
  get count(): number {
    return this.zip.entryCount;
  }

  async *entries(): AsyncGenerator<ZipEntry> {
    const zip = this.zip;
    for (;;) {
      const next = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        const cleanup = () => zip.removeListener('entry', onEntry).removeListener('end', onEnd).removeListener('error', onError);
        const onEntry = (e: yauzl.Entry) => (cleanup(), resolve(e));
        const onEnd = () => (cleanup(), resolve(undefined));
        const onError = (err: Error) => (cleanup(), reject(unreadable(err)));
        zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
        zip.readEntry();
      });
      if (!next) return;
      yield describe(next);
    }
  }

  /** The entry's decompressed bytes (stored or deflate; check `decodable` first). */
  async openStream(entry: ZipEntry): Promise<Readable> {
    try {
      return await new Promise<Readable>((resolve, reject) => this.zip.openReadStream(entry.raw, (err, stream) => (err ? reject(err) : resolve(stream))));
    } catch (err) {
      throw new DataFileError(`cannot read archive entry "${entry.name}": ${(err as Error).message}`);
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** Whether the entry's bytes can be decoded: not encrypted, stored or deflate. */
export function decodable(entry: ZipEntry): boolean {
  return !entry.encrypted && (entry.compressionMethod === 0 || entry.compressionMethod === 8);
}

/** Entries smaller than this are never judged by their ratio: a small file cannot hurt. */
export const RATIO_FLOOR = 1024 * 1024;

/**
 * The decompressed bytes one archive (and the archives inside it) may still produce. Declared
 * sizes are checked before an entry is opened, actual bytes as they come out: a header that
 * lies about its sizes still stops at the limit.
 */
export class ArchiveBudget {
  private used = 0;

  constructor(private readonly limits: Limits) {}

  /** Throws `LimitExceeded` when the entry's declared sizes go beyond the archive limits. */
  admit(entry: ZipEntry): void {
    if (entry.size > RATIO_FLOOR && entry.size > Math.max(entry.compressedSize, 1) * this.limits.archiveRatio) {
      throw new LimitExceeded('archiveRatio', this.limits.archiveRatio, {}, { found: Math.round(entry.size / Math.max(entry.compressedSize, 1)), entry: entry.name });
    }
    if (this.used + entry.size > this.limits.archiveBytes) {
      throw new LimitExceeded('archiveBytes', this.limits.archiveBytes, {}, { found: this.used + entry.size, entry: entry.name });
    }
  }

  /** The entry's stream, counted: past a limit it fails with `LimitExceeded`. */
  meter(entry: ZipEntry, stream: Readable): Readable {
    let bytes = 0;
    const ratioCap = Math.max(RATIO_FLOOR, Math.max(entry.compressedSize, 1) * this.limits.archiveRatio);
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        bytes += chunk.length;
        this.used += chunk.length;
        if (bytes > ratioCap) return done(new LimitExceeded('archiveRatio', this.limits.archiveRatio, {}, { found: Math.round(bytes / Math.max(entry.compressedSize, 1)), entry: entry.name }));
        if (this.used > this.limits.archiveBytes) return done(new LimitExceeded('archiveBytes', this.limits.archiveBytes, {}, { found: this.used, entry: entry.name }));
        done(null, chunk);
      },
    });
    stream.on('error', (err) => counter.destroy(entryError(entry, err)));
    counter.on('close', () => stream.destroy());
    return stream.pipe(counter);
  }
}

/** An error of yauzl or zlib while an entry streams, as a finding's message. */
function entryError(entry: ZipEntry, err: Error): DataFileError {
  // yauzl counts the bytes against the declared size (validateEntrySizes): more is a lie.
  if (err.message.startsWith('too many bytes in the stream')) {
    return new DataFileError(`archive entry "${entry.name}" decompresses to more than the ${entry.size} bytes its header declares (how zip bombs slip past size checks): not read`);
  }
  return new DataFileError(`cannot read archive entry "${entry.name}": ${err.message}`);
}

/** An entry as a byte source for the CSV pass (and the other streaming readers): opened, metered, read once per call. */
export function entrySource(zip: ZipEntries, entry: ZipEntry, budget: ArchiveBudget): ByteSource {
  const open = async () => budget.meter(entry, await zip.openStream(entry));
  // Sniffing and the CSV pass both ask for the head: it is inflated (and counted) once.
  let head: { bytes: number; data: Promise<Buffer> } | undefined;
  const readHead = async (bytes: number) => {
    const chunks: Buffer[] = [];
    let n = 0;
    const stream = await open();
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        n += chunk.length;
        if (n >= bytes) break;
      }
    } finally {
      stream.destroy();
    }
    return Buffer.concat(chunks).subarray(0, bytes);
  };
  return {
    head(bytes) {
      if (head?.bytes !== bytes) head = { bytes, data: readHead(bytes) };
      return head.data;
    },
    stream(start) {
      let current: Readable | undefined;
      let destroyed = false;
      async function* chunks(): AsyncGenerator<Buffer> {
        current = await open();
        if (destroyed) return void current.destroy();
        let skip = start;
        for await (const chunk of current as AsyncIterable<Buffer>) {
          if (skip >= chunk.length) {
            skip -= chunk.length;
            continue;
          }
          yield skip ? chunk.subarray(skip) : chunk;
          skip = 0;
        }
      }
      const it = chunks();
      return {
        [Symbol.asyncIterator]: () => it,
        destroy() {
          destroyed = true;
          current?.destroy();
        },
      };
    },
  };
}

/** The whole entry in memory (a nested archive, a Parquet file: readers that need random access), metered. */
export async function readEntry(zip: ZipEntries, entry: ZipEntry, budget: ArchiveBudget): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of budget.meter(entry, await zip.openStream(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * A ZIP file's entries by the format their names say, from its central directory alone (nothing
 * is inflated): what the format rules judge an archive by. At most `max` entries are counted.
 */
export async function archiveInventory(file: string, max = DEFAULT_LIMITS.archiveEntries): Promise<ArchiveInventory> {
  const zip = await ZipEntries.open(file);
  try {
    const formats: Record<string, number> = {};
    let entries = 0;
    for await (const entry of zip.entries()) {
      if (entry.kind === 'directory') continue;
      if (++entries > max) break;
      const id = formatFromPath(entry.name)?.id ?? 'other';
      formats[id] = (formats[id] ?? 0) + 1;
    }
    return { entries: Math.min(entries, max), formats };
  } finally {
    zip.close();
  }
}
