/**
 * Bounded memory for "have I seen this row/value before?" over files of any size: 53-bit hashes
 * (cyrb53, public domain, by bryc) in an open-addressing table of typed arrays, with the row
 * where each was first seen. Past `maxEntries` nothing new is stored; lookups still work.
 * A collision (two different rows, same 53-bit hash) is about 1 in 10^4 at a million rows.
 */
export { hash53, hash53Units } from '../util/hash53.js';

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

  /**
   * Makes room for `entries` hashes (at most `maxEntries`) at once: a table grown by doubling
   * moves every hash again at each growth (about as much work as adding them), and holds the old
   * table beside the new one while it does. A hint; adding more still grows the table.
   */
  reserve(entries: number): void {
    const want = Math.min(entries, this.maxEntries);
    let slots = this.mask + 1;
    while (want * 2 > slots) slots *= 2;
    if (slots > this.mask + 1) this.grow(slots);
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

  private grow(slots = (this.mask + 1) * 2): void {
    const old = this.table;
    this.table = new Uint32Array(slots * WIDTH);
    this.mask = slots - 1;
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
