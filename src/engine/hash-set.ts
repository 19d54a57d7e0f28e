/**
 * Bounded memory for "have I seen this row/value before?" over files of any size: 53-bit hashes
 * (cyrb53, public domain, by bryc) in an open-addressing table of typed arrays, with the row
 * where each was first seen. Past `maxEntries` nothing new is stored; lookups still work.
 * A collision (two different rows, same 53-bit hash) is about 1 in 10^4 at a million rows.
 */
export { hash53, hash53Units } from '../util/hash53.js';

/** Entry k of a HashSeen is three numbers at 3k: the hash's high 21 bits, its low 32 bits, the row. */
const WIDTH = 3;

/**
 * Two typed arrays: the entries in the order they were added (12 bytes each, written one after
 * the other), and an open-addressing table of 4-byte slots, each the number of an entry (+1; 0:
 * empty) with, in its spare high bits, a fingerprint of the entry's hash. A probe of a big table
 * misses the cache (once per row for duplicate rows): it reads one slot of a table a third of the
 * size of one holding the entries themselves, and an entry only when the fingerprints agree.
 */
export class HashSeen {
  private slots: Uint32Array;
  private mask: number;
  private entries: Uint32Array;
  private count = 0;
  /** Bits of a slot that number the entry; the bits above them hold the fingerprint. */
  private readonly indexBits: number;
  private readonly indexMask: number;
  /** A fingerprint is the hash's high bits masked by this (0: no bit to spare, no fingerprint). */
  private readonly printMask: number;

  constructor(readonly maxEntries: number) {
    // Entry numbers go up to maxEntries (+1); past 2^31 entries (24 GiB of them) no bit is spare.
    this.indexBits = Math.min(31, Math.max(1, Math.ceil(Math.log2(Math.min(maxEntries, 2 ** 31 - 1) + 2))));
    this.indexMask = this.indexBits === 31 ? 0x7fffffff : (1 << this.indexBits) - 1;
    this.printMask = this.indexBits >= 31 ? 0 : (1 << (32 - this.indexBits)) - 1;
    this.slots = new Uint32Array(1 << 12);
    this.mask = (1 << 12) - 1;
    this.entries = new Uint32Array(WIDTH << 11);
  }

  /** True once `maxEntries` hashes are stored: later ones are looked up but not added. */
  get full(): boolean {
    return this.count >= this.maxEntries;
  }

  /** The row where `hash` was first seen, or 0 when it was not stored (past `maxEntries`: maybe never stored). */
  has(hash: number): number {
    return this.rowAt(this.slots[this.find(hash)]!);
  }

  /** Records `hash` first seen at `row`; returns the earlier row when it was already there, else 0. */
  add(hash: number, row: number): number {
    let at = this.find(hash);
    const v = this.slots[at]!;
    if (v !== 0) return this.rowAt(v);
    if (this.full) return 0;
    if ((this.count + 1) * 2 > this.mask + 1) {
      this.grow();
      at = this.find(hash);
    }
    const k = this.count++;
    if (this.count * WIDTH > this.entries.length) this.growEntries(Math.min(this.maxEntries, 2 * this.count));
    const hi = high(hash);
    this.entries[k * WIDTH] = hi;
    this.entries[k * WIDTH + 1] = hash >>> 0;
    this.entries[k * WIDTH + 2] = row;
    this.slots[at] = this.slot(hi, k);
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
    if (want * WIDTH > this.entries.length) this.growEntries(want);
  }

  /** The row of the entry a slot holds, 0 for an empty slot. */
  private rowAt(v: number): number {
    return v === 0 ? 0 : this.entries[((v & this.indexMask) - 1) * WIDTH + 2]!;
  }

  /** The slot of entry k, whose hash's high bits are `hi`. */
  private slot(hi: number, k: number): number {
    return (((hi & this.printMask) << this.indexBits) | (k + 1)) >>> 0;
  }

  /** The slot holding `hash`, or the empty slot where it would go. */
  private find(hash: number): number {
    const { slots, entries, mask, indexBits, indexMask } = this;
    const hi = high(hash);
    const lo = hash >>> 0;
    const print = hi & this.printMask;
    let i = lo & mask;
    for (;;) {
      const v = slots[i]!;
      if (v === 0) return i;
      if (v >>> indexBits === print) {
        const at = ((v & indexMask) - 1) * WIDTH;
        if (entries[at]! === hi && entries[at + 1]! === lo) return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** A bigger table of slots, filled again from the entries (read in order). */
  private grow(size = (this.mask + 1) * 2): void {
    this.slots = new Uint32Array(size);
    this.mask = size - 1;
    const { slots, entries, mask } = this;
    for (let k = 0; k < this.count; k++) {
      let i = entries[k * WIDTH + 1]! & mask;
      while (slots[i]! !== 0) i = (i + 1) & mask;
      slots[i] = this.slot(entries[k * WIDTH]!, k);
    }
  }

  private growEntries(capacity: number): void {
    const bigger = new Uint32Array(Math.max(capacity, this.count) * WIDTH);
    bigger.set(this.entries.subarray(0, Math.min(this.entries.length, this.count * WIDTH)));
    this.entries = bigger;
  }
}

/** The high 21 bits of a 53-bit hash (an exact division by a power of two, then truncation). */
function high(hash: number): number {
  return (hash / 4294967296) >>> 0;
}
