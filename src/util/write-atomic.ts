import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Writes a file atomically: a temporary file beside it, then a rename (never a half-written file). */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * A file written piece by piece, atomically: chunks go to a temporary file beside it (buffered,
 * so a report is never whole in memory) and `commit` renames it into place; `abort` removes it.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private fd: number | undefined;
  private parts: string[] = [];
  private size = 0;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = openSync(this.tmp, 'w');
  }

  write(chunk: string): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.parts.length) writeSync(this.fd!, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  commit(): void {
    try {
      this.flush();
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp, this.file);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tmp, { force: true });
  }
}
