/** The structural data rules of issue 14: fixtures in fixtures/data/structure/, exact findings. */
import { describe, it, expect } from 'vitest';
import { lintReport, allFindings, brief } from '../helpers/lint.js';

const dir = 'fixtures/data/structure';
const f = (name: string) => `${dir}/${name}`;

async function findings(ruleId: string, inputs: string[], presets = ['recommended']) {
  return allFindings(await lintReport(inputs.map(f), { presets }), ruleId).map(brief);
}

describe('data/empty-file', () => {
  const rule = 'data/empty-file';
  it('reports a 0-byte file, a file of blank lines and a header without rows', async () => {
    expect(await findings(rule, ['empty.csv', 'blank-lines.csv', 'header-only.csv'])).toEqual([
      { ruleId: rule, messageId: 'empty', severity: 'error', location: { file: f('empty.csv') } },
      { ruleId: rule, messageId: 'empty', severity: 'error', location: { file: f('blank-lines.csv') } },
      { ruleId: rule, messageId: 'headerOnly', severity: 'error', location: { file: f('header-only.csv'), row: 1, line: 1 } },
    ]);
  });
  it('accepts a file with rows', async () => {
    expect(await findings(rule, ['header-whitespace.csv'])).toEqual([]);
  });
});

describe('data/header-whitespace', () => {
  const rule = 'data/header-whitespace';
  it('reports column names with leading or trailing spaces', async () => {
    expect(await findings(rule, ['header-whitespace.csv'])).toEqual([
      { ruleId: rule, messageId: 'padded', severity: 'warning', location: { file: f('header-whitespace.csv'), row: 1, line: 1, field: ' id' } },
      { ruleId: rule, messageId: 'padded', severity: 'warning', location: { file: f('header-whitespace.csv'), row: 1, line: 1, field: 'name ' } },
    ]);
  });
  it('accepts a clean header', async () => {
    expect(await findings(rule, ['stray-quotes.csv'])).toEqual([]);
  });
});

describe('data/stray-quote', () => {
  const rule = 'data/stray-quote';
  it('reports quotes the lenient reader takes literally, by line (a doubled quote inside a quoted value is fine)', async () => {
    const at = (line: number, messageId: string) => ({ ruleId: rule, messageId, severity: 'warning', location: { file: f('stray-quotes.csv'), line } });
    expect(await findings(rule, ['stray-quotes.csv'])).toEqual([at(3, 'inside'), at(4, 'afterClosing'), at(5, 'spaceAfterClosing'), at(8, 'inside')]);
  });
  it('accepts properly quoted files', async () => {
    expect(await findings(rule, ['header-whitespace.csv', 'readings.csv'])).toEqual([]);
  });
});

describe('rules on the package (datapackage.json)', () => {
  it('distribution/duplicate-resource-name: the second "readings", at its name', async () => {
    const rule = 'distribution/duplicate-resource-name';
    expect(await findings(rule, ['datapackage.json'])).toEqual([
      { ruleId: rule, messageId: 'duplicate', severity: 'error', location: { file: f('datapackage.json'), pointer: '/resources/3/name', line: 79, column: 7 } },
    ]);
  });

  it('data/schema-row-width: rows against the schema where the header is wider; silent where data/ragged-rows says it', async () => {
    const rule = 'data/schema-row-width';
    const file = f('sensors.csv');
    expect(await findings(rule, ['datapackage.json'])).toEqual([
      { ruleId: rule, messageId: 'extraCells', severity: 'error', location: { file, row: 2, line: 2, field: '4' } },
      { ruleId: rule, messageId: 'missingCells', severity: 'error', location: { file, row: 4, line: 4, field: 'model' } },
    ]);
    // stations.csv has no header (dialect) and its first row is as wide as the schema: ragged-rows reports.
    expect((await findings('data/ragged-rows', ['datapackage.json'])).filter((x) => x.location.file === f('stations.csv')).map((x) => x.location.row)).toEqual([2, 3]);
  });

  it('data/schema-constraint-error: a composite primary key repeated, and a key field empty', async () => {
    const rule = 'data/schema-constraint-error';
    const file = f('readings.csv');
    expect(await findings(rule, ['datapackage.json'])).toEqual([
      { ruleId: rule, messageId: 'primaryKey', severity: 'error', location: { file, row: 4, line: 4, field: 'station' } },
      { ruleId: rule, messageId: 'required', severity: 'error', location: { file, row: 5, line: 5, field: 'date' } },
    ]);
  });
});
