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

/** A hash's first slot in a table of `mask + 1` (a power of two) slots: its low bits (an integer truncation, not a floating-point `%`). */
function slot(key: number, mask: number): number {
  return (key >>> 0) & mask;
}

export class HashSeen {
  private keys: Float64Array;
  private rows: Uint32Array;
  private count = 0;

  constructor(readonly maxEntries: number) {
    this.keys = new Float64Array(1 << 12);
    this.rows = new Uint32Array(1 << 12);
  }

  /** True once `maxEntries` hashes are stored: later ones are looked up but not added. */
  get full(): boolean {
    return this.count >= this.maxEntries;
  }

  /** The row where `hash` was first seen, or 0 when it was not stored (past `maxEntries`: maybe never stored). */
  has(hash: number): number {
    const key = hash || 1;
    const mask = this.keys.length - 1;
    for (let i = slot(key, mask); this.keys[i] !== 0; i = (i + 1) & mask) if (this.keys[i] === key) return this.rows[i]!;
    return 0;
  }

  /** Records `hash` first seen at `row`; returns the earlier row when it was already there, else 0. */
  add(hash: number, row: number): number {
    const key = hash || 1; // 0 marks an empty slot
    let mask = this.keys.length - 1;
    let i = slot(key, mask);
    while (this.keys[i] !== 0) {
      if (this.keys[i] === key) return this.rows[i]!;
      i = (i + 1) & mask;
    }
    if (this.full) return 0;
    if ((this.count + 1) * 2 > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      i = slot(key, mask);
      while (this.keys[i] !== 0) i = (i + 1) & mask;
    }
    this.keys[i] = key;
    this.rows[i] = row;
    this.count++;
    return 0;
  }

  private grow(): void {
    const [keys, rows] = [this.keys, this.rows];
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Uint32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === 0) continue;
      let i = slot(keys[j]!, mask);
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = keys[j]!;
      this.rows[i] = rows[j]!;
    }
  }
}
