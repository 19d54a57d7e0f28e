/**
 * Smallest group size (k) of a person-level table over its quasi-identifiers, in bounded
 * memory: at most `maxGroups` distinct combinations are tracked; rows with a combination seen
 * only after the cap are counted as "not assessed" and the result says it is capped.
 */
export interface KSummary {
  /** Smallest group size among tracked combinations (0 when no row had a value). */
  k: number;
  /** Groups and rows in groups smaller than the threshold. */
  groupsBelow: number;
  rowsBelow: number;
  /** First row of the first few groups smaller than the threshold (ascending). */
  exampleRows: number[];
  groups: number;
  rows: number;
  /** Rows whose combination was first seen after the cap (not assessed). */
  untracked: number;
  capped: boolean;
}

export class GroupCounter {
  private readonly groups = new Map<string, { size: number; firstRow: number }>();
  private rows = 0;
  private untracked = 0;

  constructor(private readonly maxGroups: number) {}

  /** Adds one row's quasi-identifier values; rows with none filled in are ignored. */
  add(values: readonly string[], row: number): void {
    if (values.every((v) => v.trim() === '')) return;
    this.rows++;
    const key = values.map((v) => v.trim().toLowerCase()).join('\u001f');
    const group = this.groups.get(key);
    if (group) group.size++;
    else if (this.groups.size < this.maxGroups) this.groups.set(key, { size: 1, firstRow: row });
    else this.untracked++;
  }

  summary(threshold: number, examples = 5): KSummary {
    let k = Infinity;
    let groupsBelow = 0;
    let rowsBelow = 0;
    const small: number[] = [];
    for (const g of this.groups.values()) {
      k = Math.min(k, g.size);
      if (g.size < threshold) {
        groupsBelow++;
        rowsBelow += g.size;
        small.push(g.firstRow);
      }
    }
    small.sort((a, b) => a - b);
    return {
      k: k === Infinity ? 0 : k,
      groupsBelow,
      rowsBelow,
      exampleRows: small.slice(0, examples),
      groups: this.groups.size,
      rows: this.rows,
      untracked: this.untracked,
      capped: this.untracked > 0,
    };
  }
}
