/**
 * The numbers of one column with their row numbers, kept compactly (12 bytes a value, in typed
 * arrays that double as they fill) up to a cap, and the statistics frictionless's
 * `deviated-value` computes from them (Python's `statistics`: sample standard deviation; mean,
 * median or mode as the centre).
 */
import { sortedIncludes } from '../util/sorted.js';

export type Average = 'mean' | 'median' | 'mode';

export class NumberColumn {
  private values = new Float64Array(1024);
  private rows = new Uint32Array(1024);
  length = 0;
  /** The first row whose value was not kept (the cap was reached), if any. */
  droppedFrom: number | undefined;

  constructor(private readonly cap: number) {}

  add(value: number, row: number): void {
    if (this.length >= this.cap) {
      this.droppedFrom ??= row;
      return;
    }
    if (this.length === this.values.length) {
      const size = Math.min(this.cap, this.values.length * 2);
      const values = new Float64Array(size);
      values.set(this.values);
      const rows = new Uint32Array(size);
      rows.set(this.rows);
      this.values = values;
      this.rows = rows;
    }
    this.values[this.length] = value;
    this.rows[this.length++] = row;
  }

  forEach(fn: (value: number, row: number) => void): void {
    for (let i = 0; i < this.length; i++) fn(this.values[i]!, this.rows[i]!);
  }

  /** `average ± interval × stdev`, or undefined with fewer than two values (as frictionless). */
  range(average: Average, interval: number): { minimum: number; maximum: number } | undefined {
    if (this.length < 2) return undefined;
    const values = this.values.subarray(0, this.length);
    const centre = average === 'median' ? median(values) : average === 'mode' ? mode(values) : mean(values);
    const spread = stdev(values) * interval;
    return { minimum: centre - spread, maximum: centre + spread };
  }
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1), computed around the mean in two passes for accuracy. */
function stdev(values: Float64Array): number {
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The most common value; on a tie, the one seen first (Python ≥ 3.8). Counted on a sorted copy
 * rather than in a Map, so that a million distinct values cost 8 MB and not a hash table.
 */
function mode(values: Float64Array): number {
  const sorted = values.slice().sort();
  let best = 0;
  for (let i = 0, run = 1; i < sorted.length; i++, run++) {
    if (i + 1 === sorted.length || sorted[i + 1] !== sorted[i]) {
      best = Math.max(best, run);
      run = 0;
    }
  }
  const tied: number[] = [];
  for (let i = 0, run = 1; i < sorted.length; i++, run++) {
    if (i + 1 === sorted.length || sorted[i + 1] !== sorted[i]) {
      if (run === best) tied.push(sorted[i]!);
      run = 0;
    }
  }
  if (tied.length === 1) return tied[0]!;
  const candidates = Float64Array.from(tied);
  for (const v of values) if (sortedIncludes(candidates, v)) return v;
  return values[0]!;
}
