/**
 * UTF-8 text whose characters are all below U+0100 (ASCII and the Latin-1 accents of French,
 * Dutch, German, Spanish...), decoded by copying its bytes to Latin-1 in JavaScript and making the
 * string from those with a native copy: 0.12 s for the 200 MB bench file against 0.29 s for
 * `toString('utf8')`, which makes the very same one-byte string but decodes byte by byte once a
 * text has bytes outside ASCII. ASCII goes 8 bytes at a time; a character of two bytes led by C2
 * or C3 becomes its one byte; anything else (a character from U+0100 on, bytes that are not such
 * UTF-8) answers undefined, and the caller decodes with `toString('utf8')`.
 */

/** Where the Latin-1 bytes are written; grown to the longest input (the tokenizer's pieces: 48 KiB). */
let out = Buffer.alloc(0);
let outView = new DataView(out.buffer);
/**
 * Where the last text `latin1Utf8` made has its characters outside ASCII (ascending; the first
 * `latin1NonAsciiCount`): the loop meets each of them anyway, and the tokenizer answers
 * `nonAscii()` from these instead of searching the text again.
 */
export let latin1NonAscii: Int32Array<ArrayBuffer> = new Int32Array(4096);
export let latin1NonAsciiCount = 0;

/**
 * `prefix + buf.toString('utf8')` when every character of `buf` is below U+0100, else undefined;
 * `prefix` must be so too. Made as one string by one native copy: text joined later (`prefix +
 * text`) would be a cons string, each of whose characters V8 reads through an indirection. The
 * positions noted (`latin1NonAscii`) are in the text of `buf`, from its start.
 */
export function latin1Utf8(buf: Buffer, prefix = ''): string | undefined {
  const n = buf.length;
  const base = writePrefix(prefix, n);
  const target = out;
  const targetView = outView;
  // Little-endian reads and writes alike: the bytes keep their order on any platform.
  const words = new DataView(buf.buffer, buf.byteOffset, n);
  let o = base;
  let i = 0;
  let found = latin1NonAscii;
  let count = 0;
  while (i < n) {
    if (i + 8 <= n) {
      const w1 = words.getUint32(i, true);
      const w2 = words.getUint32(i + 4, true);
      if (((w1 | w2) & 0x80808080) === 0) {
        targetView.setUint32(o, w1, true);
        targetView.setUint32(o + 4, w2, true);
        o += 8;
        i += 8;
        continue;
      }
      if ((w1 & 0x80808080) === 0) {
        targetView.setUint32(o, w1, true);
        o += 4;
        i += 4;
      }
    }
    const c = buf[i]!;
    if (c < 0x80) {
      target[o++] = c;
      i++;
      continue;
    }
    if ((c !== 0xc2 && c !== 0xc3) || i + 1 === n) return undefined;
    const d = buf[i + 1]!;
    if ((d & 0xc0) !== 0x80) return undefined;
    if (count === found.length) found = grown(found);
    found[count++] = o - base;
    target[o++] = ((c & 0x1f) << 6) | (d & 0x3f);
    i += 2;
  }
  latin1NonAscii = found;
  latin1NonAsciiCount = count;
  return target.toString('latin1', 0, o);
}

/** `prefix + buf.toString('latin1')` as one string (see `latin1Utf8`); `prefix` has no character from U+0100 on. */
export function latin1Joined(prefix: string, buf: Buffer): string {
  const base = writePrefix(prefix, buf.length);
  buf.copy(out, base);
  return out.toString('latin1', 0, base + buf.length);
}

/** Writes `prefix` as Latin-1 at the start of `out`, grown for `more` bytes after it; returns its length. */
function writePrefix(prefix: string, more: number): number {
  const base = prefix.length;
  if (out.length < base + more) {
    out = Buffer.alloc(Math.max(base + more, 64 * 1024));
    outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  }
  if (base !== 0) out.write(prefix, 0, base, 'latin1');
  return base;
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
