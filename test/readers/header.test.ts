import { describe, it, expect } from 'vitest';
import { detectHeader, type BufferedRecord } from '../../src/readers/header.js';

const records = (...rows: string[][]): BufferedRecord[] => rows.map((cells, i) => ({ cells, row: i + 1, line: i + 1 }));

describe('detectHeader', () => {
  it('takes the first row as header when names sit above typed values', () => {
    expect(detectHeader(records(['id', 'name'], ['1', 'a'], ['2', 'b']))).toMatchObject({ status: 'present', headerIndex: 0, dataStart: 1, preamble: [] });
  });
  it('skips blank lines, comments and a title', () => {
    const d = detectHeader(records(['Report 2023', '', ''], ['# note'], [''], ['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']));
    expect(d.preamble).toEqual([
      { row: 1, kind: 'title' },
      { row: 2, kind: 'comment' },
      { row: 3, kind: 'blank' },
    ]);
    expect(d).toMatchObject({ status: 'present', headerIndex: 3 });
  });
  it('keeps a "#id" header as wide as the data', () => {
    expect(detectHeader(records(['#id', 'name'], ['1', 'a']))).toMatchObject({ status: 'present', headerIndex: 0 });
  });
  it('finds no header when the first row is numbers, or its values recur below', () => {
    expect(detectHeader(records(['1', '2.5'], ['2', '3.5']))).toMatchObject({ status: 'missing', headerIndex: -1, dataStart: 0 });
    expect(detectHeader(records(['Ixelles', 'school'], ['Ixelles', 'library'], ['Uccle', 'school']))).toMatchObject({ status: 'missing', evidence: ['values of the first row recur in columns 1, 2'] });
  });
  it('does not count a repeated header row as evidence', () => {
    expect(detectHeader(records(['city', 'kind'], ['Ixelles', 'school'], ['city', 'kind']))).toMatchObject({ status: 'present' });
  });
  it('reports an empty table', () => {
    expect(detectHeader(records([''], ['', '']))).toMatchObject({ status: 'empty', headerIndex: -1, preamble: [{ row: 1, kind: 'blank' }, { row: 2, kind: 'blank' }] });
  });
});
