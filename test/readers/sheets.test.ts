import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { formatKind, serialToIso } from '../../src/readers/xlsx.js';
import { odfTime } from '../../src/readers/ods.js';
import { readerFor } from '../../src/readers/index.js';
import { sniffFile } from '../../src/readers/sniff.js';
import { columnIndex, columnLetters, DEFAULT_LIMITS, LimitExceeded, sheetSummaryFacts, sheetTableFacts, type Limits, type SheetSummaryFacts, type TableInfo } from '../../src/model/index.js';
import { DataFileError } from '../../src/readers/types.js';
import { FIXTURES } from '../helpers/lint.js';

const real = (f: string) => path.join(FIXTURES, 'sheets', 'real', f);
const generated = (f: string) => path.join(FIXTURES, 'sheets', 'generated', f);

interface SheetRead {
  table: TableInfo;
  rows: { cells: string[]; row: number }[];
  facts: SheetSummaryFacts['sheet'];
  total: number;
}

async function readSheets(file: string, limits: Partial<Limits> = {}): Promise<SheetRead[]> {
  const reader = readerFor(file)!;
  const sheets: SheetRead[] = [];
  await reader.read(
    file,
    {
      table: (table) => void sheets.push({ table, rows: [], facts: undefined!, total: 0 }),
      row: (cells, ctx) => void sheets.at(-1)!.rows.push({ cells, row: ctx.row }),
      end: (s) => Object.assign(sheets.at(-1)!, { facts: sheetSummaryFacts(s)!, total: s.rows }),
    },
    { file: path.basename(file), rows: true, limits: { ...DEFAULT_LIMITS, ...limits } },
  );
  return sheets;
}

describe('spreadsheet readers on frictionless-py sample files', () => {
  it('table.xlsx: one table per sheet, named, with the sheet row numbers', async () => {
    const sheets = await readSheets(real('table.xlsx'));
    expect(sheets.map((s) => [s.table.sheet, s.table.reader, s.table.headerRow, s.table.header])).toEqual([
      ['Лист1', 'xlsx', 1, ['id', 'name']],
      // Sheet 2 has a blank first row and no header: with two rows, "1, english" reads as one (as in a CSV).
      ['Sheet 2', 'xlsx', 2, ['1', 'english']],
    ]);
    expect(sheets[0]!.rows).toEqual([
      { cells: ['1', 'english'], row: 2 },
      { cells: ['2', '中国人'], row: 3 },
    ]);
    expect(sheets[1]!.rows).toEqual([{ cells: ['2', '中国人'], row: 3 }]);
    expect(sheetTableFacts(sheets[1]!.table)).toMatchObject({ header: 'present', preamble: [{ row: 1, kind: 'blank' }], sheetIndex: 2, sheetState: 'visible' });
  });

  it('sheets.xlsx: three sheets, numbers as Excel stored them', async () => {
    const sheets = await readSheets(real('sheets.xlsx'));
    expect(sheets.map((s) => [s.table.sheet, s.table.header, s.rows[0]!.cells])).toEqual([
      ['Sheet1', ['id', 'name'], ['1.0', 'london']],
      ['Sheet2', ['id', 'name'], ['2.0', 'paris']],
      ['Sheet3', ['id ', 'name'], ['3.0', 'rome']],
    ]);
  });

  it('table.ods and table-with-two-sheets.ods read like their XLSX twins', async () => {
    const [one] = await readSheets(real('table.ods'));
    expect([one!.table.header, one!.rows]).toEqual([
      ['id', 'name'],
      [
        { cells: ['1', 'english'], row: 2 },
        { cells: ['2', '中国人'], row: 3 },
      ],
    ]);
    const two = await readSheets(real('table-with-two-sheets.ods'));
    expect(two.map((s) => [s.table.sheet, s.table.header, s.rows.length])).toEqual([
      ['Лист1', ['id', 'name'], 2],
      ['Tabelle2', ['a', 'b', 'c'], 1],
    ]);
  });

  it('typed ODS cells become the text the profiler reads: numbers, ISO dates and date-times', async () => {
    const [s] = await readSheets(real('table-with-ints-floats-dates.ods'));
    expect(s!.table.header).toEqual(['Int', 'Float', 'Date', 'Datetime']);
    expect(s!.rows[0]!.cells).toEqual(['2013', '3.3', '2009-08-16', '2009-08-16T05:43:21']);
  });

  it('XLSX dates by their number format (built-in and custom), numbers as stored', async () => {
    const [s] = await readSheets(real('preserve-formatting.xlsx'));
    expect(s!.table.header.slice(6)).toEqual(['m/d/yy', 'd-mmm', 'mm/dd/yy', 'mmddyy', 'mmddyyam/pmdd']);
    expect(s!.rows[0]!.cells).toEqual(['', '1000.5577', '1000.5577', '1000.5577', '1000.5577', '1000.5577', '2040-05-20', '2040-05-20', '2040-05-20', '2040-05-20', '2040-05-20T00:00:00']);
  });

  it('merged ranges of a real multi-row header are facts of the sheet', async () => {
    const [s] = await readSheets(real('multiline-headers.xlsx'));
    expect(s!.facts.merged).toEqual({ count: 5, at: ['A1:A5', 'B1:B4', 'C1:D3', 'C4:C5', 'D4:D5'] });
  });
});

describe('spreadsheet readers on generated files (scripts/generate-sheet-fixtures.mjs)', () => {
  it('people.xlsx and people.ods: hidden column, row and sheet; LibreOffice padding is not expanded', async () => {
    for (const file of [generated('people.xlsx'), generated('people.ods')]) {
      const sheets = await readSheets(file);
      expect(sheets.map((s) => [s.table.sheet, sheetTableFacts(s.table)!.sheetState]), file).toEqual([
        ['Contacts', 'visible'],
        ['Population', 'visible'],
        ['Notes', 'hidden'],
      ]);
      const contacts = sheets[0]!;
      expect(contacts.table.header).toEqual(['name', 'email', 'municipality', 'phone']);
      expect(contacts.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
      expect(contacts.total, file).toBe(5);
      expect(contacts.facts.hiddenColumns).toEqual({ count: 1, at: ['D'] });
      expect(contacts.facts.hiddenRows).toEqual({ count: 1, at: ['5'] });
      expect(sheets[1]!.rows[0]!.cells).toEqual(['2021', '5412', '5633', '11045']);
      expect(sheets[2]!.facts.filledCells).toBe(2);
    }
  });

  it('layout.xlsx: title above the header, formula without value, a second block, dates and booleans', async () => {
    const [budget, side, dates] = await readSheets(generated('layout.xlsx'));
    expect(budget!.table.headerRow).toBe(3);
    expect(sheetTableFacts(budget!.table)!.preamble).toEqual([
      { row: 1, kind: 'title' },
      { row: 2, kind: 'blank' },
    ]);
    expect(budget!.facts.merged).toEqual({ count: 1, at: ['A1:C1'] });
    expect(budget!.facts.formulasWithoutValue).toEqual({ count: 1, at: ['B7'] });
    // The formula with a stored result reads as its value; the blank rows between the blocks are rows.
    expect(budget!.rows.map((r) => [r.row, r.cells])).toEqual([
      [4, ['schools', '1200', '0.4']],
      [5, ['roads', '900', '0.3']],
      [6, ['parks', '900', '0.3']],
      [7, ['total', '', '1']],
      [8, ['', '', '']],
      [9, ['', '', '']],
      [10, ['year', 'amount', '']],
      [11, ['2022', '2800', '']],
      [12, ['2023', '2950', '']],
    ]);
    expect(budget!.facts.blocks).toEqual([
      { firstRow: 4, lastRow: 7, rows: 4 },
      { firstRow: 10, lastRow: 12, rows: 3 },
    ]);
    expect(side!.facts.columnGroups).toEqual([
      { first: 1, last: 2 },
      { first: 4, last: 5 },
    ]);
    expect(dates!.rows.map((r) => r.cells)).toEqual([
      ['2024-03-01', '2024-03-01T10:30:00', 'TRUE'],
      ['2024-03-02', '2024-03-02T11:45:00', 'FALSE'],
    ]);
  });

  it('layout.ods: spanned cells are merged ranges, annotations are not cell text, times and booleans', async () => {
    const [budget] = await readSheets(generated('layout.ods'));
    expect(budget!.table.headerRow).toBe(3);
    expect(budget!.facts.merged).toEqual({ count: 1, at: ['A1:C1'] });
    expect(budget!.facts.formulasWithoutValue).toEqual({ count: 1, at: ['B6'] });
    expect(budget!.rows.map((r) => r.cells)).toEqual([
      ['schools', '1200', '2024-03-01', '10:30:00', 'TRUE'],
      ['roads', '900', '2024-03-02T11:45:00', '', 'FALSE'],
      ['total', '', '', '', ''],
    ]);
  });

  it('discovery and sniffing send .xlsx and .ods files to these readers', async () => {
    expect(readerFor('a.xlsx')?.name).toBe('xlsx');
    expect(readerFor('a.ods')?.name).toBe('ods');
    expect((await sniffFile(generated('people.xlsx'))).format).toBe('xlsx');
    expect((await sniffFile(generated('people.ods'))).format).toBe('ods');
    expect(readerFor(generated('people.ods'), 'ods')?.name).toBe('ods');
  });
});

describe('hostile and broken spreadsheets end in errors the engine reports, never a crash', () => {
  const failure = async (file: string, limits: Partial<Limits> = {}) => {
    try {
      await readSheets(file, limits);
    } catch (err) {
      return err;
    }
    return undefined;
  };

  it('a zip bomb (an entry inflating 1000 times) is refused before it is inflated', async () => {
    const err = await failure(generated('zip-bomb.ods'));
    expect(err).toBeInstanceOf(LimitExceeded);
    expect((err as LimitExceeded).limit).toBe('archiveRatio');
    expect((err as LimitExceeded).data).toEqual({ max: 200, entry: 'content.xml', found: 1002 });
  });

  it('repeated ODS rows with content count cell by cell (limits.sheetCells), at the sheet', async () => {
    const err = (await failure(generated('repeat-bomb.ods'))) as LimitExceeded;
    expect([err.limit, err.where, err.data]).toEqual(['sheetCells', { row: 2, sheet: 'Bomb' }, { max: 20_000_000, found: 1_000_000_003 }]);
  });

  it('archiveBytes, archiveEntries, sharedStringChars and cellsPerRow are checked', async () => {
    expect(((await failure(generated('people.xlsx'), { archiveBytes: 2000 })) as LimitExceeded).limit).toBe('archiveBytes');
    expect(((await failure(generated('people.xlsx'), { archiveEntries: 3 })) as LimitExceeded).limit).toBe('archiveEntries');
    expect(((await failure(generated('people.xlsx'), { sharedStringChars: 50 })) as LimitExceeded).limit).toBe('sharedStringChars');
    const wide = (await failure(generated('people.ods'), { cellsPerRow: 3 })) as LimitExceeded;
    expect([wide.limit, wide.where]).toEqual(['cellsPerRow', { row: 1, sheet: 'Contacts' }]);
  });

  it('a truncated XLSX is a DataFileError naming the problem', async () => {
    const err = await failure(generated('truncated.xlsx'));
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as Error).message).toMatch(/^not a readable XLSX file: /);
  });
});

describe('spreadsheet helpers', () => {
  it('column letters both ways', () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(['A', 'Z', 'AA', 'XFD'].map(columnIndex)).toEqual([0, 25, 26, 16383]);
  });

  it('number formats: dates, times, date-times and plain numbers', () => {
    expect(['dd/mm/yyyy', 'mmm-yy', 'h:mm', '[h]:mm:ss', 'mm:ss', 'yyyy-mm-dd hh:mm', '0.00', '#,##0 "days"', 'General', '[$€-2] #,##0.00'].map(formatKind)).toEqual([
      'date', 'date', 'time', 'time', 'time', 'datetime', 'number', 'number', 'number', 'number',
    ]);
  });

  it('Excel serial days in the 1900 and 1904 systems, ODF durations', () => {
    expect(serialToIso(45352, 'date', false)).toBe('2024-03-01');
    expect(serialToIso(45352.4375, 'datetime', false)).toBe('2024-03-01T10:30:00');
    expect(serialToIso(0.5, 'time', false)).toBe('12:00:00');
    expect(serialToIso(1, 'date', false)).toBe('1900-01-01');
    expect(serialToIso(61, 'date', false)).toBe('1900-03-01');
    expect(serialToIso(43890, 'date', true)).toBe('2024-03-01');
    expect(odfTime('PT10H30M05S')).toBe('10:30:05');
    expect(odfTime('PT01H00M00.5S')).toBe('01:00:00');
  });
});
