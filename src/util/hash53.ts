/**
 * A 53-bit hash of a row's cells (cyrb53, public domain, by bryc): the key of the engine's
 * HashSeen tables (src/engine/hash-set.ts). A collision (two different rows, same hash) is about
 * 1 in 10^4 at a million rows.
 */
export function hash53(parts: readonly string[]): number {
  return hash53Units(parts, NO_UNITS, NO_CELLS, NO_CELLS, 0);
}

const NO_UNITS = new Uint16Array(0);
const NO_CELLS = new Int32Array(0);

/**
 * `hash53(cells)`, with the cells' text read from a copy of the text they were cut from: cell p
 * is the units `[starts[p], ends[p])` of `units` when p < `known` and `starts[p] >= 0`, else the
 * string `cells[p]`. Same number; typed-array reads cost less than reading each cut string's
 * characters (the reader's records: `RecordFacts.hash53`).
 */
export function hash53Units(cells: readonly string[], units: Uint16Array, starts: Int32Array, ends: Int32Array, known: number): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let p = 0; p < cells.length; p++) {
    const from = p < known ? starts[p]! : -1;
    // Two UTF-16 units a step (half the multiplications of one a step); then the odd last unit
    // with a separator, or the separator alone, so that ["ab", "c"] and ["a", "bc"] differ.
    let end: number;
    if (from >= 0) {
      const to = ends[p]!;
      let i = from;
      for (; i + 1 < to; i += 2) {
        const ch = units[i]! | (units[i + 1]! << 16);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
      }
      end = i < to ? units[i]! | 0x1f0000 : 0x1f;
    } else {
      const s = cells[p]!;
      const n = s.length;
      let i = 0;
      for (; i + 1 < n; i += 2) {
        const ch = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
      }
      end = i < n ? s.charCodeAt(i) | 0x1f0000 : 0x1f;
    }
    h1 = Math.imul(h1 ^ end, 2654435761);
    h2 = Math.imul(h2 ^ end, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
