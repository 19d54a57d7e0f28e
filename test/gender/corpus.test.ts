import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { lintReport, allFindings, brief, FIXTURES } from '../helpers/lint.js';
import type { Report, DatasetReport } from '../../src/model/index.js';

/** Real open-data CSVs (fixtures/corpus/SOURCES.md), each linted without a descriptor. */
const CSV = path.join(FIXTURES, 'corpus', 'csv');
const rel = (f: string) => `fixtures/corpus/csv/${f}`;
const SWISS = 'ckanext-switzerland-ng__01_04_prenom.csv';
const PARIS = 'agenda__liste_des_prenoms.csv';
const BXL = 'hackabxl-children__Ecoles_primaire-maternelle-secondaire_2010_BXL.csv';
const FLANDRE = 'hackabxl-children__Ecoles_primaire-maternelle_2012_FLANDRE.csv';
const SCHOOLS = 'hackabxl-children__ecoles_fr.csv';

describe('gender detection on the real CSV corpus (brussels preset)', () => {
  let report: Report;
  const dataset = (f: string): DatasetReport => report.datasets.find((d) => d.source.file === rel(f))!;

  beforeAll(async () => {
    report = await lintReport([CSV], { presets: ['brussels'] });
  });

  it('the Swiss first-names file is sex-disaggregated three ways: ISO/IEC 5218 1/2, fille/garçon, Mädchen/Knabe', () => {
    const g = dataset(SWISS).gender!;
    expect(g.detected).toEqual({ tables: 1, concernsIndividuals: true, sexDisaggregated: true });
    expect(g.sexColumns).toEqual([
      { file: rel(SWISS), column: 'Code Genre', scheme: 'iso-5218', schemeLabel: 'ISO/IEC 5218', basis: 'header+values', categories: { '2': 'female', '1': 'male' } },
      { file: rel(SWISS), column: 'Genre', scheme: 'text-fr', schemeLabel: 'French words', basis: 'header+values', categories: { fille: 'female', garçon: 'male' } },
      { file: rel(SWISS), column: 'Gender', scheme: 'text-de', schemeLabel: 'German words', basis: 'header+values', categories: { Mädchen: 'female', Knabe: 'male' } },
    ]);
    expect(g.personAttributes).toEqual([{ file: rel(SWISS), column: 'Prénom', kind: 'first-name' }]);
    expect(g.personCounts).toEqual([{ file: rel(SWISS), column: 'Nombre', term: 'nombre', basis: 'dimension' }]);
  });

  it('the Paris first-names file is sex-disaggregated: "Sexe" M/F (SDMX CL_SEX)', () => {
    const g = dataset(PARIS).gender!;
    expect(g.detected).toEqual({ tables: 1, concernsIndividuals: true, sexDisaggregated: true });
    expect(g.sexColumns).toEqual([
      { file: rel(PARIS), column: 'Sexe', scheme: 'sdmx-cl-sex', schemeLabel: 'SDMX CL_SEX', basis: 'header+values', categories: { M: 'male', F: 'female' } },
    ]);
  });

  it('the Brussels school-population table counts pupils (rows "maternelle", "primaire") and is not sex-disaggregated', () => {
    const g = dataset(BXL).gender!;
    expect(g.detected).toEqual({ tables: 1, concernsIndividuals: true, sexDisaggregated: false });
    expect(g.sexColumns).toEqual([]);
    expect(g.personCounts).toEqual([{ file: rel(BXL), column: 'lieu de domicile', term: 'maternelle', basis: 'row-label', row: 2 }]);
  });

  it('the Flemish school table (header on line 2) counts pupils per level and is not sex-disaggregated', () => {
    const g = dataset(FLANDRE).gender!;
    expect(g.detected).toEqual({ tables: 1, concernsIndividuals: true, sexDisaggregated: false });
    expect(g.sexColumns).toEqual([]);
    expect(g.personCounts.map((p) => [p.column, p.term, p.basis])).toEqual([
      ['Gewoon kleuteronderwijs', 'kleuteronderwijs', 'header'],
      ['Gewoon lager onderwijs', 'lager onderwijs', 'header'],
      ['Buitengewoon kleuteronderwijs', 'kleuteronderwijs', 'header'],
      ['Buitengewoon lager onderwijs', 'lager onderwijs', 'header'],
    ]);
  });

  it('the school list ecoles_fr.csv (no header, one row per school) does not concern individuals', () => {
    expect(dataset(SCHOOLS).gender).toBeUndefined();
    expect(dataset(SCHOOLS).findings.filter((f) => f.ruleId.startsWith('gender/'))).toEqual([]);
  });

  it('reports the detections as information only, at the column that shows them', () => {
    expect(allFindings(report).filter((f) => f.ruleId.startsWith('gender/')).map(brief)).toEqual([
      { ruleId: 'gender/sex-dimension-undeclared', messageId: 'detected', severity: 'info', location: { file: rel(PARIS), row: 1, line: 1, field: 'Sexe' } },
      { ruleId: 'gender/sex-dimension-undeclared', messageId: 'detected', severity: 'info', location: { file: rel(SWISS), row: 1, line: 1, field: 'Code Genre' } },
      { ruleId: 'gender/individuals-not-disaggregated', messageId: 'notDisaggregated', severity: 'info', location: { file: rel(BXL), row: 2, line: 2, field: 'lieu de domicile' } },
      { ruleId: 'gender/individuals-not-disaggregated', messageId: 'notDisaggregated', severity: 'info', location: { file: rel(FLANDRE), row: 2, line: 2, field: 'Gewoon kleuteronderwijs' } },
    ]);
  });

  it('gives the catalogue share: 2 of the 4 files about people are sex-disaggregated', () => {
    expect(report.summary.gender).toEqual({ concernsIndividuals: 4, sexDisaggregated: 2, share: 0.5 });
  });
});
