/** Rows whose line offset is kept per data file; past it (a file of multi-line cells) later rows get no line. */
export const MAX_BREAKPOINTS = 100_000;

/**
 * The physical line each record (row) of a data file starts on, kept as the rows where
 * `line − row` changes (a quoted cell spanning lines shifts every later record): a file without
 * multi-line cells costs one entry. Findings that rules locate by row get their line from it,
 * so that code hosts point at the line (SARIF, GitHub, GitLab) while the report keeps the row.
 */
export class RowLines {
  private readonly rows: number[] = [];
  private readonly offsets: number[] = [];
  private last = 0;
  private full = false;

  /** A record the reader read: `row` starts on `line`. Rows come in increasing order. */
  see(row: number, line: number): void {
    if (this.full || row <= this.last) return;
    const offset = line - row;
    if (this.offsets.length === 0 || offset !== this.offsets[this.offsets.length - 1]) {
      if (this.rows.length >= MAX_BREAKPOINTS) {
        this.full = true;
        return;
      }
      this.rows.push(row);
      this.offsets.push(offset);
    }
    this.last = row;
  }

  /**
   * The line a row starts on, when known: rows seen (and those between them), and rows before the
   * first seen when no line was shifted yet (each record then starts on its own line).
   */
  lineOf(row: number): number | undefined {
    if (this.rows.length === 0 || row > this.last || row < 1) return undefined;
    if (row < this.rows[0]!) return this.offsets[0] === 0 ? row : undefined;
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rows[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return row + this.offsets[lo]!;
  }
}
