/**
 * Bounded memory for "have I seen this row/value before?" over files of any size: 53-bit hashes
 * (cyrb53, public domain, by bryc) in an open-addressing table of typed arrays, with the row
 * where each was first seen. Past `maxEntries` nothing new is stored; lookups still work.
 * A collision (two different rows, same 53-bit hash) is about 1 in 10^4 at a million rows.
 */
export function hash53(parts: readonly string[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let p = 0; p < parts.length; p++) {
    const s = parts[p]!;
    const n = s.length;
    let i = 0;
    // Two UTF-16 units a step: half the multiplications of one a step.
    for (; i + 1 < n; i += 2) {
      const ch = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // The odd last unit with a separator (or the separator alone), so ["ab", "c"] and ["a", "bc"] differ.
    const end = i < n ? s.charCodeAt(i) | 0x1f0000 : 0x1f;
    h1 = Math.imul(h1 ^ end, 2654435761);
    h2 = Math.imul(h2 ^ end, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Slot i of a HashSeen table is three numbers at 3i: the hash's high 21 bits + 1 (0: empty), its low 32 bits, the row. */
const WIDTH = 3;

/**
 * One typed array, slot by slot (12 bytes each): a probe reads one place in memory, not one in a
 * key array and another in a row array — most probes of a big table miss the cache.
 */
export class HashSeen {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(readonly maxEntries: number) {
    this.table = new Uint32Array(WIDTH << 12);
    this.mask = (1 << 12) - 1;
  }

  /** True once `maxEntries` hashes are stored: later ones are looked up but not added. */
  get full(): boolean {
    return this.count >= this.maxEntries;
  }

  /** The row where `hash` was first seen, or 0 when it was not stored (past `maxEntries`: maybe never stored). */
  has(hash: number): number {
    const at = this.find(hash);
    return this.table[at]! === 0 ? 0 : this.table[at + 2]!;
  }

  /** Records `hash` first seen at `row`; returns the earlier row when it was already there, else 0. */
  add(hash: number, row: number): number {
    let at = this.find(hash);
    if (this.table[at]! !== 0) return this.table[at + 2]!;
    if (this.full) return 0;
    if ((this.count + 1) * 2 > this.mask + 1) {
      this.grow();
      at = this.find(hash);
    }
    this.table[at] = high(hash) + 1;
    this.table[at + 1] = hash >>> 0;
    this.table[at + 2] = row;
    this.count++;
    return 0;
  }

  /** Where `hash` is in the table, or the empty slot where it would go. */
  private find(hash: number): number {
    const t = this.table;
    const hi = high(hash) + 1;
    const lo = hash >>> 0;
    const mask = this.mask;
    let i = lo & mask;
    for (;;) {
      const at = i * WIDTH;
      if (t[at]! === 0 || (t[at]! === hi && t[at + 1]! === lo)) return at;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += WIDTH) {
      if (old[at]! === 0) continue;
      let i = old[at + 1]! & this.mask;
      while (this.table[i * WIDTH]! !== 0) i = (i + 1) & this.mask;
      const to = i * WIDTH;
      this.table[to] = old[at]!;
      this.table[to + 1] = old[at + 1]!;
      this.table[to + 2] = old[at + 2]!;
    }
  }
}

/** The high 21 bits of a 53-bit hash (an exact division by a power of two, then truncation). */
function high(hash: number): number {
  return (hash / 4294967296) >>> 0;
}
