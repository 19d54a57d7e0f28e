/**
 * A snapshot's page line read from its bytes: its fields parsed, and its `body` — a 7 MB JSON
 * string — turned back into the bytes it stands for (UTF-8) without decoding or parsing it as
 * text. Those are the bytes the portal sent (the snapshot writes them escaped, `jsonStringOf`),
 * so the page is linted from the same bytes as when it was harvested, and they can move to the
 * worker thread that lints them (a string would be copied). Anything unusual — a line that is
 * not a JSON object, a body with a lone surrogate (no UTF-8 for it) — is left to `JSON.parse`
 * of the whole line, for its exact message.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The byte each one-letter escape stands for (0: not an escape). */
const ESCAPED = new Uint8Array(256);
for (const [c, b] of [['"', 0x22], ['\\', 0x5c], ['/', 0x2f], ['b', 8], ['f', 12], ['n', 10], ['r', 13], ['t', 9]] as const) ESCAPED[c.charCodeAt(0)] = b;

const HEX = new Int8Array(256).fill(-1);
for (let d = 0; d < 16; d++) HEX['0123456789abcdef'.charCodeAt(d)] = HEX['0123456789ABCDEF'.charCodeAt(d)] = d;

/** The 4 hex digits at i as a number; -1 if they are not. */
function hex4(b: Uint8Array, i: number): number {
  let x = 0;
  for (let k = 0; k < 4; k++) {
    const d = HEX[b[i + k] ?? 0]!;
    if (d < 0) return -1;
    x = (x << 4) | d;
  }
  return x;
}

/** A string read: where it ends (after its closing quote), how many bytes its text is in UTF-8, whether it has escapes. */
interface StringRead {
  end: number;
  size: number;
  escapes: boolean;
}

/**
 * Reads the JSON string whose opening quote is at i, strictly (what JSON.parse accepts). Undefined
 * when it is not a string, or has a lone surrogate.
 */
function readString(b: Uint8Array, i: number): StringRead | undefined {
  if (b[i] !== QUOTE) return undefined;
  const n = b.length;
  let size = 0;
  let escapes = false;
  for (i++; i < n; ) {
    const c = b[i]!;
    if (c === QUOTE) return { end: i + 1, size, escapes };
    if (c < 0x20) return undefined;
    if (c !== BACKSLASH) {
      size++;
      i++;
      continue;
    }
    escapes = true;
    const e = b[i + 1] ?? 0;
    if (e !== 0x75) {
      if (!ESCAPED[e]) return undefined;
      size++;
      i += 2;
      continue;
    }
    const u = hex4(b, i + 2);
    if (u < 0 || (u >= 0xdc00 && u <= 0xdfff)) return undefined;
    if (u >= 0xd800 && u <= 0xdbff) {
      const low = b[i + 6] === BACKSLASH && b[i + 7] === 0x75 ? hex4(b, i + 8) : -1;
      if (low < 0xdc00 || low > 0xdfff) return undefined;
      size += 4;
      i += 12;
    } else {
      size += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
      i += 6;
    }
  }
  return undefined;
}

/** The UTF-8 bytes the string at [from, s.end) stands for, in a buffer of their own (so that it can move to a worker). */
function unescape(b: Uint8Array, from: number, s: StringRead): Buffer {
  const out = Buffer.allocUnsafeSlow(s.size);
  const last = s.end - 1;
  if (!s.escapes) {
    out.set(b.subarray(from + 1, last));
    return out;
  }
  // Byte by byte: a page has an escape every ten bytes or so (its quotes), too many for a copy per run.
  let o = 0;
  for (let i = from + 1; i < last; ) {
    const c = b[i]!;
    if (c !== BACKSLASH) {
      out[o++] = c;
      i++;
      continue;
    }
    const e = b[i + 1]!;
    if (e !== 0x75) {
      out[o++] = ESCAPED[e]!;
      i += 2;
    } else {
      let u = hex4(b, i + 2);
      i += 6;
      if (u >= 0xd800 && u <= 0xdbff) {
        u = 0x10000 + ((u - 0xd800) << 10) + (hex4(b, i + 2) - 0xdc00);
        i += 6;
      }
      o += writeUtf8(out, o, u);
    }
  }
  return out;
}

function writeUtf8(out: Buffer, o: number, u: number): number {
  if (u < 0x80) {
    out[o] = u;
    return 1;
  }
  if (u < 0x800) {
    out[o] = 0xc0 | (u >> 6);
    out[o + 1] = 0x80 | (u & 0x3f);
    return 2;
  }
  if (u < 0x10000) {
    out[o] = 0xe0 | (u >> 12);
    out[o + 1] = 0x80 | ((u >> 6) & 0x3f);
    out[o + 2] = 0x80 | (u & 0x3f);
    return 3;
  }
  out[o] = 0xf0 | (u >> 18);
  out[o + 1] = 0x80 | ((u >> 12) & 0x3f);
  out[o + 2] = 0x80 | ((u >> 6) & 0x3f);
  out[o + 3] = 0x80 | (u & 0x3f);
  return 4;
}

const isWs = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipWs(b: Uint8Array, i: number): number {
  while (isWs(b[i])) i++;
  return i;
}

/** The end of the value at i, not checked (JSON.parse of the fields checks it); -1 when the line ends first. */
function skipValue(b: Uint8Array, i: number): number {
  const n = b.length;
  let depth = 0;
  for (; i < n; i++) {
    const c = b[i]!;
    if (c === QUOTE) {
      const s = readString(b, i);
      if (!s) return -1;
      i = s.end - 1;
      if (depth === 0) return s.end;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === 0x2c || isWs(c))) return i;
  }
  return depth === 0 ? n : -1;
}

/** What `pageLine` reads: the line's other members, and its body as bytes — its text's UTF-8 bytes, or (`escaped`) the body's JSON string as written. */
export interface PageLine {
  fields: Record<string, unknown>;
  body: Buffer;
  escaped?: true;
}

/**
 * A line that is a JSON object with a string member `body`: its other members parsed, and its
 * body's bytes. Undefined for any other line (JSON.parse of the whole line tells what it is).
 * As with JSON.parse, a member given twice counts once, the last one.
 *
 * With `escaped`, a body that is the line's last member (as the snapshot writer puts it) is not
 * read here: its JSON string, from its opening quote to the line's last one, is copied as it is
 * (`escaped: true`) for the thread that lints the page to parse natively (`literalText`) — the
 * unescaping byte by byte was most of the main thread's work per page. That thread finds out
 * whether it really is one string; if not, the line is read again without `escaped`.
 */
export function pageLine(b: Uint8Array, escaped = false): PageLine | undefined {
  let i = skipWs(b, 0);
  if (b[i] !== 0x7b) return undefined;
  let body: { from: number; s: StringRead } | undefined;
  i = skipWs(b, i + 1);
  for (;;) {
    const key = readString(b, i);
    if (!key) return undefined;
    const isBody = key.escapes ? JSON.parse(Buffer.from(b.buffer, b.byteOffset + i, key.end - i).toString('utf8')) === 'body' : key.end - i === 6 && b[i + 1] === 0x62 && b[i + 2] === 0x6f && b[i + 3] === 0x64 && b[i + 4] === 0x79;
    i = skipWs(b, key.end);
    if (b[i] !== 0x3a) return undefined;
    const from = skipWs(b, i + 1);
    if (isBody) {
      const last = escaped ? lastMember(b, from) : undefined;
      if (last) return last;
      const s = readString(b, from);
      if (!s) return undefined;
      body = { from, s };
      i = s.end;
    } else {
      i = skipValue(b, from);
      if (i < 0) return undefined;
    }
    i = skipWs(b, i);
    if (b[i] === 0x2c) i = skipWs(b, i + 1);
    else if (b[i] === 0x7d) break;
    else return undefined;
  }
  if (!body || skipWs(b, i + 1) !== b.length) return undefined;
  const fields = fieldsBut(b, body.from, body.s.end);
  return fields && { fields, body: unescape(b, body.from, body.s) };
}

/** The line's members but the body at [from, end), parsed: the line with an empty body (a few hundred bytes). */
function fieldsBut(b: Uint8Array, from: number, end: number): Record<string, unknown> | undefined {
  const rest = Buffer.concat([b.subarray(0, from), Buffer.from('""'), b.subarray(end)]);
  try {
    return JSON.parse(rest.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The body at `from` taken as the line's last member, unread: the bytes from its quote to the
 * line's last quote (before the closing brace), in a buffer of their own (it moves to a worker).
 * Undefined when the line does not end so, or when the body starts with what `decodeDescriptor`
 * would take for a UTF-16 or UTF-32 byte order mark (read here, as before).
 */
function lastMember(b: Uint8Array, from: number): PageLine | undefined {
  let end = b.length - 1;
  while (end > from && isWs(b[end])) end--;
  if (b[end] !== 0x7d) return undefined;
  end--;
  while (end > from && isWs(b[end])) end--;
  if (end <= from || b[from] !== QUOTE || b[end] !== QUOTE) return undefined;
  const first = b[from + 1]!;
  if (first >= 0xfe || (first === BACKSLASH && b[from + 2] === 0x75)) return undefined;
  const fields = fieldsBut(b, from, end + 1);
  if (!fields) return undefined;
  const body = Buffer.allocUnsafeSlow(end + 1 - from);
  body.set(b.subarray(from, end + 1));
  return { fields, body, escaped: true };
}
