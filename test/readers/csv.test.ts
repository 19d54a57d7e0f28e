import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { csvReader, sniffDelimiter } from '../../src/readers/csv.js';
import { csvSummaryFacts, csvTableFacts, type TableInfo, type TableSummary } from '../../src/model/index.js';

async function readAll(content: Buffer | string, name = 'data.csv') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-csv-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  let table: TableInfo | undefined;
  const rows: { cells: string[]; row: number; line: number }[] = [];
  let total = -1;
  await csvReader.read(file, { table: (t) => (table = t), row: (cells, ctx) => rows.push({ cells, row: ctx.row, line: ctx.line }), end: (s) => (total = s.rows) }, { file: name, rows: true });
  return { table: table!, rows, total };
}

describe('sniffDelimiter', () => {
  it('picks the delimiter that splits lines consistently, ignoring quoted ones', () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n4;5,1;6\n')).toBe(';');
    expect(sniffDelimiter('a,b\n"x;y;z",1\n"p;q",2\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n3|4\n')).toBe('|');
  });
});

describe('csvReader', () => {
  it('streams header and rows with record and line numbers (multi-line cells included)', async () => {
    const { table, rows, total } = await readAll('name,note\nA,"two\nlines"\nB,x\n');
    expect(table.header).toEqual(['name', 'note']);
    expect(table.headerRow).toBe(1);
    expect(table.delimiter).toBe(',');
    expect(table.encoding).toBe('UTF-8');
    expect(rows).toEqual([
      { cells: ['A', 'two\nlines'], row: 2, line: 2 },
      { cells: ['B', 'x'], row: 3, line: 4 },
    ]);
    expect(total).toBe(3);
  });

  it('strips and counts a double UTF-8 BOM', async () => {
    const { table, rows } = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from('Jahr;Name\n2020;Zoé\n')]));
    expect(table.bomCount).toBe(2);
    expect(table.header).toEqual(['Jahr', 'Name']);
    expect(rows[0]!.cells).toEqual(['2020', 'Zoé']);
  });

  it('decodes windows-1252 files', async () => {
    const { table, rows } = await readAll(iconv.encode('commune;prénom\nIxelles;Hélène\nUccle;Chloé\n', 'windows-1252'));
    expect(table.encoding).not.toBe('UTF-8');
    expect(table.header).toEqual(['commune', 'prénom']);
    expect(rows.map((r) => r.cells[1])).toEqual(['Hélène', 'Chloé']);
  });

  it('counts a CRLF or a lone CR inside a quoted cell as one line (csv-parse counts a CRLF twice)', async () => {
    const { table, rows } = await readAll('a,b\r\n1,"x\ry"\r\n"2\r\n\r\n",z\r\n3,w\r\n');
    expect(table.headerLine).toBe(1);
    expect(rows.map((r) => [r.row, r.line])).toEqual([[2, 2], [3, 4], [4, 7]]);
  });

  it('keeps blank lines as rows and ragged rows as they are', async () => {
    const { rows } = await readAll('a,b\n1,2\n\n3\n');
    expect(rows.map((r) => r.cells)).toEqual([['1', '2'], [''], ['3']]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('reads TSV by extension', async () => {
    const { table } = await readAll('a\tb;c\n1\t2;3\n', 'data.tsv');
    expect(table.delimiter).toBe('\t');
    expect(table.header).toEqual(['a', 'b;c']);
  });
});

describe('csvReader facts', () => {
  async function facts(content: Buffer | string, rows = true) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-csv-'));
    const file = path.join(dir, 'data.csv');
    writeFileSync(file, content);
    let summary: TableSummary | undefined;
    let table: TableInfo | undefined;
    let seen = 0;
    await csvReader.read(file, { table: (t) => (table = t), row: () => seen++, end: (s) => (summary = s) }, { file: 'data.csv', rows });
    return { table: table!, summary: summary!, seen };
  }

  it('counts line endings across the whole file and splits records on any of them', async () => {
    const { summary, seen } = await facts('a,b\r\n1,2\n3,4\r5,6\r\n');
    expect(csvSummaryFacts(summary)!.lineEndings).toEqual({ crlf: 2, lf: 1, cr: 1, firstLine: { crlf: 1, lf: 2, cr: 3 } });
    expect(seen).toBe(3);
  });

  it('records an unclosed quote with the line where it opens, and keeps the rows before it', async () => {
    const { summary, seen } = await facts('id,c\n1,"ok"\n2,"open\n3,x\n');
    expect(csvSummaryFacts(summary)!.malformed).toEqual([{ row: 3, line: 3, kind: 'unclosed-quote', message: expect.any(String) }]);
    expect(seen).toBe(1);
  });

  it('stops at a record over the size limit (a quote that never closes), reporting where it starts', async () => {
    const { summary, seen } = await facts('id,c\n1,ok\n2,"' + 'y,'.repeat(4_300_000) + '\n3,x\n');
    expect(csvSummaryFacts(summary)!.malformed).toEqual([{ row: 3, line: 3, kind: 'too-large', message: expect.any(String) }]);
    expect(seen).toBe(1);
  });

  it('finds invalid UTF-8 after the sample, with its byte offset and line', async () => {
    const head = 'id,name\n' + 'x,y\n'.repeat(20_000);
    const { summary } = await facts(Buffer.concat([Buffer.from(head), Buffer.from([0x61, 0x2c, 0xe9, 0x0a])]));
    expect(csvSummaryFacts(summary)!.invalidUtf8).toEqual({ byteOffset: head.length + 2, line: 20_002 });
  });

  it('stops after the header when no rule wants rows (no profile then)', async () => {
    const { table, summary, seen } = await facts('a,b\n1,2\n3,4\n', false);
    expect(table.header).toEqual(['a', 'b']);
    expect(seen).toBe(0);
    expect(csvSummaryFacts(summary)).toBeUndefined();
  });

  it('gives an empty file an empty table', async () => {
    const { table, summary } = await facts('');
    expect(csvTableFacts(table)).toMatchObject({ header: 'empty', preamble: [] });
    expect(summary.rows).toBe(0);
  });
});

describe('record delimiter from the sample', () => {
  it('a last line ending in CRLF after an LF-only sample: no stray CR in the last cell, and the CRLF is still counted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-csv-'));
    const file = path.join(dir, 'late-crlf.csv');
    writeFileSync(file, 'id,name\n' + 'x,y\n'.repeat(20_000) + 'z,w\r\n');
    let last: string[] = [];
    let summary: TableSummary | undefined;
    await csvReader.read(file, { table: () => {}, row: (cells) => (last = cells), end: (s) => (summary = s) }, { file: 'late-crlf.csv', rows: true });
    expect(last).toEqual(['z', 'w']);
    expect(csvSummaryFacts(summary!)!.lineEndings).toMatchObject({ lf: 20_001, crlf: 1, firstLine: { crlf: 20_002 } });
  });
});
