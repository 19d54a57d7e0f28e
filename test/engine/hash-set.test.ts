import { describe, it, expect } from 'vitest';
import { hash53, HashSeen } from '../../src/engine/hash-set.js';
import { prng } from '../helpers/prng.js';

describe('HashSeen', () => {
  it('gives the first row of a hash seen again, through many growths, telling apart hashes that share their low or their high bits', () => {
    const seen = new HashSeen(1_000_000);
    const hashes: number[] = [];
    for (let i = 0; i < 20_000; i++) hashes.push(hash53([`row ${i}`]));
    // Same low 32 bits, other high bits; same high bits, other low bits; the extremes.
    hashes.push(2 ** 32 * 5 + 7, 2 ** 32 * 6 + 7, 2 ** 32 * 5 + 8, 0, 1, 2 ** 53 - 1);
    expect(new Set(hashes).size).toBe(hashes.length);
    hashes.forEach((h, i) => expect(seen.add(h, i + 1)).toBe(0));
    hashes.forEach((h, i) => {
      expect(seen.has(h)).toBe(i + 1);
      expect(seen.add(h, 999_999)).toBe(i + 1);
    });
    expect(seen.has(2 ** 32 * 7 + 7)).toBe(0);
    expect(seen.full).toBe(false);
  });

  it('stores no more than maxEntries hashes, and still finds those it stored', () => {
    const seen = new HashSeen(3);
    expect([10, 20, 30, 40].map((h, i) => seen.add(h, i + 2))).toEqual([0, 0, 0, 0]);
    expect(seen.full).toBe(true);
    expect([10, 20, 30, 40].map((h) => seen.has(h))).toEqual([2, 3, 4, 0]);
    expect(seen.add(40, 9)).toBe(0);
  });

  it('answers the same when sized at once (reserve) as when grown by doubling, also past the reserve and within maxEntries', () => {
    const hashes = Array.from({ length: 30_000 }, (_, i) => hash53([`cell ${i % 20_000}`, String(i % 7)]));
    for (const [maxEntries, reserve] of [[1_000_000, 5_000], [1_000_000, 100_000], [12_000, 1_000_000]] as const) {
      const grown = new HashSeen(maxEntries);
      const sized = new HashSeen(maxEntries);
      sized.reserve(reserve);
      hashes.forEach((h, i) => expect(sized.add(h, i + 1)).toBe(grown.add(h, i + 1)));
      expect(sized.full).toBe(grown.full);
      expect(hashes.map((h) => sized.has(h))).toEqual(hashes.map((h) => grown.has(h)));
    }
  });

  it('answers what a Map of first rows answers, for every table size and fingerprint width, hashes crowding the same slots and fingerprints', () => {
    const rand = prng(53);
    for (const maxEntries of [1, 2, 3, 5, 100, 4096, 50_000, 2 ** 20, 2 ** 31, 2 ** 40]) {
      for (const reserve of [0, 1_000, 30_000]) {
        const seen = new HashSeen(maxEntries);
        if (reserve) seen.reserve(reserve);
        const map = new Map<number, number>();
        const earlier: number[] = [];
        for (let row = 1; row <= 20_000; row++) {
          // Fresh hashes, earlier ones again, and hashes that share an earlier one's low or high bits.
          const before = earlier.length ? earlier[Math.floor(rand() * earlier.length)]! : 0;
          const hi = Math.floor(before / 2 ** 32);
          const lo = before % 2 ** 32;
          const hash = [
            Math.floor(rand() * 2 ** 53),
            before,
            hi * 2 ** 32 + ((lo + 4096 * Math.floor(rand() * 4)) % 2 ** 32),
            ((hi + 2 ** 12 * Math.floor(rand() * 4)) % 2 ** 21) * 2 ** 32 + lo,
            Math.floor(rand() * 2 ** 21) * 2 ** 32 + lo,
          ][Math.floor(rand() * 5)]!;
          earlier.push(hash);
          const first = map.get(hash) ?? 0;
          if (!first && map.size < maxEntries) map.set(hash, row);
          const got = [rand() < 0.1 ? seen.has(hash) : first, seen.add(hash, row), seen.full];
          const want = [first, first, map.size >= maxEntries];
          if (got.some((g, i) => g !== want[i])) expect({ maxEntries, reserve, row, hash, got }).toEqual({ maxEntries, reserve, row, hash, got: want });
        }
      }
    }
  });

  it('finds hashes still waiting for their slot, at every point of a batch and across growths (has and add)', () => {
    const rand = prng(64);
    const wrong: unknown[] = [];
    for (const reserve of [0, 100_000]) {
      const seen = new HashSeen(1_000_000);
      if (reserve) seen.reserve(reserve);
      const added: number[] = [];
      for (let row = 1; row <= 30_000; row++) {
        const hash = Math.floor(rand() * 2 ** 53);
        if (seen.add(hash, row) !== 0) wrong.push({ reserve, row, hash });
        added.push(hash);
        // Now and then, one of the last few (maybe waiting) or an older one, asked for by has or add.
        if (rand() < 0.02) {
          const back = rand() < 0.7 ? Math.floor(rand() * Math.min(70, added.length)) : Math.floor(rand() * added.length);
          const k = added.length - 1 - back;
          const got = rand() < 0.5 ? seen.has(added[k]!) : seen.add(added[k]!, 999_999);
          if (got !== k + 1) wrong.push({ reserve, row, asked: k + 1, got });
        }
      }
      added.forEach((h, k) => {
        if (seen.has(h) !== k + 1) wrong.push({ reserve, at: k + 1 });
      });
    }
    expect(wrong).toEqual([]);
  });
  it('answers the same when the hashes about to be added or looked up are prefetched first, in batches of any size, across growths', () => {
    const rand = prng(64);
    const hashes: number[] = [];
    for (let i = 0; i < 30_000; i++) hashes.push(i > 0 && rand() < 0.2 ? hashes[Math.floor(rand() * i)]! : Math.floor(rand() * 2 ** 53));
    for (const [maxEntries, reserve] of [[1_000_000, 0], [1_000_000, 40_000], [5_000, 0]] as const) {
      const plain = new HashSeen(maxEntries);
      const fetched = new HashSeen(maxEntries);
      if (reserve) {
        fetched.reserve(reserve);
        plain.reserve(reserve);
      }
      const batch = new Float64Array(200);
      for (let at = 0; at < hashes.length; ) {
        const n = Math.min(1 + Math.floor(rand() * 200), hashes.length - at);
        for (let k = 0; k < n; k++) batch[k] = hashes[at + k]!;
        fetched.prefetch(batch, n);
        for (let k = 0; k < n; k++, at++) {
          if (rand() < 0.1) expect(fetched.has(hashes[at]!)).toBe(plain.has(hashes[at]!));
          expect(fetched.add(hashes[at]!, at + 1)).toBe(plain.add(hashes[at]!, at + 1));
        }
        expect(fetched.full).toBe(plain.full);
      }
    }
  });
});
