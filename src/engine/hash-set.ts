/**
 * Bounded memory for "have I seen this row/value before?" over files of any size: 53-bit hashes
 * (`hash53`: XXH64's steps, see src/util/hash53.ts) in an open-addressing table of typed arrays, with the row
 * where each was first seen. Past `maxEntries` nothing new is stored; lookups still work.
 * A collision (two different rows, same 53-bit hash) is about 1 in 10^4 at a million rows.
 */
export { hash53 } from '../util/hash53.js';

/** Entry k of a HashSeen is three numbers at 3k: the hash's high 21 bits, its low 32 bits, the row. */
const WIDTH = 3;

/** Hashes added that wait for their slot, at most: placed together, their slots' loads overlap (see `add`). */
const BATCH = 64;

/**
 * The filter has a 32-bit word for every 2^FILTER_SHARE slots: 2 bits a slot, at least 4 bits a
 * hash (slots are at most half full), a sixteenth of the slots' size (512 KiB at a million rows).
 * It wrongly says "maybe" for 5% of new hashes on average while it fills, 15% when full; one
 * twice the size (1.4%, 4%) was itself read from further away: slower in a loop with a reader's
 * memory traffic between the adds.
 */
const FILTER_SHARE = 4;

/**
 * Two typed arrays: the entries in the order they were added (12 bytes each, written one after
 * the other), and an open-addressing table of 4-byte slots, each the number of an entry (+1; 0:
 * empty) with, in its spare high bits, a fingerprint of the entry's hash. A probe of a big table
 * misses the cache (once per row for duplicate rows): it reads one slot of a table a third of the
 * size of one holding the entries themselves, and an entry only when the fingerprints agree.
 *
 * Most hashes added are new, and a Bloom filter a sixteenth of the slots' size says so without a
 * probe (the filter, smaller, misses the cache less often). Such a hash's entry is written at
 * once; its slot waits (at most BATCH of them, or until a hash that may be there is looked up):
 * the waiting ones are placed together, their slots read first in one loop, so that the processor
 * waits for their cache misses at once rather than one after the other.
 */
export class HashSeen {
  private slots: Uint32Array;
  private mask: number;
  private entries: Uint32Array;
  private count = 0;
  /** Entries [0, placed) have their slot; [placed, count) wait for it (`placeWaiting`). */
  private placed = 0;
  /** The Bloom filter of every entry's hash: 3 bits of one 32-bit word each (`filterBits`), the word at the top bits of the hash's low 32. */
  private filter: Uint32Array;
  private filterShift: number;
  /** What the loads that bring the waiting entries' slots in read (kept, so that they are not left out). */
  private touched = 0;
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
    this.filter = new Uint32Array((1 << 12) >>> FILTER_SHARE);
    this.filterShift = 32 - (12 - FILTER_SHARE);
    this.entries = new Uint32Array(WIDTH << 11);
  }

  /** True once `maxEntries` hashes are stored: later ones are looked up but not added. */
  get full(): boolean {
    return this.count >= this.maxEntries;
  }

  /** The row where `hash` was first seen, or 0 when it was not stored (past `maxEntries`: maybe never stored). */
  has(hash: number): number {
    if (!this.mayHold(hash)) return 0;
    this.placeWaiting();
    return this.rowAt(this.slots[this.find(hash)]!);
  }

  /** Records `hash` first seen at `row`; returns the earlier row when it was already there, else 0. */
  add(hash: number, row: number): number {
    if (!this.mayHold(hash)) {
      // Surely new: its entry now, its slot with the next ones.
      if (this.full) return 0;
      if ((this.count + 1) * 2 > this.mask + 1) this.grow();
      this.append(hash, row);
      if (this.count - this.placed >= BATCH) this.placeWaiting();
      return 0;
    }
    this.placeWaiting();
    let at = this.find(hash);
    const v = this.slots[at]!;
    if (v !== 0) return this.rowAt(v);
    if (this.full) return 0;
    if ((this.count + 1) * 2 > this.mask + 1) {
      this.grow();
      at = this.find(hash);
    }
    const k = this.append(hash, row);
    this.slots[at] = this.slot(high(hash), k);
    this.placed = this.count;
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

  /**
   * Reads the filter word and the first slot of each of `hashes[0, count)`, in one loop of
   * independent loads: their cache misses overlap, and the `add`s or `has`s of those hashes that
   * follow find them in the cache. Answers nothing, changes nothing.
   */
  prefetch(hashes: Float64Array, count: number): void {
    const { slots, mask, filter, filterShift } = this;
    let touched = 0;
    for (let k = 0; k < count; k++) {
      const lo = hashes[k]! >>> 0;
      touched ^= filter[lo >>> filterShift]! ^ slots[lo & mask]!;
    }
    this.touched = touched;
  }

  /** False when `hash` is surely not stored (the filter lacks one of its bits). */
  private mayHold(hash: number): boolean {
    const bits = filterBits(hash);
    return (this.filter[(hash >>> 0) >>> this.filterShift]! & bits) === bits;
  }

  /** Writes the entry of `hash` (there is room in the table of slots) and notes it in the filter; returns its number. */
  private append(hash: number, row: number): number {
    const k = this.count++;
    if (this.count * WIDTH > this.entries.length) this.growEntries(Math.min(this.maxEntries, 2 * this.count));
    const lo = hash >>> 0;
    this.entries[k * WIDTH] = high(hash);
    this.entries[k * WIDTH + 1] = lo;
    this.entries[k * WIDTH + 2] = row;
    this.filter[lo >>> this.filterShift]! |= filterBits(hash);
    return k;
  }

  /**
   * Gives the waiting entries their slots. Each is surely not in the table (the filter said so
   * when it came): the first empty slot from its place is its. Their slots are read in a loop of
   * independent loads first: the processor has them all on the way at once.
   */
  private placeWaiting(): void {
    if (this.placed === this.count) return;
    const { slots, entries, mask } = this;
    let touched = 0;
    for (let k = this.placed; k < this.count; k++) touched ^= slots[entries[k * WIDTH + 1]! & mask]!;
    this.touched = touched;
    for (let k = this.placed; k < this.count; k++) {
      let i = entries[k * WIDTH + 1]! & mask;
      while (slots[i]! !== 0) i = (i + 1) & mask;
      slots[i] = this.slot(entries[k * WIDTH]!, k);
    }
    this.placed = this.count;
  }

  /** The row of the entry a slot holds, 0 for an empty slot. */
  private rowAt(v: number): number {
    return v === 0 ? 0 : this.entries[((v & this.indexMask) - 1) * WIDTH + 2]!;
  }

  /** The slot of entry k, whose hash's high bits are `hi`. */
  private slot(hi: number, k: number): number {
    return (((hi & this.printMask) << this.indexBits) | (k + 1)) >>> 0;
  }

  /** The slot holding `hash`, or the empty slot where it would go (no entry waits for its slot). */
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

  /** A bigger table of slots and filter, filled again from the entries (read in order): none waits after. */
  private grow(size = (this.mask + 1) * 2): void {
    this.slots = new Uint32Array(size);
    this.mask = size - 1;
    this.filter = new Uint32Array(size >>> FILTER_SHARE);
    this.filterShift = 32 - Math.log2(size >>> FILTER_SHARE);
    const { slots, entries, mask, filter, filterShift } = this;
    for (let k = 0; k < this.count; k++) {
      const hi = entries[k * WIDTH]!;
      const lo = entries[k * WIDTH + 1]!;
      let i = lo & mask;
      while (slots[i]! !== 0) i = (i + 1) & mask;
      slots[i] = this.slot(hi, k);
      filter[lo >>> filterShift]! |= bitsOfHigh(hi);
    }
    this.placed = this.count;
  }

  private growEntries(capacity: number): void {
    const bigger = new Uint32Array(Math.max(capacity, this.count) * WIDTH);
    bigger.set(this.entries.subarray(0, Math.min(this.entries.length, this.count * WIDTH)));
    this.entries = bigger;
  }
}

/** The filter's bits for a hash: three of a 32-bit word, chosen by bits 6 to 20 of its high 21. */
function filterBits(hash: number): number {
  return bitsOfHigh(high(hash));
}

function bitsOfHigh(hi: number): number {
  return (1 << ((hi >>> 6) & 31)) | (1 << ((hi >>> 11) & 31)) | (1 << ((hi >>> 16) & 31));
}

/** The high 21 bits of a 53-bit hash (an exact division by a power of two, then truncation). */
function high(hash: number): number {
  return (hash / 4294967296) >>> 0;
}
