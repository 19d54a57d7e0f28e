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
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    compiled ??= new WebAssembly.Module(Buffer.from(ROW_HASH_WASM, 'base64'));
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    this.hashExport = instance.exports['hash'] as HashExport;
    const { buffer } = memory;
    this.starts = new Int32Array(buffer, 0, cells);
    this.ends = new Int32Array(buffer, this.endsAt, cells);
    this.units = new Uint16Array(buffer, this.unitsAt, units);
    this.text = Buffer.from(buffer, this.unitsAt, units * 2);
  }
}
