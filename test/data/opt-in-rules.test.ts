/**
 * frictionless-py's opt-in checks as odlint rules: each case is the sample (or inline source) of
 * frictionless-py's own test for the check, with the findings that test asserts
 * (fixtures/data/opt-in/README.md, fixtures/data/frictionless-checks/README.md). The rules'
 * options are written here, next to what they should find.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintReport, allFindings, brief } from '../helpers/lint.js';

const optIn = (name: string) => `fixtures/data/opt-in/${name}`;
const peer = (name: string) => `fixtures/data/frictionless-checks/${name}`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-opt-in-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let configs = 0;
/** Lints `input` with one rule enabled at its default severity and the given options. */
async function lint(ruleId: string, input: string, options: Record<string, unknown> = {}) {
  const configFile = path.join(dir, `config-${configs++}.json`);
  writeFileSync(configFile, JSON.stringify({ options: { [ruleId]: options }, rules: { [ruleId]: { severity: severityOf(ruleId) } } }));
  return allFindings(await lintReport([input], { configFile }), ruleId);
}
async function findings(ruleId: string, input: string, options: Record<string, unknown> = {}) {
  return (await lint(ruleId, input, options)).map(brief);
}
const SEVERITY: Record<string, string> = {
  'data/sequential-value': 'warning',
  'data/row-constraint': 'error',
  'data/forbidden-value': 'error',
  'data/required-value': 'error',
  'data/deviated-value': 'warning',
  'data/deviated-cell': 'warning',
  'data/truncated-value': 'warning',
  'data/ascii-value': 'info',
  'data/table-dimensions': 'error',
};
const severityOf = (ruleId: string) => SEVERITY[ruleId]!;
/** A finding at a row (and field) of `file`, as the other data rules locate them: row and line. */
const at = (ruleId: string, messageId: string, file: string, row?: number, field?: string) => ({
  ruleId,
  messageId,
  severity: severityOf(ruleId),
  location: { file, ...(row !== undefined ? { row, line: row } : {}), ...(field !== undefined ? { field } : {}) },
});

/** A table without the field a check names: an info, since one config may serve tables of several shapes. */
const notInTable = (ruleId: string, messageId: string, file: string) => ({ ...at(ruleId, messageId, file), severity: 'info' });

describe('opt-in rules are off in recommended and on in strict', () => {
  it('recommended reports none of them; strict runs those that need no options', async () => {
    const input = peer('ascii-notvalid.csv');
    const ids = Object.keys(SEVERITY);
    const recommended = allFindings(await lintReport([input])).filter((f) => ids.includes(f.ruleId));
    expect(recommended).toEqual([]);
    const strict = allFindings(await lintReport([input], { presets: ['strict'] })).filter((f) => ids.includes(f.ruleId));
    expect(strict.map(brief)).toEqual([at('data/ascii-value', 'nonAscii', input, 2, 'B'), at('data/ascii-value', 'nonAscii', input, 2, 'C')]);
  });
});

describe('data/sequential-value (frictionless sequential-value)', () => {
  const rule = 'data/sequential-value';
  it('reports the first break of each field, at its row (test_validate_sequential_value)', async () => {
    const file = optIn('sequential.csv');
    expect(await findings(rule, file, { checks: [{ fieldName: 'index2' }, { fieldName: 'index3' }] })).toEqual([
      at(rule, 'notSequential', file, 3, 'index3'),
      at(rule, 'notSequential', file, 5, 'index2'),
    ]);
    expect((await lint(rule, file, { fieldName: 'index3' })).map((f) => f.data)).toEqual([{ row: 3, field: 'index3', expected: 2 }]);
  });
  it('accepts a sequence, and says when the named field does not exist (test_validate_sequential_value_non_existent_field)', async () => {
    const file = optIn('row-name.csv');
    expect(await findings(rule, file, { checks: [{ fieldName: 'row' }, { fieldName: 'bad' }] })).toEqual([notInTable(rule, 'fieldMissing', file)]);
  });
  it('follows the Table Schema: an integer field; a text cell ends the sequence', async () => {
    const file = optIn('schema/data/typed.csv');
    expect(await findings(rule, optIn('schema/dataset.yaml'), { fieldName: 'id' })).toEqual([at(rule, 'notSequential', file, 4, 'id')]);
    expect(await findings(rule, optIn('schema/dataset.yaml'), { fieldName: 'code' })).toEqual([at(rule, 'notNumber', file, 2, 'code')]);
  });
  it('does nothing without options', async () => {
    expect(await findings(rule, optIn('sequential.csv'))).toEqual([]);
  });
});

describe('data/row-constraint (frictionless row-constraint)', () => {
  const rule = 'data/row-constraint';
  it('reports rows that break the formula, and a row it cannot be evaluated on (test_validate_row_constraint)', async () => {
    const file = optIn('row-constraint.csv');
    const found = await lint(rule, file, { formula: 'salary == bonus * 5' });
    expect(found.map(brief)).toEqual([at(rule, 'violated', file, 4), at(rule, 'error', file, 6)]);
    expect(found[1]!.data).toEqual({ row: 6, formula: 'salary == bonus * 5', reason: "unsupported operand type(s) for *: 'NoneType' and 'int'" });
  });
  it('reports formulas it cannot run once per table, never running code (test_validate_row_constraint_incorrect_constraint)', async () => {
    const file = optIn('row-name.csv');
    const found = await lint(rule, file, { checks: [{ formula: 'vars()' }, { formula: 'import(os)' }, { formula: 'non_existent > 0' }, { formula: "name.__class__" }] });
    // Errors before infos at the same location.
    expect(found.map(brief)).toEqual([at(rule, 'invalidFormula', file), at(rule, 'invalidFormula', file), at(rule, 'invalidFormula', file), notInTable(rule, 'unknownField', file)]);
    expect(found.map((f) => f.data?.['reason'] ?? f.data?.['field'])).toEqual([
      'the function "vars" is not available (only int, float, str, len, abs, min, max, round)',
      'the function "import" is not available (only int, float, str, len, abs, min, max, round)',
      'unexpected character "." at position 5',
      'non_existent',
    ]);
  });
  it('accepts a list in the formula (test_validate_row_constraint_list_in_formula_issue_817)', async () => {
    expect(await findings(rule, optIn('values.csv'), { formula: "val in ['one', 'two']" })).toEqual([]);
  });
  it('reads typed values: numbers and ISO dates from the Table Schema', async () => {
    const file = optIn('schema/data/typed.csv');
    expect(await findings(rule, optIn('schema/dataset.yaml'), { formula: "amount > 0 and when >= '2024-01-02' and len(label) < 10" })).toEqual([at(rule, 'violated', file, 2)]);
  });
});

describe('data/forbidden-value (frictionless forbidden-value)', () => {
  const rule = 'data/forbidden-value';
  it('reports a forbidden number (test_validate_forbidden_value)', async () => {
    const file = peer('table.csv');
    expect(await findings(rule, file, { fieldName: 'id', values: [2] })).toEqual([at(rule, 'forbidden', file, 3, 'id')]);
  });
  it('runs several checks; a short row is not a forbidden value (test_validate_forbidden_value_many_rules)', async () => {
    const file = optIn('forbidden.csv');
    const checks = [
      { fieldName: 'row', values: [10] },
      { fieldName: 'name', values: ['mistake'] },
      { fieldName: 'row', values: [10] },
      { fieldName: 'name', values: ['error'] },
    ];
    expect(await findings(rule, file, { checks })).toEqual([at(rule, 'forbidden', file, 4, 'name'), at(rule, 'forbidden', file, 5, 'name')]);
  });
  it('says when the named field does not exist (test_validate_forbidden_value_many_rules_with_non_existent_field)', async () => {
    const file = optIn('row-name.csv');
    expect(await findings(rule, file, { checks: [{ fieldName: 'row', values: [10] }, { fieldName: 'bad', values: ['mistake'] }] })).toEqual([notInTable(rule, 'fieldMissing', file)]);
  });
  it('compares typed values: the string field "00042" is not the number 42, but is "00042"', async () => {
    const file = optIn('schema/data/typed.csv');
    expect(await findings(rule, optIn('schema/dataset.yaml'), { fieldName: 'code', values: [42, '1'] })).toEqual([at(rule, 'forbidden', file, 4, 'code')]);
    expect(await findings(rule, optIn('schema/dataset.yaml'), { fieldName: 'code', values: ['00042'] })).toEqual([at(rule, 'forbidden', file, 3, 'code')]);
  });
  it('refuses a fieldName without values (config error)', async () => {
    await expect(lint(rule, peer('table.csv'), { fieldName: 'id' })).rejects.toThrow(/values/);
  });
});

describe('data/required-value (frictionless required-value)', () => {
  const rule = 'data/required-value';
  const file = optIn('names.csv');
  it('accepts values that appear (test_validate_required_value_found, _found_integer)', async () => {
    expect(await findings(rule, file, { fieldName: 'name', values: ['Alex', 'Alisha'] })).toEqual([]);
    expect(await findings(rule, file, { fieldName: 'age', values: [21] })).toEqual([]);
  });
  it('reports each value that never appears (test_validate_required_value_multiple_fields_one_not_found)', async () => {
    const found = await lint(rule, file, { fieldName: 'name', values: ['Alexx', 'Alisha'] });
    expect(found.map(brief)).toEqual([{ ruleId: rule, messageId: 'missing', severity: 'error', location: { file, field: 'name' } }]);
    expect(found[0]!.data).toEqual({ value: '"Alexx"', field: 'name' });
  });
  it('says when the named field does not exist (test_validate_required_value_fields_not_found)', async () => {
    expect(await findings(rule, file, { fieldName: 'test', values: ['Alex'] })).toEqual([notInTable(rule, 'fieldMissing', file)]);
  });
});

describe('data/deviated-value (frictionless deviated-value)', () => {
  const rule = 'data/deviated-value';
  it('reports the outlier with the interval frictionless computes (test_validate_deviated_value)', async () => {
    const file = optIn('temperature.csv');
    const found = await lint(rule, file, { fieldName: 'temperature', average: 'median', interval: 3 });
    expect(found.map(brief)).toEqual([at(rule, 'deviated', file, 10, 'temperature')]);
    // frictionless: 'value "100" in row at position "10" and field "temperature" is deviated "[-87.21, 91.21]"'
    expect(found[0]!.data).toEqual({ row: 10, field: 'temperature', interval: 3, average: 'median', minimum: '-87.21', maximum: '91.21' });
  });
  it('computes mean and mode too', async () => {
    const file = optIn('temperature.csv');
    // Mean 11.36, standard deviation 29.74: 100 is within 3 deviations, not within 2.
    expect(await findings(rule, file, { fieldName: 'temperature' })).toEqual([]);
    expect(await findings(rule, file, { fieldName: 'temperature', interval: 2 })).toEqual([at(rule, 'deviated', file, 10, 'temperature')]);
    // Mode 1 (seen twice), 0.1 deviations: [-1.97, 3.97].
    expect((await lint(rule, file, { fieldName: 'temperature', average: 'mode', interval: 0.1 })).map((f) => f.location.row)).toEqual([3, 4, 8, 9, 10, 11]);
  });
  it('needs two values (test_value_deviated_value_not_enough_data)', async () => {
    expect(await findings(rule, optIn('temperature-one.csv'), { fieldName: 'temperature' })).toEqual([]);
  });
  it('needs a numeric field that exists (test_validate_deviated_value_not_a_number, _non_existent_field)', async () => {
    const file = optIn('row-name.csv');
    expect(await findings(rule, file, { fieldName: 'name' })).toEqual([at(rule, 'notNumeric', file)]);
    expect(await findings(rule, file, { fieldName: 'bad' })).toEqual([notInTable(rule, 'fieldMissing', file)]);
    expect(await findings(rule, optIn('schema/dataset.yaml'), { fieldName: 'code' })).toEqual([at(rule, 'notNumeric', optIn('schema/data/typed.csv'))]);
  });
  it('refuses an unknown average (test_validate_deviated_value_incorrect_average: a config error)', async () => {
    await expect(lint(rule, optIn('row-name.csv'), { fieldName: 'row', average: 'bad' })).rejects.toThrow(/average/);
  });
  it('keeps at most maxValues numbers and says so', async () => {
    const file = optIn('temperature.csv');
    const found = await lint(rule, file, { fieldName: 'temperature', maxValues: 8 });
    expect(found.map(brief)).toEqual([at(rule, 'partial', file, 10)]);
    expect(found[0]!.data).toEqual({ field: 'temperature', maxValues: 8, row: 10 });
  });
});

describe('data/truncated-value (frictionless truncated-value)', () => {
  const rule = 'data/truncated-value';
  it('reports 255-character text and integer maxima (test_validate_truncated_values)', async () => {
    const file = optIn('truncated.csv');
    expect(await findings(rule, file)).toEqual([at(rule, 'string', file, 2, 'int'), at(rule, 'integer', file, 2, 'str'), at(rule, 'integer', file, 3, 'str')]);
  });
  it('accepts values just below (test_validate_truncated_values_close_to_errors)', async () => {
    expect(await findings(rule, optIn('truncated-close.csv'))).toEqual([]);
  });
  it('finds maxima however they are written (blank, zero or sign before), and no digit string one digit off', async () => {
    const file = optIn('truncated-shapes.csv');
    expect(await findings(rule, file)).toEqual([2, 4, 5, 6, 7, 9, 12].map((row) => at(rule, 'integer', file, row, 'n')));
  });
  it('follows the Table Schema: integer fields only for maxima (not a string or number field)', async () => {
    expect(await findings(rule, optIn('schema/dataset.yaml'))).toEqual([at(rule, 'integer', optIn('schema/data/typed.csv'), 5, 'id')]);
  });
});

describe('data/ascii-value (frictionless ascii-value)', () => {
  const rule = 'data/ascii-value';
  it('accepts ASCII (test_validate_ascii_value_845)', async () => {
    expect(await findings(rule, peer('ascii.csv'))).toEqual([]);
  });
  it('reports each non-ASCII cell (test_validate_ascii_not_valid_845)', async () => {
    const file = peer('ascii-notvalid.csv');
    expect(await findings(rule, file)).toEqual([at(rule, 'nonAscii', file, 2, 'B'), at(rule, 'nonAscii', file, 2, 'C')]);
  });
  it('reads a table without a header row (dialect header: false), naming columns by number', async () => {
    const file = optIn('headerless/headerless.csv');
    expect(await findings(rule, optIn('headerless/datapackage.json'))).toEqual([at(rule, 'nonAscii', file, 1, '2'), at(rule, 'nonAscii', file, 3, '2')]);
  });
  it('reads string fields only when there is a Table Schema', async () => {
    const file = optIn('schema/data/typed.csv');
    expect(await findings(rule, optIn('schema/dataset.yaml'))).toEqual([at(rule, 'nonAscii', file, 2, 'label'), at(rule, 'nonAscii', file, 4, 'label')]);
  });
});

describe('data/table-dimensions (frictionless table-dimensions)', () => {
  const rule = 'data/table-dimensions';
  const file = peer('table-limits.csv');
  const data = async (options: Record<string, unknown>) => (await lint(rule, file, options)).map((f) => [f.messageId, f.data]);
  // Findings come sorted by location: the file's (rows) before the header row's (fields).
  it('checks rows and fields against each bound (test_table_dimensions.py)', async () => {
    expect(await data({ numRows: 42 })).toEqual([['numRows', { actual: 3, expected: 42 }]]);
    expect(await data({ minRows: 42 })).toEqual([['minRows', { actual: 3, expected: 42 }]]);
    expect(await data({ maxRows: 2 })).toEqual([['maxRows', { actual: 3, expected: 2 }]]);
    expect(await data({ numFields: 42 })).toEqual([['numFields', { actual: 4, expected: 42 }]]);
    expect(await data({ minFields: 42 })).toEqual([['minFields', { actual: 4, expected: 42 }]]);
    expect(await data({ maxFields: 2 })).toEqual([['maxFields', { actual: 4, expected: 2 }]]);
    expect(await data({ numFields: 3, numRows: 2 })).toEqual([
      ['numRows', { actual: 3, expected: 2 }],
      ['numFields', { actual: 4, expected: 3 }],
    ]);
    expect(await data({ minFields: 5, maxRows: 2 })).toEqual([
      ['maxRows', { actual: 3, expected: 2 }],
      ['minFields', { actual: 4, expected: 5 }],
    ]);
  });
  it('accepts a table within its bounds, or without bounds', async () => {
    expect(await data({})).toEqual([]);
    expect(await data({ numFields: 4, numRows: 3 })).toEqual([]);
    expect(await data({ minFields: 4, maxRows: 4 })).toEqual([]);
  });
  it('locates fields at the header row and rows at the file', async () => {
    expect(await findings(rule, file, { numFields: 3, numRows: 2 })).toEqual([at(rule, 'numRows', file), at(rule, 'numFields', file, 1)]);
  });
});

describe('data/deviated-cell (frictionless deviated-cell)', () => {
  const rule = 'data/deviated-cell';
  it('reports a cell far longer than its column (test_validate_deviated_cell_*_with_deviation)', async () => {
    const large = peer('issue-1066-largecellsizewithdeviation.csv');
    const small = peer('issue-1066-smallcellsizewithdeviation.csv');
    // The large file's cells span lines: the finding keeps frictionless's row, with the line the record starts on.
    expect(await findings(rule, large)).toEqual([{ ...at(rule, 'deviated', large, 5, 'Description'), location: { file: large, row: 5, line: 29, field: 'Description' } }]);
    expect(await findings(rule, small)).toEqual([at(rule, 'deviated', small, 13, 'Description')]);
  });
  it('accepts long cells of similar size, and short cells (test_validate_deviated_cell_large_cell_size_without_deviation, _small_cell_size)', async () => {
    expect(await findings(rule, peer('issue-1066-largecellsize.csv'))).toEqual([]);
    expect(await findings(rule, peer('issue-1066-smallcellsize.csv'))).toEqual([]);
  });
  it('skips ignoreFields', async () => {
    expect(await findings(rule, peer('issue-1066-largecellsizewithdeviation.csv'), { ignoreFields: ['Description'] })).toEqual([]);
  });
});
