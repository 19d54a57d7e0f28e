/**
 * A 53-bit hash of a row's cells (after cyrb53, public domain, by bryc): the key of the engine's
 * HashSeen tables (src/engine/hash-set.ts). A collision (two different rows, same hash) is about
 * 1 in 10^4 at a million rows.
 *
 * Definition: the UTF-16 units of `cells.join(',')` two a step (the odd last one marked), then
 * the number of cells and their lengths, so that ["a,b", "c"] and ["a", "b,c"] differ. Hashing
 * the joined text rather than cell by cell lets the CSV tokenizer's records, whose unquoted cells
 * sit in its copy of the text with one comma between them, be read as one span: one loop a
 * record instead of one a cell (the per-cell loops' exits, at each cell's own length, were
 * mispredicted branches).
 */
export function hash53(parts: readonly string[]): number {
  return hash53Units(parts, NO_UNITS, NO_CELLS, NO_CELLS, 0, false);
}

const NO_UNITS = new Uint16Array(0);
const NO_CELLS = new Int32Array(0);

/**
 * `hash53(cells)`, with the cells' text read from a copy of the text they were cut from: cell p
 * is the units `[starts[p], ends[p])` of `units` when p < `known` and `starts[p] >= 0`, else the
 * string `cells[p]`. `commas`: the text's delimiter is a comma, so consecutive cells of the copy
 * one unit apart are read as one span, commas included. Same number; typed-array reads cost less
 * than reading each cut string's characters (the reader's records: `RecordFacts.hash53`).
 */
export function hash53Units(cells: readonly string[], units: Uint16Array, starts: Int32Array, ends: Int32Array, known: number, commas: boolean): number {
  // The constants are the function's own: the bundle (esbuild) turns a module's `const` into a
  // `var`, which V8 reads from the module's context at each use — for K1, above 2^31, a heap
  // number converted again at each multiply (a replay of the bench file's records: ~40% slower).
  const K1 = 2654435761;
  const K2 = 1597334677;
  const COMMA = 44;
  /** `odd` when no unit waits for the next one to make a pair. */
  const NONE = -1;
  const n = cells.length;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let lengths = 0x9e3779b9 ^ n;
  let odd = NONE;
  for (let p = 0; p < n; ) {
    const from = p < known ? starts[p]! : -1;
    if (from >= 0) {
      // This cell, and the next ones while each starts one unit (a comma) after the last ends.
      let to = ends[p]!;
      lengths = Math.imul(lengths ^ (to - from), K1);
      p++;
      if (commas) {
        for (; p < known && starts[p] === to + 1; p++) {
          lengths = Math.imul(lengths ^ (ends[p]! - to - 1), K1);
          to = ends[p]!;
        }
      }
      let i = from;
      if (odd !== NONE && i < to) {
        const ch = odd | (units[i++]! << 16);
        h1 = Math.imul(h1 ^ ch, K1);
        h2 = Math.imul(h2 ^ ch, K2);
        odd = NONE;
      }
      for (; i + 1 < to; i += 2) {
        const ch = units[i]! | (units[i + 1]! << 16);
        h1 = Math.imul(h1 ^ ch, K1);
        h2 = Math.imul(h2 ^ ch, K2);
      }
      if (i < to) odd = units[i]!;
    } else {
      const s = cells[p++]!;
      const to = s.length;
      lengths = Math.imul(lengths ^ to, K1);
      let i = 0;
      if (odd !== NONE && i < to) {
        const ch = odd | (s.charCodeAt(i++) << 16);
        h1 = Math.imul(h1 ^ ch, K1);
        h2 = Math.imul(h2 ^ ch, K2);
        odd = NONE;
      }
      for (; i + 1 < to; i += 2) {
        const ch = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
        h1 = Math.imul(h1 ^ ch, K1);
        h2 = Math.imul(h2 ^ ch, K2);
      }
      if (i < to) odd = s.charCodeAt(i);
    }
    // The comma after the cell (or span), but after the last.
    if (p < n) {
      if (odd === NONE) odd = COMMA;
      else {
        const ch = odd | (COMMA << 16);
        h1 = Math.imul(h1 ^ ch, K1);
        h2 = Math.imul(h2 ^ ch, K2);
        odd = NONE;
      }
    }
  }
  const end = odd !== NONE ? odd | 0x1f0000 : 0x1f;
  h1 = Math.imul(h1 ^ end, K1);
  h2 = Math.imul(h2 ^ end, K2);
  h1 = Math.imul(h1 ^ lengths, K1);
  h2 = Math.imul(h2 ^ lengths, K2);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
