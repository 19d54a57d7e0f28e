/**
 * Differential test of the column profile read from the CSV tokenizer's UTF-16 copy of a record
 * (`RecordUnits`): the classifier over units (`classifyUnits`) must answer what `classifyCell`
 * answers, with the same `lastNumber`; a profile fed units must equal the profile fed the same
 * cells as strings (types, ranges, padding, distinct values with their tallies in first-seen
 * order); and the distinct values, kept by a hash of their units, must be what a Map keyed by the
 * strings holds — hash collisions included. Generated cells of every shape (numbers, dates,
 * date-times, booleans, placeholders, text outside ASCII and outside the BMP, padded, empty),
 * quoted cells (read as strings), records wider than the units cover, and every CSV fixture.
 */
import { describe, it, expect } from 'vitest';
import { TableProfiler } from '../../src/readers/profile.js';
import { CellsRecord } from '../../src/readers/cells-record.js';
import { classifyCell, classifyUnits, lastNumber, plainTextUnits, wordUnits, TEXT } from '../../src/readers/cell-type.js';
import { DistinctValues, hashString } from '../../src/util/distinct-values.js';
import { isBlankRow } from '../../src/model/index.js';
import { prng } from '../helpers/prng.js';
import { csvFixtureTables } from '../helpers/csv-fixture-tables.js';
import { recordUnits as record, pick } from '../helpers/record-units.js';

const digits = (rand: () => number, n: number) => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('');
const two = (n: number) => String(n).padStart(2, '0');

/** A cell of one of the shapes the classifier tells apart, or a near miss of one. */
function cell(rand: () => number): string {
  switch (Math.floor(rand() * 14)) {
    case 0:
      return (rand() < 0.2 ? pick(rand, ['-', '+']) : '') + (rand() < 0.1 ? '0' : '') + digits(rand, Math.floor(rand() * 19));
    case 1:
      return digits(rand, Math.floor(rand() * 9)) + pick(rand, ['.', ',']) + digits(rand, Math.floor(rand() * 9)) + (rand() < 0.2 ? pick(rand, ['e', 'E', 'e-', 'E+']) + digits(rand, Math.floor(rand() * 3)) : '');
    case 2: {
      const date = `${digits(rand, 4)}-${two(Math.floor(rand() * 14))}` + (rand() < 0.8 ? `-${two(Math.floor(rand() * 33))}` : '');
      return rand() < 0.5 ? date : date.slice(0, Math.floor(rand() * date.length) + 1);
    }
    case 3: {
      const time = `${pick(rand, ['T', ' ', 't'])}${two(Math.floor(rand() * 24))}:${two(Math.floor(rand() * 60))}` + (rand() < 0.6 ? `:${two(Math.floor(rand() * 60))}` : '') + (rand() < 0.3 ? '.' + digits(rand, Math.floor(rand() * 4)) : '');
      const zone = pick(rand, ['', 'Z', 'Zx', '+01:00', '-0500', '+02', '+1', '-05:0', '+01:000']);
      const s = `20${two(Math.floor(rand() * 30))}-${two(1 + Math.floor(rand() * 12))}-${two(1 + Math.floor(rand() * 28))}${time}${zone}`;
      return rand() < 0.7 ? s : s.slice(0, Math.floor(rand() * s.length) + 1);
    }
    case 4:
      // Every boolean and placeholder word, and near misses (case, length, a unit outside ASCII).
      return pick(rand, [
        ...['true', 'false', 'TRUE', 'FALSE', 'True', 'False', 'NA', 'N/A', 'n/a', 'na', 'NULL', 'null', 'Null', 'None', 'none', 'NaN', 'nan', '-', '--', '#N/A', 'n.a.', 'n.d.', 'N.D.'],
        ...['tRue', 'truE', 'fals', 'falsé', 'falsee', 'nULL', 'Nan', 'NAN', 'n.a', '#NA', '#', 'T', 'F', 'N', 'n', 'nü', 'Trué', 'nonE', 'n/ä', 'N.D', 'n.d.x', '.', '+', '-.', '+.', 'e5', '.e5'],
      ]);
    case 5:
      return pick(rand, ['31/12/2020', '1.5.2020', '2020/12/31', '12.31.20', '3-4-20', '1 234', '1.234.567', '1,234.50', '1.234,5', "1'234", '1\u00a0234,5', '1\u202f234']);
    case 6:
      return pick(rand, ['Ixelles', 'crèche', 'école fondamentale', 'Zoé 😀', '😀', '日本語のテキスト', 'B-1000', '+32 2 123 45 67', '1,5 km', 'a"b', 'x'.repeat(201), 'é'.repeat(150)]);
    case 7:
      return pick(rand, ['', ' ', '  ', '\t', '\u00a0']);
    case 8:
      return pick(rand, [' 12.5 ', ' x', 'y ', '\u00a012', '2020-01-01 ', ' true', '\u2003wide\u2003', ' 😀 ']);
    case 9:
      return '9007199254740993'.slice(0, 14 + Math.floor(rand() * 6)) + (rand() < 0.3 ? '.5' : '');
    case 10:
      return String.fromCharCode(...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pick(rand, [48, 49, 57, 45, 43, 46, 44, 58, 84, 90, 101, 69, 32, 0xe9, 0xd83d, 0xde00])));
    case 11:
      return `v${Math.floor(rand() * 40)}`;
    default:
      return digits(rand, 1 + Math.floor(rand() * 7));
  }
}

/**
 * Everything a profile tells, with each column's distinct values as an ordered list, and the cells'
 * lengths (`CellLengths`: its histograms, long cells and figures). `bmp`: whether row i is told it
 * has no surrogate pair.
 */
function profiled(rows: readonly string[][], width: number, bmp: readonly boolean[], units?: (cells: string[], i: number) => RecordUnits | undefined, distinct = true) {
  const p = new TableProfiler(
    Array.from({ length: width }, (_, i) => `c${i}`),
    distinct,
    true,
  );
  rows.forEach((cells, i) => p.add(cells, i + 2, isBlankRow(cells), units?.(cells, i), bmp[i]));
  const lengths = p.lengths!;
  const figures = Array.from({ length: width }, (_, c) => (lengths.n(c) > 0 ? [lengths.n(c), lengths.median(c), lengths.stdev(c)] : []));
  const counted = { counts: [...lengths.counts], long: lengths.long, partial: lengths.partial, figures };
  const result = p.result();
  return { ...result, columns: result.columns.map((c) => ({ ...c, valueCounts: c.valueCounts && [...c.valueCounts] })), counted };
}

function expectSameProfile(rows: string[][], width: number, rand: () => number, quotedShare: number, what: string): void {
  const records = rows.map((cells) => {
    const quoted = cells.map(() => rand() < quotedShare);
    return record(cells, (p) => quoted[p]!, rand);
  });
  // Rows without surrogates are told so half the time (lengths are then UTF-16 lengths).
  const bmp = rows.map((cells) => !cells.some((c) => /[\ud800-\udfff]/.test(c)) && rand() < 0.5);
  const got = profiled(rows, width, bmp, (_, i) => records[i]);
  const want = profiled(rows, width, bmp);
  if (JSON.stringify(got) !== JSON.stringify(want)) expect({ what, got }).toEqual({ what, got: want });
  // Without distinct values (no rule reads them; columns settle): the same profile, less those two facts.
  const without = profiled(rows, width, bmp, (_, i) => records[i], false);
  const wantWithout = { ...want, columns: want.columns.map(({ distinct: _d, valueCounts: _v, ...rest }) => rest) };
  if (JSON.stringify(without) !== JSON.stringify(wantWithout)) expect({ what, without }).toEqual({ what, without: wantWithout });
}

describe('classifyUnits: classifyCell over a copy of the text as UTF-16 units', () => {
  it('gives the same type and the same lastNumber for generated cells of every shape, wherever they sit among other units', () => {
    const rand = prng(21);
    let compared = 0;
    for (let i = 0; i < 200_000; i++) {
      const s = cell(rand).trim();
      if (s === '') continue;
      const { units, starts, ends } = record([s], () => false, rand);
      lastNumber.plain = -2;
      const want = classifyCell(s);
      const wantPlain = lastNumber.plain;
      lastNumber.plain = -2;
      const got = classifyUnits(units, starts[0]!, ends[0]!, new CellsRecord().of([s]), 0);
      const plain = lastNumber.plain;
      if (got !== want || plain !== wantPlain) expect({ s, got, plain }).toEqual({ s, got: want, plain: wantPlain });
      compared++;
    }
    expect(compared).toBeGreaterThan(150_000);
  });
});

/**
 * Each non-empty cell of 200,000 generated (seed `seed`), read by `read` from its units among other
 * units; the number of cells `read` answered true for.
 */
function readGeneratedCells(seed: number, read: (s: string, units: Uint16Array, from: number, to: number) => boolean): number {
  const rand = prng(seed);
  let n = 0;
  for (let i = 0; i < 200_000; i++) {
    const s = cell(rand);
    if (s === '') continue;
    const { units, starts, ends } = record([s], () => false, rand);
    if (read(s, units, starts[0]!, ends[0]!)) n++;
  }
  return n;
}

/** `s` alone as units: the arguments a units reader takes. */
function alone(s: string): [Uint16Array, number, number] {
  return [Uint16Array.from(s, (ch) => ch.charCodeAt(0)), 0, s.length];
}

describe('plainTextUnits: a cell it finds text is text to the classifier and has no end the profile or trim() would cut', () => {
  it('on generated cells of every shape, and says so of plain words', () => {
    const text = readGeneratedCells(29, (s, units, from, to) => {
      if (!plainTextUnits(units, from, to)) return false;
      const head = s.charCodeAt(0);
      const tail = s.charCodeAt(s.length - 1);
      const definition = head > 32 && tail > 32 && head !== 160 && tail !== 160 && s.trim() === s && classifyCell(s) === TEXT;
      if (!definition) expect({ s, plainText: true }).toEqual({ s, plainText: false });
      return true;
    });
    expect(text).toBeGreaterThan(10_000);
    for (const s of ['Ixelles', 'crèche', 'école fondamentale', 'nannies', 'REF-7919', '日本語']) expect({ s, plainText: plainTextUnits(...alone(s)) }).toEqual({ s, plainText: true });
  });
});

describe('wordUnits: a cell it finds a word is that word to the classifier', () => {
  it('on generated cells of every shape, and on every word', () => {
    const words = readGeneratedCells(30, (s, units, from, to) => {
      const t = wordUnits(units, from, to);
      if (t < 0) return false;
      if (t !== classifyCell(s) || s.trim() !== s) expect({ s, word: t }).toEqual({ s, word: classifyCell(s) });
      return true;
    });
    expect(words).toBeGreaterThan(5_000);
    // Every word whose first unit no number starts with is found (`-` and `--` are read as numbers).
    for (const s of ['true', 'false', 'TRUE', 'FALSE', 'True', 'False', 'NA', 'N/A', 'n/a', 'na', 'NULL', 'null', 'Null', 'None', 'none', 'NaN', 'nan', '#N/A', 'n.a.', 'n.d.', 'N.D.']) {
      expect({ s, word: wordUnits(...alone(s)) }).toEqual({ s, word: classifyCell(s) });
    }
  });
});

describe('a profile fed UTF-16 units is the profile fed strings', () => {
  it('on generated columns of every shape, some cells quoted, some records wider than the units cover', () => {
    const rand = prng(22);
    for (let table = 0; table < 300; table++) {
      const width = 1 + Math.floor(rand() * (table % 10 === 0 ? 40 : 6));
      const rows = Array.from({ length: 1 + Math.floor(rand() * 80) }, () => Array.from({ length: rand() < 0.1 ? Math.floor(rand() * (width + 2)) : width }, () => cell(rand)));
      expectSameProfile(rows, width, rand, 0.15, `table ${table}`);
    }
  });

  it('on columns of numbers mostly plain (read without the classifier once a column is) with near misses among them', () => {
    const rand = prng(26);
    /** A plain number (`ddd`, `ddd.ddd`, `0.ddd`, up to 15 digits), or one just outside what is plain. */
    const number = (): string => {
      const int = digits(rand, 1 + Math.floor(rand() * 10)).replace(/^0+(?=\d)/, String(1 + Math.floor(rand() * 9)));
      const frac = digits(rand, Math.floor(rand() * 8));
      const plain = rand() < 0.3 ? int : rand() < 0.2 ? `0.${frac || '5'}` : `${int}.${frac}`;
      if (rand() < 0.85) return plain;
      return pick(rand, [`0${plain}`, `-${plain}`, `+${plain}`, ` ${plain}`, `${plain} `, `${plain}.`, `.${frac || 1}`, `${plain}e3`, `${plain}.5`, '0', '00', '0.', '12.', digits(rand, 15).replace(/^0/, '1'), digits(rand, 16).replace(/^0/, '1'), `${digits(rand, 8)}.${digits(rand, 8)}`, '99999999999999.97', '99999999999999.93', '9999999999999.993', '2024-01-31', `${int},5`, `${int}a`, '1 234', '', 'NA', 'é1']);
    };
    for (let table = 0; table < 200; table++) {
      const width = 1 + Math.floor(rand() * 5);
      const rows = Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Array.from({ length: width }, () => (rand() < 0.05 ? cell(rand) : number())));
      expectSameProfile(rows, width, rand, 0.1, `numbers ${table}`);
    }
  });

  it('on columns of decimals mostly printed with one number of decimals (their range decided by their digits) with near misses among them', () => {
    const rand = prng(29);
    /** A plain decimal of `scale` decimals (sometimes another scale, an integer or a near miss), rising, falling or scattered. */
    const decimal = (scale: number, trend: number, row: number): string => {
      const value = Math.max(0, Math.floor(trend === 0 ? rand() * 10 ** (scale + 3) : trend > 0 ? row * 37 + rand() * 50 : 10 ** (scale + 4) - row * 37 - rand() * 50));
      const digits = String(value).padStart(scale + 1, '0');
      const s = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      if (rand() < 0.9) return s;
      return pick(rand, [`${s}0`, s.slice(0, -1), s.replace('.', ''), `${s}5`, `-${s}`, `0${s}`, ` ${s}`, '', 'NA', '0.000000000000001', '999999999999.999', '99999999999999.97', '0.1000000000000001', cell(rand)]);
    };
    for (let table = 0; table < 200; table++) {
      const width = 1 + Math.floor(rand() * 4);
      const columns = Array.from({ length: width }, () => ({ scale: pick(rand, [1, 2, 3, 4, 6, 8, 12]), trend: pick(rand, [-1, 0, 1]) }));
      const rows = Array.from({ length: 1 + Math.floor(rand() * 300) }, (_, row) => columns.map(({ scale, trend }) => decimal(scale, trend, row)));
      expectSameProfile(rows, width, rand, 0.1, `decimals ${table}`);
    }
  });

  it('on columns of ISO dates and date-times mostly in one layout (read without the classifier once a column is) with near misses among them', () => {
    const rand = prng(27);
    const layouts = ['', 'T11:22', ' 11:22', 'T11:22:33', ' 11:22:33', 'T11:22:33Z', ' 11:22:33Z', 'T11:22+01', 'T11:22:33.5', 'T11:22Z'];
    /** A date or date-time of the column's layout, sometimes with one unit changed, cut or padded. */
    const iso = (layout: string): string => {
      const month = rand() < 0.05 ? pick(rand, [0, 13, 19]) : 1 + Math.floor(rand() * 12);
      const day = rand() < 0.05 ? pick(rand, [0, 32, 39, 40]) : 1 + Math.floor(rand() * 31);
      const time = layout.replace(/\d\d/g, () => two(Math.floor(rand() * 100)));
      const s = `${digits(rand, 4)}-${two(month)}-${two(day)}${time}`;
      if (rand() < 0.85) return s;
      const at = Math.floor(rand() * s.length);
      return pick(rand, [
        s.slice(0, at) + pick(rand, ['0', '9', '-', ':', 'T', 't', ' ', 'Z', 'z', 'x', '/', '.', '+', 'é', '\u0660']) + s.slice(at + 1),
        s.slice(0, at),
        ` ${s}`,
        `${s} `,
        `${s}Z`,
        iso(pick(rand, layouts)),
        cell(rand),
      ]);
    };
    for (let table = 0; table < 200; table++) {
      const width = 1 + Math.floor(rand() * 4);
      const columns = Array.from({ length: width }, () => pick(rand, layouts));
      const rows = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => columns.map((layout) => (rand() < 0.03 ? '' : iso(layout))));
      expectSameProfile(rows, width, rand, 0.1, `dates ${table}`);
    }
  });

  it('on columns of text or of words (read without the classifier once a column is) with near misses among them', () => {
    const rand = prng(28);
    const word = (): string => pick(rand, ['true', 'false', 'True', 'FALSE', 'NA', 'n/a', 'null', 'None', 'NaN', '#N/A', 'n.d.', 'N.D.', '-', '--']);
    const text = (words: boolean): string =>
      words && rand() < 0.8
        ? word()
        : rand() < 0.8
        ? pick(rand, ['Ixelles', 'centre sportif', 'REF-7919', 'crèche', 'école', 'Ωmega', 'nanny', 'trueish', 'False!', 'nulls', 'Nonesuch', 'x', 'ab', '#1', 'a"b', '~', '\u007fdel'])
        : pick(rand, ['nan', 'NA', 'n/a', 'true', 'False', '-', '--', '#N/A', 'n.d.', '-x', '+x', '.x', '1x', ' x', 'x ', '\u00a0x', 'x\u00a0', '\u2003x', 'x\u3000', '\u1680x', 'x\u1680', '\ufeffx', '\u200bx', '\u0001x', 'x\u0001', '😀x', 'x😀', '\u0085x', '2024-01-31', '12', '']);
    for (let table = 0; table < 200; table++) {
      const width = 1 + Math.floor(rand() * 4);
      const words = Array.from({ length: width }, () => rand() < 0.4);
      const rows = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => words.map((w) => (rand() < 0.05 ? cell(rand) : text(w))));
      expectSameProfile(rows, width, rand, 0.1, `text ${table}`);
    }
  });

  it('past the distinct-value cap and with values too long to keep', () => {
    const rand = prng(23);
    const rows = Array.from({ length: 3000 }, (_, i) => [`v${Math.floor(rand() * 1200)}`, rand() < 0.999 ? `w${i % 40}` : 'x'.repeat(201), String(i % 7)]);
    expectSameProfile(rows, 3, rand, 0.2, 'capped');
  });

  it('on every column of every CSV fixture', () => {
    const rand = prng(24);
    let tables = 0;
    for (const { file, rows } of csvFixtureTables('fixtures')) {
      expectSameProfile(rows.slice(1), rows[0]!.length, rand, 0.1, file);
      tables++;
    }
    expect(tables).toBeGreaterThan(100);
  });
});

/** `ProfiledRecord`'s definition of a cell: whether its `trim()` is an integer, and its value when plain (else -1). */
function integerFacts(cell: string): { integer: boolean; plain: number } {
  const s = cell.trim();
  return { integer: /^[+-]?\d+$/.test(s), plain: /^(0|[1-9]\d{0,14})$/.test(s) ? +s : -1 };
}

/** A cell an integer may hide in: signs, leading zeros, spaces `trim()` removes at either end, near misses. */
function integerish(rand: () => number): string {
  const n = pick(rand, ['0', '7', '32767', '2147483647', digits(rand, 1 + Math.floor(rand() * 17)), `0${digits(rand, 3)}`]);
  const sign = pick(rand, ['', '', '+', '-']);
  const space = () => pick(rand, ['', '', ' ', '\t', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u0085']);
  return pick(rand, [`${space()}${sign}${n}${space()}`, `${sign}${n}`, `${n}${pick(rand, ['.0', 'e3', '-1', 'é', ' 1'])}`, `${space()}x${n}`]);
}

describe("the profile's walk leaves each record's ProfiledRecord (RowContext.profiled) as its definition", () => {
  it('on generated tables (integers with signs, zeros and wide spaces; quoted cells; ragged and blank rows) and every CSV fixture', () => {
    const rand = prng(27);
    const tables: { rows: string[][]; width: number }[] = [];
    for (let t = 0; t < 300; t++) {
      const width = 1 + Math.floor(rand() * (t % 10 === 0 ? 40 : 6));
      const rows = Array.from({ length: 1 + Math.floor(rand() * 80) }, () =>
        // Now and then a long cell of spaces: no value, but the longest cell.
        Array.from({ length: rand() < 0.1 ? Math.floor(rand() * (width + 2)) : width }, () => (rand() < 0.4 ? integerish(rand) : rand() < 0.02 ? ' '.repeat(Math.floor(rand() * 400)) : cell(rand))),
      );
      tables.push({ rows, width });
    }
    for (const { rows } of csvFixtureTables('fixtures')) tables.push({ rows: rows.slice(1), width: rows[0]!.length });
    let integers = 0;
    for (const { rows, width } of tables) {
      const distinct = rand() < 0.5;
      const quotedShare = rand() * 0.3;
      const p = new TableProfiler(Array.from({ length: width }, (_, i) => `c${i}`), distinct);
      let longest = 0;
      rows.forEach((cells, row) => {
        const blank = isBlankRow(cells);
        const units = blank || rand() < 0.1 ? undefined : record(cells, () => rand() < quotedShare, rand);
        p.add(cells, row + 2, blank, units);
        const covered = blank ? 0 : Math.min(cells.length, width);
        // The longest cell walked so far: the non-blank records' cells up to the header's width.
        longest = Math.max(longest, ...cells.slice(0, covered).map((c) => c.length));
        const got = p.record;
        const what = { cells, row };
        expect({ what, covered: got.covered, longest: got.longest }).toEqual({ what, covered, longest });
        for (let i = 0; i < 31; i++) {
          const marked = (got.integers & (1 << i)) !== 0;
          if (i >= Math.min(covered, 31)) {
            if (marked) expect({ what, i, marked }).toEqual({ what, i, marked: false });
            continue;
          }
          const want = integerFacts(cells[i]!);
          // Every integer is marked, with its plain value; a cell with a wide space at an end (the
          // profile trims it only when the other end is padded too) is marked whatever it is, its
          // value plain or not told (-1).
          const c = cells[i]!;
          const wide = /^[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$/.test(c);
          const ok = wide ? marked && (got.plain[i] === -1 || got.plain[i] === want.plain) : marked === want.integer && (!marked || got.plain[i] === want.plain);
          if (!ok) expect({ what, i, marked, plain: got.plain[i] }).toEqual({ what, i, ...want });
          if (want.integer) integers++;
        }
      });
    }
    expect(integers).toBeGreaterThan(10_000);
  });
});

describe('distinct values kept by a hash of their units', () => {
  it('count what a Map keyed by the strings counts, in the same order, whether given as units or strings', () => {
    const rand = prng(25);
    for (let run = 0; run < 50; run++) {
      const cap = 1 + Math.floor(rand() * 300);
      const values = new DistinctValues(cap, 200);
      const want = new Map<string, { count: number; firstRow: number }>();
      let open = true;
      for (let row = 2; row < 2000 && open; row++) {
        const s = rand() < 0.5 ? cell(rand) : `k${Math.floor(rand() * cap * 1.5)}`;
        const { units, starts, ends } = record([s], () => false, rand);
        open = rand() < 0.5 ? values.addString(s, row) : values.addUnits(units, starts[0]!, ends[0]!, row);
        const box = want.get(s);
        if (box) box.count++;
        else if (want.size >= cap || s.length > 200) expect(open).toBe(false);
        else want.set(s, { count: 1, firstRow: row });
        if (open) expect(values.size).toBe(want.size);
      }
      if (open) expect([...values.tallies()]).toEqual([...want]);
    }
  });

  it('give back long values whole (more units than one call takes as arguments)', () => {
    const long = 'F' + ' '.repeat(200 * 1024) + 'é';
    const values = new DistinctValues(10, Infinity);
    const units = new Uint16Array([...long].map((c) => c.charCodeAt(0)));
    values.addString('M', 2);
    values.addUnits(units, 0, units.length, 3);
    values.addString(long, 4);
    expect([...values.tallies()]).toEqual([
      ['M', { count: 1, firstRow: 2 }],
      [long, { count: 2, firstRow: 3 }],
    ]);
  });

  it('tell apart different values whose hashes collide', () => {
    // Two values of the same length with the same 32-bit hash, found once by a birthday search
    // over `value-${i.toString(36)}` (10.5 million values: too slow to repeat in every run).
    // If hashUnits changes, the first expectation fails: search again.
    const [a, b] = ['value-2yy7z', 'value-6a801'];
    expect(hashString(a)).toBe(hashString(b));
    const values = new DistinctValues(10, 200);
    const units = new Uint16Array([...a, ...b].map((c) => c.charCodeAt(0)));
    values.addString(a, 2);
    values.addUnits(units, a.length, a.length + b.length, 3);
    values.addUnits(units, 0, a.length, 4);
    values.addString(b, 5);
    expect([...values.tallies()]).toEqual([
      [a, { count: 2, firstRow: 2 }],
      [b, { count: 2, firstRow: 3 }],
    ]);
  });
});
