/**
 * What the walk needs from a JSON API page — how many items its list holds, their ids, a few
 * values near the top (a count, a next link) — read from the answer's bytes in one pass, without
 * decoding the text or building the document: a 7 MB `package_search` page is otherwise decoded
 * and parsed in the main thread only to be counted, then again by the worker that lints it.
 *
 * The scan is strict JSON (RFC 8259) at every depth: what it accepts, `JSON.parse` accepts. It
 * refuses a page in UTF-16 or UTF-32, and an item whose id is an object; the caller then reads
 * the page the slow way (decoded and parsed), with its exact problem messages.
 */

/** A value the scan kept: a scalar as `JSON.parse` gives it, or the kind of a container. */
export type ScannedValue = string | number | boolean | null | { container: 'object' | 'array' };

export interface PageScan {
  /** The items of the list at the pointer asked for (undefined: no list there). */
  items?: number;
  /** Each item's `id`, else its `name`, as idsOf reads them (json-page.ts). */
  ids: string[];
  /** The values at the pointers asked for (depth ≤ 2) that the page has. */
  values: Map<string, ScannedValue>;
}

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  BracketOpen = 91,
  Backslash = 92,
  BracketClose = 93,
  BraceOpen = 123,
  BraceClose = 125,
}

/** Values are named by pointer down to this depth (a page's count, links and list are near the top). */
const NAMED_DEPTH = 2;

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

class Invalid extends Error {}
const invalid = (): never => {
  throw new Invalid();
};

/**
 * Scans a JSON page: the list at `list` (a JSON pointer of depth ≤ 2, '' for a page that is a
 * list) counted with its items' ids, and the values at the `wanted` pointers (depth ≤ 2).
 * Undefined when the bytes are not strict JSON in UTF-8, or an item's id is an object or a list
 * (the caller reads the page whole).
 */
export function scanPage(bytes: Uint8Array, list: string, wanted: readonly string[]): PageScan | undefined {
  try {
    return scan(bytes, list, new Set(wanted));
  } catch (e) {
    if (e instanceof Invalid) return undefined;
    throw e;
  }
}

/** Whether the key between quotes at [from, to) is `word` (no escapes). */
function keyIs(b: Uint8Array, from: number, to: number, word: string): boolean {
  if (to - from - 2 !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[from + 1 + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** Whether the last string skipped had escapes. */
let escaped = false;

/** The end of the string whose opening quote is at i (after its closing quote). */
function skipString(b: Uint8Array, i: number, n: number): number {
  escaped = false;
  i++;
  for (;;) {
    if (i >= n) return invalid();
    const c = b[i]!;
    if (c === C.Quote) return i + 1;
    if (c < 0x20) return invalid();
    if (c === C.Backslash) {
      escaped = true;
      const e = b[i + 1];
      if (e === 0x75) {
        if (!(HEX[b[i + 2] ?? 0] && HEX[b[i + 3] ?? 0] && HEX[b[i + 4] ?? 0] && HEX[b[i + 5] ?? 0])) return invalid();
        i += 6;
      } else if (e === C.Quote || e === C.Backslash || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) i += 2;
      else return invalid();
    } else i++;
  }
}

/** The end of the digits at i (at least one). */
function skipDigits(b: Uint8Array, i: number, n: number): number {
  const from = i;
  while (i < n && b[i]! >= C.Zero && b[i]! <= C.Nine) i++;
  return i === from ? invalid() : i;
}

/** The end of the number at i. */
function skipNumber(b: Uint8Array, i: number, n: number): number {
  if (b[i] === C.Minus) i++;
  if (b[i] === C.Zero) i++;
  else i = skipDigits(b, i, n);
  if (b[i] === C.Dot) i = skipDigits(b, i + 1, n);
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === C.Minus) i++;
    i = skipDigits(b, i, n);
  }
  return i;
}

function skipWs(b: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = b[i]!;
    if (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab) i++;
    else break;
  }
  return i;
}

/** A string's text, its quotes at from and to - 1. */
function textOf(b: Uint8Array, from: number, to: number, escapes: boolean): string {
  const s = Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('utf8');
  return escapes ? (JSON.parse(s) as string) : s.slice(1, -1);
}

const OBJECT = 1;
const ARRAY = 2;
const LIST = 1;
const ITEM = 2;

function scan(b: Uint8Array, listPointer: string, wanted: Set<string>): PageScan {
  const n = b.length;
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const values = new Map<string, ScannedValue>();
  const ids: string[] = [];
  let items: number | undefined;
  // The containers open: kind, role (the list, an item of it), pointer when named, next index.
  const kinds: number[] = [];
  const roles: number[] = [];
  const pointers: (string | undefined)[] = [];
  const indices: number[] = [];
  let depth = 0;
  // The open item's `id` and `name` (items do not nest: their members are not items).
  let itemId: ScannedValue | undefined;
  let itemName: ScannedValue | undefined;
  // The value about to be read: its pointer when named, and which key of an item it is.
  let pointer: string | undefined = '';
  let key = 0; // 1 id, 2 name

  for (;;) {
    // A value.
    i = skipWs(b, i, n);
    const parentRole = depth ? roles[depth - 1]! : 0;
    if (parentRole === LIST) items!++;
    const named = pointer !== undefined && wanted.has(pointer);
    const c = b[i];
    if (c === C.BraceOpen || c === C.BracketOpen) {
      const kind = c === C.BraceOpen ? OBJECT : ARRAY;
      const role = kind === ARRAY && pointer === listPointer ? LIST : parentRole === LIST ? ITEM : 0;
      if (pointer === listPointer) {
        // (A key given twice: the last one counts.)
        items = role === LIST ? 0 : undefined;
        ids.length = 0;
      }
      if (named || key) {
        const v = { container: kind === OBJECT ? 'object' : 'array' } as const;
        if (named) values.set(pointer!, v);
        if (key === 1) itemId = v;
        else if (key === 2) itemName = v;
      }
      if (role === ITEM) itemId = itemName = undefined;
      kinds[depth] = kind;
      roles[depth] = role;
      pointers[depth] = pointer;
      indices[depth] = 0;
      depth++;
      i = skipWs(b, i + 1, n);
      if (b[i] === (kind === OBJECT ? C.BraceClose : C.BracketClose)) {
        depth--;
        i++;
      } else {
        if (kind === OBJECT) i = member(i);
        else element();
        continue;
      }
    } else {
      if (pointer === listPointer) {
        items = undefined;
        ids.length = 0;
      }
      const from = i;
      let v: ScannedValue = null;
      if (c === C.Quote) {
        i = skipString(b, i, n);
        if (named || key) v = textOf(b, from, i, escaped);
      } else if (c === C.Minus || (c !== undefined && c >= C.Zero && c <= C.Nine)) {
        i = skipNumber(b, i, n);
        if (named || key) v = Number(Buffer.from(b.buffer, b.byteOffset + from, i - from).toString('latin1'));
      } else if (c === 0x74 && b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65) {
        i += 4;
        v = true;
      } else if (c === 0x66 && b[i + 1] === 0x61 && b[i + 2] === 0x6c && b[i + 3] === 0x73 && b[i + 4] === 0x65) {
        i += 5;
        v = false;
      } else if (c === 0x6e && b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c) i += 4;
      else invalid();
      if (named) values.set(pointer!, v);
      if (key === 1) itemId = v;
      else if (key === 2) itemName = v;
    }
    // After a value: closes, then a comma and the next member or element.
    for (;;) {
      if (depth === 0) {
        if (skipWs(b, i, n) !== n) invalid();
        return { ...(items !== undefined ? { items } : {}), ids, values };
      }
      i = skipWs(b, i, n);
      const kind = kinds[depth - 1]!;
      const d = b[i];
      if (d === C.Comma) {
        i = skipWs(b, i + 1, n);
        if (kind === OBJECT) i = member(i);
        else element();
        break;
      }
      if (d !== (kind === OBJECT ? C.BraceClose : C.BracketClose)) invalid();
      i++;
      depth--;
      if (roles[depth] === ITEM && kind === OBJECT) {
        // idsOf: String(id ?? name) when either is a string.
        if (typeof itemId === 'string' || typeof itemName === 'string') {
          const id = itemId ?? itemName;
          if (typeof id === 'object' && id !== null) invalid();
          ids.push(String(id));
        }
      }
    }
  }

  /** A member's key at i (a quote); sets the value's pointer and key; returns where its value starts. */
  function member(at: number): number {
    if (b[at] !== C.Quote) invalid();
    const end = skipString(b, at, n);
    const escapes = escaped;
    const parent = pointers[depth - 1];
    pointer = parent !== undefined && depth <= NAMED_DEPTH ? `${parent}/${textOf(b, at, end, escapes).replace(/~/g, '~0').replace(/\//g, '~1')}` : undefined;
    key = 0;
    if (roles[depth - 1] === ITEM) {
      if (escapes) {
        const k = textOf(b, at, end, true);
        key = k === 'id' ? 1 : k === 'name' ? 2 : 0;
      } else key = keyIs(b, at, end, 'id') ? 1 : keyIs(b, at, end, 'name') ? 2 : 0;
    }
    const colon = skipWs(b, end, n);
    if (b[colon] !== C.Colon) invalid();
    return colon + 1;
  }

  /** The next element of the array on top: its pointer. */
  function element(): void {
    const parent = pointers[depth - 1];
    pointer = parent !== undefined && depth <= NAMED_DEPTH ? `${parent}/${indices[depth - 1]}` : undefined;
    indices[depth - 1]!++;
    key = 0;
  }
}
