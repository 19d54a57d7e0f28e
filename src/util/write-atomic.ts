import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { releaseTemp, trackTemp } from './temp-files.js';

/** An output path that cannot be written as asked (a folder, a dangling symlink, not a regular file). */
export class WriteRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Where output goes piece by piece: `commit` when all is written, `abort` on any error. */
export interface OutputSink {
  write(chunk: string | Buffer): void;
  commit(): void;
  abort(): void;
}

/** Bytes are gathered up to this many before a write (a report is never whole in memory). */
const FLUSH_AT = 1 << 20;

/**
 * Buffers chunks and writes them to a file descriptor in pieces of about FLUSH_AT. Strings are
 * encoded straight into one reused buffer: a catalogue report is written line by line, and
 * joining the lines into a string, then copying that into new bytes, doubled what it allocated.
 */
class BufferedFd {
  protected fd: number | undefined;
  private buffer: Buffer | undefined;
  private used = 0;

  write(chunk: string | Buffer): void {
    const buffer = (this.buffer ??= Buffer.allocUnsafe(FLUSH_AT));
    // A UTF-16 unit takes at most 3 bytes in UTF-8: a short string needs no count of its bytes.
    const bytes = typeof chunk !== 'string' ? chunk.length : chunk.length * 3 <= FLUSH_AT - this.used ? 0 : Buffer.byteLength(chunk);
    if (this.used + bytes > FLUSH_AT) {
      this.flush();
      if (bytes > FLUSH_AT) return this.writeAll(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
    this.used += typeof chunk === 'string' ? buffer.write(chunk, this.used) : chunk.copy(buffer, this.used);
  }

  protected flush(): void {
    if (this.used) this.writeAll(this.buffer!.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd!, bytes, at);
  }

  protected close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * A regular file written piece by piece, atomically: chunks go to a temporary file beside it
 * which `commit` fsyncs and renames over it (then fsyncs the folder) — readers see the old or
 * the new content, never half of it. A symlink is written through: its target is replaced and
 * the link stays; a link to nothing, a folder or a file that is not regular is refused. An
 * existing file keeps its mode and, where the process may set it, its owner and group. The
 * temporary file is removed by `abort` and on SIGINT/SIGTERM (`trackTemp`).
 */
export class AtomicFileWriter extends BufferedFd implements OutputSink {
  private readonly tmp: string;
  private readonly target: string;

  constructor(readonly file: string) {
    super();
    this.target = linkTarget(path.resolve(file));
    const dir = path.dirname(this.target);
    mkdirSync(dir, { recursive: true });
    const old = statOf(this.target);
    if (old && !old.isFile()) throw new WriteRefused(old.isDirectory() ? 'it is a folder' : 'it is not a regular file', old.isDirectory() ? 'EISDIR' : 'ENOTREG');
    this.tmp = path.join(dir, `.${path.basename(this.target)}.odlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    trackTemp(this.tmp);
    try {
      this.fd = openSync(this.tmp, 'wx', old ? old.mode & 0o7777 : 0o666);
      if (old) keepOwnerAndMode(this.fd, old);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  commit(): void {
    try {
      this.flush();
      fsyncSync(this.fd!);
      this.close();
      renameSync(this.tmp, this.target);
      releaseTemp(this.tmp);
    } catch (e) {
      this.abort();
      throw e;
    }
    fsyncFolder(path.dirname(this.target));
  }

  abort(): void {
    try {
      this.close();
    } finally {
      rmSync(this.tmp, { force: true });
      releaseTemp(this.tmp);
    }
  }
}

/**
 * Written in place, never renamed over: a FIFO, a device, `/dev/stdout`, `/dev/fd/N`, anything
 * under /proc (renaming over `/dev/full` would replace the device node). A regular file behind
 * such a path is appended to (the shell's `>` already truncated it).
 */
class InPlaceWriter extends BufferedFd implements OutputSink {
  constructor(file: string, append: boolean) {
    super();
    this.fd = openSync(file, append ? 'a' : 'w');
  }

  commit(): void {
    try {
      this.flush();
    } finally {
      this.close();
    }
  }

  abort(): void {
    this.close();
  }
}

/**
 * Opens where `-o` points: regular files (and symlinks to them) are replaced atomically at
 * `commit`; special files and `/dev/*`, `/proc/*` paths are written in place; a folder is refused.
 */
export function openOutput(file: string): OutputSink {
  const abs = path.resolve(file);
  const st = statOf(abs);
  if (st?.isDirectory()) throw new WriteRefused(`it is a folder`, 'EISDIR');
  if ((st && !st.isFile()) || /^\/(dev|proc)\//.test(abs)) return new InPlaceWriter(abs, Boolean(st?.isFile()));
  return new AtomicFileWriter(abs);
}

/** Writes a whole report where `-o` points (see `openOutput`). */
export function writeOutputFile(file: string, content: string): void {
  writeWhole(openOutput(file), content);
}

/** Writes a regular file atomically (see `AtomicFileWriter`). */
export function writeFileAtomic(file: string, content: string): void {
  writeWhole(new AtomicFileWriter(file), content);
}

function writeWhole(sink: OutputSink, content: string): void {
  try {
    sink.write(content);
  } catch (e) {
    sink.abort();
    throw e;
  }
  sink.commit();
}

/** The real file behind a chain of symlinks; a link to nothing is refused, not replaced. */
function linkTarget(abs: string): string {
  let link: Stats;
  try {
    link = lstatSync(abs);
  } catch {
    return abs; // a new file
  }
  if (!link.isSymbolicLink()) return abs;
  try {
    return realpathSync(abs);
  } catch {
    throw new WriteRefused(`it is a symlink to a missing file`, 'ENOENT');
  }
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Owner first (a chown clears set-id bits), then the mode; a user who may not chown keeps the mode. */
function keepOwnerAndMode(fd: number, old: Stats): void {
  try {
    fchownSync(fd, old.uid, old.gid);
  } catch {
    /* EPERM: only root may give a file away; the file is then the writer's */
  }
  fchmodSync(fd, old.mode & 0o7777);
}

/** Makes the rename durable; some systems cannot fsync a folder, which is not an error. */
function fsyncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* EISDIR/EINVAL/EPERM: not supported here */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
