import { ROW_HASH_WASM } from './row-hash-wasm.js';

/**
 * A 53-bit hash of a row's cells: the key of the engine's HashSeen tables (src/engine/hash-set.ts).
 * A collision (two different rows, same hash) is about 1 in 10^4 at a million rows: each chain
 * below keeps 64 bits and each of its steps is one-to-one in both the chain and the word, so two
 * rows differing anywhere (in either lane's words, or only in their cells' lengths) differ in a
 * 64-bit state before the avalanche keeps 53 bits.
 *
 * Definition (src/util/row-hash.wat computes it; test/util/hash53.test.ts writes it out with
 * BigInt): the UTF-16 units of `cells.join(',')`, four a 64-bit word (little-endian, the last word
 * zero-padded); the even words through XXH64's single-lane step (the step XXH64, public domain by
 * Yann Collet, uses for an input's last words) from seed 0, the odd words through it from seed 1
 * (two independent chains of 64-bit multiplications: the processor runs them side by side); the
 * odd words' result stepped into the even words'; then the number of cells and of units; then a
 * chain of XXH64 rounds over the cells' lengths, so that ["a,b", "c"] and ["a", "b,c"] differ;
 * XXH64's avalanche; the top 53 bits. Hashing the joined text lets the CSV tokenizer's records,
 * whose unquoted cells sit in its copy of the text with one comma between them, be read as one
 * span. WebAssembly for its 64-bit multiplications: a word of four units a step where
 * JavaScript's 32-bit `Math.imul` took two units (and two chains) per step.
 */
export function hash53(parts: readonly string[]): number {
  const scratch = (stringsScratch ??= new RowUnits(64, 1024));
  const n = parts.length;
  let total = n;
  for (let p = 0; p < n; p++) total += parts[p]!.length;
  scratch.reserve(n, total);
  // The cells one comma apart: the hash reads them as one span (`commas`), as a record's.
  const { units, starts, ends, text } = scratch;
  let at = 0;
  for (let p = 0; p < n; p++) {
    const s = parts[p]!;
    starts[p] = at;
    // A long cell in one native copy; a short one unit by unit (the native call costs more).
    if (s.length > 32) at += text.write(s, at * 2, 'utf16le') / 2;
    else for (let i = 0; i < s.length; i++) units[at++] = s.charCodeAt(i);
    ends[p] = at;
    units[at++] = 44;
  }
  return scratch.hash(n, true);
}

/** Where `hash53(strings)` lays its rows out (one per thread, made on first use). */
let stringsScratch: RowUnits | undefined;
/** The compiled module (one per thread, on first use). */
let compiled: WebAssembly.Module | undefined;

type HashExport = (n: number, commas: number, starts: number, ends: number, units: number) => number;

/**
 * A record's cells' places and its text's UTF-16 units, in the memory of an instance of the row
 * hash's module, so that the hash reads them where they are written (the CSV tokenizer writes its
 * copy of the text here: `text`, and its cells' places). `hash(n, commas)`: `hash53` of the n
 * cells [starts[p], ends[p]) of `units`; `commas`: cells one unit apart are read as one span with
 * the unit between them, which must then be a comma (the text's delimiter).
 *
 * Each has its own memory, never grown in place: more room is a new memory, the contents copied
 * (growing a memory would detach the ArrayBuffer under every view of it, and V8 then checks every
 * typed-array access of the process for detachment).
 */
export class RowUnits {
  units = new Uint16Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  /** `units`' bytes (for `Buffer.write(text, 0, 'utf16le')`). */
  text = Buffer.alloc(0);
  private hashExport: HashExport = () => 0;
  private endsAt = 0;
  private unitsAt = 0;

  constructor(cells: number, units: number) {
    this.layOut(cells, units);
  }

  /** Room for `cells` cells' places and `units` units, contents kept: true when the arrays were replaced. */
  reserve(cells: number, units: number): boolean {
    if (cells <= this.starts.length && units <= this.units.length) return false;
    const { units: u, starts, ends } = this;
    this.layOut(Math.max(cells, starts.length), Math.max(units, u.length));
    this.units.set(u);
    this.starts.set(starts);
    this.ends.set(ends);
    return true;
  }

  hash(n: number, commas: boolean): number {
    return this.hashExport(n, commas ? 1 : 0, 0, this.endsAt, this.unitsAt);
  }

  private layOut(cells: number, units: number): void {
    this.endsAt = cells * 4;
    this.unitsAt = cells * 8;
    const bytes = this.unitsAt + units * 2;
    let buffer: ArrayBuffer;
    try {
      const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
      compiled ??= new WebAssembly.Module(Buffer.from(ROW_HASH_WASM, 'base64'));
      const instance = new WebAssembly.Instance(compiled, { env: { memory } });
      this.hashExport = instance.exports['hash'] as HashExport;
      buffer = memory.buffer;
    } catch {
      // V8 reserves ~10 GiB of address space for any WebAssembly memory: under a process limit
      // (`ulimit -v`) there may be none. The same numbers then, from plain memory and JavaScript.
      buffer = new ArrayBuffer(bytes);
      this.hashExport = (n) => rowHashPlain(n, this.starts, this.ends, this.units);
    }
    this.starts = new Int32Array(buffer, 0, cells);
    this.ends = new Int32Array(buffer, this.endsAt, cells);
    this.units = new Uint16Array(buffer, this.unitsAt, units);
    this.text = Buffer.from(buffer, this.unitsAt, units * 2);
  }
}

// The fallback below keeps 64-bit numbers as two unsigned 32-bit halves: with BigInt (an allocation
// at every operation) the bench file's data-rules run took 16x its CPU; with halves, ~4.5x.
const P1H = 0x9e3779b1, P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f;
const P3H = 0x165667b1, P3L = 0x9e3779f9;
const P4H = 0x85ebca77, P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f, P5L = 0x165667c5;
/** The result of `mul`, `step`, `round`: high and low halves. */
let rh = 0;
let rl = 0;

/** (ah, al) × (bh, bl) mod 2^64. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  rl = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  rh = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** rotl((ah, al) + w × P2, 31) × P1: XXH64's round. */
function round(ah: number, al: number, wh: number, wl: number): void {
  mul(wh, wl, P2H, P2L);
  const lo = al + rl;
  const h = (ah + rh + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  const l = lo >>> 0;
  // rotl 31
  mul(((h << 31) | (l >>> 1)) >>> 0, ((l << 31) | (h >>> 1)) >>> 0, P1H, P1L);
}

/** rotl((h, l) ^ round(0, w), 27) × P1 + P4: XXH64's step for one of an input's last words. */
function step(h: number, l: number, wh: number, wl: number): void {
  round(0, 0, wh, wl);
  const xh = (h ^ rh) >>> 0, xl = (l ^ rl) >>> 0;
  mul(((xh << 27) | (xl >>> 5)) >>> 0, ((xl << 27) | (xh >>> 5)) >>> 0, P1H, P1L);
  const lo = rl + P4L;
  rh = (rh + P4H + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  rl = lo >>> 0;
}

/**
 * `RowUnits.hash` where no WebAssembly memory could be had: the definition (above) in JavaScript,
 * over the n cells [starts[p], ends[p]) of `units` joined by commas (where the module reads a run
 * of cells one comma apart as one span: the same units). Several times the module's cost; only a
 * process without the address space for one (`ulimit -v`) takes this path.
 */
export function rowHashPlain(n: number, starts: Int32Array, ends: Int32Array, units: Uint16Array): number {
  // The two lanes (even and odd words), the word being filled (four units), the lengths' chain.
  let eh = P5H, el = P5L, oh = P5H, ol = P5L + 1;
  let wh = 0, wl = 0, inWord = 0, words = 0, total = 0;
  let lh = P1H, ll = P1L;
  /** The word filled so far, into its lane (even or odd). */
  const flush = (): void => {
    if (words++ & 1) {
      step(oh, ol, wh, wl);
      oh = rh; ol = rl;
    } else {
      step(eh, el, wh, wl);
      eh = rh; el = rl;
    }
    wh = wl = inWord = 0;
  };
  const take = (unit: number): void => {
    if (inWord < 2) wl = (wl | (unit << (16 * inWord))) >>> 0;
    else wh = (wh | (unit << (16 * (inWord - 2)))) >>> 0;
    if (++inWord === 4) flush();
  };
  for (let p = 0; p < n; p++) {
    if (p > 0) take(44);
    const from = starts[p]!;
    const to = ends[p]!;
    for (let i = from; i < to; i++) take(units[i]!);
    total += to - from + (p > 0 ? 1 : 0);
    round(lh, ll, 0, to - from);
    lh = rh; ll = rl;
  }
  if (inWord > 0) flush();
  step(eh, el, oh, ol);
  step(rh, rl, n, total);
  step(rh, rl, lh, ll);
  // XXH64's avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32; the top 53 bits.
  let h = rh, l = (rl ^ (rh >>> 1)) >>> 0;
  mul(h, l, P2H, P2L);
  h = rh; l = (rl ^ ((rl >>> 29) | (rh << 3))) >>> 0;
  h = (h ^ (h >>> 29)) >>> 0;
  mul(h, l, P3H, P3L);
  h = rh; l = (rl ^ rh) >>> 0;
  return h * 2 ** 21 + (l >>> 11);
}
