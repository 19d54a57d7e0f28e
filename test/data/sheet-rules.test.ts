import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES, type LintOptions } from '../helpers/lint.js';

const file = (f: string) => `fixtures/sheets/generated/${f}`;
const abs = (f: string) => path.join(FIXTURES, 'sheets', 'generated', f);

/** The findings of the given rule families (or ids) on one file, in report order. */
async function findings(f: string, prefixes: string[], opts: LintOptions = {}) {
  const report = await lintReport([abs(f)], opts);
  return allFindings(report)
    .filter((x) => prefixes.some((p) => x.ruleId.startsWith(p)))
    .map(brief);
}

const SHEET_RULES = ['data/sheet-', 'data/title-row', 'format/spreadsheet-format'];

describe('per-sheet rules on generated workbooks', () => {
  it('layout.xlsx: title rows, merged title, formula without value, two blocks, tables side by side', async () => {
    expect(await findings('layout.xlsx', SHEET_RULES)).toEqual([
      { ruleId: 'format/spreadsheet-format', messageId: 'proprietary', severity: 'info', location: { file: file('layout.xlsx') } },
      { ruleId: 'data/title-row', messageId: 'title', severity: 'warning', location: { file: file('layout.xlsx'), sheet: 'Budget', row: 1 } },
      { ruleId: 'data/sheet-merged-cells', messageId: 'merged', severity: 'warning', location: { file: file('layout.xlsx'), sheet: 'Budget', cell: 'A1:C1', row: 1 } },
      { ruleId: 'data/sheet-multiple-tables', messageId: 'columns', severity: 'warning', location: { file: file('layout.xlsx'), sheet: 'Side by side', row: 1, field: '4' } },
      { ruleId: 'data/title-row', messageId: 'blank', severity: 'warning', location: { file: file('layout.xlsx'), sheet: 'Budget', row: 2 } },
      { ruleId: 'data/sheet-formula-without-value', messageId: 'noValue', severity: 'warning', location: { file: file('layout.xlsx'), sheet: 'Budget', cell: 'B7', row: 7 } },
      { ruleId: 'data/sheet-multiple-tables', messageId: 'rows', severity: 'warning', location: { file: file('layout.xlsx'), sheet: 'Budget', row: 10 } },
    ]);
  });

  it('layout.ods: the same layout problems in an open format', async () => {
    expect(await findings('layout.ods', SHEET_RULES)).toEqual([
      { ruleId: 'format/spreadsheet-format', messageId: 'open', severity: 'info', location: { file: file('layout.ods') } },
      { ruleId: 'data/title-row', messageId: 'title', severity: 'warning', location: { file: file('layout.ods'), sheet: 'Budget', row: 1 } },
      { ruleId: 'data/sheet-merged-cells', messageId: 'merged', severity: 'warning', location: { file: file('layout.ods'), sheet: 'Budget', cell: 'A1:C1', row: 1 } },
      { ruleId: 'data/title-row', messageId: 'blank', severity: 'warning', location: { file: file('layout.ods'), sheet: 'Budget', row: 2 } },
      { ruleId: 'data/sheet-formula-without-value', messageId: 'noValue', severity: 'warning', location: { file: file('layout.ods'), sheet: 'Budget', cell: 'B6', row: 6 } },
    ]);
  });

  it('messages say which sheet and where, and that hidden data is a personal-data leak', async () => {
    const report = await lintReport([abs('layout.xlsx'), abs('people.xlsx')]);
    const messages = allFindings(report)
      .filter((f) => f.ruleId.startsWith('data/sheet-'))
      .map((f) => f.message);
    expect(messages).toContain('sheet "Budget" has 1 formula cell(s) without a stored value, first B7: readers see them empty');
    expect(messages).toContain('sheet "Budget" holds 2 blocks of rows split by blank rows (the next starts at row 10): several tables in one sheet');
    expect(messages).toContain('sheet "Notes" is hidden (hidden) but holds 2 filled cells: anyone can unhide it (a common personal-data leak)');
  });
});

describe('personal-data and gender rules run on spreadsheets, located by sheet', () => {
  for (const name of ['people.xlsx', 'people.ods']) {
    it(`${name}: hidden data, e-mail and phone columns, a sex-split table (brussels preset)`, async () => {
      const got = await findings(name, ['data/sheet-hidden-data', 'personal-data/', 'gender/'], { presets: ['brussels'] });
      const f = file(name);
      expect(got).toEqual([
        { ruleId: 'data/sheet-hidden-data', messageId: 'sheet', severity: 'warning', location: { file: f, sheet: 'Notes' } },
        { ruleId: 'data/sheet-hidden-data', messageId: 'columns', severity: 'warning', location: { file: f, sheet: 'Contacts', row: 1, field: 'phone' } },
        { ruleId: 'gender/sex-dimension-undeclared', messageId: 'detected', severity: 'info', location: { file: f, sheet: 'Population', row: 1, field: 'Femmes' } },
        { ruleId: 'personal-data/email-address', messageId: 'found', severity: 'warning', location: { file: f, sheet: 'Contacts', row: 2, field: 'email' } },
        { ruleId: 'personal-data/phone-number', messageId: 'found', severity: 'warning', location: { file: f, sheet: 'Contacts', row: 2, field: 'phone' } },
        { ruleId: 'data/sheet-hidden-data', messageId: 'rows', severity: 'warning', location: { file: f, sheet: 'Contacts', row: 5 } },
      ]);
    });
  }
});

describe('the gender view of the report names the sheet', () => {
  it('people.ods: the sex-split columns of sheet Population', async () => {
    const report = await lintReport([abs('people.ods')], { presets: ['brussels'] });
    expect(report.datasets[0]!.gender?.sexColumnGroups).toEqual([
      { file: file('people.ods'), sheet: 'Population', male: ['Hommes'], female: ['Femmes'], total: ['Total'], layouts: ['words'] },
    ]);
  });
});

describe('broken and hostile spreadsheets are findings, not crashes', () => {
  it('a truncated XLSX is core/data-unreadable; a zip bomb is core/limit-exceeded (archiveRatio)', async () => {
    const report = await lintReport([abs('truncated.xlsx'), abs('zip-bomb.ods')]);
    expect(allFindings(report).filter((f) => f.ruleId.startsWith('core/')).map(brief)).toEqual([
      { ruleId: 'core/data-unreadable', messageId: 'unreadable', severity: 'error', location: { file: file('truncated.xlsx') } },
      { ruleId: 'core/limit-exceeded', messageId: 'archiveRatio', severity: 'error', location: { file: file('zip-bomb.ods') } },
    ]);
  });

  it('repeated ODS cells beyond limits.sheetCells: core/limit-exceeded at the sheet and row', async () => {
    const report = await lintReport([abs('repeat-bomb.ods')]);
    expect(allFindings(report, 'core/limit-exceeded').map(brief)).toEqual([
      { ruleId: 'core/limit-exceeded', messageId: 'sheetCells', severity: 'error', location: { file: file('repeat-bomb.ods'), row: 2, sheet: 'Bomb' } },
    ]);
  });
});
