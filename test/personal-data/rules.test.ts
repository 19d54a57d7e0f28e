import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintReport, allFindings, brief, ROOT } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';
import { generatePeople, peopleCsv } from './people-generator.js';

const dir = 'fixtures/personal-data';
const CONFIG = path.join(ROOT, dir, 'config', 'small-k.yaml');

const personal = (r: Report) => allFindings(r).filter((f) => f.ruleId.startsWith('personal-data/'));
const lint = async (input: string, configFile?: string) => personal(await lintReport([`${dir}/${input}`], { configFile }));

describe('personal-data/small-counts', () => {
  it('raises the severity with fine geography, single-year age and a sensitive topic; recognises suppression markers', async () => {
    const findings = await lint('aggregates/deaths-by-commune.csv');
    expect(findings.map(brief)).toEqual([
      {
        ruleId: 'personal-data/special-category',
        messageId: 'smallCounts',
        severity: 'warning',
        location: { file: `${dir}/aggregates/deaths-by-commune.csv`, row: 2, line: 2, field: 'cause_deces' },
      },
      {
        ruleId: 'personal-data/small-counts',
        messageId: 'smallCounts',
        severity: 'error',
        location: { file: `${dir}/aggregates/deaths-by-commune.csv`, row: 3, line: 3, field: 'nombre' },
      },
    ]);
    expect(findings[1]!.data).toEqual({
      column: 'nombre',
      small: 2, // 3 and 1; 0 reveals nobody; "x" and "<5" are suppression markers
      cells: 5,
      max: 4,
      threshold: 5,
      rows: '3, 6',
      suppressed: 2,
      factors: ', with fine geography ("commune") and single-year age or birth date ("age") and a sensitive topic (health (GDPR Art. 9))',
    });
  });

  it('notes small counts without aggravating factor as info, and accepts suppressed or large counts', async () => {
    expect((await lint('aggregates/births-by-region.csv')).map((f) => [f.ruleId, f.severity, f.location.row, f.data?.small])).toEqual([
      ['personal-data/small-counts', 'info', 4, 2],
    ]);
    expect(await lint('aggregates/population-by-region.csv')).toEqual([]);
  });

  it('takes its threshold from the configuration', async () => {
    const [f] = (await lint('aggregates/deaths-by-commune.csv', CONFIG)).filter((x) => x.ruleId === 'personal-data/small-counts');
    expect(f!.data).toMatchObject({ small: 3, max: 9, threshold: 10, rows: '3, 5, 6' });
  });
});

describe('personal-data/low-k-anonymity and special-category on microdata without names', () => {
  it('finds the rows singled out by age, sex and postcode, and the health column', async () => {
    const findings = await lint('microdata/patients.csv');
    expect(findings.map(brief)).toEqual([
      {
        ruleId: 'personal-data/special-category',
        messageId: 'personLevel',
        severity: 'warning',
        location: { file: `${dir}/microdata/patients.csv`, row: 2, line: 2, field: 'diagnostic' },
      },
      {
        ruleId: 'personal-data/low-k-anonymity',
        messageId: 'lowK',
        severity: 'warning',
        location: { file: `${dir}/microdata/patients.csv`, row: 7, line: 7, field: 'age' },
      },
    ]);
    expect(findings[1]!.message).toBe(
      'rows are singled out by "age" (age) + "sexe" (sex) + "code_postal" (postcode): the smallest group of rows sharing the same values has k = 1; 2 of 7 rows are in 2 groups smaller than 5 (e.g. rows 7, 8)',
    );
  });

  it('keeps its memory bounded and says so when the cap is reached', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'odlint-k-'));
    writeFileSync(path.join(tmp, 'people.csv'), peopleCsv(generatePeople(300, 3)));
    const report = await lintReport([path.join(tmp, 'people.csv')], { configFile: CONFIG, cwd: tmp });
    const [k] = allFindings(report, 'personal-data/low-k-anonymity');
    expect(k!.data).toMatchObject({ k: 1, rows: 300, groupsBelow: 100, threshold: 2 });
    expect(k!.data!.capped).toBe('; memory cap reached: only the first 100 distinct combinations were tracked, 200 rows were not assessed');
  });
});

describe('value rules', () => {
  it('search free text for identifiers, e-mail addresses and mobile numbers (role mailboxes excepted)', async () => {
    const findings = await lint('free-text/comments.csv');
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.location.row, f.location.field, f.data!.sample])).toEqual([
      ['personal-data/national-id-number', 'embedded', 'warning', 2, 'commentaire', '85.07.30-***-**'],
      ['personal-data/iban', 'embedded', 'warning', 3, 'commentaire', 'BE** **** **** **34'],
      ['personal-data/email-address', 'embedded', 'warning', 4, 'commentaire', 'j***@***.be'],
      ['personal-data/phone-number', 'embedded', 'warning', 4, 'commentaire', '+32 *******56'],
    ]);
  });

  it('name columns of a file without header by position, and test its first row too', async () => {
    const findings = await lint('headerless/ibans.csv');
    expect(findings.map(brief)).toEqual([
      { ruleId: 'personal-data/iban', messageId: 'validated', severity: 'error', location: { file: `${dir}/headerless/ibans.csv`, row: 1, line: 1, field: '1' } },
    ]);
    expect(findings[0]!.data).toMatchObject({ column: '1', count: 5, sampled: 5, confidence: 'medium' });
  });

  it('leave the landlines and role mailboxes of a list of schools alone', async () => {
    expect(await lint('organisations/schools.csv')).toEqual([]);
  });
});

describe('personal-data/metadata-contradiction', () => {
  const file = `${dir}/declared/anonymised/dataset.yaml`;

  it('reports each declaration the data contradict, as an error when identifiers pass their check digits', async () => {
    const findings = (await lint('declared/anonymised')).filter((f) => f.ruleId === 'personal-data/metadata-contradiction');
    expect(findings.map((f) => [f.severity, f.location.file, f.location.pointer, f.data!.field, f.data!.declaration])).toEqual([
      ['error', file, '/description', 'description', '"anonymisees"'],
      ['error', file, '/flags/concernsIndividuals', 'concernsIndividuals', 'that the data do not concern individuals'],
      ['error', file, '/extras/anonymised', 'anonymised', 'anonymised data'],
    ]);
    expect(findings[0]!.data!.found).toBe(
      'column "rijksregisternummer": Belgian national register number (NISS/BIS), e.g. 84.03.15-***-**; column "email": e-mail address, e.g. j***@***.nl; column "nom": person name, e.g. W***; column "prenom": person name, e.g. J***',
    );
  });

  it('is a warning when the evidence has no check digits (CKAN extras)', async () => {
    const findings = (await lint('declared/ckan-no-personal')).filter((f) => f.ruleId === 'personal-data/metadata-contradiction');
    expect(findings.map(brief)).toEqual([
      {
        ruleId: 'personal-data/metadata-contradiction',
        messageId: 'contradiction',
        severity: 'warning',
        location: { file: `${dir}/declared/ckan-no-personal/package.json`, pointer: '/extras/0/value', line: 8, column: 31 },
      },
    ]);
  });

  it('reads portal field names from its options', async () => {
    expect((await lint('declared/custom-field')).filter((f) => f.ruleId === 'personal-data/metadata-contradiction')).toEqual([]);
    const configured = (await lint('declared/custom-field', CONFIG)).filter((f) => f.ruleId === 'personal-data/metadata-contradiction');
    expect(configured.map((f) => [f.severity, f.location.pointer, f.data!.field])).toEqual([['warning', '/extras/contient_donnees_personnelles', 'contient_donnees_personnelles']]);
  });

  it('accepts honest metadata: "ne sont pas anonymisées", personal_data: yes', async () => {
    const findings = await lint('declared/negated');
    expect(findings.filter((f) => f.ruleId === 'personal-data/metadata-contradiction')).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('personal-data/national-id-number');
  });
});
