import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { formatNames, loadFormatter } from '../../src/reporters/index.js';
import { reportedFindings } from '../../src/reporters/_findings.js';
import { schemaValidator } from '../../src/util/json-schema.js';
import type { Finding, Report } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';
import { parseXml, type XmlElement } from './xml.js';

/** The one shared results fixture every formatter is tested on (fixtures/reports/README.md). */
const REPORT = JSON.parse(readFileSync(path.join(FIXTURES, 'reports', 'report.json'), 'utf8')) as Report;
const ALL = reportedFindings(REPORT);
const TOTAL = REPORT.summary.errors + REPORT.summary.warnings + REPORT.summary.infos; // 14 + 8 + 1 = 23

async function render(name: string, report: Report = REPORT, quiet = false): Promise<string> {
  const rules = new Map([...(await loadBuiltinRules())].map(([id, r]) => [id, r.meta]));
  return (await loadFormatter(name))!.format(report, { color: false, quiet, rules, cwd: ROOT });
}

const EMAIL = ALL.find((r) => r.finding.ruleId === 'personal-data/email-address')!;
const MISMATCH = ALL.find((r) => r.finding.ruleId === 'format/format-mismatch')!;

describe('the shared results fixture', () => {
  it('is a valid report', () => {
    const validate = schemaValidator('report.schema.json');
    expect(validate(REPORT), JSON.stringify(validate.errors)).toBe(true);
    expect(ALL).toHaveLength(TOTAL);
    expect(TOTAL).toBe(23);
  });

  it('every format is discovered', () => {
    expect(formatNames()).toEqual(['csv', 'github', 'gitlab', 'html', 'json', 'jsonl', 'junit', 'markdown', 'sarif', 'scorecard-csv', 'stylish']);
  });
});

describe('fingerprints', () => {
  it('are unique, and count findings that share rule, file and location key', () => {
    const prints = ALL.map((r) => r.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
    const ragged = ALL.filter((r) => r.finding.ruleId === 'data/csv-ragged-rows').map((r) => r.fingerprint.split(':'));
    expect(ragged).toHaveLength(2);
    expect(ragged[0]![0]).toBe(ragged[1]![0]);
    expect([ragged[0]![1], ragged[1]![1]]).toEqual(['1', '2']);
  });

  it('do not depend on the row of a data finding or on the message wording', () => {
    const moved = structuredClone(REPORT);
    const f = moved.datasets.flatMap((d) => d.findings).find((x) => x.ruleId === 'personal-data/email-address')!;
    f.location.row = 40;
    f.location.line = 43;
    f.message = 'reworded';
    expect(reportedFindings(moved).find((r) => r.finding.ruleId === 'personal-data/email-address')!.fingerprint).toBe(EMAIL.fingerprint);
    // Nor on the line of a record without a column (rows shift when rows are added).
    const ragged = moved.datasets.flatMap((d) => d.findings).find((x) => x.ruleId === 'data/csv-ragged-rows')!;
    const before = reportedFindings(moved).find((r) => r.finding === ragged)!.fingerprint;
    ragged.location.line = 80;
    ragged.location.row = 79;
    expect(reportedFindings(moved).find((r) => r.finding === ragged)!.fingerprint).toBe(before);
  });
});

describe('sarif', () => {
  // The vendored OASIS schema is draft-04: ajv reads it once `id` is spelled `$id`.
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  ((addFormatsModule as unknown as { default?: (a: Ajv) => void }).default ?? (addFormatsModule as unknown as (a: Ajv) => void))(ajv);
  const validateSarif = ajv.compile({ ...rest, $id: id });

  it('validates against the SARIF 2.1.0 schema, and the validator does reject a broken log', async () => {
    const log = JSON.parse(await render('sarif'));
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    expect(validateSarif(broken)).toBe(false);
  });

  it('describes each rule and places each result', async () => {
    const log = JSON.parse(await render('sarif'));
    const run = log.runs[0];
    const results = run.results as { ruleId: string; ruleIndex: number; level: string; message: { text: string }; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn?: number } } }[] }[];
    expect(results).toHaveLength(TOTAL);
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...new Set(ALL.map((r) => r.finding.ruleId))].sort());
    const described = run.tool.driver.rules.find((r: { id: string }) => r.id === 'licence/licence-missing');
    expect(described.shortDescription.text).toBe('The dataset states no licence (on the dataset or on each distribution).');
    expect(described.helpUri).toBe('https://github.com/odlint/odlint/blob/main/rules/licence/licence-missing.md');
    expect(described.help.text).toContain('licence');
    expect(described.defaultConfiguration.level).toBe('error');
    for (const r of results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
    expect(results.map((r) => r.partialFingerprints['odlint/v1'])).toEqual(ALL.map((r) => r.fingerprint));

    const email = results.find((r) => r.ruleId === 'personal-data/email-address')!;
    expect(email.level).toBe('error');
    // Located by row only (an old report): no region, as the row is no line; the row is a property.
    expect(email.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'fixtures/frictionless/good/data/measurements.csv', uriBaseId: 'SRCROOT' } });
    expect((email as unknown as { properties: { row: number } }).properties.row).toBe(2);
    // A data-file finding with its line: the region is the line, not the row.
    const ragged = results.filter((r) => r.ruleId === 'data/csv-ragged-rows').map((r) => r.locations[0]!.physicalLocation.region);
    expect(ragged).toEqual([{ startLine: 8 }, { startLine: 10 }]);
    const mismatch = results.find((r) => r.ruleId === 'format/format-mismatch')!;
    expect(mismatch.level).toBe('note');
    expect(mismatch.message.text).toBe(MISMATCH.finding.message);
    expect(mismatch.locations[0]!.physicalLocation.region).toEqual({ startLine: 14, startColumn: 17 });
    const warnings = results.filter((r) => r.level === 'warning');
    expect(warnings).toHaveLength(8);
    for (const r of results) expect(r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('/')).toBe(false);
  });

  it('keeps only errors with --quiet', async () => {
    const log = JSON.parse(await render('sarif', REPORT, true));
    expect(log.runs[0].results).toHaveLength(14);
  });
});

describe('junit', () => {
  const suitesOf = (root: XmlElement) => root.children.filter((c) => c.name === 'testsuite');
  const casesOf = (suite: XmlElement) => suite.children.filter((c) => c.name === 'testcase');

  it('parses back: one suite per dataset and per file, failures with rule id and location', async () => {
    const root = parseXml(await render('junit'));
    expect(root.name).toBe('testsuites');
    const suites = suitesOf(root);
    expect(suites).toHaveLength(REPORT.datasets.length + REPORT.files.length); // 8 + 12
    // Every error and warning is a failure: 14 + 8 = 22; clean datasets add one passing testcase each.
    expect(root.attrs['failures']).toBe('22');
    const clean = REPORT.datasets.filter((d) => d.findings.length === 0).length;
    expect(Number(root.attrs['tests'])).toBe(TOTAL + clean);
    expect(suites.reduce((t, s) => t + Number(s.attrs['tests']), 0)).toBe(Number(root.attrs['tests']));

    for (const s of suites) {
      const names = casesOf(s).map((c) => c.attrs['name']);
      expect(new Set(names).size, `unique testcase names in ${s.attrs['name']}`).toBe(names.length);
    }
    expect(new Set(suites.map((s) => s.attrs['name'])).size).toBe(suites.length);

    const aq = suites.find((s) => s.attrs['name'] === 'Air quality measurements in Brussels, 2024 (fixtures/frictionless/good/datapackage.json)')!;
    const cases = casesOf(aq);
    // The suite's file is its first property (Surefire and Jenkins allow no file attribute on a testcase).
    expect(aq.children[0]!.children.map((p) => p.attrs)).toEqual([{ name: 'file', value: 'fixtures/frictionless/good/datapackage.json' }]);
    // Report order (the fixture lists them so).
    expect(cases.map((c) => c.attrs['name'])).toEqual([
      'data/csv-ragged-rows 8 (row 7)',
      'data/csv-ragged-rows 10 (row 9)',
      'personal-data/email-address row 2 [contact, e-mail]',
      'format/format-mismatch 14:17',
    ]);
    const email = cases[2]!.children[0]!;
    expect(email.name).toBe('failure');
    expect(email.attrs['type']).toBe('personal-data/email-address');
    expect(email.attrs['message']).toBe(EMAIL.finding.message);
    expect(email.text).toContain('fixtures/frictionless/good/data/measurements.csv row 2 [contact, e-mail]');
    expect(casesOf(aq)[0]!.children[0]!.text).toContain('fixtures/frictionless/good/data/measurements.csv 8 (row 7)');
    const info = cases[3]!.children[0]!;
    expect(info.name).toBe('system-out');
    expect(info.text).toContain(MISMATCH.finding.message);
  });

  it('gives a clean dataset one passing testcase', async () => {
    const root = parseXml(await render('junit'));
    const clean = suitesOf(root).find((s) => s.attrs['name']!.startsWith('Air quality measurements, Brussels-Capital Region, 2020'))!;
    expect(casesOf(clean).map((c) => [c.attrs['name'], c.children.length])).toEqual([['no problems', 0]]);
  });
});

describe('github', () => {
  it('escapes messages and properties as the Actions toolkit does', async () => {
    const lines = (await render('github')).trimEnd().split('\n');
    expect(lines).toContain(
      '::notice file=fixtures/frictionless/good/datapackage.json,line=14,col=17,title=odlint format/format-mismatch::declared "CSV"%0Asniffed text/plain; 50%25 sure :: check the format, please',
    );
    expect(lines).toContain(
      '::error file=fixtures/frictionless/good/data/measurements.csv,title=odlint personal-data/email-address::column "contact, e-mail" holds e-mail addresses (e.g. j***@***.be) in 100%25 of rows: <mask> & review [row 2, column contact, e-mail]',
    );
    // A data-file finding with its line points at it; its row goes to the message.
    expect(lines.filter((l) => l.includes('title=odlint data/csv-ragged-rows')).map((l) => /line=(\d+)[^]*(\[row \d+\])$/.exec(l)!.slice(1))).toEqual([['8', '[row 7]'], ['10', '[row 9]']]);
    expect(lines.at(-1)).toBe('odlint: 14 errors, 8 warnings, 1 info in 8 datasets (4 beyond GitHub\'s 10 annotations per level are listed as plain lines)');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(8);
    expect(lines.filter((l) => !l.startsWith('::') && !l.startsWith('odlint:'))).toHaveLength(4);
  });

  it('escapes a file name with a comma or colon in its properties', async () => {
    const report = structuredClone(REPORT);
    report.datasets[0]!.findings[0]!.location.file = 'a,b:c%.json';
    const out = await render('github', report);
    expect(out).toContain('::warning file=a%2Cb%3Ac%25.json,line=5,col=3,title=odlint metadata/description-too-short::the description has 14 characters');
  });
});

describe('markdown', () => {
  it('has a summary table with the scores and escapes table cells', async () => {
    const md = await render('markdown');
    expect(md).toContain('| Dataset | File | Errors | Warnings | Infos | odlint | MQA | udata | Stars |');
    expect(md).toContain('| Population by municipality and sex, 2023 | `fixtures/ckan/good/package.json` | 0 | 0 | 0 | 100 | 385/405 excellent | 89 % | ★★★ |');
    expect(md).toContain('column "contact, e-mail" holds e-mail addresses (e.g. j***@***.be) in 100% of rows: &lt;mask&gt; & review');
    expect(md).toContain('| info | [`format/format-mismatch`](https://github.com/odlint/odlint/blob/main/rules/format/format-mismatch.md) | `fixtures/frictionless/good/datapackage.json 14:17` | declared "CSV" sniffed text/plain; 50% sure :: check the format, please |');
    const rows = md.split('\n').filter((l) => /^\| (error|warning|info) \|/.test(l));
    expect(rows).toHaveLength(TOTAL);
  });

  it('says beside the MQA rating when unchecked reachability caps the points', async () => {
    const report = structuredClone(REPORT);
    report.datasets[0]!.score = { mqa: { points: 320, rating: 'good', dimensions: {}, notChecked: ['accessibility.accessUrlReachable'], maxChecked: 325 } };
    expect(await render('markdown', report)).toContain('| 320/405 good (max 325 unchecked) |');
  });

  it('stops listing findings at the comment size limit', async () => {
    const report = structuredClone(REPORT);
    const f = report.datasets[0]!.findings[0]!;
    report.datasets[0]!.findings = Array.from({ length: 250 }, (_, i): Finding => ({ ...f, location: { ...f.location, line: i + 1 } }));
    const md = await render('markdown', report);
    expect(md.split('\n').filter((l) => l.startsWith('| warning |'))).toHaveLength(200);
    // The first dataset had 4 findings, now 250: 250 + 23 - 4 = 269 findings, 200 listed.
    expect(md).toContain(`_…and ${250 + TOTAL - 4 - 200} more findings`);
  });
});

describe('csv', () => {
  it('has one row per finding and parses back to the same values', async () => {
    const rows = parseCsv(await render('csv'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(TOTAL);
    const email = rows.find((r) => r['rule'] === 'personal-data/email-address')!;
    expect(email).toEqual({
      dataset: 'air-quality-brussels-2024', file: 'fixtures/frictionless/good/data/measurements.csv', line: '', column: '', pointer: '',
      row: '2', field: 'contact, e-mail', severity: 'error', rule: 'personal-data/email-address', message_id: 'found',
      message: EMAIL.finding.message, fingerprint: EMAIL.fingerprint,
    });
    expect(rows.find((r) => r['rule'] === 'format/format-mismatch')!['message']).toBe(MISMATCH.finding.message);
  });

  it('defuses cells a spreadsheet would run as formulas', async () => {
    const report = structuredClone(REPORT);
    report.datasets[0]!.findings[0]!.message = '=HYPERLINK("http://x")';
    const rows = parseCsv(await render('csv', report), { columns: true }) as Record<string, string>[];
    expect(rows[0]!['message']).toBe('\'=HYPERLINK("http://x")');
  });

  it('scorecard-csv has one row per dataset with its scores', async () => {
    const rows = parseCsv(await render('scorecard-csv'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['dataset'])).toEqual(REPORT.datasets.map((d) => d.id));
    const aq = rows.find((r) => r['dataset'] === 'air-quality-brussels-2020')!;
    expect([aq['odlint'], aq['mqa_points'], aq['mqa_rating'], aq['mqa_accessibility'], aq['udata'], aq['stars']]).toEqual(['100', '325', 'good', '20', '0.889', '3']);
    expect(aq['mqa_not_checked']).toBe('accessibility.accessUrlReachable accessibility.downloadUrlReachable');
  });
});
