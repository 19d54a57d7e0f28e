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

  it('data/schema-constraint-error: a composite primary key repeated, and one all empty (one empty field of two is a value)', async () => {
    const rule = 'data/schema-constraint-error';
    const file = f('readings.csv');
    expect(await findings(rule, ['datapackage.json'])).toEqual([
      { ruleId: rule, messageId: 'primaryKey', severity: 'error', location: { file, row: 4, line: 4, field: 'station' } },
      { ruleId: rule, messageId: 'primaryKeyEmpty', severity: 'error', location: { file, row: 7, line: 7, field: 'station' } },
    ]);
  });
});

describe('data/stats-mismatch', () => {
  const rule = 'data/stats-mismatch';
  const pkg = 'fixtures/data/stats/datapackage.json';
  it('compares declared bytes, checksums (prefixed sha256, bare md5 over a BOM, frictionless-py v4 stats and v5 counts) and counts with the files', async () => {
    const at = (messageId: string, pointer: string, line: number, column: number, severity = 'error') => ({ ruleId: rule, messageId, severity, location: { file: pkg, pointer, line, column } });
    expect(allFindings(await lintReport([pkg], { presets: ['recommended'] }), rule).map(brief)).toEqual([
      at('bytes', '/resources/2/bytes', 29, 7),
      at('hash', '/resources/2/hash', 30, 7),
      at('rows', '/resources/2/stats/rows', 32, 9),
      at('fields', '/resources/2/stats/fields', 33, 9),
      at('hash', '/resources/3/stats/md5', 40, 9),
      at('bytes', '/resources/3/stats/bytes', 41, 9),
      at('hashUnreadable', '/resources/4/hash', 49, 7, 'info'),
      at('rows', '/resources/5/rows', 54, 7),
    ]);
  });
  it('names both digests in the message', async () => {
    const hash = allFindings(await lintReport([pkg], { presets: ['recommended'] }), rule).find((x) => x.messageId === 'hash')!;
    expect(hash.message).toBe('the declared md5 checksum is 3d49a5ac6cf2905d3f2e6d3f6c202e8d, the file’s is 6ab76bb07e42cd7a561ac7b7aa52d757');
  });
});

describe('data/foreign-key', () => {
  const rule = 'data/foreign-key';
  const dir = 'fixtures/data/foreign-keys';
  it('reports dangling references to another resource, a composite key, its own table; an unknown resource at its name', async () => {
    const row = (file: string, row: number) => ({ ruleId: rule, messageId: 'missing', severity: 'error', location: { file: `${dir}/${file}`, row, line: row, field: file === 'areas.csv' ? 'parent' : 'station' } });
    const report = await lintReport([`${dir}/datapackage.json`], { presets: ['recommended'] });
    expect(allFindings(report, rule).map(brief)).toEqual([
      row('areas.csv', 6),
      { ruleId: rule, messageId: 'unknownResource', severity: 'error', location: { file: `${dir}/datapackage.json`, pointer: '/resources/1/schema/foreignKeys/2/reference/resource', line: 19, column: 49 } },
      row('readings.csv', 4),
      row('readings.csv', 4),
      row('readings.csv', 5),
      row('readings.csv', 6),
      row('readings.csv', 7),
      row('readings.csv', 7),
    ]);
    expect(allFindings(report, rule).map((x) => x.message).slice(2, 4)).toEqual([
      'row 4: no row of resource "stations" has this "station" (as id)',
      'row 4: no row of resource "calibrations" has this "station", "date" (as station, day)',
    ]);
  });
  it('past maxKeys, reports no miss it cannot prove and says the check was partial', async () => {
    const report = await lintReport([`${dir}/datapackage.json`], { configFile: `${dir}/max-keys.yaml` });
    const at = (pointer: string, line: number, column: number) => ({ ruleId: rule, messageId: 'partial', severity: 'info', location: { file: `${dir}/datapackage.json`, pointer, line, column } });
    expect(allFindings(report, rule).filter((x) => x.messageId !== 'unknownResource').map(brief)).toEqual([
      at('/resources/1/schema/foreignKeys/0', 17, 11),
      at('/resources/1/schema/foreignKeys/1', 18, 11),
      at('/resources/2/schema/foreignKeys/0', 28, 25),
    ]);
  });
});

describe('Table Schemas and dialects against the Frictionless profiles', () => {
  const dir = 'fixtures/data/schema-invalid';
  const pkg = `${dir}/datapackage.json`;
  const at = (ruleId: string, messageId: string, pointer: string, line: number, column: number) => ({ ruleId, messageId, severity: 'error', location: { file: pkg, pointer, line, column } });

  it('data/table-schema-invalid: each error at its place in an inline schema, at the reference for a schema file', async () => {
    const rule = 'data/table-schema-invalid';
    const report = await lintReport([pkg], { presets: ['recommended'] });
    expect(allFindings(report, rule).map(brief)).toEqual([
      at(rule, 'invalid', '/resources/0/schema/fields/0/type', 11, 27),
      at(rule, 'invalid', '/resources/0/schema/fields/1/constraints/required', 12, 85),
      at(rule, 'invalid', '/resources/0/schema/missingValues', 15, 9),
      at(rule, 'invalid', '/resources/1/schema', 19, 46),
      at(rule, 'invalid', '/resources/1/schema', 19, 46),
      at(rule, 'invalidPattern', '/resources/1/schema', 19, 46),
    ]);
    expect(allFindings(report, rule).map((f) => f.message)).toEqual([
      'the Table Schema is invalid at /fields/0/type: unknown field type "bad": one of string, number, integer, date, time, datetime, year, yearmonth, boolean, object, geopoint, geojson, array, duration, any',
      'the Table Schema is invalid at /fields/1/constraints/required: must be boolean',
      'the Table Schema is invalid at /missingValues: must be array',
      'the Table Schema "schema.json" is invalid at /fields/0/format: must be one of "default"',
      'the Table Schema "schema.json" is invalid at /primaryKey: must be array',
      'the pattern of "code" in the Table Schema "schema.json" is not a regular expression: missing closing ]: `[A-Z`',
    ]);
  });

  it('a pattern RE2 cannot run is data/schema-constraint-error’s, not an invalid schema', async () => {
    const report = await lintReport([pkg], { presets: ['recommended'] });
    expect(allFindings(report, 'data/schema-constraint-error').map(brief)).toEqual([at('data/schema-constraint-error', 'patternUnsupported', '/resources/0/schema/fields/1/constraints/pattern', 12, 64)]);
  });

  it('core/reference-unreadable: a dialect value the profile refuses; a schema file missing or not parsable, at the schema property', async () => {
    const rule = 'core/reference-unreadable';
    const report = await lintReport([pkg], { presets: ['recommended'] });
    expect(allFindings(report, rule).map(brief)).toEqual([
      at(rule, 'invalid', '/resources/0/dialect/lineTerminator', 17, 38),
      at(rule, 'missing', '/resources/2/schema', 20, 53),
      at(rule, 'syntax', '/resources/3/schema', 21, 56),
    ]);
  });

  it('accepts valid v1 and v2 schemas (the fixtures of the other schema rules)', async () => {
    const report = await lintReport(['fixtures/data/foreign-keys/datapackage.json', 'fixtures/data/structure/datapackage.json', 'fixtures/data/schema/dataset.yaml'], { presets: ['recommended'] });
    expect(allFindings(report, 'data/table-schema-invalid')).toEqual([]);
  });
});
