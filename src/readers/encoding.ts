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
