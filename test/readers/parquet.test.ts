/** The Parquet reader on fixtures/parquet/ (SOURCES.md): schema as header, typed values as CSV-like cells, row groups. */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { readParquet, toCell, float32Cell } from '../../src/readers/parquet.js';
import { DataFileError } from '../../src/readers/index.js';
import { resolveLimits, tableProfile, type TableInfo, type TableSummary } from '../../src/model/index.js';
import { FIXTURES } from '../helpers/lint.js';

const dir = path.join(FIXTURES, 'parquet');

async function read(name: string, rows = true, limits = resolveLimits()) {
  let table: TableInfo | undefined;
  let summary: TableSummary | undefined;
  const got: { row: number; line: number; cells: string[] }[] = [];
  await readParquet(path.join(dir, name), { table: (t) => (table = t), row: (cells, ctx) => got.push({ row: ctx.row, line: ctx.line, cells }), end: (s) => (summary = s) }, { file: name, rows, limits });
  return { table: table!, rows: got, summary: summary! };
}

describe('readParquet', () => {
  it('gives the schema as header (row 1) and each row group\'s rows as cells a CSV export would hold', async () => {
    const { table, rows, summary } = await read('people.parquet');
    expect(table).toMatchObject({ reader: 'parquet', file: 'people.parquet', header: ['id', 'name', 'email', 'commune', 'registered', 'population', 'score', 'resident'], headerRow: 1 });
    expect(table.facts.parquet).toEqual({ rowGroups: 2, rows: 5, createdBy: 'hyparquet', types: ['INT32', 'BYTE_ARRAY/UTF8', 'BYTE_ARRAY/UTF8', 'BYTE_ARRAY/UTF8', 'INT64/TIMESTAMP_MILLIS', 'INT64', 'DOUBLE', 'BOOLEAN'] });
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows.every((r) => r.line === 0)).toBe(true);
    expect(rows[0]!.cells).toEqual(['1', 'Anne Peeters', 'anne.peeters@example.be', 'Ixelles', '2023-01-01T00:00:00.000Z', '120000', '1.5', 'true']);
    expect(rows[4]!.cells).toEqual(['5', 'Sofie Claes', '', 'Schaerbeek', '2023-01-05T00:00:00.000Z', '133000', '5.125', 'false']);
    expect(summary.rows).toBe(6);
    expect(tableProfile(summary)!.columns.map((c) => c.inferredType)).toEqual(['integer', 'text', 'text', 'text', 'datetime', 'integer', 'number', 'boolean']);
  });

  it('reads real files of apache/parquet-testing and frictionless-py: INT96 timestamps, FLOAT, nested groups, zstd and gzip pages', async () => {
    const plain = await read('alltypes_plain.parquet');
    expect(plain.rows[1]!.cells).toEqual(['5', 'false', '1', '1', '1', '10', '1.1', '10.1', '03/01/09', '1', '2009-03-01T00:01:00.000Z']);
    expect((await read('frictionless-table.parquet')).rows.map((r) => r.cells)).toEqual([['1', 'english'], ['2', '中国人']]);
    expect((await read('nulls.snappy.parquet')).rows[0]!.cells).toEqual(['{"b_c_int":null}']);
    expect((await read('byte_stream_split.zstd.parquet')).rows).toHaveLength(300);
    expect((await read('concatenated_gzip_members.parquet')).rows.at(-1)!.cells).toEqual(['513']);
  });

  it('stops after the header when no rule wants rows', async () => {
    const { table, rows, summary } = await read('people.parquet', false);
    expect(table.header).toHaveLength(8);
    expect(rows).toEqual([]);
    expect(summary.rows).toBe(1);
  });

  it('throws a DataFileError for a cut file and for a damaged row group', async () => {
    await expect(read('truncated.parquet')).rejects.toThrow(new DataFileError('cannot read as Parquet: parquet file invalid (footer != PAR1)'));
    await expect(read('nation.dict-malformed.parquet')).rejects.toThrow(/^cannot read row group 1 of 1 \(rows 2–26\): /);
  });

  it('applies limits.columns to the schema', async () => {
    await expect(read('people.parquet', true, resolveLimits({ columns: 4 }))).rejects.toMatchObject({ limit: 'columns', data: { max: 4, found: 8 } });
  });
});

describe('cells', () => {
  it('null is empty, binary is base64, structures and lists are JSON with big integers in full', () => {
    expect([null, undefined, 'a', 3, 2n ** 64n, false].map(toCell)).toEqual(['', '', 'a', '3', '18446744073709551616', 'false']);
    expect(toCell(new Uint8Array([104, 105]))).toBe('aGk=');
    expect(toCell({ a: [1, 2n] })).toBe('{"a":[1,"2"]}');
    expect(toCell(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29T00:00:00.000Z');
  });
  it('FLOAT values print as their shortest decimal', () => {
    expect([Math.fround(1.1), Math.fround(0.3), Math.fround(123456.7), 2, NaN].map(float32Cell)).toEqual(['1.1', '0.3', '123456.7', '2', 'NaN']);
  });
});
