import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES } from '../helpers/lint.js';

const dir = (name: string) => path.join(FIXTURES, 'catalogue', name);

describe('catalogue/priority-datasets-missing (france preset, fixtures/catalogue/france)', () => {
  it('reports the SCDL items no dataset stands for, and the coverage, once for the catalogue', async () => {
    const report = await lintReport([dir('france')], { presets: ['france'] });
    const file = 'fixtures/catalogue/france/datasets.json';
    const findings = allFindings(report, 'catalogue/priority-datasets-missing');
    expect(report.files.map((f) => f.file)).toEqual([file]);
    expect(findings.map((f) => [f.messageId, f.severity, f.location])).toEqual([
      ...['marches-publics', 'equipements', 'permis-de-construire', 'elections', 'urbanisme'].map(() => ['missing', 'warning', { file }]),
      ['coverage', 'info', { file }],
    ]);
    expect(findings.map((f) => f.data?.id).slice(0, 5)).toEqual(['marches-publics', 'equipements', 'permis-de-construire', 'elections', 'urbanisme']);
    expect(findings[5]!.message).toBe(
      'the catalogue covers 5 of 10 priority datasets of the SCDL: budget ✓ (1, by title), deliberations ✓ (1, by schema), subventions ✓ (1, by keywords), marches-publics ✗, etat-civil ✓ (1, by schema), adresses ✓ (1, by schema), equipements ✗, permis-de-construire ✗, elections ✗, urbanisme ✗',
    );
  });

  it('the `items` option narrows the list a catalogue must cover', async () => {
    const report = await lintReport([dir('france')], { presets: ['france'], configFile: path.join(FIXTURES, 'catalogue', 'france-items.yaml') });
    const findings = allFindings(report, 'catalogue/priority-datasets-missing');
    expect(findings.map((f) => [f.messageId, f.data?.id ?? f.data?.found])).toEqual([
      ['missing', 'marches-publics'],
      ['coverage', 3],
    ]);
  });

  it('is off outside the france preset', async () => {
    const report = await lintReport([dir('france')], { presets: ['recommended'] });
    expect(report.files).toEqual([]);
  });
});

describe('luxembourg preset: high-value themes (fixtures/catalogue/luxembourg)', () => {
  it('metadata/hvd-theme-not-declared: a theme dataset not tagged hvd, or not under CC0/CC-BY-4.0', async () => {
    const report = await lintReport([dir('luxembourg')], { presets: ['luxembourg'] });
    const file = 'fixtures/catalogue/luxembourg/datasets.json';
    expect(allFindings(report, 'metadata/hvd-theme-not-declared').map(brief)).toEqual([
      { ruleId: 'metadata/hvd-theme-not-declared', messageId: 'notDeclared', severity: 'warning', location: { file, pointer: '/data/1/tags', line: 38, column: 7 } },
      { ruleId: 'metadata/hvd-theme-not-declared', messageId: 'licence', severity: 'warning', location: { file, pointer: '/data/2/license', line: 71, column: 7 } },
    ]);
  });

  it('catalogue/hvd-coverage: one line per theme, counted over the catalogue', async () => {
    const report = await lintReport([dir('luxembourg')], { presets: ['luxembourg'] });
    expect(allFindings(report, 'catalogue/hvd-coverage').map((f) => f.message)).toEqual([
      'high-value theme "Geospatial": 1 datasets, 1 declared HVD, 1 under CC0-1.0 or CC-BY-4.0',
      'high-value theme "Earth observation and environment": 1 datasets, 0 declared HVD, 1 under CC0-1.0 or CC-BY-4.0',
      'high-value theme "Meteorological": no dataset of the catalogue is in it',
      'high-value theme "Statistics": 1 datasets, 1 declared HVD, 0 under CC0-1.0 or CC-BY-4.0',
      'high-value theme "Companies and company ownership": no dataset of the catalogue is in it',
      'high-value theme "Mobility": 1 datasets, 1 declared HVD, 1 under CC0-1.0 or CC-BY-4.0',
    ]);
  });

  it('the catalogue location is the folder common to the descriptors that contributed', async () => {
    const report = await lintReport([dir('france'), dir('luxembourg')], { presets: ['luxembourg'] });
    expect(report.files.map((f) => f.file)).toEqual(['fixtures/catalogue']);
  });
});
