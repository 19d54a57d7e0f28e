import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES, type LintOptions } from '../helpers/lint.js';

const dir = (name: string) => path.join(FIXTURES, 'gender', name);
const rel = (p: string) => `fixtures/gender/${p}`;

async function gender(input: string, opts: LintOptions = { presets: ['brussels'] }) {
  const report = await lintReport([dir(input)], opts);
  return { report, findings: allFindings(report).filter((f) => f.ruleId.startsWith('gender/')) };
}

describe('wide sex-split tables, one layout per statistical export (fixtures/gender/wide)', () => {
  // file, first women column (where the finding points), header row, the group of columns, layouts
  const cases: [string, string, number, { male: string[]; female: string[]; total: string[] }, string[]][] = [
    [
      'statec-population-communes.csv',
      'Femmes / 2023',
      2,
      { male: ['Hommes / 2023', 'Hommes / 2024'], female: ['Femmes / 2023', 'Femmes / 2024'], total: ['Total / 2023', 'Total / 2024'] },
      ['two-row-header'],
    ],
    ['statec-lu-gemengen.csv', 'Fraen', 1, { male: ['Männer'], female: ['Fraen'], total: [] }, ['words']],
    [
      'insee-iris-population.csv',
      'P20_POPF',
      1,
      { male: ['P20_POPH', 'P20_H0014', 'P20_H1529', 'C20_H15P'], female: ['P20_POPF', 'P20_F0014', 'P20_F1529', 'C20_F15P'], total: ['P20_POP'] },
      ['letters'],
    ],
    ['cbs-bevolking.csv', 'Vrouwen (aantal)', 1, { male: ['Mannen (aantal)'], female: ['Vrouwen (aantal)'], total: ['Totaal mannen en vrouwen (aantal)'] }, ['words']],
    ['ibsa-taux-emploi.csv', 'taux_femmes', 1, { male: ['taux_hommes'], female: ['taux_femmes'], total: [] }, ['words']],
    ['statbel-population-refnis.csv', 'pop_f', 1, { male: ['pop_h'], female: ['pop_f'], total: ['pop'] }, ['letters']],
    ['sdmx-employment-rate.csv', 'SEX=F', 1, { male: ['SEX=M'], female: ['SEX=F'], total: ['SEX=_T'] }, ['sex-key']],
    ['age-band-activity.csv', 'F_15-24', 1, { male: ['M_15-24', 'M_25-64'], female: ['F_15-24', 'F_25-64'], total: [] }, ['letters']],
    // Real figures: CBS StatLine 83049NED (burn-out complaints of employees, % per year).
    ['cbs-83049ned-burnout.csv', 'vrouwen', 1, { male: ['mannen'], female: ['vrouwen'], total: ['totaal'] }, ['words']],
  ];

  it.each(cases)('%s: detected as sex-disaggregated, split columns named in the report and the finding', async (file, firstFemale, row, group, layouts) => {
    const r = await gender(`wide/${file}`, { presets: ['brussels'], rules: ['gender/total-missing=warning'] });
    const at = { file: rel(`wide/${file}`), row, line: row, field: firstFemale };
    const expected = [{ ruleId: 'gender/sex-dimension-undeclared', messageId: 'detected', severity: 'info', location: at }];
    if (group.total.length === 0) expected.unshift({ ruleId: 'gender/total-missing', messageId: 'noTotalColumn', severity: 'warning', location: at });
    expect(r.findings.map(brief)).toEqual(expected);

    const g = r.report.datasets[0]!.gender!;
    expect(g.detected).toMatchObject({ tables: 1, sexDisaggregated: true, concernsIndividuals: true });
    expect(g.sexColumns).toEqual([]);
    expect(g.sexColumnGroups).toEqual([{ file: rel(`wide/${file}`), ...group, layouts }]);
    const detected = r.findings.find((f) => f.messageId === 'detected')!;
    for (const name of [...group.female, ...group.male].slice(0, 3)) expect(detected.message).toContain(`"${name}"`);
  });

  it('names the split columns in the message, the first three of each side', async () => {
    const r = await gender('wide/insee-iris-population.csv');
    expect(r.findings[0]!.message).toBe(
      'the data are sex-disaggregated: separate columns for women and men ("P20_POPF", "P20_F0014", "P20_F1529" (+1 more) and "P20_POPH", "P20_H0014", "P20_H1529" (+1 more))',
    );
    const cbs = await gender('wide/cbs-bevolking.csv');
    expect(cbs.findings[0]!.message).toBe('the data are sex-disaggregated: separate columns for women and men ("Vrouwen (aantal)" and "Mannen (aantal)")');
  });

  it('total-missing names both sides of a wide table without a total column', async () => {
    const r = await gender('wide/age-band-activity.csv', { presets: ['recommended'], rules: ['gender/total-missing=warning'] });
    expect(r.findings.map((f) => f.message)).toEqual(['columns "F_15-24", "F_25-64" and "M_15-24", "M_25-64" have no total column beside them']);
  });
});

describe('wide tables against declarations', () => {
  it('sex-dimension-undeclared: declared not sex-disaggregated, the INSEE-style columns say otherwise', async () => {
    const r = await gender('wide-undeclared');
    expect(r.findings.map(brief)).toEqual([
      { ruleId: 'gender/sex-dimension-undeclared', messageId: 'declaredFalse', severity: 'warning', location: { file: rel('wide-undeclared/dataset.yaml'), pointer: '/flags/sexDisaggregated', line: 5, column: 3 } },
    ]);
    expect(r.findings[0]!.message).toContain('fixtures/gender/wide-undeclared/data/insee-iris-population.csv has separate columns for women and men ("P20_POPF"');
  });

  it('single-sex-only and sex-disaggregated-without-sex-dimension: an SDMX-style export with SEX=F only', async () => {
    const r = await gender('wide-one-sex', { presets: ['recommended'] });
    expect(r.findings.map(brief)).toEqual([
      { ruleId: 'gender/single-sex-only', messageId: 'oneSided', severity: 'info', location: { file: rel('wide-one-sex/data/employment-rate-women.csv'), row: 1, line: 1, field: 'SEX=F' } },
      {
        ruleId: 'gender/sex-disaggregated-without-sex-dimension',
        messageId: 'noSexDimension',
        severity: 'warning',
        location: { file: rel('wide-one-sex/dataset.yaml'), pointer: '/flags/sexDisaggregated', line: 5, column: 3 },
      },
    ]);
    expect(r.findings[0]!.message).toBe('columns "SEX=F" are about women/girls and no column is about men/boys: the data cover one sex only');
    expect(r.report.datasets[0]!.gender!.sexColumnGroups).toEqual([
      { file: rel('wide-one-sex/data/employment-rate-women.csv'), male: [], female: ['SEX=F'], total: [], layouts: ['sex-key'] },
    ]);
  });
});

describe('no sex split where M and F are other abbreviations (fixtures/gender/wide-negative)', () => {
  it.each(['units-m-f.csv', 'ratios.csv'])('%s: no finding, no gender block', async (file) => {
    const r = await gender(`wide-negative/${file}`, { presets: ['brussels', 'recommended'], rules: ['gender/total-missing=warning'] });
    expect(r.findings).toEqual([]);
    expect(r.report.datasets[0]!.gender).toBeUndefined();
  });
});
