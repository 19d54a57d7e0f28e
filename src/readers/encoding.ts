import { isUtf8 as isUtf8Buffer } from 'node:buffer';
import chardet from 'chardet';

const BOM = [0xef, 0xbb, 0xbf];

/** Number of UTF-8 byte-order marks at the start (some exports write two). */
export function countBoms(head: Uint8Array): number {
  let n = 0;
  while (head[n * 3] === BOM[0] && head[n * 3 + 1] === BOM[1] && head[n * 3 + 2] === BOM[2]) n++;
  return n;
}

/** True when the bytes are valid UTF-8 (a sequence cut at the end of the sample is allowed). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    // The sample may end in the middle of a multi-byte character: retry without the last 3 bytes.
    if (bytes.length < 4) return false;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, trimIncomplete(bytes)));
      return true;
    } catch {
      return false;
    }
  }
}

function trimIncomplete(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!;
    if ((b & 0xc0) === 0xc0) return end - i; // start of a multi-byte sequence that was cut
    if ((b & 0xc0) !== 0x80) break;
  }
  return end;
}

/**
 * The encoding of a sample: UTF-8 when it decodes as such (ASCII included), else the detector's
 * best guess among single-byte encodings (mostly windows-1252 / ISO-8859-1 in European data).
 */
export function detectEncoding(sample: Uint8Array): string {
  if (isUtf8(sample)) return 'UTF-8';
  const guess = chardet.detect(sample);
  if (!guess || /^UTF-8$/i.test(guess)) return 'windows-1252';
  return guess;
}

/**
 * Validates UTF-8 chunk by chunk (a character may straddle two chunks) and remembers where the
 * first invalid byte is. The head sample decides the encoding; this catches files that turn
 * into Latin-1 after the first 64 KiB.
 */
export class Utf8Checker {
  private carry: Buffer = Buffer.alloc(0);
  private offset = 0;
  /** Absolute byte offset of the first invalid sequence, once found. */
  firstInvalid: number | undefined;

  /** Checks the next chunk; returns the index in `chunk` of the first invalid byte, or -1. */
  check(chunk: Buffer): number {
    if (this.firstInvalid !== undefined) return -1;
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const start = this.offset - this.carry.length;
    const end = trimIncomplete(buf);
    this.carry = Buffer.from(buf.subarray(end));
    this.offset += chunk.length;
    if (isUtf8Buffer(buf.subarray(0, end))) return -1;
    const at = firstInvalidUtf8(buf.subarray(0, end));
    this.firstInvalid = start + at;
    return Math.max(0, at - (buf.length - chunk.length));
  }

  /** At the end of the file, bytes still waiting for the rest of a character are invalid. */
  finish(): void {
    if (this.firstInvalid === undefined && !isUtf8Buffer(this.carry)) this.firstInvalid = this.offset - this.carry.length;
  }
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
