/**
 * Differential test of the per-cell data rules' fast paths: `data/truncated-value` and
 * `data/deviated-cell` rule cells out (or measure them) from the reader's copy of the record
 * (`RowContext.record.units()`), `data/ascii-value` visits only the cells the reader marks
 * (`nonAscii()`), `data/duplicate-rows` hashes the units; they, `data/blank-rows`,
 * `data/ragged-rows` and `data/table-dimensions` read the record's cells one by one
 * (`RuleMeta.readsRecord`). Each rule fed records with units and no cells array must report
 * exactly what it reports fed the bare strings (the slow, obvious path), on generated
 * tables of cells of every shape — lengths around the limits, integer maxima with signs, spaces,
 * leading zeros and near misses, surrogates, quoted cells (read from their strings), declared
 * missing values, records wider than the units cover, headerless tables, schema fields out of
 * column order — and on every CSV fixture. `deviated-cell` is also held to its definition: the
 * median and sample standard deviation of every non-empty cell's length in code points.
 */
import { describe, it, expect } from 'vitest';
import { hash53 } from '../../src/util/hash53.js';
import type { RecordFacts, RowContext, TableInfo } from '../../src/model/index.js';
import type { RuleModule, ReportDescriptor } from '../../src/engine/rule-api.js';
import type { Distribution, Dataset } from '../../src/model/index.js';
import type { TableSchema } from '../../src/model/index.js';
import * as truncated from '../../rules/data/truncated-value.js';
import * as deviated from '../../rules/data/deviated-cell.js';
import * as ascii from '../../rules/data/ascii-value.js';
import * as duplicates from '../../rules/data/duplicate-rows.js';
import * as blankRows from '../../rules/data/blank-rows.js';
import * as raggedRows from '../../rules/data/ragged-rows.js';
import * as dimensions from '../../rules/data/table-dimensions.js';
import { recordUnits, pick } from '../helpers/record-units.js';
import { TableProfiler } from '../../src/readers/profile.js';
import { CellsRecord } from '../../src/readers/cells-record.js';
import { isBlankRow } from '../../src/model/index.js';
import { csvFixtureTables } from '../helpers/csv-fixture-tables.js';
import { prng } from '../helpers/prng.js';
import { ruleHooks } from '../helpers/rule-hooks.js';

type Rule = { meta: RuleModule['meta']; create: RuleModule['create'] };
const RULES: [string, Rule][] = [
  ['data/truncated-value', truncated as Rule],
  ['data/deviated-cell', deviated as Rule],
  ['data/ascii-value', ascii as Rule],
  ['data/duplicate-rows', duplicates as Rule],
  ['data/blank-rows', blankRows as Rule],
  ['data/ragged-rows', raggedRows as Rule],
  ['data/table-dimensions', dimensions as Rule],
];

/** The reader's answers about a record, made from its cells (quoted ones are not in the units). */
function facts(cells: string[], quoted: (p: number) => boolean, rand: () => number): RecordFacts {
  const r = recordUnits(cells, quoted, rand);
  return {
    width: cells.length,
    cell: (i) => cells[i]!,
    blank: () => isBlankRow(cells),
    units: () => r,
    // The hash from the units' own layout is test/util/hash53.test.ts's: here its number.
    hash53: () => hash53(cells),
    nonAscii: () => (cells.length > 31 ? undefined : cells.reduce((m, c, p) => (/[^\x00-\x7f]/.test(c) ? m | (1 << p) : m), 0)),
  };
}

interface Table {
  header: string[];
  rows: string[][];
  schema?: TableSchema;
}

/**
 * How a rule is fed: the strings alone (as a record of them, as the engine has it); with the
 * reader's facts about each record and no cells array (`units`); or
 * those, with the CSV reader's profile walking each record first as src/readers/csv.ts has it
 * (`reader`: `RowContext.profiled`, read by `truncated-value`; `CsvTableFacts.cellLengths`, read by `deviated-cell` instead of its rows).
 */
type Feed = 'strings' | 'units' | 'reader';

/** Runs one rule over a table, fed as `feed` says. */
function run([id, rule]: [string, Rule], t: Table, feed: Feed | boolean, seed: number, options: Record<string, unknown> = {}): ReportDescriptor[] {
  const mode: Feed = feed === true ? 'units' : feed === false ? 'strings' : feed;
  const withUnits = mode !== 'strings';
  const rand = prng(seed);
  const reports: ReportDescriptor[] = [];
  const hooks = ruleHooks(id, rule, options, (d) => reports.push(d));
  // The CSV reader profiles the header's width (the widest row's when there is no header).
  const width = t.header.length || Math.max(0, ...t.rows.map((r) => r.length));
  const profiler = mode === 'reader' ? new TableProfiler(Array.from({ length: width }, (_, i) => `c${i}`), false, true) : undefined;
  const info: TableInfo = { path: '/t.csv', file: 't.csv', reader: 'csv', header: t.header, headerRow: t.header.length ? 1 : 0, facts: profiler ? { cellLengths: width } : {} };
  const dist = { localPath: '/t.csv', localBytes: 4096, ...(t.schema ? { schema: t.schema } : {}) } as unknown as Distribution;
  const ds = {} as Dataset;
  const wantsRows = hooks.table?.(info, dist, ds) !== false;
  t.rows.forEach((cells, i) => {
    const bmp = !cells.some((c) => /[\ud800-\udfff]/.test(c));
    const quotedShare = rand() * 0.5;
    const ctx: RowContext = {
      row: i + 2,
      line: i + 2,
      table: info,
      ascii: false,
      // Not told (false) half the time even when true: the rules then look for surrogates themselves.
      bmp: bmp && rand() < 0.5,
      // The strings alone: the record the engine makes of every reader's cells arrays (readsRecord).
      record: withUnits ? facts(cells, () => rand() < quotedShare, rand) : new CellsRecord().of(cells),
    };
    const blank = isBlankRow(cells);
    if (profiler) ctx.profiled = profiler.record;
    profiler?.add(cells, i + 2, blank, blank ? undefined : ctx.record!.units(), ctx.bmp);
    // Rules that read the record are handed no cells by the CSV tokenizer (TableSink.wantsCells).
    if (wantsRows) hooks.row?.(withUnits && rule.meta.readsRecord ? [] : cells, ctx);
  });
  const summary = profiler ? { profile: profiler.result(), lineEndings: { crlf: 0, lf: 0, cr: 0, firstLine: { crlf: 0, lf: 0, cr: 0 } }, malformed: [], cellLengths: profiler.lengths } : {};
  hooks.rowsEnd?.(info);
  hooks.endTable?.(info, { rows: t.rows.length, bytes: 0, facts: summary }, dist, ds);
  return reports;
}

const READS_PROFILE = new Set(['data/deviated-cell', 'data/truncated-value']);

function expectSame(t: Table, what: string, options: Record<string, Record<string, unknown>> = {}): number {
  let found = 0;
  for (const rule of RULES) {
    const want = run(rule, t, 'strings', 7, options[rule[0]]);
    // Only these read what the reader's profile learns.
    for (const feed of READS_PROFILE.has(rule[0]) ? (['units', 'reader'] as const) : (['units'] as const)) {
      const got = run(rule, t, feed, 7, options[rule[0]]);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ what, feed, rule: rule[0], got }).toEqual({ what, feed, rule: rule[0], got: want });
    }
    found += want.length;
  }
  return found;
}

const MAXIMA = ['32767', '65535', '2097152', '2147483647', '4294967295', '9223372036854775807', '18446744073709551616'];

/** More integers listed than the defaults (plain values sought by a binary search: every position in the list). */
const MANY_LISTED = [...MAXIMA, '0', '1', '2', '7', '99', '100', '1000', '32766', '32768', '99999', '123456', '2097151', '999999999999999', '1000000000000000', '-1', '-2147483648'];

/** A cell of one of many shapes, most of them near what the rules look for. */
function cell(rand: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, (_, i) => String(i === 0 ? 1 + Math.floor(rand() * 9) : Math.floor(rand() * 10))).join('');
  const text = (n: number) => Array.from({ length: n }, () => pick(rand, ['a', 'b', ' ', 'é', '😀', '\u00a0', '-', '1'])).join('');
  switch (Math.floor(rand() * 14)) {
    case 0:
      return pick(rand, rand() < 0.7 ? MAXIMA : MANY_LISTED);
    case 1: {
      // A maximum with noise: sign, leading zeros, spaces, one digit off, a neighbour character.
      const m = pick(rand, MAXIMA);
      return pick(rand, [`+${m}`, `-${m}`, `0${m}`, `00${m}`, ` ${m}`, `${m} `, `\u00a0${m}`, `${m}\u3000`, `${m.slice(0, -1)}${(+m.slice(-1) + 1) % 10}`, `${m}0`, m.slice(1), `${m}.0`, `${m}-1`, `1-${m}`, `${m}é`, `é${m}`]);
    }
    case 2:
      return digits(1 + Math.floor(rand() * 25));
    case 3:
      return pick(rand, ['', ' ', 'NA', '-', 'é', 'n/é', '0', '00', '+', '-0', '007', '2024-01-31', '2024-01-31T10:00:00Z', '0.3070', '50.850146', 'true', ' '.repeat(255), '\u00a0'.repeat(255)]);
    case 4:
      // Text around the column size (255 code points: 255 to 510 UTF-16 units).
      return text(240 + Math.floor(rand() * 30));
    case 5:
      return 'x'.repeat(250 + Math.floor(rand() * 10)) + (rand() < 0.5 ? '😀'.repeat(Math.floor(rand() * 4)) : '');
    case 6:
      return text(Math.floor(rand() * 12));
    case 7:
      return String.fromCharCode(Math.floor(rand() * 0x10000)) + digits(4 + Math.floor(rand() * 4));
    case 8:
      return digits(5) + String.fromCharCode(Math.floor(rand() * 0x10000));
    case 9:
      // Long cells (deviated-cell: beyond 1024 units, beyond 5000), some with surrogate pairs.
      return rand() < 0.2 ? 'L'.repeat(1000 + Math.floor(rand() * 9000)) + (rand() < 0.5 ? '😀'.repeat(Math.floor(rand() * 30)) : '') : 'short';
    case 10:
      return '\ud83d' + digits(5);
    default:
      return pick(rand, ['centre sportif', 'école', 'Schaerbeek', 'REF-7919', 'crèche', 'a,b', '"q"', 'x']);
  }
}

function table(rand: () => number, shape: 'header' | 'headerless' | 'schema'): Table {
  const width = 1 + Math.floor(rand() * (rand() < 0.2 ? 40 : 8));
  const names = Array.from({ length: width }, (_, i) => `c${i}`);
  const rows = Array.from({ length: 2 + Math.floor(rand() * 60) }, () => {
    // Ragged records: fewer or more cells than the header now and then.
    const n = rand() < 0.15 ? Math.max(1, width + Math.floor(rand() * 5) - 2) : width;
    return Array.from({ length: n }, () => cell(rand));
  });
  // Repeated rows, for duplicate-rows.
  for (let k = 0; k < 3; k++) if (rows.length > 2) rows.push([...pick(rand, rows)]);
  if (shape === 'headerless') return { header: [], rows };
  if (shape === 'header') return { header: names, rows };
  // Fields in column order or not, some typed, with missing values that match generated cells.
  const shuffle = rand() < 0.5;
  const fields = names
    .map((name) => ({ name, type: pick(rand, [undefined, 'string', 'integer', 'number']) }))
    .sort(() => (shuffle ? rand() - 0.5 : 0))
    .map((f) => (f.type ? f : { name: f.name }));
  return { header: names, rows, schema: { fields, missingValues: pick(rand, [[''], ['', 'NA', '32767'], ['NA', 'é', 'n/é', '-']]) } as TableSchema };
}

describe('the per-cell data rules find the same with the reader\'s units as with the strings alone', () => {
  it('on generated tables of every shape', () => {
    const rand = prng(20261205);
    let found = 0;
    for (let t = 0; t < 300; t++) {
      const shape = pick(rand, ['header', 'headerless', 'schema'] as const);
      found += expectSame(table(rand, shape), `table ${t} (${shape})`, {
        'data/truncated-value': pick(rand, [{}, {}, {}, { stringLengths: [10, 255], integerValues: ['-32768', '007', 99999, '1'] }, { integerValues: MANY_LISTED }]),
        'data/deviated-cell': { interval: pick(rand, [0.5, 1, 3]) },
        'data/ascii-value': { maxFindings: pick(rand, [1, 3, 1000]) },
      });
    }
    expect(found).toBeGreaterThan(2_000);
  });

  it('on every CSV fixture', () => {
    const tables = csvFixtureTables('fixtures');
    expect(tables.length).toBeGreaterThan(50);
    for (const { file, rows } of tables) {
      expectSame({ header: rows[0]!, rows: rows.slice(1) }, file);
      expectSame({ header: [], rows }, `${file} (headerless)`);
    }
    // Every fixture, each rule fed two or three ways: ~15 s alone, more on a loaded machine.
  }, 120_000);
});

describe('data/deviated-cell is its definition', () => {
  /** frictionless: the median and sample standard deviation of the lengths (code points) of the non-empty cells. */
  function thresholds(rows: string[][], column: number, interval: number): number {
    const lengths = rows.map((r) => r[column]).filter((c): c is string => !!c).map((c) => [...c].length);
    const sorted = [...lengths].sort((a, b) => a - b);
    const n = lengths.length;
    const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
    let sum = 0;
    let squares = 0;
    for (const l of lengths) {
      sum += l;
      squares += l * l;
    }
    const stdev = Math.sqrt(Math.max(0, (squares - (sum * sum) / n) / (n - 1)));
    return Math.max(5000, median + stdev * interval);
  }

  it('reports the cells longer than the median length plus `interval` standard deviations (and 5000)', () => {
    const rand = prng(11);
    let found = 0;
    for (let t = 0; t < 200; t++) {
      const rows = Array.from({ length: 3 + Math.floor(rand() * 80) }, () => [rand() < 0.1 ? 'L'.repeat(4000 + Math.floor(rand() * 6000)) + '😀'.repeat(Math.floor(rand() * 3)) : 'é'.repeat(Math.floor(rand() * 1500)), cell(rand)]);
      const interval = pick(rand, [0.5, 1, 3]);
      const got = run(['data/deviated-cell', deviated as Rule], { header: ['a', 'b'], rows }, pick(rand, ['strings', 'units', 'reader'] as const), t, { interval, maxFindings: 1000 });
      const want = [0, 1].flatMap((column) => {
        const threshold = thresholds(rows, column, interval);
        return rows.flatMap((r, i) => {
          const length = [...(r[column] ?? '')].length;
          return length > threshold ? [{ row: i + 2, field: column ? 'b' : 'a', length, threshold: Math.round(threshold) }] : [];
        });
      });
      expect(got.filter((r) => r.messageId === 'deviated').map((r) => r.data)).toEqual(want);
      found += want.length;
    }
    expect(found).toBeGreaterThan(50);
  });
});

describe("the CSV reader's profile counts the cells' lengths as their definition (CellLengths)", () => {
  /** Every column's lengths in code points of its non-empty cells (blank rows' cells of spaces included), in row order. */
  function definition(rows: string[][], width: number): number[][] {
    return Array.from({ length: width }, (_, column) => rows.map((r) => r[column]).filter((c): c is string => !!c).map((c) => [...c].length));
  }

  it('on generated tables (blank rows of spaces, quoted cells, surrogates, long cells, ragged rows) and every CSV fixture', () => {
    const rand = prng(606);
    const tables: string[][][] = [];
    for (let t = 0; t < 200; t++) {
      const rows = table(rand, 'header').rows;
      // Blank rows: empty, or cells of spaces and no-break spaces.
      for (let k = 0; k < 3; k++) rows.splice(Math.floor(rand() * rows.length), 0, rows[0]!.map(() => pick(rand, ['', ' ', '  ', '\u00a0'])));
      tables.push(rows);
    }
    for (const { rows } of csvFixtureTables('fixtures')) tables.push(rows);
    let long = 0;
    for (const rows of tables) {
      const width = Math.max(...rows.map((r) => r.length));
      const profiler = new TableProfiler(Array.from({ length: width }, (_, i) => `c${i}`), false, true);
      rows.forEach((cells, i) => {
        const bmp = !cells.some((c) => /[\ud800-\udfff]/.test(c)) && rand() < 0.5;
        const blank = isBlankRow(cells);
        const quotedShare = rand() * 0.5;
        profiler.add(cells, i + 2, blank, blank ? undefined : recordUnits(cells, () => rand() < quotedShare, rand), bmp);
      });
      const got = profiler.lengths!;
      definition(rows, width).forEach((lengths, column) => {
        const sorted = [...lengths].sort((a, b) => a - b);
        const n = lengths.length;
        expect(got.n(column)).toBe(n);
        if (n > 0) expect(got.median(column)).toBe(n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2);
        if (n > 1) {
          const sum = lengths.reduce((a, b) => a + b, 0);
          const squares = lengths.reduce((a, b) => a + b * b, 0);
          expect(got.stdev(column)).toBe(Math.sqrt(Math.max(0, (squares - (sum * sum) / n) / (n - 1))));
        }
        const longCells = rows.flatMap((r, i) => (r[column] && [...r[column]].length > 5000 ? [{ row: i + 2, length: [...r[column]].length }] : []));
        expect(got.long[column]).toEqual(longCells);
        long += longCells.length;
      });
    }
    expect(long).toBeGreaterThan(50);
  }, 60_000);
});
