/** The CSV reader honours a declared Frictionless dialect: what the descriptor states is not guessed. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvReader } from '../../src/readers/csv.js';
import { csvTableFacts, type TableDialect, type TableInfo } from '../../src/model/index.js';
import { FIXTURES } from '../helpers/lint.js';

async function read(file: string, dialect?: TableDialect) {
  let table: TableInfo | undefined;
  const rows: { cells: string[]; row: number; line: number }[] = [];
  let total = -1;
  await csvReader.read(
    file,
    { table: (t) => (table = t), row: (cells, ctx) => rows.push({ cells, row: ctx.row, line: ctx.line }), end: (s) => (total = s.rows) },
    { file: path.basename(file), rows: true, ...(dialect ? { dialect } : {}) },
  );
  return { table: table!, facts: csvTableFacts(table!)!, rows, total };
}

function temp(content: string, name = 'data.csv'): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-dialect-')), name);
  writeFileSync(file, content);
  return file;
}

const noHeader = path.join(FIXTURES, 'frictionless/resources/data/stations-no-header.csv');
const bulletin = path.join(FIXTURES, 'frictionless/resources/data/bulletin.csv');

describe('header: false', () => {
  it('without a dialect the first data row is taken for the header', async () => {
    const { table, rows } = await read(noHeader);
    expect(table.header).toEqual(['Molenbeek', 'Rue Dubrucq', 'urban centre', 'traffic']);
    expect(csvTableFacts(table)).toMatchObject({ header: 'present', headerSource: 'detected' });
    expect(rows).toHaveLength(3);
  });

  it('declared: no header, every record is data (row numbers unchanged)', async () => {
    const { table, facts, rows } = await read(noHeader, { header: false });
    expect(table.header).toEqual([]);
    expect(table.headerRow).toBe(0);
    expect(facts).toMatchObject({ header: 'none', headerSource: 'dialect', preamble: [] });
    expect(rows.map((r) => [r.row, r.cells[0], r.cells[3]])).toEqual([
      [1, 'Molenbeek', 'traffic'],
      [2, 'Uccle', 'background'],
      [3, 'Haren', 'industrial'],
      [4, 'Berchem', 'roadside'],
    ]);
  });
});

describe('headerRows, headerJoin, commentChar, quoteChar, skipInitialSpace (bulletin.csv)', () => {
  const dialect: TableDialect = { headerRows: [3, 4], headerJoin: ' ', commentChar: '%', quoteChar: "'", skipInitialSpace: true };

  it('joins the header rows, skips the rows above and the comment rows, reads quoted cells', async () => {
    const { table, facts, rows, total } = await read(bulletin, dialect);
    expect(table.header).toEqual(['station id', 'NO2 µg/m³', 'PM10 µg/m³', 'remark']);
    expect(table.headerRow).toBe(4);
    expect(facts.preamble).toEqual([
      { row: 1, kind: 'title' },
      { row: 2, kind: 'blank' },
    ]);
    expect(rows).toEqual([
      { cells: ['41R001', '31.5', '20.1', 'ok, verified'], row: 5, line: 5 },
      { cells: ['41N043', '25.0', '18.7', ''], row: 7, line: 7 },
    ]);
    expect(total).toBe(7);
  });

  it('a comment row above the declared header is preamble', async () => {
    const { table, facts, rows } = await read(temp('% exported 2024-05-01\nid,name\n1,a\n'), { commentChar: '%', header: true });
    expect(table.header).toEqual(['id', 'name']);
    expect(table.headerRow).toBe(2);
    expect(facts.preamble).toEqual([{ row: 1, kind: 'comment' }]);
    expect(rows.map((r) => r.cells)).toEqual([['1', 'a']]);
  });

  it('commentRows skip records by number', async () => {
    const { rows } = await read(temp('id,name\n1,a\nTOTAL,1\n'), { commentRows: [3] });
    expect(rows.map((r) => r.cells)).toEqual([['1', 'a']]);
  });

  it('a header row beyond the 50 records the reader samples is still found', async () => {
    const lines = [...Array.from({ length: 59 }, (_, i) => `note ${i + 1}`), 'id,name', '1,a'];
    const { table, rows } = await read(temp(lines.join('\n') + '\n'), { headerRows: [60] });
    expect(table.header).toEqual(['id', 'name']);
    expect(table.headerRow).toBe(60);
    expect(rows.map((r) => [r.row, ...r.cells])).toEqual([[61, '1', 'a']]);
  });
});

describe('delimiter, quoteChar, doubleQuote/escapeChar', () => {
  it('a declared delimiter wins over the sniffed one', async () => {
    // Commas are more regular than pipes here: sniffing would split on them.
    const file = temp('a,b|c,d\n1,2|3,4\n5,6|7,8\n');
    expect((await read(file)).table.delimiter).toBe(',');
    const { table, facts, rows } = await read(file, { delimiter: '|' });
    expect(table.delimiter).toBe('|');
    expect(facts.delimiterSource).toBe('dialect');
    expect(table.header).toEqual(['a,b', 'c,d']);
    expect(rows[0]!.cells).toEqual(['1,2', '3,4']);
  });

  it('doubleQuote: false with a backslash escapeChar', async () => {
    const { rows } = await read(temp('id,quote\n1,"she said \\"yes\\""\n'), { doubleQuote: false, escapeChar: '\\' });
    expect(rows[0]!.cells).toEqual(['1', 'she said "yes"']);
  });
});

describe('line endings', () => {
  it('a CRLF file whose last line ends in a lone LF: no line break left in the last cell', async () => {
    const { rows } = await read(path.join(FIXTURES, 'data/line-endings/crlf-last-lf.csv'));
    expect(rows.map((r) => r.cells)).toEqual([
      ['1', 'open'],
      ['2', 'closed'],
      ['3', 'open'],
    ]);
  });

  it('the same beyond the 64 KiB sample, and with a blank last line', async () => {
    const big = await read(temp('id,status\r\n' + '1,open\r\n'.repeat(20_000) + '2,closed\n'));
    expect(big.rows.at(-1)!.cells).toEqual(['2', 'closed']);
    const blank = await read(temp('id,status\r\n1,open\r\n2,closed\n\n'));
    expect(blank.rows.map((r) => r.cells)).toEqual([['1', 'open'], ['2', 'closed'], ['']]);
  });
});
