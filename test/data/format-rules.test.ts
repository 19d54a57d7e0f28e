/** Format rules and GeoJSON checks on fixtures/format/: exact findings with their locations. */
import { describe, it, expect } from 'vitest';
import { lintReport, allFindings, brief } from '../helpers/lint.js';

const dir = 'fixtures/format';
const f = (name: string) => `${dir}/${name}`;

async function findings(ruleId: string, inputs: string[], rules: string[] = []) {
  return allFindings(await lintReport(inputs.map(f), { rules }), ruleId).map(brief);
}

describe('format/format-content-mismatch', () => {
  const rule = 'format/format-content-mismatch';
  it('reports a spreadsheet declared as CSV and an HTML page declared as JSON, at the format', async () => {
    expect(await findings(rule, ['xlsx-as-csv/dataset.yaml', 'html-as-json/dataset.yaml'])).toEqual([
      { ruleId: rule, messageId: 'mismatch', severity: 'error', location: { file: f('xlsx-as-csv/dataset.yaml'), pointer: '/distributions/0/format', line: 10, column: 5 } },
      { ruleId: rule, messageId: 'mismatch', severity: 'error', location: { file: f('html-as-json/dataset.yaml'), pointer: '/distributions/0/format', line: 10, column: 5 } },
    ]);
    const report = await lintReport([f('xlsx-as-csv/dataset.yaml')]);
    expect(allFindings(report, rule)[0]!.data).toEqual({ declared: 'CSV', content: 'XLSX' });
  });
  it('accepts GeoJSON content declared as GeoJSON, and remote distributions', async () => {
    expect(await findings(rule, ['geojson/dataset.yaml', 'docs-with-csv/dataset.yaml'])).toEqual([]);
  });
});

describe('format/extension-content-mismatch', () => {
  const rule = 'format/extension-content-mismatch';
  it('reports the data file, whether a descriptor references it or not', async () => {
    expect(await findings(rule, ['xlsx-as-csv/dataset.yaml', 'html-as-json/dataset.yaml', 'renamed/table.csv'])).toEqual([
      { ruleId: rule, messageId: 'mismatch', severity: 'error', location: { file: f('xlsx-as-csv/data/budget.csv') } },
      { ruleId: rule, messageId: 'mismatch', severity: 'error', location: { file: f('html-as-json/data/stations.json') } },
      { ruleId: rule, messageId: 'mismatch', severity: 'error', location: { file: f('renamed/table.csv') } },
    ]);
  });
  it('reports unknown binary content in a .csv', async () => {
    expect(await findings(rule, ['renamed/blob.csv'])).toEqual([{ ruleId: rule, messageId: 'binary', severity: 'error', location: { file: f('renamed/blob.csv') } }]);
  });
  it('does not parse the spreadsheet as CSV', async () => {
    const report = await lintReport([f('xlsx-as-csv/dataset.yaml')]);
    expect(allFindings(report).filter((x) => x.ruleId.startsWith('data/') || x.ruleId === 'core/data-unreadable')).toEqual([]);
  });
});

describe('format/format-not-machine-readable', () => {
  const rule = 'format/format-not-machine-readable';
  it('reports a PDF and a web page when nothing else is offered', async () => {
    expect(await findings(rule, ['pdf-only/dataset.yaml'])).toEqual([
      { ruleId: rule, messageId: 'notMachineReadable', severity: 'warning', location: { file: f('pdf-only/dataset.yaml'), pointer: '/distributions/0/format', line: 10, column: 5 } },
      { ruleId: rule, messageId: 'webPage', severity: 'warning', location: { file: f('pdf-only/dataset.yaml'), pointer: '/distributions/1/format', line: 13, column: 5 } },
    ]);
  });
  it('judges a local file by its content', async () => {
    const report = await lintReport([f('html-as-json/dataset.yaml')]);
    expect(allFindings(report, rule).map((x) => [x.messageId, x.data])).toEqual([['webPage', { format: 'HTML', how: ' (by its content)' }]]);
  });
  it('accepts a PDF next to a CSV, unless evenWithAlternative', async () => {
    expect(await findings(rule, ['docs-with-csv/dataset.yaml'])).toEqual([]);
    const report = await lintReport([f('docs-with-csv/dataset.yaml')], { configFile: f('docs-with-csv/even.yaml') });
    expect(allFindings(report, rule).map(brief)).toEqual([
      { ruleId: rule, messageId: 'notMachineReadable', severity: 'warning', location: { file: f('docs-with-csv/dataset.yaml'), pointer: '/distributions/1/format', line: 13, column: 5 } },
    ]);
  });
});

describe('format/proprietary-only', () => {
  const rule = 'format/proprietary-only';
  it('reports datasets offered only as XLS/XLSX (declared or sniffed) or PDF', async () => {
    expect(await findings(rule, ['xls-only/dataset.yaml', 'xlsx-as-csv/dataset.yaml', 'pdf-only/dataset.yaml'])).toEqual([
      { ruleId: rule, messageId: 'proprietaryOnly', severity: 'warning', location: { file: f('xls-only/dataset.yaml'), pointer: '/distributions', line: 7, column: 1 } },
      { ruleId: rule, messageId: 'proprietaryOnly', severity: 'warning', location: { file: f('xlsx-as-csv/dataset.yaml'), pointer: '/distributions', line: 7, column: 1 } },
      { ruleId: rule, messageId: 'proprietaryOnly', severity: 'warning', location: { file: f('pdf-only/dataset.yaml'), pointer: '/distributions', line: 7, column: 1 } },
    ]);
    const report = await lintReport([f('xls-only/dataset.yaml')]);
    expect(allFindings(report, rule)[0]!.data).toEqual({ formats: 'XLS, XLSX' });
  });
  it('accepts a dataset with an open format', async () => {
    expect(await findings(rule, ['docs-with-csv/dataset.yaml', 'geojson/dataset.yaml'])).toEqual([]);
  });
});

describe('format/format-missing', () => {
  const rule = 'format/format-missing';
  it('reports a distribution with no format, no media type and no telling extension', async () => {
    expect(await findings(rule, ['no-format/dataset.yaml'])).toEqual([
      { ruleId: rule, messageId: 'missing', severity: 'warning', location: { file: f('no-format/dataset.yaml'), pointer: '/distributions/0', line: 8, column: 5 } },
    ]);
  });
  it('also reports the .csv URL when extensions are not accepted (allowExtension: false)', async () => {
    const report = await lintReport([f('no-format/dataset.yaml')], { configFile: f('no-format/strict.yaml') });
    expect(allFindings(report, rule).map((x) => x.location.pointer)).toEqual(['/distributions/0', '/distributions/1']);
  });
});

describe('format/stars-below-threshold', () => {
  const rule = 'format/stars-below-threshold';
  it('is off unless enabled; then scores the best distribution as ckanext-qa does', async () => {
    expect(await findings(rule, ['xls-only/dataset.yaml'])).toEqual([]);
    const report = await lintReport([f('xls-only/dataset.yaml'), f('pdf-only/dataset.yaml'), f('docs-with-csv/dataset.yaml')], { rules: [`${rule}=warning`] });
    expect(allFindings(report, rule).map((x) => [x.location.file, x.messageId, x.data])).toEqual([
      [f('xls-only/dataset.yaml'), 'below', { stars: 2, format: 'XLS', minStars: 3 }],
      [f('pdf-only/dataset.yaml'), 'below', { stars: 1, format: 'PDF', minStars: 3 }],
    ]);
  });
});

describe('data/geojson-invalid and JSON syntax', () => {
  const rule = 'data/geojson-invalid';
  it('reports malformed features, projected coordinates, a crs member and a missing type; accepts valid GeoJSON', async () => {
    const points = f('geojson/data/points.geojson');
    expect(await findings(rule, ['geojson/dataset.yaml'])).toEqual([
      { ruleId: rule, messageId: 'invalid', severity: 'error', location: { file: points } },
      { ruleId: rule, messageId: 'outOfRange', severity: 'error', location: { file: points } },
      { ruleId: rule, messageId: 'crs', severity: 'error', location: { file: points } },
      { ruleId: rule, messageId: 'type', severity: 'error', location: { file: f('geojson/data/untyped.geojson') } },
    ]);
    const report = await lintReport([f('geojson/dataset.yaml')]);
    expect(allFindings(report, rule).slice(0, 2).map((x) => x.data)).toEqual([
      { count: 1, first: 3 },
      { count: 2, first: 2 },
    ]);
  });
  it('reports invalid JSON as unreadable, at its line', async () => {
    const report = await lintReport([f('geojson/dataset.yaml')]);
    expect(allFindings(report, 'core/data-unreadable').map((x) => ({ ...brief(x), message: x.message }))).toEqual([
      {
        ruleId: 'core/data-unreadable',
        messageId: 'unreadable',
        severity: 'error',
        location: { file: f('geojson/data/broken.geojson'), line: 2 },
        message: 'data file cannot be read: invalid JSON at line 2, column 44: unexpected "}"',
      },
    ]);
  });
});
