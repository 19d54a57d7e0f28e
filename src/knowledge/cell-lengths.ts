/**
 * The lengths of a table's cells, per column, in constant memory: what `data/deviated-cell` needs
 * (frictionless-py `checks/cell/deviated_cell.py`: the median and the sample standard deviation of
 * each column's cell lengths in code points, and the cells long enough to be reported). A cell costs
 * one increment of a histogram. The CSV reader counts them in its column profile's walk over each
 * record when asked (`ReadOptions.cellLengths`), so that the rule needs no walk of its own; the rule
 * counts them itself for the tables the reader does not (other readers, schemas, headerless tables).
 */

/** Lengths below this are counted in an array, longer ones in a map. */
export const SMALL_LENGTH = 1024;
/** A cell is never deviated at this length or below (frictionless-py's minimum threshold). */
export const LONG_CELL = 5000;
/** Cells longer than LONG_CELL remembered per table (row and length: 8 bytes each). */
export const MAX_LONG_CELLS = 100_000;

/**
 * Where column i's histogram starts in `counts`: SMALL_LENGTH and one cache line, so that the
 * columns' counts of short lengths, used on every row, do not all fall in the same sets of the
 * CPU's cache (a stride of 8 KiB would put them there).
 */
export const LENGTH_STRIDE = SMALL_LENGTH + 8;

import type { CellLengthFacts, LongCell } from '../model/index.js';
import { codePointLength } from './code-points.js';

/** Cell lengths (in code points, non-empty cells only) of the columns 0 to `columns − 1`. */
export class CellLengths implements CellLengthFacts {
  /** Column i's cells of each length below SMALL_LENGTH at `i × LENGTH_STRIDE + length`: writers count them in place. */
  counts: Float64Array;
  private large: Map<number, number>[] = [];
  /** Per column: count, sum and sum of squares of the lengths of SMALL_LENGTH and more. */
  private largeN: number[] = [];
  private largeSum: number[] = [];
  private largeSquares: number[] = [];
  /** Per column: the cells longer than LONG_CELL, in the order they were counted, while the table has at most MAX_LONG_CELLS. */
  long: LongCell[][] = [];
  private longCells = 0;
  /** More than MAX_LONG_CELLS cells were longer than LONG_CELL: the later ones were not kept. */
  partial = false;

  constructor(public columns: number) {
    this.counts = new Float64Array(columns * LENGTH_STRIDE);
    this.grow(columns);
  }

  /** Makes room for `columns` columns (a headerless table's rows may widen it); counts so far are kept. */
  grow(columns: number): void {
    if (columns * LENGTH_STRIDE > this.counts.length) {
      const counts = new Float64Array(columns * LENGTH_STRIDE);
      counts.set(this.counts);
      this.counts = counts;
    }
    for (let i = this.large.length; i < columns; i++) {
      this.large.push(new Map());
      this.largeN.push(0);
      this.largeSum.push(0);
      this.largeSquares.push(0);
      this.long.push([]);
    }
    this.columns = Math.max(this.columns, columns);
  }

  /** Counts a cell of `length` ≥ 1 code points of `column` at `row` (writers count shorter ones in `counts` themselves). */
  add(column: number, length: number, row: number): void {
    if (length < SMALL_LENGTH) {
      this.counts[column * LENGTH_STRIDE + length]!++;
      return;
    }
    this.addLarge(column, length, row);
  }

  /** Counts a cell of SMALL_LENGTH code points or more, and keeps it when it is long enough to be reported. */
  addLarge(column: number, length: number, row: number): void {
    this.largeN[column]!++;
    this.largeSum[column]! += length;
    this.largeSquares[column]! += length * length;
    const large = this.large[column]!;
    large.set(length, (large.get(length) ?? 0) + 1);
    if (length <= LONG_CELL) return;
    if (this.longCells < MAX_LONG_CELLS) {
      this.longCells++;
      this.long[column]!.push({ row, length });
    } else this.partial = true;
  }

  /** Cells counted in `column`. */
  n(column: number): number {
    let n = this.largeN[column]!;
    const at = column * LENGTH_STRIDE;
    for (let l = 1; l < SMALL_LENGTH; l++) n += this.counts[at + l]!;
    return n;
  }

  /**
   * Python's statistics.stdev (sample) of the lengths. The sums are of integers, exact below 2^53
   * (the histogram's part always is): the same as summing cell by cell.
   */
  stdev(column: number): number {
    let n = this.largeN[column]!;
    let sum = this.largeSum[column]!;
    let squares = this.largeSquares[column]!;
    const at = column * LENGTH_STRIDE;
    for (let l = 1; l < SMALL_LENGTH; l++) {
      const k = this.counts[at + l]!;
      n += k;
      sum += k * l;
      squares += k * l * l;
    }
    return Math.sqrt(Math.max(0, (squares - (sum * sum) / n) / (n - 1)));
  }

  median(column: number): number {
    const n = this.n(column);
    const counts = this.counts;
    const at = column * LENGTH_STRIDE;
    const largeCounts = this.large[column]!;
    const large = [...largeCounts.keys()].sort((a, b) => a - b);
    /** The k-th smallest length (0-based). */
    const kth = (k: number): number => {
      let seen = 0;
      for (let l = 0; l < SMALL_LENGTH; l++) {
        seen += counts[at + l]!;
        if (seen > k) return l;
      }
      for (const l of large) {
        seen += largeCounts.get(l)!;
        if (seen > k) return l;
      }
      return large[large.length - 1] ?? SMALL_LENGTH - 1;
    };
    return n % 2 ? kth((n - 1) / 2) : (kth(n / 2 - 1) + kth(n / 2)) / 2;
  }
}

/** A high surrogate: only then does a cell's length in code points differ from its UTF-16 length. */
export function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) return true;
  }
  return false;
}

/** The length in code points of a cell's string; `bmp`: its row has no surrogate pair (RowContext.bmp), so it is the UTF-16 length. */
export function cellLength(raw: string, bmp: boolean): number {
  return !bmp && hasSurrogate(raw) ? codePointLength(raw) : raw.length;
}

/** The length in code points of `units[from, to)`: its UTF-16 length less one per surrogate pair. */
export function codePointLengthUnits(units: Uint16Array, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = units[i]!;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = units[i + 1]!;
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
