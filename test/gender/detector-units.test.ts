/**
 * Differential test of the gender table detector reading the CSV tokenizer's UTF-16 copy of a
 * record (`RecordUnits`): `measureKindUnits` must answer what `isMeasure` then `isCount` answer,
 * and a detector fed units must find what a detector fed the same cells as strings finds — on
 * generated cells (counts, thousands, decimals, signs, percentages, missing marks, sex codes, text
 * outside ASCII), quoted cells (read as strings), padded cells, and every CSV fixture.
 */
import { describe, it, expect } from 'vitest';
import { isCount, isMeasure, measureKindUnits } from '../../src/knowledge/gender/text.js';
import { TableDetector, MAX_DISTINCT } from '../../src/knowledge/gender/table-detector.js';
import type { TableInfo } from '../../src/model/index.js';
import { prng } from '../helpers/prng.js';
import { csvFixtureTables } from '../helpers/csv-fixture-tables.js';
import { recordUnits, pick } from '../helpers/record-units.js';

const printable = (c: number) => c > 32 && c < 127;

function table(header: string[]): TableInfo {
  return { path: '/t.csv', file: 't.csv', reader: 'csv', header, headerRow: header.length ? 1 : 0, facts: {} };
}

function detect(header: string[], rows: string[][], rand?: () => number, quotedShare = 0) {
  const d = new TableDetector(table(header));
  rows.forEach((cells, i) => d.row(cells, i + 2, rand ? recordUnits(cells, () => rand() < quotedShare, rand) : undefined));
  return d.finish();
}

function cell(rand: () => number): string {
  switch (Math.floor(rand() * 8)) {
    case 0:
      return String(Math.floor(rand() * 100_000));
    case 1:
      return pick(rand, ['1 234', '12.345', '1,234', '1 234 567', '1\u00a0234', '1\u202f234', '12 34', '1234.567', '0.5', '-3', '+4', '12%', '3,5 %']);
    case 2:
      return pick(rand, [':', '..', '...', '-', '–', 'x', 'X', 'c', 'C', 'n/a', 'NA', '.', 'na']);
    case 3:
      return pick(rand, ['F', 'M', 'H', 'f', 'm', 'femme', 'homme', 'Femmes', 'Hommes', 'fille', 'garçon', 'vrouw', 'man', '1', '2', 'X', 'U']);
    case 4:
      return pick(rand, [' 12 ', '\u00a0F', 'M ', ' ', '', '\t3']);
    case 5:
      return pick(rand, ['Ixelles', 'crèche', 'école', 'Zoé 😀', 'B-1000', '2020-01-01', '1e5']);
    default:
      return `v${Math.floor(rand() * (MAX_DISTINCT + 10))}`;
  }
}

describe('measureKindUnits: isMeasure then isCount, in one pass over units', () => {
  it('on digits, separators, signs, marks and other characters in every order', () => {
    const parts = ['1', '12', '123', '1234', ' ', '.', ',', '-', '+', '%', ':', 'a', 'x', 'na', '\u00a0', '\u202f', 'é', '000'];
    const rand = prng(31);
    let tried = 0;
    const kinds = [0, 0, 0];
    const walk = (s: string, depth: number) => {
      if (s.length > 0 && printable(s.charCodeAt(0)) && printable(s.charCodeAt(s.length - 1))) {
        const want = isMeasure(s) ? (isCount(s) ? 2 : 1) : 0;
        const { units, starts, ends } = recordUnits([s], () => false, rand);
        const got = measureKindUnits(units, starts[0]!, ends[0]!, s);
        if (got !== want) expect({ s, got }).toEqual({ s, got: want });
        kinds[want]!++;
        tried++;
      }
      if (depth < 4) for (const p of parts) walk(s + p, depth + 1);
    };
    walk('', 0);
    expect(tried).toBeGreaterThan(50_000);
    for (const k of kinds) expect(k).toBeGreaterThan(500);
  });
});

describe('a detector fed UTF-16 units finds what a detector fed strings finds', () => {
  it('on generated tables: counts, measures, sex codes, quoted and padded cells, columns past their distinct values', () => {
    const rand = prng(32);
    const headers = ['sexe', 'genre', 'population', 'nombre', 'élèves', 'Hommes', 'Femmes', 'Total', 'commune', 'âge', 'taux'];
    for (let t = 0; t < 300; t++) {
      const width = 1 + Math.floor(rand() * 6);
      const header = Array.from({ length: width }, () => pick(rand, headers));
      const shapes = header.map(() => Math.floor(rand() * 4));
      const rows = Array.from({ length: 1 + Math.floor(rand() * 120) }, () =>
        shapes.map((shape) => (shape === 0 ? pick(rand, ['F', 'M', 'F', 'M', ' F']) : shape === 1 ? String(Math.floor(rand() * 5000)) : cell(rand))),
      );
      const seed = rand();
      const want = detect(header, rows);
      const got = detect(header, rows, prng(Math.floor(seed * 1e9)), 0.2);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ t, got }).toEqual({ t, got: want });
    }
  });

  it('on every CSV fixture', () => {
    const rand = prng(33);
    let tables = 0;
    for (const { file, rows } of csvFixtureTables('fixtures')) {
      const want = detect(rows[0]!, rows.slice(1));
      const got = detect(rows[0]!, rows.slice(1), rand, 0.1);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ file, got }).toEqual({ file, got: want });
      tables++;
    }
    expect(tables).toBeGreaterThan(100);
  });
});
