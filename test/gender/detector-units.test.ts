/**
 * Differential test of the gender table detector reading the CSV tokenizer's UTF-16 copy of a
 * record (`RecordUnits`): `measureKindUnits` must answer what `isMeasure` then `isCount` answer,
 * and a detector fed units must find what a detector fed the same cells as strings finds — on
 * generated cells (counts, thousands, decimals, signs, percentages, missing marks, sex codes, text
 * outside ASCII), quoted cells (read as strings), padded cells, and every CSV fixture. Likewise a
 * detector whose columns settle (stop keeping values once they can be no sex column) against one
 * that keeps every column's values, and its tallies against their definition.
 */
import { describe, it, expect } from 'vitest';
import { isCount, isMeasure, keptByTrim, measureKindUnits } from '../../src/knowledge/gender/text.js';
import { TableDetector, MAX_DISTINCT } from '../../src/knowledge/gender/table-detector.js';
import type { TableInfo } from '../../src/model/index.js';
import { prng } from '../helpers/prng.js';
import { csvFixtureTables } from '../helpers/csv-fixture-tables.js';
import { recordUnits, pick } from '../helpers/record-units.js';

/** The ends a cell must have to be read from its units. */
const kept = (s: string) => s.length > 0 && keptByTrim(s.charCodeAt(0)) && keptByTrim(s.charCodeAt(s.length - 1));

function table(header: string[]): TableInfo {
  return { path: '/t.csv', file: 't.csv', reader: 'csv', header, headerRow: header.length ? 1 : 0, facts: {} };
}

function detect(header: string[], rows: string[][], rand?: () => number, quotedShare = 0, settle = true) {
  const d = new TableDetector(table(header), settle);
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
      return pick(rand, ['Ixelles', 'crèche', 'école', 'Zoé 😀', 'B-1000', '2020-01-01', '1e5', 'Femmes / Vrouwen', '–', '12\u2003', '\ufeffF', 'é1']);
    default:
      return `v${Math.floor(rand() * (MAX_DISTINCT + 10))}`;
  }
}

describe('measureKindUnits: isMeasure then isCount, in one pass over units', () => {
  it('on digits, separators, signs, marks and other characters in every order', () => {
    const parts = ['1', '12', '123', '1234', ' ', '.', ',', '-', '+', '%', ':', 'a', 'x', 'na', '\u00a0', '\u202f', 'é', '000', '–', '\u2003', '😀'];
    const rand = prng(31);
    let tried = 0;
    const kinds = [0, 0, 0];
    const walk = (s: string, depth: number) => {
      if (kept(s)) {
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
    expect(tried).toBeGreaterThan(100_000);
    for (const k of kinds) expect(k).toBeGreaterThan(500);
  });
});

describe('keptByTrim: the ends trim() keeps', () => {
  it('on every UTF-16 code', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const removed = String.fromCharCode(c).trim() === '';
      // Outside ASCII exactly what trim() keeps; in ASCII the printable characters only (the others are left to trim()).
      const want = c < 128 ? c > 32 && c < 127 && !removed : !removed;
      if (keptByTrim(c) !== want) expect({ c, kept: keptByTrim(c) }).toEqual({ c, kept: want });
    }
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

describe('columns that settle (stop keeping values once they can be no sex column) change nothing', () => {
  const headers = ['sexe', 'sex', 'genre', 'gender', 'geslacht', 'population', 'nombre', 'Hommes', 'Femmes', 'Total', 'commune', 'code', '', 'âge'];
  const codes = ['F', 'M', 'H', 'f', 'm', 'femme', 'homme', 'Femmes', 'Hommes', '1', '2', 'X', 'U', 'T', 'Femmes / Vrouwen', 'vrouw', 'man', 'maternelle', 'élèves'];

  function table3(rand: () => number): { header: string[]; rows: string[][] } {
    const width = 1 + Math.floor(rand() * 6);
    // A blank first line (the header is searched for), a spanning "Hommes ,, Femmes ," line, or a header.
    const layout = rand();
    const header =
      layout < 0.15 ? Array.from({ length: width }, () => pick(rand, ['', ' '])) : layout < 0.25 ? ['Hommes', '', 'Femmes', ''] : Array.from({ length: width }, () => pick(rand, headers));
    const shapes = header.map(() => Math.floor(rand() * 5));
    const rows = Array.from({ length: 1 + Math.floor(rand() * 80) }, (_, r) =>
      shapes.map((shape, i) => {
        // Columns empty in the first rows, so that which column is first is decided late.
        if (i < 2 && r < 3 && rand() < 0.5) return '';
        if (shape === 0) return pick(rand, codes.slice(0, 4));
        if (shape === 1) return rand() < 0.9 ? pick(rand, codes) : cell(rand);
        if (shape === 2) return String(Math.floor(rand() * 5000));
        return rand() < 0.3 ? pick(rand, codes) : cell(rand);
      }),
    );
    if (layout >= 0.15 && layout < 0.25) rows.unshift(['2023', '2024', '2023', '2024']);
    // Under a blank first line: sparse lines (values of columns whose header is still to come), then the header.
    if (layout < 0.15) {
      const sparse = Array.from({ length: Math.floor(rand() * 3) }, () => header.map((_, i) => (i > 0 && rand() < 0.3 ? pick(rand, ['zzz', 'F', 'Ixelles']) : '')));
      rows.unshift(...sparse, header.map(() => pick(rand, headers.filter((h) => h !== ''))));
    }
    return { header, rows };
  }

  it('on generated tables, read from strings and from units', () => {
    const rand = prng(34);
    for (let t = 0; t < 600; t++) {
      const { header, rows } = table3(rand);
      const want = detect(header, rows, undefined, 0, false);
      const got = detect(header, rows);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ t, header, got }).toEqual({ t, header, got: want });
      const seed = Math.floor(rand() * 1e9);
      const fromUnits = detect(header, rows, prng(seed), 0.2);
      if (JSON.stringify(fromUnits) !== JSON.stringify(want)) expect({ t, header, got: fromUnits }).toEqual({ t, header, got: want });
    }
  });

  it('on every CSV fixture', () => {
    const rand = prng(35);
    for (const { file, rows } of csvFixtureTables('fixtures')) {
      const want = detect(rows[0]!, rows.slice(1), undefined, 0, false);
      const got = detect(rows[0]!, rows.slice(1), rand, 0.1);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ file, got }).toEqual({ file, got: want });
    }
  });

  /**
   * Tables long enough for the first column to pass its distinct values (columns are then done:
   * skipped to the end): ids or labels first — some naming people counted ("population",
   * "maternelle"), some late —, headers naming counts, person attributes or a wide layout, counts
   * beside text, so that the 90% shares fall either way.
   */
  function doneTable(rand: () => number): { header: string[]; rows: string[][] } {
    const headers = ['id', 'commune', 'nombre', 'population', 'prénom', 'âge', 'Hommes', 'Femmes', 'pop_h', 'pop_f', 'pop', 'taux', 'code', 'categorie', '', 'sexe', 'genre'];
    const width = 1 + Math.floor(rand() * 6);
    // Some tables have letter-paired headers only (a wide layout found by letters).
    const named = rand() < 0.25 ? ['pop_h', 'pop_f', 'pop', 'P21_POPH', 'P21_POPF', 'code'] : headers;
    const header = [pick(rand, ['id', 'libellé', '', 'commune']), ...Array.from({ length: width - 1 }, () => pick(rand, named))];
    const firstShape = Math.floor(rand() * 4);
    const termAt = Math.floor(rand() * 120);
    // Some tables have counts only after the first column (what `rowLabelCount` looks for).
    const countsOnly = rand() < 0.3;
    const shapes = header.map(() => (countsOnly ? 0 : Math.floor(rand() * 4)));
    // Text among the numbers changes share at a row, so that a column's first rows can say count and the rest not (or the reverse).
    const shares = [rand() * 0.2, rand() * 0.2];
    const switchAt = 30 + Math.floor(rand() * 150);
    const rows = Array.from({ length: 60 + Math.floor(rand() * 200) }, (_, r) =>
      shapes.map((shape, i) => {
        const textShare = shares[r < switchAt ? 0 : 1]!;
        if (i === 0) {
          if (r === termAt && firstShape === 3) return pick(rand, ['population', 'maternelle', 'élèves']);
          return firstShape === 0 ? String(r + 1) : firstShape === 1 ? `label ${r}` : firstShape === 2 ? (r % 2 ? pick(rand, ['maternelle', 'primaire']) : `l${r}`) : `x${r}`;
        }
        if (rand() < 0.05) return '';
        if (shape === 0) return rand() < textShare ? 'n.c.' : String(Math.floor(rand() * 5000));
        if (shape === 1) return pick(rand, ['F', 'M', 'Ixelles', 'école']);
        if (shape === 2) return rand() < textShare ? '1,5' : pick(rand, ['1 234', '12', '3.456']);
        return cell(rand);
      }),
    );
    return { header, rows };
  }

  it('on long generated tables whose columns are done once the first column passes its distinct values', () => {
    const rand = prng(37);
    let rowLabels = 0;
    let withDone = 0;
    for (let t = 0; t < 1000; t++) {
      const { header, rows } = doneTable(rand);
      const want = detect(header, rows, undefined, 0, false);
      if (want.personCounts.some((p) => p.basis === 'row-label')) rowLabels++;
      const d = new TableDetector(table(header));
      rows.forEach((cells, i) => d.row(cells, i + 2));
      const got = d.finish();
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ t, header, got }).toEqual({ t, header, got: want });
      // Some column stopped being tallied before the last row.
      if (header.some((_, i) => (d.column(i)?.nonEmpty ?? 0) < rows.filter((r) => r[i]!.trim() !== '').length)) withDone++;
      const fromUnits = detect(header, rows, prng(t), 0.2);
      if (JSON.stringify(fromUnits) !== JSON.stringify(want)) expect({ t, header, got: fromUnits }).toEqual({ t, header, got: want });
    }
    expect(rowLabels).toBeGreaterThan(5);
    expect(withDone).toBeGreaterThan(100);
  });

  it('skips the cells of done columns: a text column after an id column', () => {
    const d = new TableDetector(table(['id', 'commune', 'population']));
    for (let i = 0; i < 200; i++) d.row([String(i + 1), i % 2 ? 'Ixelles' : 'Uccle', String(i)], i + 2);
    expect(d.column(0)!.nonEmpty).toBe(MAX_DISTINCT + 1); // done at its first value past the cap
    expect(d.column(1)!.nonEmpty).toBe(MAX_DISTINCT); // settled at its first value, done with column 0 (before its cell of that row)
    expect(d.column(2)!.nonEmpty).toBe(200); // "population" is a count term: tallied to the end
  });

  it('settles a text column at its first value, and keeps a column of sex codes, a sex-headed column and the first column', () => {
    const d = new TableDetector(table(['commune', 'sexe', 'code', 'categorie']));
    for (let i = 0; i < 200; i++) d.row([`c${i}`, 'F', i % 2 ? 'M' : 'F', i % 3 ? 'école' : 'crèche'], i + 2);
    d.row(['x', 'blauw', 'blauw', 'musée'], 202);
    expect(d.column(0)!.values.size).toBe(MAX_DISTINCT); // the first column keeps its values (rowLabelCount)
    expect(d.column(1)!.values.size).toBe(2); // named for sex: its values are listed even unrecognised
    expect(d.column(2)!.values.size).toBe(3); // sex codes, then a value that is none
    expect(d.column(2)!.overflow).toBe(true);
    expect(d.column(3)!.values.size).toBe(1); // settled at its first value
    expect(d.column(3)!.overflow).toBe(true);
  });
});

describe("a detector's tallies are their definition", () => {
  it('non-empty cells, measures (isMeasure) and counts (isCount) per column, from strings and from units', () => {
    const rand = prng(36);
    for (let t = 0; t < 200; t++) {
      const width = 1 + Math.floor(rand() * 8);
      const header = Array.from({ length: width }, (_, i) => `c${i}`);
      const rows = Array.from({ length: 1 + Math.floor(rand() * 100) }, () => header.map(() => cell(rand)));
      for (const units of [false, true]) {
        // Columns that keep their values (no column settles or is done): every cell tallied.
        const d = new TableDetector(table(header), false);
        const r = prng(t);
        rows.forEach((cells, i) => d.row(cells, i + 2, units ? recordUnits(cells, () => r() < 0.2, r) : undefined));
        header.forEach((_, i) => {
          const filled = rows.map((cells) => cells[i]!.trim()).filter((c) => c !== '');
          const want = filled.length ? { nonEmpty: filled.length, measures: filled.filter(isMeasure).length, counts: filled.filter(isCount).length } : undefined;
          const c = d.column(i);
          const got = c && { nonEmpty: c.nonEmpty, measures: c.measures, counts: c.counts };
          if (JSON.stringify(got) !== JSON.stringify(want)) expect({ t, i, units, got }).toEqual({ t, i, units, got: want });
        });
      }
    }
  });
});
