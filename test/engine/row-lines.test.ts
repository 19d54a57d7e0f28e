import { describe, it, expect } from 'vitest';
import { RowLines } from '../../src/engine/row-lines.js';

describe('RowLines', () => {
  it('gives the line each row starts on, from the rows where the offset changes', () => {
    const lines = new RowLines();
    lines.see(1, 1); // header
    lines.see(2, 2);
    lines.see(3, 3); // spans 3-4
    lines.see(4, 5); // spans 5-6
    for (let row = 5; row <= 1000; row++) lines.see(row, row + 2);
    expect([1, 2, 3, 4, 5, 500, 1000].map((r) => lines.lineOf(r))).toEqual([1, 2, 3, 5, 7, 502, 1002]);
    // Rows never read have no line.
    expect(lines.lineOf(1001)).toBeUndefined();
    expect(lines.lineOf(0)).toBeUndefined();
  });

  it('knows the rows above the first one read only while no record spanned lines', () => {
    const title = new RowLines();
    title.see(3, 3); // a header under two title rows
    expect(title.lineOf(1)).toBe(1);
    const shifted = new RowLines();
    shifted.see(3, 5);
    expect(shifted.lineOf(1)).toBeUndefined();
    expect(shifted.lineOf(3)).toBe(5);
  });
});
