import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, FIXTURES } from '../helpers/lint.js';
import { schemaValidator } from '../../src/util/json-schema.js';

const dir = (name: string) => path.join(FIXTURES, 'gender', name);

describe('gender in the JSON report', () => {
  it('validates against schemas/report.schema.json with gender blocks', async () => {
    const report = await lintReport([path.join(FIXTURES, 'gender')], { presets: ['brussels'] });
    const validate = schemaValidator('report.schema.json');
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    expect(report.datasets.filter((d) => d.gender).length).toBeGreaterThan(10);
    expect(report.summary.gender).toBeDefined();
  });

  it('shows wide women/men columns as a column group, and declared flags', async () => {
    const report = await lintReport([dir('wide-ok')], { presets: ['recommended'] });
    expect(report.datasets[0]!.gender).toEqual({
      declared: { concernsIndividuals: true, sexDisaggregated: true },
      detected: { tables: 1, concernsIndividuals: true, sexDisaggregated: true },
      sexColumns: [],
      sexColumnGroups: [{ file: 'fixtures/gender/wide-ok/data/population-wide.csv', male: ['Hommes / Mannen'], female: ['Femmes / Vrouwen'], total: ['Total / Totaal'], layouts: ['words'] }],
      personCounts: [
        { file: 'fixtures/gender/wide-ok/data/population-wide.csv', column: 'Hommes / Mannen', term: 'men', basis: 'header' },
        { file: 'fixtures/gender/wide-ok/data/population-wide.csv', column: 'Femmes / Vrouwen', term: 'women', basis: 'header' },
      ],
      personAttributes: [],
    });
  });

  it('counts declared flags first, then detections: 4 datasets about people, 2 sex-disaggregated', async () => {
    const inputs = ['ok-disaggregated', 'declared-without-sex', 'concerns-false', 'sex-without-individuals', 'ckan-invalid-flag', 'udata-flags', 'bare/no-people.csv'].map(dir);
    const report = await lintReport(inputs, { presets: ['brussels'] });
    // ok-disaggregated and declared-without-sex declare both (the latter wrongly: a warning says so);
    // ckan-invalid-flag and udata-flags concern individuals but are not (or not validly) sex-disaggregated;
    // concerns-false and sex-without-individuals declare "no"; no-people.csv shows no people.
    expect(report.summary.gender).toEqual({ concernsIndividuals: 4, sexDisaggregated: 2, share: 0.5 });
  });

  it('with --no-data, datasets without declared flags are not counted and data rules stay silent', async () => {
    const report = await lintReport([dir('ok-disaggregated'), dir('ckan-missing-flags'), dir('declared-without-sex')], { presets: ['brussels'], data: false });
    expect(report.summary.gender).toEqual({ concernsIndividuals: 2, sexDisaggregated: 2, share: 1 });
    expect(allFindings(report).filter((f) => f.ruleId.startsWith('gender/')).map((f) => [f.ruleId, f.messageId])).toEqual([
      ['gender/flag-missing', 'missing'],
      ['gender/flag-missing', 'missing'],
    ]);
  });

  it('has no gender summary when nothing concerns individuals', async () => {
    const report = await lintReport([dir('bare/no-people.csv'), dir('bare/film-genres.csv')], { presets: ['brussels'] });
    expect(report.summary.gender).toBeUndefined();
    expect(report.datasets.map((d) => d.gender)).toEqual([undefined, undefined]);
  });
});
