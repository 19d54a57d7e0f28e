/**
 * A column's distinct values with their tallies, up to a cap: the profile's `valueCounts`. Cells
 * come as strings or as UTF-16 units of the reader's copy of the record's text (a cut string's
 * characters are read through the chunk it was cut from, and a `Map` lookup hashes and compares a
 * new string each time). So the values are kept as units too: a hash of the units finds the slot,
 * and a value is the same only when all its units are (collisions are resolved exactly). The
 * strings are made once, at the end, in first-seen order — what a `Map` keyed by the strings holds.
 */
import type { Tally } from '../model/index.js';

/** Mixes a hash so that its low bits (the slot) depend on every unit. */
function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** FNV-1a over the UTF-16 units `u[from, to)` two at a time (half the multiplications), seeded with their number. */
function hashUnits(u: Uint16Array, from: number, to: number): number {
  let h = 0x811c9dc5 ^ (to - from);
  let i = from;
  for (; i + 1 < to; i += 2) h = Math.imul(h ^ (u[i]! | (u[i + 1]! << 16)), 0x01000193);
  if (i < to) h = Math.imul(h ^ u[i]!, 0x01000193);
  return finish(h);
}

/** The hash of a value given as a string: `hashUnits` of its units (exported for the tests, which look for collisions). */
export function hashString(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return finish(h);
}

export class DistinctValues {
  /** Values seen, in order: value e is `pool[starts[e], starts[e + 1])`. */
  private pool = new Uint16Array(64);
  private starts = new Int32Array(17);
  private counts = new Float64Array(16);
  private firstRows = new Float64Array(16);
  size = 0;
  /** Open addressing, at most half full: slot i holds a hash at 2i and its value + 1 at 2i + 1 (0: empty). */
  private slots = new Int32Array(64);
  private mask = 31;

  /**
   * `cap`: values kept; `maxLength`: longer values are not kept (`add…` returns false: the caller
   * stops counting). The arrays start small and grow to the cap (a wide table's columns mostly
   * reach their cap, or stop at a long value, early).
   */
  constructor(
    readonly cap: number,
    private readonly maxLength: number,
  ) {}

  /** Counts the value `u[from, to)`; false when it is a new value past the cap or too long (nothing counted). */
  addUnits(u: Uint16Array, from: number, to: number, row: number): boolean {
    const h = hashUnits(u, from, to);
    const { slots, mask, pool, starts } = this;
    const len = to - from;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = slots[2 * i + 1]! - 1;
      if (e < 0) return this.insert(i, h, len, row, u, from, '');
      if (slots[2 * i] !== h) continue;
      const at = starts[e]!;
      if (starts[e + 1]! - at !== len) continue;
      let k = 0;
      while (k < len && pool[at + k] === u[from + k]) k++;
      if (k === len) {
        this.counts[e]!++;
        return true;
      }
    }
  }

  /** Counts the value `s` (the same value as its units). */
  addString(s: string, row: number): boolean {
    const len = s.length;
    const h = hashString(s);
    const { slots, mask, pool, starts } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = slots[2 * i + 1]! - 1;
      if (e < 0) return this.insert(i, h, len, row, undefined, 0, s);
      if (slots[2 * i] !== h) continue;
      const at = starts[e]!;
      if (starts[e + 1]! - at !== len) continue;
      let k = 0;
      while (k < len && pool[at + k] === s.charCodeAt(k)) k++;
      if (k === len) {
        this.counts[e]!++;
        return true;
      }
    }
  }

  /** A new value at free slot `slot`: the units `u[from, from + len)`, or the string `s` without `u`. */
  private insert(slot: number, h: number, len: number, row: number, u: Uint16Array | undefined, from: number, s: string): boolean {
    if (this.size >= this.cap || len > this.maxLength) return false;
    if (this.size === this.counts.length) slot = this.grow(h);
    const e = this.size++;
    const at = this.starts[e]!;
    if (at + len > this.pool.length) {
      let n = this.pool.length * 2;
      while (n < at + len) n *= 2;
      const grown = new Uint16Array(n);
      grown.set(this.pool.subarray(0, at));
      this.pool = grown;
    }
    const pool = this.pool;
    if (u) for (let k = 0; k < len; k++) pool[at + k] = u[from + k]!;
    else for (let k = 0; k < len; k++) pool[at + k] = s.charCodeAt(k);
    this.starts[e + 1] = at + len;
    this.counts[e] = 1;
    this.firstRows[e] = row;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = e + 1;
    return true;
  }

  /** Room for twice the values (at most the cap); returns the free slot for hash `h` in the new slots. */
  private grow(h: number): number {
    const n = Math.min(this.cap, this.counts.length * 2);
    const starts = new Int32Array(n + 1);
    starts.set(this.starts);
    this.starts = starts;
    const counts = new Float64Array(n);
    counts.set(this.counts);
    this.counts = counts;
    const firstRows = new Float64Array(n);
    firstRows.set(this.firstRows);
    this.firstRows = firstRows;
    const old = this.slots;
    let slots = 16;
    while (slots < n * 2) slots *= 2;
    this.slots = new Int32Array(slots * 2);
    this.mask = slots - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      const at = 2 * this.free(old[i]!);
      this.slots[at] = old[i]!;
      this.slots[at + 1] = old[i + 1]!;
    }
    return this.free(h);
  }

  /** The first free slot from hash `h`'s. */
  private free(h: number): number {
    let i = h & this.mask;
    while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    return i;
  }

  /** Value e as a string, made a piece at a time (a long value's units are too many arguments for one call). */
  private value(e: number): string {
    const to = this.starts[e + 1]!;
    let s = '';
    for (let at = this.starts[e]!; at < to; at += 4096) s += String.fromCharCode(...this.pool.subarray(at, Math.min(to, at + 4096)));
    return s;
  }

  /** The values with their tallies, in the order they were first seen. */
  tallies(): Map<string, Tally> {
    const map = new Map<string, Tally>();
    for (let e = 0; e < this.size; e++) {
      map.set(this.value(e), { count: this.counts[e]!, firstRow: this.firstRows[e]! });
    }
    return map;
  }
}
