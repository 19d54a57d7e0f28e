import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EffectiveRule } from '../../src/config/types.js';
import { checkDataset } from '../../src/engine/check.js';
import { dataFileDataset } from '../../src/engine/lint.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { emptyDataset, type TableInfo } from '../../src/model/index.js';
import { csvReader } from '../../src/readers/csv.js';
import {
  classifyValues,
  datasetGender,
  declaredFlags,
  GenderObservation,
  headerSide,
  isMeasure,
  MAX_DISTINCT,
  personAttribute,
  personCountTerm,
  schoolLevelTerm,
  sexHeader,
  TableDetector,
  type TableGender,
} from '../../src/knowledge/gender/index.js';
import { COUNT, isCount } from '../../src/knowledge/gender/text.js';
import { FIXTURES } from '../helpers/lint.js';

const schemeOf = (values: string[]) => {
  const c = classifyValues(values);
  return c.kind === 'scheme' ? c.scheme.id : c.kind === 'mixed' ? `mixed:${c.schemes.map((s) => s.id).join('+')}` : 'none';
};

describe('sex code schemes', () => {
  it.each([
    [['M', 'F'], 'sdmx-cl-sex'],
    [['F', 'M', '_T', '_U'], 'sdmx-cl-sex'],
    [['M', 'F', 'T'], 'estat-sex'],
    [['1', '2'], 'iso-5218'],
    [['01', '02', '9'], 'iso-5218'],
    [['T001038', '3000', '4000'], 'cbs'],
    [['H', 'F'], 'letters-fr'],
    [['M', 'V', 'X'], 'letters-nl'],
    [['m', 'w', 'd'], 'letters-de'],
    [['Male', 'Female', 'Total'], 'text-en'],
    [['homme', 'FEMME', 'ensemble'], 'text-fr'],
    [['fille', 'garçon'], 'text-fr'],
    [['man', 'vrouw', 'totaal'], 'text-nl'],
    [['Mädchen', 'Knabe'], 'text-de'],
    [['männlich', 'weiblich', 'divers'], 'text-de'],
    [['Femmes / Vrouwen', 'Hommes / Mannen'], 'text-fr'],
  ])('%j is coded in %s', (values, id) => {
    expect(schemeOf(values)).toBe(id);
  });

  it('keeps French F (femme) and Dutch V (vrouw) apart: a column with both mixes two schemes', () => {
    const c = classifyValues(['M', 'F', 'V']);
    expect(c.kind).toBe('mixed');
    if (c.kind !== 'mixed') return;
    expect(c.schemes.map((s) => s.id)).toEqual(['sdmx-cl-sex', 'letters-nl']);
    expect(c.valuesByScheme.get('letters-nl')).toEqual(['V']);
    expect(c.categories.get('V')).toBe('female');
    expect(c.categories.get('F')).toBe('female');
  });

  it('sees numbers next to letters, and two languages of words, as mixes', () => {
    expect(schemeOf(['1', '2', 'M', 'F'])).toBe('mixed:sdmx-cl-sex+iso-5218');
    expect(schemeOf(['Homme', 'Femme', 'Man', 'Vrouw'])).toBe('mixed:text-fr+text-nl');
  });

  it('recognises no scheme in film genres or in a mix of codes and other words', () => {
    expect(schemeOf(['Comédie', 'Drame'])).toBe('none');
    expect(schemeOf(['M', 'F', 'Bruxelles'])).toBe('none');
    expect(schemeOf([])).toBe('none');
  });
});

describe('header terms', () => {
  it.each([
    ['CD_SEX', 'sex'],
    ['SEXE', 'sex'],
    ['Sex', 'sex'],
    ['codeSexe', 'sex'],
    ['Geschlecht', 'sex'],
    ['Geschlechtsangabe', 'sex'],
    ['geslacht', 'sex'],
    ['sekse', 'sex'],
    ['Gender', 'sex'],
    ['Genre', 'ambiguous'],
    ['Code Genre', 'ambiguous'],
    ['Essex', undefined],
    ['Sexualité', undefined],
    ['Commune', undefined],
  ])('sexHeader(%j) = %j', (header, kind) => {
    expect(sexHeader(header)).toBe(kind);
  });

  it.each([
    ['Hommes', 'male'],
    ['Nombre de femmes', 'female'],
    ['Vrouwen', 'female'],
    ['Männer', 'male'],
    ['Frauen 2020', 'female'],
    ['Femmes / Vrouwen', 'female'],
    ['Men and women', 'total'],
    ['Totaal', 'total'],
    ['Commune', undefined],
    ['Gender', undefined],
  ])('headerSide(%j) = %j', (header, side) => {
    expect(headerSide(header)).toBe(side);
  });

  it('finds people counted in EN/FR/NL/DE headers, and school levels', () => {
    expect(personCountTerm("Nombre d'élèves")).toBe('eleves');
    expect(personCountTerm('Einwohner')).toBe('einwohner');
    expect(personCountTerm('aantal inwoners')).toBe('inwoners');
    expect(personCountTerm('Demandeurs d’emploi')).toBe('demandeurs d emploi');
    expect(personCountTerm('Employees (FTE)')).toBe('employees');
    expect(personCountTerm('PM10 µg/m³')).toBeUndefined();
    expect(schoolLevelTerm('Gewoon lager onderwijs')).toBe('lager onderwijs');
    expect(schoolLevelTerm('maternelle')).toBe('maternelle');
    expect(personAttribute('Prénom')).toBe('first-name');
    expect(personAttribute('Date de naissance')).toBe('birth-date');
    expect(personAttribute('Leeftijd')).toBe('age');
    expect(personAttribute('pourcentage')).toBeUndefined();
  });
});

function table(header: string[], headerRow = header.length ? 1 : 0): TableInfo {
  return { path: '/t.csv', file: 't.csv', reader: 'csv', header, headerRow, facts: {} };
}

function detect(header: string[], rows: string[][]): TableGender {
  const d = new TableDetector(table(header));
  const first = header.length ? 2 : 1;
  rows.forEach((r, i) => d.row(r, first + i));
  return d.finish();
}

describe('table detection', () => {
  it('needs a header hint for numeric codes: 1/2 under "code" is not sex, under "Code Genre" it is ISO/IEC 5218', () => {
    const rows = [['1', '10'], ['2', '12']];
    expect(detect(['code', 'n'], rows).sexColumns).toEqual([]);
    const t = detect(['Code Genre', 'n'], rows);
    expect(t.sexColumns.map((c) => [c.column, c.scheme, c.basis])).toEqual([['Code Genre', 'iso-5218', 'header+values']]);
  });

  it('reads French "genre" as a film genre unless its values fit a sex scheme', () => {
    expect(detect(['titre', 'genre'], [['A', 'Drame'], ['B', 'Comédie']]).sexColumns).toEqual([]);
    expect(detect(['titre', 'genre'], [['A', 'F'], ['B', 'M']]).sexColumns[0]?.scheme).toBe('sdmx-cl-sex');
  });

  it('finds letter and word codes without a header hint only when both sexes appear', () => {
    expect(detect(['a', 'b'], [['x', 'homme'], ['y', 'femme']]).sexColumns.map((c) => [c.column, c.basis])).toEqual([['b', 'values']]);
    expect(detect(['a', 'b'], [['x', 'F'], ['y', 'F']]).sexColumns).toEqual([]);
    expect(detect(['sexe', 'b'], [['F', '1'], ['F', '2']]).sexColumns[0]?.values.map((v) => v.category)).toEqual(['female']);
  });

  it('keeps a sex header with unknown codes as "unrecognised", but not a numeric "sex ratio"', () => {
    expect(detect(['Sexe'], [['Masc.'], ['Fém.']]).sexColumns[0]?.scheme).toBe('unrecognised');
    expect(detect(['sex ratio'], [['104.2'], ['98.7']]).sexColumns).toEqual([]);
  });

  it('detects wide tables with women and men columns, and one-sided ones', () => {
    const wide = detect(['Commune', 'Hommes', 'Femmes', 'Total'], [['Anderlecht', '60912', '62311', '123223']]);
    expect(wide.sexColumnGroup).toEqual({ male: ['Hommes'], female: ['Femmes'], total: ['Total'], layouts: ['words'] });
    expect(wide.sexDimension).toBe(true);
    const women = detect(['Commune', 'Femmes'], [['Anderlecht', '62311']]);
    expect(women.sexDimension).toBe(false);
    expect(women.concernsIndividuals).toBe(true);
  });

  it('takes the line under spanning "Hommes"/"Femmes" cells as sub-headers only when it repeats its labels under each sex', () => {
    const header = ['Commune', 'Hommes', '', 'Femmes', ''];
    const t = detect(header, [['', '2023', '2024', '2023', '2024'], ['Anderlecht', '60912', '61220', '62311', '62742']]);
    expect(t.headerRow).toBe(2);
    expect(t.sexColumnGroup).toEqual({ male: ['Hommes / 2023', 'Hommes / 2024'], female: ['Femmes / 2023', 'Femmes / 2024'], total: [], layouts: ['two-row-header'] });
    // A data line under the same header stays data: the blank-headed columns get no sex.
    const data = detect(header, [['Anderlecht', '60912', '5', '62311', '6'], ['Ixelles', '42780', '3', '45120', '4']]);
    expect(data.headerRow).toBe(1);
    expect(data.sexColumnGroup).toEqual({ male: ['Hommes'], female: ['Femmes'], total: [], layouts: ['words'] });
  });

  it('reads "SEX=F" or "Sexe_H" as one sex\'s measure, not as a sex column holding ISO codes 1/2', () => {
    const t = detect(['geo', 'SEX=F', 'Sexe_H'], [['BE', '1', '2'], ['LU', '2', '1']]);
    expect(t.sexColumns).toEqual([]);
    expect(t.sexColumnGroup).toEqual({ male: ['Sexe_H'], female: ['SEX=F'], total: [], layouts: ['sex-key'] });
  });

  it('pairs sex letters only with the same rest of header and the same convention', () => {
    const rows = [['1', '2', '3', '4']];
    expect(detect(['pop_h', 'pop_v', 'rate_m', 'rate_w'], rows).sexColumnGroup).toEqual({ male: ['rate_m'], female: ['rate_w'], total: [], layouts: ['letters'] });
    expect(detect(['pop_h', 'taux_f', 'M.x', 'F.y'], rows).sexColumnGroup).toBeUndefined();
    expect(detect(['Budget M', 'Budget F', 'Distance (m)', 'Temp (F)'], rows).sexColumnGroup).toBeUndefined();
    // Rates need both sexes: a lone "Female_ratio" is no split, with "Male_ratio" it is.
    expect(detect(['Female_ratio'], [['0.51']]).sexColumnGroup).toBeUndefined();
    expect(detect(['Female_ratio', 'Male_ratio'], [['0.51', '0.49']]).sexDimension).toBe(true);
  });

  it('reads long and hostile headers in one pass (vitest\'s timeout catches a hang)', () => {
    const long = 'M_'.repeat(100_000);
    const t = detect([long, `F_${long.slice(2)}`, '_'.repeat(200_000), `${'POP'.repeat(50_000)}H`], [['1', '2', '3', '4']]);
    // The first two differ by their first letter only: a pair, M_ and F_ before the same rest.
    expect(t.sexColumnGroup).toEqual({ male: [long], female: [`F_${long.slice(2)}`], total: [], layouts: ['letters'] });
    expect(isMeasure(`1${' '.repeat(100_000)}x`)).toBe(false);
    expect(['12,5', '-3.2 %', ':', '..', '1 234', '1.02e3', 'F'].map(isMeasure)).toEqual([true, true, true, true, true, false, false]);
  });

  it('counts people from generic counts only when the dimensions describe people', () => {
    expect(detect(['Prénom', 'Nombre'], [['Alice', '12']]).personCounts).toEqual([{ column: 'Nombre', term: 'nombre', basis: 'dimension' }]);
    expect(detect(['Station', 'Nombre'], [['Uccle', '12']]).concernsIndividuals).toBe(false);
  });

  it('tells person-level rows from counts', () => {
    expect(detect(['nom de famille', 'sexe'], [['X', 'M'], ['Y', 'F']]).unit).toBe('person-level');
    expect(detect(['sexe', 'population'], [['M', '12'], ['F', '13']]).unit).toBe('person-counts');
  });

  it('takes the next line as header when the first is blank (a line of commas)', () => {
    const d = new TableDetector(table(['', '', '']));
    d.row(['school', 'leerlingen', 'postcode'], 2);
    d.row(['A', '120', '1000'], 3);
    const t = d.finish();
    expect(t.headerRow).toBe(2);
    expect(t.personCounts).toEqual([{ column: 'leerlingen', term: 'leerlingen', basis: 'header' }]);
  });

  it(`keeps at most ${MAX_DISTINCT} distinct values per column, and a column with more is no sex column`, () => {
    const d = new TableDetector(table(['sexe']));
    for (let i = 0; i < 5000; i++) d.row([`v${i}`], i + 2);
    expect(d.column(0)!.values.size).toBe(MAX_DISTINCT);
    expect(d.column(0)!.overflow).toBe(true);
    expect(d.finish().sexColumns).toEqual([]);
  });

  it('sees no people in a school list read without a header row (ecoles_fr.csv, as a reader that detects "no header" gives it)', async () => {
    let d: TableDetector | undefined;
    await csvReader.read(
      path.join(FIXTURES, 'corpus/csv/hackabxl-children__ecoles_fr.csv'),
      {
        table: (info) => {
          d = new TableDetector({ ...info, header: [], headerRow: 0 });
          d.row(info.header, 1); // the first line is data
        },
        row: (cells, ctx) => d!.row(cells, ctx.row),
        end: () => undefined,
      },
      { file: 'ecoles_fr.csv', rows: true },
    );
    const t = d!.finish();
    expect(t.headerRow).toBe(0);
    expect(t.concernsIndividuals).toBe(false);
    expect(t.personCounts).toEqual([]);
  });
});

describe('declared flags', () => {
  const at = { file: '/x/package.json', pointer: '/result' };
  const dataset = (flags: object, extras: Record<string, unknown>) => {
    const ds = emptyDataset({ format: 'ckan', file: at.file }, at);
    Object.assign(ds.flags, flags);
    ds.locations['flags.sexDisaggregated'] = { file: at.file, pointer: '/result/sex_disaggregated' };
    ds.extras = extras;
    Object.keys(extras).forEach((k, i) => (ds.locations[`extras.${k}`] = { file: at.file, pointer: `/result/extras/${i}/value` }));
    return ds;
  };
  const brussels = { fields: { concernsIndividuals: ['Données concernant des personnes'], sexDisaggregated: ['Données genrées'], genderStatistics: [] } };

  it('takes the model flag first, with its location', () => {
    const d = declaredFlags(dataset({ sexDisaggregated: true }, { 'Données genrées': 'non' }), brussels);
    expect(d.sexDisaggregated).toEqual({ state: 'declared', value: true, location: { file: at.file, pointer: '/result/sex_disaggregated' }, field: 'flags.sexDisaggregated' });
  });

  it('reads configured extras, names matched ignoring case, accents and separators', () => {
    const d = declaredFlags(dataset({}, { 'DONNEES-CONCERNANT-DES-PERSONNES': 'Oui', 'donnees genrees': { fr: 'Oui', nl: 'Ja' } }), brussels);
    expect(d.concernsIndividuals).toMatchObject({ state: 'declared', value: true, field: 'DONNEES-CONCERNANT-DES-PERSONNES', location: { pointer: '/result/extras/0/value' } });
    expect(d.sexDisaggregated).toMatchObject({ state: 'declared', value: true, field: 'donnees genrees' });
    expect(d.genderStatistics).toEqual({ state: 'missing' });
  });

  it('does not read portal labels without options: they are configuration, not code', () => {
    expect(declaredFlags(dataset({}, { 'Données genrées': 'Oui' })).sexDisaggregated).toEqual({ state: 'missing' });
  });

  it('uses the configured yes/no words, and reports other answers as invalid', () => {
    const ds = dataset({}, { gendered: 'J', individuals: { fr: 'Oui', nl: 'Nee' } });
    const opts = { fields: { concernsIndividuals: ['individuals'], sexDisaggregated: ['gendered'], genderStatistics: [] }, values: { true: ['J', 'oui'], false: ['N', 'nee'] } };
    const d = declaredFlags(ds, opts);
    expect(d.sexDisaggregated).toMatchObject({ state: 'declared', value: true });
    expect(d.concernsIndividuals).toMatchObject({ state: 'invalid', raw: 'Oui, Nee' });
  });
});

describe('declared flags, worked out once per dataset', () => {
  const ds = () => {
    const d = emptyDataset({ format: 'ckan', file: '/x/package.json' }, { file: '/x/package.json' });
    d.extras = { gendered: 'oui', Individuals: 'non' };
    return d;
  };
  const opts = () => ({ fields: { concernsIndividuals: ['individuals'], sexDisaggregated: ['gendered'], genderStatistics: [] } });

  it('gives rules with equal options (distinct objects) the same answer object', () => {
    const d = ds();
    const first = declaredFlags(d, opts());
    expect(declaredFlags(d, opts())).toBe(first);
    expect(first.sexDisaggregated).toMatchObject({ state: 'declared', value: true, field: 'gendered' });
    expect(first.concernsIndividuals).toMatchObject({ state: 'declared', value: false, field: 'Individuals' });
  });

  it('answers other options, and other datasets, on their own', () => {
    const d = ds();
    const first = declaredFlags(d, opts());
    const other = declaredFlags(d, { fields: { concernsIndividuals: [], sexDisaggregated: ['individuals'], genderStatistics: [] } });
    expect(other).not.toBe(first);
    expect(other.sexDisaggregated).toMatchObject({ state: 'declared', value: false, field: 'Individuals' });
    expect(declaredFlags(ds(), opts())).not.toBe(first);
  });
});

describe('the shared detection pass', () => {
  const ds = () => emptyDataset({ format: 'data-file', file: '/t.csv' }, { file: '/t.csv' });
  const feed = (observation: GenderObservation, rows: string[][], info: TableInfo) => {
    rows.forEach((cells, i) => observation.row(cells, { row: i + 2, line: i + 2, table: info }));
  };

  it('records one detection per data file, however many gender rules read it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-gender-'));
    const file = path.join(dir, 'data.csv');
    writeFileSync(file, 'sexe,population\nF,10\nM,12\n');
    const rules = new Map([...(await loadBuiltinRules())].filter(([id]) => id.startsWith('gender/') || id.startsWith('core/')));
    const settings = new Map<string, EffectiveRule>([...rules.values()].map((r) => [r.meta.id, { severity: 'warning', options: r.meta.defaultOptions ?? {} }]));
    const d = dataFileDataset(file, dir);
    await checkDataset(d, rules, settings, { cwd: dir, online: false, data: true });
    const observing = [...rules.values()].filter((r) => r.meta.needsRows);
    expect(observing.length).toBeGreaterThan(1);
    const tables = datasetGender(d)!.tables;
    expect(tables).toHaveLength(1);
    expect(tables[0]!.sexColumns[0]!.values.map((v) => [v.value, v.firstRow])).toEqual([['F', 2], ['M', 3]]);
  });

  it('records a table only once read to its end: a failed read leaves nothing behind', () => {
    const d = ds();
    const failed = table(['sexe', 'population']);
    feed(new GenderObservation(failed), [['F', '10'], ['X', '1'], ['M', '12']], failed);
    const again = table(['sexe', 'population']);
    const observation = new GenderObservation(again);
    feed(observation, [['F', '10']], again);
    for (let r = 0; r < 3; r++) observation.recordFor(d);
    const tables = datasetGender(d)!.tables;
    expect(tables).toHaveLength(1);
    expect(tables[0]!.sexColumns[0]!.values.map((v) => v.value)).toEqual(['F']);
  });
});

describe('whole counts, read by char codes', () => {
  it('are exactly what the COUNT pattern matches, on digits, separators, blanks and other characters in every order', () => {
    const parts = ['1', '12', '123', '1234', ' ', '.', ',', '\t', '-', 'a', '\u00a0', '\u202f', '000', '12.5'];
    let counts = 0;
    let tried = 0;
    const walk = (s: string, depth: number) => {
      tried++;
      const expected = COUNT.test(s);
      if (expected) counts++;
      expect(isCount(s), JSON.stringify(s)).toBe(expected);
      if (depth < 4) for (const p of parts) walk(s + p, depth + 1);
    };
    walk('', 0);
    expect(tried).toBeGreaterThan(20_000);
    expect(counts).toBeGreaterThan(1_000); // both ways: many match, many do not
  });

  it('are all measures (the table detector tests a cell for a count only when it is a measure)', () => {
    const parts = ['1', '12', '123', '1234', ' ', '.', ',', '\t', '-', '+', '%', 'a', 'x', '\u00a0', '\u202f', '\u2003', '\u3000', '000'];
    let counts = 0;
    const walk = (s: string, depth: number) => {
      if (isCount(s)) {
        counts++;
        expect(isMeasure(s), JSON.stringify(s)).toBe(true);
      }
      if (depth < 4) for (const p of parts) walk(s + p, depth + 1);
    };
    walk('', 0);
    expect(counts).toBeGreaterThan(1_000);
  });
});
