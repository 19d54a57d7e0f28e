import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintReport, allFindings, brief, CORPUS } from '../helpers/lint.js';
import type { Finding } from '../../src/model/index.js';

// Real third-party files (fixtures/corpus, copied from ../shared/corpus; see its SOURCES.md), linted as they are.
const csv = (name: string) => path.join(CORPUS, 'csv', name);
const SWISS = csv('ckanext-switzerland-ng__01_04_prenom.csv');
const PARIS = csv('agenda__liste_des_prenoms.csv');
const SCHOOLS = [
  csv('hackabxl-children__Ecoles_primaire-maternelle-secondaire_2010_BXL.csv'),
  csv('hackabxl-children__Ecoles_primaire-maternelle_2012_FLANDRE.csv'),
  csv('hackabxl-children__ecoles_fr.csv'),
];
/** Person-level rules: they must stay silent on aggregates and on lists of organisations. */
const PERSON_LEVEL = ['person-name-column', 'birth-date-column', 'address-column', 'low-k-anonymity', 'special-category', 'precise-location'].map(
  (r) => `personal-data/${r}`,
);

const personal = (findings: Finding[]) => findings.filter((f) => f.ruleId.startsWith('personal-data/'));

let corpusFindings: Finding[];
beforeAll(async () => {
  corpusFindings = personal(
    allFindings(await lintReport([path.join(CORPUS, 'csv'), path.join(CORPUS, 'frictionless'), path.join(CORPUS, 'dcat-us', 'pod__catalog-sample.csv')], { cwd: CORPUS })),
  );
}, 60_000);

describe('first names by year and sex (Swiss FSO, Paris): aggregates, not people', () => {
  it('are not flagged as person-level personal data', () => {
    const onNames = corpusFindings.filter((f) => [SWISS, PARIS].some((file) => path.join(CORPUS, f.location.file) === file));
    expect(onNames.filter((f) => PERSON_LEVEL.includes(f.ruleId))).toEqual([]);
  });

  it('only the Swiss counts of 1 to 4 children per first name are noted, as info (no aggravating factor)', () => {
    const onNames = corpusFindings.filter((f) => [SWISS, PARIS].some((file) => path.join(CORPUS, f.location.file) === file));
    expect(onNames.map(brief)).toEqual([
      {
        ruleId: 'personal-data/small-counts',
        messageId: 'smallCounts',
        severity: 'info',
        location: { file: 'csv/ckanext-switzerland-ng__01_04_prenom.csv', row: 2, line: 2, field: 'Nombre' },
      },
    ]);
    expect(onNames[0]!.data).toMatchObject({ small: 42941, cells: 48295, threshold: 5, factors: '' });
  });
});

describe('school lists (HackaBXL): names and addresses of schools are not personal data', () => {
  it('are not flagged at all', () => {
    const onSchools = corpusFindings.filter((f) => SCHOOLS.includes(path.join(CORPUS, f.location.file)));
    expect(onSchools).toEqual([]);
  });

  it('stay silent with their header on the right line, or with a "nom" header added', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-schools-'));
    // The Flemish file has an empty first line; the header is its second line.
    writeFileSync(path.join(dir, 'flandre.csv'), readFileSync(SCHOOLS[1]!, 'utf8').split('\n').slice(1).join('\n'));
    // The French-speaking file has no header: give it the one a publisher would write.
    writeFileSync(path.join(dir, 'ecoles_fr.csv'), 'nom,adresse,code_postal,x,y,niveau\n' + readFileSync(SCHOOLS[2]!, 'utf8'));
    expect(personal(allFindings(await lintReport([dir], { cwd: dir })))).toEqual([]);
  });
});

describe('the rest of the corpus', () => {
  it('has one finding a reviewer would expect: the named contact e-mails of the POD catalog sample', () => {
    const rest = corpusFindings.filter((f) => ![SWISS, PARIS, ...SCHOOLS].includes(path.join(CORPUS, f.location.file)));
    expect(rest.map(brief)).toEqual([
      {
        ruleId: 'personal-data/email-address',
        messageId: 'found',
        severity: 'warning',
        location: { file: 'dcat-us/pod__catalog-sample.csv', row: 2, line: 2, field: 'mbox' },
      },
    ]);
    expect(rest[0]!.data).toMatchObject({ count: 3, sampled: 3, sample: 'j***@***.gov' });
  });
});
