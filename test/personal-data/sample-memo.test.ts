/**
 * The personal-data samples' fast paths against their definitions: the special-category screen
 * (a digit rules a value out) and memo, and the value scan's memo of values no detector shapes.
 */
import { describe, it, expect } from 'vitest';
import {
  categoryNamedByWords,
  namesNoCategory,
  profileTable,
  specialCategoryOfValue,
  SpecialValueSample,
  VALUE_GROUPS,
  ValueScan,
  type ColumnRole,
} from '../../src/knowledge/personal-data/index.js';
import { arrayCells } from '../../src/model/index.js';
import { csvFixtureTables } from '../helpers/csv-fixture-tables.js';
import { prng } from '../helpers/prng.js';
import { pick } from '../helpers/record-units.js';
import { plainEvidence } from './evidence.js';

/** Category values and near misses, digits of every kind (ASCII, superscript, fullwidth, Arabic-Indic), camelCase, accents, a BOM. */
const PIECES = [
  'Musulman', 'musulmane', 'homosexuel', 'HomoSexuel', 'diabète', 'Diabete', 'sans religion', 'sans', 'religion', 'Sclérose en plaques',
  'HIV', 'vih', 'juif', 'Juive', 'gay', 'homo', 'condamné', 'Bruxelles', 'true', 'école', 'ß', 'Œ', '\uFEFF', ' ', '-', '_', '.', '/',
  '1', '0', '42', '2024', '²', '３', '٣', 'a1', 'A', 'x',
];

function generatedValues(seed: number, n: number): string[] {
  const rand = prng(seed);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(rand, PIECES)).join(pick(rand, ['', ' ', '-'])));
}

describe('specialCategoryOfValue: a value with an ASCII digit names no category', () => {
  it('equals its definition (the words of values of at most 40 characters looked up) on generated values', () => {
    const values = generatedValues(51, 20_000);
    let named = 0;
    let screened = 0;
    for (const v of values) {
      const want = v.length > 40 ? undefined : categoryNamedByWords(v);
      if (specialCategoryOfValue(v) !== want) expect({ v, got: specialCategoryOfValue(v) }).toEqual({ v, got: want });
      if (want) named++;
      if (v.length <= 40 && namesNoCategory(v)) screened++;
    }
    // Both sides are exercised: values naming a category, and values the digit screen rules out.
    expect(named).toBeGreaterThan(1000);
    expect(screened).toBeGreaterThan(5000);
    expect(namesNoCategory('musulman1')).toBe(true);
    expect(categoryNamedByWords('musulman٣')).toBe('religion');
    expect(specialCategoryOfValue('musulman٣')).toBe('religion');
  });
});

/** What `SpecialValueSample.found()` reports, from its definition: every value of the first `size` rows looked up. */
function specialValuesDefinition(roles: readonly ColumnRole[], rows: readonly (readonly string[])[], size: number) {
  return roles.flatMap((column) => {
    let sampled = 0;
    let matches = 0;
    const categories = new Set<string>();
    const distinct = new Set<string>();
    const found: number[] = [];
    rows.slice(0, size).forEach((cells, i) => {
      const value = cells[column.index]?.trim();
      if (!value) return;
      sampled++;
      const category = specialCategoryOfValue(value);
      if (!category) return;
      matches++;
      categories.add(category);
      if (distinct.size < 10) distinct.add(value.toLowerCase());
      found.push(i + 2);
    });
    return distinct.size >= 2 && matches >= 0.3 * sampled ? [{ column, categories: [...categories], row: found[0]! }] : [];
  });
}

describe('SpecialValueSample: values remembered while sampling', () => {
  it('finds what every value looked up finds, on repeated generated values at sample sizes around the repeats', () => {
    const header = ['religion', 'code', 'commune', 'note'];
    const roles = profileTable(header).columns;
    const pool = generatedValues(52, 40);
    const rand = prng(53);
    const rows = Array.from({ length: 600 }, () => header.map(() => (rand() < 0.1 ? '' : pick(rand, pool))));
    let found = 0;
    for (const size of [1, 2, 10, 100, 599, 600, 1000]) {
      const sample = new SpecialValueSample(roles, size);
      rows.forEach((cells, i) => sample.row(arrayCells(cells), i + 2));
      const want = specialValuesDefinition(roles, rows, size);
      expect(sample.found()).toEqual(want);
      found += want.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('on every CSV fixture', () => {
    let tables = 0;
    for (const { file, rows } of csvFixtureTables('fixtures')) {
      const [header, ...data] = rows;
      const roles = profileTable(header!).columns;
      const sample = new SpecialValueSample(roles, 1000);
      data.forEach((cells, i) => sample.row(arrayCells(cells), i + 2));
      const got = sample.found();
      const want = specialValuesDefinition(roles, data, 1000);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ file, got }).toEqual({ file, got: want });
      tables++;
    }
    expect(tables).toBeGreaterThan(100);
  });
});

const KINDS = Object.values(VALUE_GROUPS).flat().map((d) => d.kind);

describe('ValueScan: values no detector shapes are tested once per column', () => {
  const scan = (header: string[], rows: string[][], size: number, fast: boolean) => {
    const s = new ValueScan(profileTable(header).columns, Object.values(VALUE_GROUPS), size, fast);
    rows.forEach((cells, i) => s.row(arrayCells(cells), i + 2));
    return plainEvidence(s.results(), KINDS);
  };

  it('finds what every value shaped by every detector finds: the same values in columns that name a kind and columns that do not', () => {
    // Bare digit strings are phone numbers only in a phone column, plates only in a plate column: a memo shared by columns would miss them.
    const pool = ['0475123456', '025551234', '+32 2 555 12 34', '85.07.30-033.28', 'BE68539007547034', 'BE68 5390 0754 7034', 'jan@example.be', 'info@example.be', '1-ABC-123', 'ABC123', '192.168.1.1', 'fe80::1', '12:30:00', 'Liège', 'oui', '12345678', '123456789', '2024-01-02', 'rappeler au 0475 12 34 56'];
    const header = ['telephone', 'code', 'iban', 'plaque', 'email', 'commentaire', 'id'];
    const rand = prng(54);
    const rows = Array.from({ length: 800 }, (_, i) => header.map((h) => (h === 'id' ? String(i) : rand() < 0.05 ? '' : pick(rand, pool))));
    for (const size of [1, 3, 20, 100, 799, 1000]) expect(scan(header, rows, size, true)).toEqual(scan(header, rows, size, false));
  });

  it('on every CSV fixture', () => {
    let tables = 0;
    for (const { file, rows } of csvFixtureTables('fixtures')) {
      const [header, ...data] = rows;
      const got = scan(header!, data, 1000, true);
      const want = scan(header!, data, 1000, false);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ file, got }).toEqual({ file, got: want });
      tables++;
    }
    expect(tables).toBeGreaterThan(100);
  });
});
