/**
 * Row rules report the first few problems of a file one by one, then one summary finding:
 * a file with a million ragged rows must not produce a million findings.
 */
export class FindingLimit {
  private reported = 0;
  private left = 0;
  private firstLeft = 0;
  private lastLeft = 0;

  constructor(readonly max: number) {}

  /** True when the problem at `row` may be reported on its own; otherwise it is only counted. */
  take(row: number): boolean {
    if (this.reported < this.max) {
      this.reported++;
      return true;
    }
    if (this.left++ === 0) this.firstLeft = row;
    this.lastLeft = row;
    return false;
  }

  /** True once every problem `take` may report was reported: from then on it only counts them. */
  get full(): boolean {
    return this.reported >= this.max;
  }

  /** `take(row)` `n` ≥ 1 times once `full`: the problems of one row, counted at once. */
  skip(row: number, n: number): void {
    if (this.left === 0) this.firstLeft = row;
    this.left += n;
    this.lastLeft = row;
  }

  /** The problems left out, for the summary finding (undefined when none were). */
  overflow(): { count: number; firstRow: number; lastRow: number } | undefined {
    return this.left ? { count: this.left, firstRow: this.firstLeft, lastRow: this.lastLeft } : undefined;
  }
}

/** Options schema fragment shared by rules that cap their findings per file. */
export const MAX_FINDINGS_OPTION = {
  maxFindings: { type: 'integer', minimum: 1, description: 'Findings reported one by one per file; the rest are summarised in one finding.' },
};
