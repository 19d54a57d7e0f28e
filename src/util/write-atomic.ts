import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { writeFile } from 'node:fs/promises';
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

/**
 * Writes a regular file atomically: a temporary file beside it, written, fsynced, then renamed
 * over it and the folder fsynced — readers see the old or the new content, never half of it.
 * A symlink is written through: its target is replaced and the link stays. An existing file
 * keeps its mode and, where the process may set it, its owner and group. The temporary file is
 * removed on any error and on SIGINT/SIGTERM (`trackTemp`).
 */
export function writeFileAtomic(file: string, content: string): void {
  const target = linkTarget(path.resolve(file));
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const old = statOf(target);
  if (old && !old.isFile()) throw new WriteRefused(old.isDirectory() ? 'it is a folder' : 'it is not a regular file', old.isDirectory() ? 'EISDIR' : 'ENOTREG');
  const tmp = path.join(dir, `.${path.basename(target)}.odlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  trackTemp(tmp);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', old ? old.mode & 0o7777 : 0o666);
    if (old) keepOwnerAndMode(fd, old);
    const bytes = Buffer.from(content);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
    releaseTemp(tmp);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    releaseTemp(tmp);
    throw e;
  }
  fsyncFolder(dir);
}

/**
 * Writes a report where `-o` points. Regular files (and symlinks to them) are replaced
 * atomically; a FIFO, a device, `/dev/stdout`, `/dev/fd/N` or anything under /proc is written
 * in place (renaming over `/dev/full` would replace the device node), appending when it is a
 * regular file behind such a path (the shell's `>` already truncated it).
 */
export async function writeOutputFile(file: string, content: string): Promise<void> {
  const abs = path.resolve(file);
  const st = statOf(abs);
  if (st?.isDirectory()) throw new WriteRefused(`it is a folder`, 'EISDIR');
  const special = /^\/(dev|proc)\//.test(abs);
  if ((st && !st.isFile()) || special) {
    await writeFile(abs, content, { flag: st?.isFile() ? 'a' : 'w' });
    return;
  }
  writeFileAtomic(abs, content);
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
