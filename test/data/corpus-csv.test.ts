/**
 * Real open-data CSV files (fixtures/corpus/csv, copied from /work/shared/corpus, sources in
 * fixtures/corpus/SOURCES.md): every data/* and format/* finding, exactly, with its location.
 */
import { describe, it, expect } from 'vitest';
import { lintReport, allFindings, brief } from '../helpers/lint.js';
import { csvReader } from '../../src/readers/csv.js';
import { csvSummaryFacts, csvTableFacts, type TableInfo, type TableSummary } from '../../src/model/index.js';

const dir = 'fixtures/corpus/csv';
const SWISS = `${dir}/ckanext-switzerland-ng__01_04_prenom.csv`;
const PARIS = `${dir}/agenda__liste_des_prenoms.csv`;
const BXL = `${dir}/hackabxl-children__Ecoles_primaire-maternelle-secondaire_2010_BXL.csv`;
const FLANDRE = `${dir}/hackabxl-children__Ecoles_primaire-maternelle_2012_FLANDRE.csv`;
const ECOLES = `${dir}/hackabxl-children__ecoles_fr.csv`;

/** The data and format findings of one file (other families have their own tests). */
async function dataFindings(file: string, rules: string[] = []) {
  const report = await lintReport([file], { rules });
  return allFindings(report)
    .filter((f) => /^(data|format)\//.test(f.ruleId))
    .map(brief);
}

async function read(file: string) {
  let table: TableInfo | undefined;
  let summary: TableSummary | undefined;
  const firstRows: { cells: string[]; row: number; line: number }[] = [];
  await csvReader.read(
    file,
    { table: (t) => (table = t), row: (cells, ctx) => void (firstRows.length < 2 && firstRows.push({ cells, row: ctx.row, line: ctx.line })), end: (s) => (summary = s) },
    { file, rows: true },
  );
  return { table: table!, summary: summary!, firstRows };
}

describe('Swiss first names (opendata.swiss): double BOM, semicolons, CRLF', () => {
  it('strips both BOMs from the first column name and reads every row', async () => {
    const { table, summary } = await read(SWISS);
    expect(table.bomCount).toBe(2);
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['Année', 'Code Région Linguistique', 'Région Linguistique', 'Sprachregion', 'Code Genre', 'Genre', 'Gender', 'Prénom', 'Nombre']);
    const facts = csvSummaryFacts(summary)!;
    expect(facts.profile.dataRows).toBe(48295);
    expect(facts.lineEndings).toMatchObject({ crlf: 48296, lf: 0, cr: 0 });
    const [year, , , , , genre] = facts.profile.columns;
    expect(year).toMatchObject({ name: 'Année', inferredType: 'integer', min: 1987, max: 2024, distinct: { count: 38, capped: false } });
    expect([...genre!.valueCounts!.keys()].sort()).toEqual(['fille', 'garçon']);
  });

  it('reports the double BOM (as a warning) and the semicolon delimiter', async () => {
    expect(await dataFindings(SWISS)).toEqual([
      { ruleId: 'data/bom-present', messageId: 'double', severity: 'warning', location: { file: SWISS, line: 1 } },
      { ruleId: 'data/non-comma-delimiter', messageId: 'delimiter', severity: 'info', location: { file: SWISS, line: 1 } },
    ]);
  });
});

describe('Paris first names (opendata.paris.fr): semicolons', () => {
  it('reports only the semicolon delimiter', async () => {
    expect(await dataFindings(PARIS)).toEqual([{ ruleId: 'data/non-comma-delimiter', messageId: 'delimiter', severity: 'info', location: { file: PARIS, line: 1 } }]);
  });
});

describe('Brussels schools 2010: empty header cells, padded numbers', () => {
  it('reports the two unnamed (and empty) columns and the padding, five columns then a summary', async () => {
    const padded = (field: string) => ({ ruleId: 'data/whitespace-padding', messageId: 'padded', severity: 'warning', location: { file: BXL, row: 2, line: 2, field } });
    expect(await dataFindings(BXL)).toEqual([
      { ruleId: 'data/blank-header', messageId: 'blank', severity: 'warning', location: { file: BXL, row: 1, line: 1, field: '2' } },
      { ruleId: 'data/blank-header', messageId: 'blank', severity: 'warning', location: { file: BXL, row: 1, line: 1, field: '3' } },
      { ruleId: 'data/empty-columns', messageId: 'empty', severity: 'warning', location: { file: BXL, row: 1, line: 1, field: '2' } },
      { ruleId: 'data/empty-columns', messageId: 'empty', severity: 'warning', location: { file: BXL, row: 1, line: 1, field: '3' } },
      padded('1000'),
      padded('1020'),
      padded('1030'),
      padded('1040'),
      padded('1050'),
      { ruleId: 'data/whitespace-padding', messageId: 'moreColumns', severity: 'warning', location: { file: BXL, row: 2, line: 2 } },
    ]);
  });

  it('keeps postcodes as column names: a header of numbers above a text label is still a header', async () => {
    const { table } = await read(BXL);
    expect(csvTableFacts(table)!.header).toBe('present');
    expect(table.header.slice(0, 5)).toEqual(['lieu de domicile', '', '', '1000', '1020']);
  });
});

describe('Flemish schools 2012: empty first line', () => {
  it('finds the header on row 2 and reports the blank row above it, and padded addresses', async () => {
    const { table, firstRows } = await read(FLANDRE);
    expect(table.headerRow).toBe(2);
    expect(table.header[0]).toBe('nummer_instelling');
    expect(firstRows[0]).toEqual({ row: 3, line: 3, cells: ['18', 'GO! basisschool De Kleurdoos Brussel', 'Moutstraat 24   ', 'Brussel', '1000', '165', '153', '', '', '318'] });
    expect(await dataFindings(FLANDRE)).toEqual([
      { ruleId: 'data/title-row', messageId: 'blank', severity: 'warning', location: { file: FLANDRE, row: 1, line: 1 } },
      { ruleId: 'data/whitespace-padding', messageId: 'padded', severity: 'warning', location: { file: FLANDRE, row: 3, line: 3, field: 'adres' } },
    ]);
  });
});

describe('Wallonia-Brussels schools: no header row', () => {
  it('detects the missing header and reads the first row as data', async () => {
    const { table, firstRows } = await read(ECOLES);
    expect(table.headerRow).toBe(0);
    expect(table.header).toEqual([]);
    expect(csvTableFacts(table)!.headerEvidence).toEqual(['values of the first row recur in columns 1, 3, 6']);
    expect(firstRows[0]!.row).toBe(1);
  });

  it('reports the missing header, padded addresses (by column number) and, when enabled, duplicate rows', async () => {
    const findings = await dataFindings(ECOLES, ['data/duplicate-rows=warning']);
    const dup = (row: number) => ({ ruleId: 'data/duplicate-rows', messageId: 'duplicate', severity: 'warning', location: { file: ECOLES, row, line: row } });
    expect(findings).toEqual([
      { ruleId: 'data/missing-header', messageId: 'missing', severity: 'warning', location: { file: ECOLES, row: 1, line: 1 } },
      { ruleId: 'data/whitespace-padding', messageId: 'padded', severity: 'warning', location: { file: ECOLES, row: 1, line: 1, field: '2' } },
      ...[20, 22, 26, 28, 159, 387, 414, 466, 504, 508].map(dup),
      { ruleId: 'data/duplicate-rows', messageId: 'more', severity: 'warning', location: { file: ECOLES, row: 511, line: 511 } },
    ]);
    const report = await lintReport([ECOLES], { rules: ['data/duplicate-rows=warning'] });
    expect(allFindings(report, 'data/duplicate-rows').at(-1)!.data).toEqual({ count: 178, firstRow: 511, lastRow: 6638 });
    expect(allFindings(report, 'data/duplicate-rows')[0]!.data).toEqual({ row: 20, first: 19 });
  });
});
