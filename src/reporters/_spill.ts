import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Kept in memory up to this size; past it, text goes to a temporary file. */
const IN_MEMORY = 4 * 1024 * 1024;

/**
 * Text a formatter must write after something it only knows at the end (totals at the top of
 * a JUnit file, SARIF's rule list before its results): kept in memory while small, then in a
 * temporary file, so a catalogue's worth of cards never sits in the heap.
 */
export class Spill {
  private parts: string[] = [];
  private size = 0;
  private fd: number | undefined;
  private dir: string | undefined;

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > IN_MEMORY) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(path.join(tmpdir(), 'odlint-'));
      this.fd = openSync(path.join(this.dir, 'spill'), 'w+');
    }
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  /** Hands everything pushed, in order, to `write` (in chunks), then frees it. */
  drain(write: (chunk: string) => void): void {
    for (const chunk of this.chunks()) write(chunk);
  }

  /** Every line pushed (each push must end with `\n`), in order; frees the spill. */
  *lines(): Generator<string> {
    let rest = '';
    for (const chunk of this.chunks()) {
      const text = rest + chunk;
      const parts = text.split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    if (rest) yield rest;
  }

  private *chunks(): Generator<string> {
    if (this.fd !== undefined) {
      this.flush();
      const buf = Buffer.alloc(1 << 20);
      let pos = 0;
      const decoder = new TextDecoder();
      for (;;) {
        const n = readSync(this.fd, buf, 0, buf.length, pos);
        if (n === 0) break;
        pos += n;
        yield decoder.decode(buf.subarray(0, n), { stream: true });
      }
      const tail = decoder.decode();
      if (tail) yield tail;
      closeSync(this.fd);
      rmSync(this.dir!, { recursive: true, force: true });
      this.fd = undefined;
    } else if (this.parts.length) yield this.parts.join('');
    this.parts = [];
    this.size = 0;
  }
}
