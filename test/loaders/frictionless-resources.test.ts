/**
 * Frictionless single resources (`*.resource.json|yaml`), schemas and dialects by path or URL,
 * dialect shapes (v1, v2, frictionless-py 4 and 5) and Table Schema v2 `fieldsMatch`: exact
 * datasets loaded and exact findings on fixtures/frictionless/resources and fields-match.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { frictionlessLoader } from '../../src/loaders/frictionless.js';
import { fixture, lineOf, loadFixture, parseText, scores } from './helpers.js';
import { allFindings, brief, lintReport } from '../helpers/lint.js';

const dir = 'fixtures/frictionless/resources';
const data = (name: string) => `${dir}/data/${name}`;

/** core/* and data/* findings (the metadata rules are tested elsewhere), strict preset. */
async function findings(inputs: string[], cwd?: string) {
  const report = await lintReport(inputs, { presets: ['strict'], ...(cwd ? { cwd } : {}) });
  return { report, findings: allFindings(report).filter((f) => /^(core|data)\//.test(f.ruleId)).map(brief) };
}

describe('resource descriptors: detection and loading', () => {
  it('each *.resource.* fixture is claimed by frictionless only, and loads as one dataset with one distribution', () => {
    const expected: Record<string, number> = {
      'air-stations.resource.json': 1, // $schema names the v2 dataresource profile
      'broken-refs.resource.json': 1, // path + schema + dialect + name
      'bulletin.resource.json': 1,
      'countries.resource.yaml': 1,
      'remote-refs.resource.yaml': 1,
      'stations-no-header.resource.yaml': 1,
    };
    for (const [name, score] of Object.entries(expected)) {
      const { doc, result } = loadFixture(frictionlessLoader, `frictionless/resources/${name}`);
      expect(scores(doc), name).toEqual({ odlint: 0, frictionless: score, ckan: 0, udata: 0, 'dcat-us': 0 });
      expect(result.datasets, name).toHaveLength(1);
      expect(result.datasets[0]!.distributions, name).toHaveLength(1);
    }
  });

  it('content decides; the .resource file name only adds confidence', () => {
    const bare = '{"path": "table.csv"}';
    expect(frictionlessLoader.detect(parseText('minimal.resource.json', bare))).toBe(0.6);
    expect(frictionlessLoader.detect(parseText('minimal.json', bare))).toBe(0.3);
    expect(frictionlessLoader.detect(parseText('r.json', '{"path": "t.csv", "schema": {"fields": []}}'))).toBe(0.6);
    // A udata/CKAN envelope with a `data` object, or a dataset with a path, is not a resource.
    expect(frictionlessLoader.detect(parseText('x.json', '{"status": 200, "data": {"id": "x"}}'))).toBe(0);
    expect(frictionlessLoader.detect(parseText('x.json', '{"path": "t.csv", "notes": "CKAN", "license_id": "cc-by"}'))).toBe(0.09);
  });

  it('the resource is the dataset (name, title, description, licence) and its distribution', () => {
    const { doc, result } = loadFixture(frictionlessLoader, 'frictionless/resources/air-stations.resource.json');
    const ds = result.datasets[0]!;
    const dist = ds.distributions[0]!;
    expect(result.issues).toEqual([]);
    expect(ds.id).toBe('air-quality-stations');
    expect(ds.title).toEqual({ '': 'Air quality measuring stations, Brussels' });
    expect(ds.licence).toEqual({ raw: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(lineOf(doc, ds.locations.licence?.pointer)).toBe(10);
    expect(dist.at.pointer).toBe('');
    expect(dist.localPath).toBe(fixture('frictionless/resources/data/stations-semicolon.csv'));
    expect(dist.schema?.fields.map((f) => f.name)).toEqual(['station_id', 'name', 'latitude', 'longitude']);
    expect(dist.extras.schemaRef).toBe('schemas/stations.schema.json');
    expect(dist.dialect).toEqual({ delimiter: ';', header: true, quoteChar: '"' });
    expect(dist.extras.dialectRef).toBe('semicolon.dialect.json');
    expect(lineOf(doc, dist.locations.dialect?.pointer)).toBe(11);
    expect(dist.extras).toMatchObject({ encoding: 'utf-8', $schema: 'https://datapackage.org/profiles/2.0/dataresource.json' });
  });
});

describe('dialect shapes', () => {
  const dialectOf = (resource: Record<string, unknown>) => {
    const { datasets, issues } = frictionlessLoader.load(parseText('shapes/x.resource.json', JSON.stringify({ path: 'x.csv', ...resource })));
    return { dialect: datasets[0]!.distributions[0]!.dialect, issues: issues.map((i) => [i.ruleId, i.messageId, i.location.pointer, i.data?.reason]) };
  };

  it('v1 CSV Dialect (flat keys, `dialect` or `csvDialect`), v2 Table Dialect', () => {
    expect(dialectOf({ dialect: { delimiter: ';', doubleQuote: false, escapeChar: '\\', lineTerminator: '\r\n', skipInitialSpace: true, header: true, caseSensitiveHeader: false } }).dialect).toEqual({
      delimiter: ';',
      doubleQuote: false,
      escapeChar: '\\',
      skipInitialSpace: true,
      header: true,
    });
    expect(dialectOf({ csvDialect: { delimiter: '\t' } }).dialect).toEqual({ delimiter: '\t' });
    expect(dialectOf({ dialect: { headerRows: [2, 3], headerJoin: ':', commentRows: [1], commentChar: '#' } }).dialect).toEqual({ headerRows: [2, 3], headerJoin: ':', commentRows: [1], commentChar: '#' });
  });

  it('frictionless-py 5 (`csv` control) and 4 (`layout` beside the dialect)', () => {
    expect(dialectOf({ dialect: { header: false, csv: { delimiter: '|', quoteChar: "'" } } }).dialect).toEqual({ header: false, delimiter: '|', quoteChar: "'" });
    expect(dialectOf({ layout: { headerRows: [4] }, dialect: { delimiter: ';' } }).dialect).toEqual({ headerRows: [4], delimiter: ';' });
  });

  it('values of the wrong type are reported at their key and ignored', () => {
    const { dialect, issues } = dialectOf({ dialect: { header: 'no', delimiter: '', quoteChar: '""', headerRows: [0], csv: { escapeChar: 5 } } });
    expect(dialect).toBeUndefined();
    expect(issues).toEqual([
      ['core/reference-unreadable', 'invalid', '/dialect/header', '"header" must be true or false'],
      ['core/reference-unreadable', 'invalid', '/dialect/headerRows', '"headerRows" must be a list of row numbers (1, 2...)'],
      ['core/reference-unreadable', 'invalid', '/dialect/delimiter', '"delimiter" must be a non-empty string'],
      ['core/reference-unreadable', 'invalid', '/dialect/quoteChar', '"quoteChar" must be one character'],
      ['core/reference-unreadable', 'invalid', '/dialect/csv/escapeChar', '"escapeChar" must be one character'],
    ]);
    expect(dialectOf({ dialect: 42 }).issues).toEqual([['core/reference-unreadable', 'invalid', '/dialect', 'it is not an object']]);
  });
});

describe('lint: fixtures/frictionless/resources (strict)', () => {
  it('six resource descriptors, six datasets; exact core and data findings', async () => {
    const { report, findings: got } = await findings([dir]);
    expect(report.datasets.map((d) => d.id)).toEqual(['air-quality-stations', 'traffic-counts', 'pollution-bulletin', 'countries', 'stations-remote-schema', 'station-sites']);
    const countries = `${dir}/countries.csv`;
    expect(got).toEqual([
      // broken-refs: an inline dialect value of the wrong type, a schema file that does not exist.
      { ruleId: 'core/reference-unreadable', messageId: 'invalid', severity: 'error', location: { file: `${dir}/broken-refs.resource.json`, pointer: '/dialect/header', line: 5, column: 16 } },
      { ruleId: 'core/reference-unreadable', messageId: 'missing', severity: 'error', location: { file: `${dir}/broken-refs.resource.json`, pointer: '/schema', line: 6, column: 3 } },
      // bulletin: title and blank rows above the declared two-row header (joined labels match the schema).
      { ruleId: 'data/title-row', messageId: 'title', severity: 'warning', location: { file: data('bulletin.csv'), row: 1, line: 1 } },
      { ruleId: 'data/title-row', messageId: 'blank', severity: 'warning', location: { file: data('bulletin.csv'), row: 2, line: 2 } },
      // countries (frictionless-py's own sample, headerRows: [2]): the errors frictionless reports.
      { ruleId: 'data/title-row', messageId: 'comment', severity: 'warning', location: { file: countries, row: 1, line: 1 } },
      { ruleId: 'data/schema-type-error', messageId: 'type', severity: 'error', location: { file: countries, row: 3, line: 3, field: 'neighbor_id' } },
      { ruleId: 'data/mixed-types', messageId: 'mixed', severity: 'warning', location: { file: countries, row: 3, line: 3, field: 'neighbor_id' } },
      { ruleId: 'data/ragged-rows', messageId: 'extraCells', severity: 'error', location: { file: countries, row: 4, line: 4, field: '5' } },
      // neighbor 22 is no country id (the foreign key); "Ireland" is a type error, not a dangling key.
      { ruleId: 'data/foreign-key', messageId: 'missing', severity: 'error', location: { file: countries, row: 5, line: 5, field: 'neighbor_id' } },
      { ruleId: 'data/ragged-rows', messageId: 'missingCells', severity: 'error', location: { file: countries, row: 7, line: 7, field: 'neighbor_id' } },
      // remote-refs: read without its (remote) dialect, so the semicolons are news.
      { ruleId: 'data/non-comma-delimiter', messageId: 'delimiter', severity: 'info', location: { file: data('stations-semicolon.csv'), line: 1 } },
      { ruleId: 'core/reference-not-fetched', messageId: 'remote', severity: 'info', location: { file: `${dir}/remote-refs.resource.yaml`, pointer: '/dialect', line: 3, column: 1 } },
      { ruleId: 'core/reference-not-fetched', messageId: 'remote', severity: 'info', location: { file: `${dir}/remote-refs.resource.yaml`, pointer: '/schema', line: 4, column: 1 } },
      // header: false — the schema applies by position: the one value outside the enum.
      { ruleId: 'data/schema-constraint-error', messageId: 'enum', severity: 'error', location: { file: data('stations-no-header.csv'), row: 4, line: 4, field: 'station_type' } },
    ]);
  });

  it('the same no-header file without its dialect: the first data row is taken for the header (4 header mismatches)', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'odlint-no-dialect-'));
    cpSync(fixture('frictionless/resources/data'), path.join(tmp, 'data'), { recursive: true });
    const text = readFileSync(fixture('frictionless/resources/stations-no-header.resource.yaml'), 'utf8');
    writeFileSync(path.join(tmp, 'stations.resource.yaml'), text.replace(/^dialect:\n(  .*\n)+/m, ''));
    const { findings: got } = await findings(['stations.resource.yaml'], tmp);
    expect(got.filter((f) => f.ruleId === 'data/schema-header-mismatch').map((f) => [f.messageId, f.location.field])).toEqual([
      ['incorrectLabel', 'Molenbeek'],
      ['incorrectLabel', 'Rue Dubrucq'],
      ['incorrectLabel', 'urban centre'],
      ['incorrectLabel', 'traffic'],
    ]);
  });
});

describe('lint: fieldsMatch (fixtures/frictionless/fields-match, strict)', () => {
  it('exact by position; subset, superset, equal and partial by name', async () => {
    const file = (name: string) => `fixtures/frictionless/fields-match/data/${name}.csv`;
    const rule = 'data/schema-header-mismatch';
    const { report, findings: got } = await findings(['fixtures/frictionless/fields-match']);
    expect(report.datasets).toHaveLength(1);
    expect(got).toEqual([
      { ruleId: rule, messageId: 'extraLabel', severity: 'error', location: { file: file('extra-exact'), row: 1, line: 1, field: 'comment' } },
      // extra-exact: the rows are as wide as the header, one cell wider than the schema.
      { ruleId: 'data/schema-row-width', messageId: 'extraCells', severity: 'error', location: { file: file('extra-exact'), row: 2, line: 2, field: '5' } },
      { ruleId: 'data/schema-row-width', messageId: 'extraCells', severity: 'error', location: { file: file('extra-exact'), row: 3, line: 3, field: '5' } },
      // extra-subset: more columns than fields is allowed.
      { ruleId: rule, messageId: 'extraLabel', severity: 'error', location: { file: file('extra-superset'), row: 1, line: 1, field: 'comment' } },
      // fewer-superset: fewer columns is allowed.
      { ruleId: rule, messageId: 'missingLabel', severity: 'error', location: { file: file('fewer-subset'), row: 1, line: 1, field: 'latitude' } },
      { ruleId: rule, messageId: 'missingLabel', severity: 'error', location: { file: file('fewer-subset'), row: 1, line: 1, field: 'longitude' } },
      // reordered-equal: same names in another order, read by name (no type error on the swapped coordinates).
      { ruleId: rule, messageId: 'noFieldMatches', severity: 'error', location: { file: file('unrelated-partial'), row: 1, line: 1 } },
      // reordered-partial: at least one column is a field.
    ]);
  });
});

describe('lint: a CRLF file whose last line ends in a lone LF (fixtures/data/line-endings)', () => {
  it('no padding or enum finding on the last cell; the mixed line ending is still reported', async () => {
    const { findings: got } = await findings(['fixtures/data/line-endings/crlf-last-lf.resource.json']);
    expect(got).toEqual([{ ruleId: 'data/inconsistent-line-endings', messageId: 'mixed', severity: 'warning', location: { file: 'fixtures/data/line-endings/crlf-last-lf.csv', line: 4 } }]);
  });
});
