import { describe, it, expect } from 'vitest';
import { TableProfiler, distinctCapFor } from '../../src/readers/profile.js';

describe('TableProfiler', () => {
  it('tallies types, padding, ranges and null placeholders per column', () => {
    const p = new TableProfiler(['n', 'when', 'label']);
    p.add(['10', '2020-01-01', ' a'], 2, false);
    p.add(['-3.5', '2021-06-30', 'b'], 3, false);
    p.add(['', '31/12/2020', 'NA'], 4, false);
    p.add([''], 5, true);
    const { columns, dataRows, blankRows } = p.result();
    expect([dataRows, blankRows]).toEqual([4, 1]);
    expect(columns[0]).toMatchObject({ filled: 2, empty: 1, inferredType: 'number', min: -3.5, max: 10, types: { integer: { count: 1, firstRow: 2 }, number: { count: 1, firstRow: 3 } } });
    expect(columns[1]).toMatchObject({ inferredType: 'date', minDate: '2020-01-01', maxDate: '2021-06-30', dateFormats: [{ pattern: 'DD/MM/YYYY', count: 1, firstRow: 4 }] });
    expect(columns[2]).toMatchObject({ padded: { count: 1, firstRow: 2 }, types: { text: { count: 2, firstRow: 2 }, null: { count: 1, firstRow: 4 } } });
    expect([...columns[2]!.valueCounts!]).toEqual([
      ['a', { count: 1, firstRow: 2 }],
      ['b', { count: 1, firstRow: 3 }],
      ['NA', { count: 1, firstRow: 4 }],
    ]);
  });

  it('keeps integer ranges exact beyond string comparison (signs, leading zeros)', () => {
    const p = new TableProfiler(['n']);
    for (const [i, v] of ['9', '10', '007', '-12', '100'].entries()) p.add([v], i + 2, false);
    expect(p.result().columns[0]).toMatchObject({ min: -12, max: 100 });
  });

  it('bounds distinct values: counted exactly up to the cap, then only "more than"', () => {
    const cap = distinctCapFor(1);
    const p = new TableProfiler(['id']);
    for (let i = 0; i < cap * 5; i++) p.add([`v${i}`], i + 2, false);
    const col = p.result().columns[0]!;
    expect(col.distinct).toEqual({ count: cap, capped: true });
    expect(col.valueCounts).toBeUndefined();
  });

  it('shares the distinct budget among many columns', () => {
    expect(distinctCapFor(5)).toBe(1000);
    expect(distinctCapFor(500)).toBe(200);
    expect(distinctCapFor(100_000)).toBe(50);
  });
});

describe('numeric ranges without conversion', () => {
  it('orders plain decimals by their text and falls back to numbers for the rest', () => {
    const p = new TableProfiler(['x']);
    for (const [i, v] of ['3.8', '3.75', '10', '0.25', '9.99', '1e3', '0.5'].entries()) p.add([v], i + 2, false);
    expect(p.result().columns[0]).toMatchObject({ min: 0.25, max: 1000 });
    const q = new TableProfiler(['x']);
    for (const [i, v] of ['3.8', '3.75', '-0.5', '12.5'].entries()) q.add([v], i + 2, false);
    expect(q.result().columns[0]).toMatchObject({ min: -0.5, max: 12.5 });
  });
});
