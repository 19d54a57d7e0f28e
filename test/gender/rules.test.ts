import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES, type LintOptions } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

const dir = (name: string) => path.join(FIXTURES, 'gender', name);
const rel = (p: string) => `fixtures/gender/${p}`;

/** The gender findings of a lint, in report order. */
async function gender(input: string, opts: LintOptions = { presets: ['brussels'] }) {
  const report = await lintReport([dir(input)], opts);
  return { report, findings: allFindings(report).filter((f) => f.ruleId.startsWith('gender/')) };
}
const briefs = (r: { findings: Report['datasets'][number]['findings'] }) => r.findings.map(brief);

describe('gender rules on fixtures (brussels preset)', () => {
  it('a dataset declaring all flags, with a sex column and totals, is clean (even with total-missing on)', async () => {
    const r = await gender('ok-disaggregated', { presets: ['brussels'], rules: ['gender/total-missing=warning'] });
    expect(r.findings).toEqual([]);
  });

  it('a wide table with women/men columns satisfies a sex-disaggregated declaration', async () => {
    expect((await gender('wide-ok')).findings).toEqual([]);
  });

  it('flag-missing, concerns-individuals-inconsistent and individuals-not-disaggregated: CKAN without flags, counting pupils', async () => {
    const r = await gender('ckan-missing-flags');
    const pkg = rel('ckan-missing-flags/package.json');
    const atResult = { file: pkg, pointer: '/result', line: 3, column: 3 };
    expect(briefs(r)).toEqual([
      { ruleId: 'gender/individuals-not-disaggregated', messageId: 'notDisaggregated', severity: 'info', location: { file: rel('ckan-missing-flags/data/pupils.csv'), row: 1, line: 1, field: 'élèves' } },
      { ruleId: 'gender/flag-missing', messageId: 'missing', severity: 'error', location: atResult },
      { ruleId: 'gender/flag-missing', messageId: 'missing', severity: 'error', location: atResult },
      { ruleId: 'gender/concerns-individuals-inconsistent', messageId: 'undeclared', severity: 'warning', location: atResult },
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'gender/flag-missing').map((f) => f.data?.flag)).toEqual(['concernsIndividuals', 'sexDisaggregated']);
    expect(r.findings[3]!.message).toBe(
      'the dataset does not declare that its data concern individuals, but in fixtures/gender/ckan-missing-flags/data/pupils.csv column "élèves" counts people: declare "concernsIndividuals" yes',
    );
  });

  it('flag-missing reports a flag whose value is neither yes nor no (CKAN extra), at the value', async () => {
    const r = await gender('ckan-invalid-flag');
    expect(briefs(r)).toEqual([
      {
        ruleId: 'gender/flag-missing',
        messageId: 'invalid',
        severity: 'error',
        location: { file: rel('ckan-invalid-flag/package.json'), pointer: '/result/extras/0/value', line: 9, column: 37 },
      },
    ]);
    expect(r.findings[0]!.data).toMatchObject({ field: 'sex_disaggregated', value: 'partiellement', flag: 'sexDisaggregated' });
  });

  it('sex-dimension-undeclared: CKAN extras labelled in French (brussels options) say "Non", the data have a sex column', async () => {
    const r = await gender('ckan-labelled-flags');
    expect(briefs(r)).toEqual([
      {
        ruleId: 'gender/sex-dimension-undeclared',
        messageId: 'declaredFalse',
        severity: 'warning',
        location: { file: rel('ckan-labelled-flags/package.json'), pointer: '/result/extras/1/value', line: 10, column: 35 },
      },
    ]);
    expect(r.findings[0]!.message).toBe(
      'the dataset declares that its data are not sex-disaggregated, but fixtures/gender/ckan-labelled-flags/data/jobseekers.csv has sex column "sexe" (French letters H/F)',
    );
    // "Données concernant des personnes": "Oui" was read too (no flag-missing, no inconsistency).
    expect(r.report.datasets[0]!.gender?.declared).toEqual({ concernsIndividuals: true, sexDisaggregated: false });
  });

  it('without the brussels options, portal labels are not read and flag rules stay quiet (recommended)', async () => {
    const r = await gender('ckan-labelled-flags', { presets: ['recommended'] });
    expect(r.findings).toEqual([]);
    expect(r.report.datasets[0]!.gender?.declared).toEqual({});
  });

  it('concerns-individuals-inconsistent: declared no, but the data count inhabitants', async () => {
    const r = await gender('concerns-false');
    expect(briefs(r)).toEqual([
      {
        ruleId: 'gender/concerns-individuals-inconsistent',
        messageId: 'declaredFalse',
        severity: 'warning',
        location: { file: rel('concerns-false/dataset.yaml'), pointer: '/flags/concernsIndividuals', line: 4, column: 3 },
      },
    ]);
  });

  it('concerns-individuals-inconsistent: sex-disaggregated yes but concerning individuals no', async () => {
    const r = await gender('sex-without-individuals');
    expect(briefs(r)).toEqual([
      {
        ruleId: 'gender/concerns-individuals-inconsistent',
        messageId: 'sexWithoutIndividuals',
        severity: 'warning',
        location: { file: rel('sex-without-individuals/dataset.yaml'), pointer: '/flags/concernsIndividuals', line: 4, column: 3 },
      },
    ]);
  });

  it('sex-disaggregated-without-sex-dimension: declared yes, pupils counted without sex', async () => {
    const r = await gender('declared-without-sex');
    expect(briefs(r)).toEqual([
      {
        ruleId: 'gender/sex-disaggregated-without-sex-dimension',
        messageId: 'noSexDimension',
        severity: 'warning',
        location: { file: rel('declared-without-sex/dataset.yaml'), pointer: '/flags/sexDisaggregated', line: 5, column: 3 },
      },
    ]);
  });

  it('single-sex-only: a sex column that only holds "F"; a dataset split into a women file and a men file is fine', async () => {
    const r = await gender('single-sex');
    expect(briefs(r)).toEqual([
      { ruleId: 'gender/single-sex-only', messageId: 'oneSex', severity: 'info', location: { file: rel('single-sex/data/maternity.csv'), row: 1, line: 1, field: 'sexe' } },
    ]);
    expect((await gender('split-by-sex')).findings).toEqual([]);
  });

  it('gender-statistics-without-disaggregation: declared gender statistics, data without sex (and the brussels flag/info rules)', async () => {
    const r = await gender('gender-stats-no-sex');
    expect(briefs(r)).toEqual([
      { ruleId: 'gender/individuals-not-disaggregated', messageId: 'notDisaggregated', severity: 'info', location: { file: rel('gender-stats-no-sex/data/pupils.csv'), row: 1, line: 1, field: 'élèves' } },
      { ruleId: 'gender/flag-missing', messageId: 'missing', severity: 'error', location: { file: rel('gender-stats-no-sex/dataset.yaml'), pointer: '', line: 1, column: 1 } },
      {
        ruleId: 'gender/gender-statistics-without-disaggregation',
        messageId: 'noSexDimension',
        severity: 'warning',
        location: { file: rel('gender-stats-no-sex/dataset.yaml'), pointer: '/flags/genderStatistics', line: 5, column: 3 },
      },
    ]);
  });

  it('gender-statistics-without-disaggregation: udata extras say gender statistics "oui" and sex-disaggregated "non"', async () => {
    const r = await gender('udata-flags');
    expect(briefs(r)).toEqual([
      {
        ruleId: 'gender/gender-statistics-without-disaggregation',
        messageId: 'declaredNotDisaggregated',
        severity: 'warning',
        location: { file: rel('udata-flags/dataset.json'), pointer: '/extras/gender_statistics', line: 10, column: 5 },
      },
    ]);
    expect(r.report.datasets[0]!.gender?.declared).toEqual({ concernsIndividuals: true, sexDisaggregated: false, genderStatistics: true });
  });
});

describe('gender rules on data files linted without a descriptor', () => {
  const bare = (f: string) => rel(`bare/${f}`);

  it('mixed-sex-codes: "V" (vrouw) among M/F, reported where the first V is; detections are info; total-missing when enabled', async () => {
    const r = await gender('bare/mixed-codes.csv', { presets: ['brussels'], rules: ['gender/total-missing=warning'] });
    expect(briefs(r)).toEqual([
      { ruleId: 'gender/total-missing', messageId: 'noTotalCode', severity: 'warning', location: { file: bare('mixed-codes.csv'), row: 1, line: 1, field: 'Sexe / Geslacht' } },
      { ruleId: 'gender/sex-dimension-undeclared', messageId: 'detected', severity: 'info', location: { file: bare('mixed-codes.csv'), row: 1, line: 1, field: 'Sexe / Geslacht' } },
      { ruleId: 'gender/mixed-sex-codes', messageId: 'mixed', severity: 'warning', location: { file: bare('mixed-codes.csv'), row: 5, line: 5, field: 'Sexe / Geslacht' } },
    ]);
    expect(r.findings[2]!.message).toBe('column "Sexe / Geslacht" mixes sex codes of SDMX CL_SEX + Dutch letters M/V: "V" (Dutch letters M/V) among "M", "F" (SDMX CL_SEX)');
  });

  it('mixed-sex-codes is in the recommended preset; flag rules and detections are not', async () => {
    const r = await gender('bare/mixed-codes.csv', { presets: ['recommended'] });
    expect(briefs(r)).toEqual([
      { ruleId: 'gender/mixed-sex-codes', messageId: 'mixed', severity: 'warning', location: { file: bare('mixed-codes.csv'), row: 5, line: 5, field: 'Sexe / Geslacht' } },
    ]);
  });

  it('total-missing: a long sex column without total code, a wide table without total column', async () => {
    const opts = { presets: ['recommended'], rules: ['gender/total-missing=warning'] };
    const long = await gender('bare/long-no-total.csv', opts);
    expect(briefs(long)).toEqual([
      { ruleId: 'gender/total-missing', messageId: 'noTotalCode', severity: 'warning', location: { file: bare('long-no-total.csv'), row: 1, line: 1, field: 'sex' } },
    ]);
    expect(long.findings[0]!.message).toBe('column "sex" gives "F", "M" but no total (SDMX CL_SEX total: "_T")');
    const wide = await gender('bare/wide-no-total.csv', opts);
    expect(briefs(wide)).toEqual([
      { ruleId: 'gender/total-missing', messageId: 'noTotalColumn', severity: 'warning', location: { file: bare('wide-no-total.csv'), row: 1, line: 1, field: 'Femmes' } },
    ]);
  });

  it('French "genre": a film genre is no sex column, F/M codes under "genre" are', async () => {
    expect((await gender('bare/film-genres.csv')).findings).toEqual([]);
    const r = await gender('bare/genre-codes.csv');
    expect(briefs(r)).toEqual([
      { ruleId: 'gender/sex-dimension-undeclared', messageId: 'detected', severity: 'info', location: { file: bare('genre-codes.csv'), row: 1, line: 1, field: 'genre' } },
    ]);
  });

  it('a file about no people yields nothing', async () => {
    const r = await gender('bare/no-people.csv');
    expect(r.findings).toEqual([]);
    expect(r.report.datasets[0]!.gender).toBeUndefined();
  });
});

describe('portal-specific flag fields from a config file', () => {
  it('reads a portal field "gendered" answered "J" when configured', async () => {
    const r = await lintReport([dir('custom-portal')], { configFile: dir('custom-portal/odlint.config.yaml') });
    const findings = allFindings(r).filter((f) => f.ruleId.startsWith('gender/'));
    expect(findings.map(brief)).toEqual([
      {
        ruleId: 'gender/sex-disaggregated-without-sex-dimension',
        messageId: 'noSexDimension',
        severity: 'warning',
        location: { file: rel('custom-portal/package.json'), pointer: '/result/extras/0/value', line: 8, column: 28 },
      },
    ]);
  });
});
