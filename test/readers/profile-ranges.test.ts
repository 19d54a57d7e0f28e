/**
 * Differential test of the profile's ranges: numbers read by the classifier (`lastNumber`) and
 * dates compared by `dateKey` first must give what the plain definition gives — the smallest and
 * largest `+cell` of the integer and number cells, and the smallest and largest text of the ISO
 * date and date-time cells — on generated cells of every numeric and date shape and on the
 * cells of every CSV fixture, given as strings and as UTF-16 units (the classifier's `lastDate`).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { TableProfiler } from '../../src/readers/profile.js';
import { classifyCell, lastNumber, INTEGER, NUMBER, DATE, DATETIME } from '../../src/readers/cell-type.js';
import { prng } from '../helpers/prng.js';
import { recordUnits } from '../helpers/record-units.js';

/** The profile's trimming: only cells starting or ending with a space, a control or NBSP. */
function trimmed(v: string): string {
  const head = v.charCodeAt(0);
  const tail = v.charCodeAt(v.length - 1);
  return head <= 32 || tail <= 32 || head === 160 || tail === 160 ? v.trim() : v;
}

function referenceRanges(values: readonly string[]) {
  let min = Infinity;
  let max = -Infinity;
  let minDate: string | undefined;
  let maxDate: string | undefined;
  for (const v of values) {
    const s = v === '' ? '' : trimmed(v);
    if (s === '') continue;
    const t = classifyCell(s);
    if (t === INTEGER || t === NUMBER) {
      const x = +s;
      if (x < min) min = x;
      if (x > max) max = x;
    } else if (t === DATE || t === DATETIME) {
      if (minDate === undefined || s < minDate) minDate = s;
      if (maxDate === undefined || s > maxDate) maxDate = s;
    }
  }
  return min <= max ? { min, max, minDate, maxDate } : { min: undefined, max: undefined, minDate, maxDate };
}

/** The profile's ranges, the cells given as strings or (`rand`) as UTF-16 units among other units, as the CSV tokenizer gives them. */
function profiledRanges(values: readonly string[], rand?: () => number) {
  const p = new TableProfiler(['x']);
  values.forEach((v, i) => p.add([v], i + 2, false, rand && recordUnits([v], () => false, rand)));
  const { min, max, minDate, maxDate } = p.result().columns[0]!;
  return { min, max, minDate, maxDate };
}

const unitsRand = prng(5);

function expectSameRanges(values: readonly string[], what: string): void {
  const want = referenceRanges(values);
  for (const got of [profiledRanges(values), profiledRanges(values, unitsRand)]) {
    // `===`, not toEqual: -0 and 0 are the same extreme whichever cell came first.
    const same = got.min === want.min && got.max === want.max && got.minDate === want.minDate && got.maxDate === want.maxDate;
    if (!same) expect({ what, got }).toEqual({ what, got: want });
  }
}

function numberCell(rand: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('');
  const sign = rand() < 0.15 ? (rand() < 0.5 ? '-' : '+') : '';
  const int = rand() < 0.1 ? '' : rand() < 0.1 ? '0' + digits(Math.floor(rand() * 3)) : digits(1 + Math.floor(rand() * 18));
  const frac = rand() < 0.4 ? '' : '.' + digits(Math.floor(rand() * 18));
  const exp = rand() < 0.05 ? 'e' + (rand() < 0.3 ? '-' : '') + digits(1 + Math.floor(rand() * 2)) : '';
  return sign + int + frac + exp;
}

function dateCell(rand: () => number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${1990 + Math.floor(rand() * 3)}-${two(1 + Math.floor(rand() * 12))}`;
  if (rand() < 0.1) return day;
  const date = `${day}-${two(1 + Math.floor(rand() * 28))}`;
  if (rand() < 0.4) return date;
  const zone = ['', 'Z', '+01:00', '-0500', '+02'][Math.floor(rand() * 5)]!;
  return `${date}${rand() < 0.5 ? 'T' : ' '}${two(Math.floor(rand() * 24))}:${two(Math.floor(rand() * 60))}${rand() < 0.5 ? ':' + two(Math.floor(rand() * 60)) : ''}${zone}`;
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return csvFiles(file);
    return name.endsWith('.csv') ? [file] : [];
  });
}

describe('the value the classifier keeps of a plain number', () => {
  it('is exactly +cell for plain numbers of at most 15 digits, and -1 for every other number', () => {
    const rand = prng(11);
    const cells = ['0', '5', '5.', '0.0', '0.25', '007', '00.5', '.5', '-3', '+3', '1e5', '1.5e3', '123456789012345', '1234567890123456', '12345678.9012345', '1234567.89012345', '0.123456789012345', '999999999999999.'];
    for (let i = 0; i < 50_000; i++) cells.push(numberCell(rand));
    let plain = 0;
    for (const s of cells) {
      const t = classifyCell(s);
      if (t !== INTEGER && t !== NUMBER) continue;
      const intLen = /^\d*/.exec(s)![0].length;
      const isPlain = /^\d+(\.\d*)?$/.test(s) && (s[0] !== '0' || intLen === 1) && s.replace('.', '').length <= 15;
      expect({ s, plain: lastNumber.plain }).toEqual({ s, plain: isPlain ? +s : -1 });
      if (isPlain) plain++;
    }
    expect(plain).toBeGreaterThan(10_000);
  });
});

describe('profile ranges: by numbers first, the same as the plain definition', () => {
  it('on generated numbers of every shape (plain, signed, leading zeros, exponents, 15 and more digits)', () => {
    const rand = prng(7);
    for (let column = 0; column < 400; column++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => (rand() < 0.1 ? ['', ' 12.5 ', 'n/a', 'abc'][Math.floor(rand() * 4)]! : numberCell(rand)));
      expectSameRanges(values, `numbers ${column}`);
    }
  });

  it('on numbers that mostly share their decimals (compared by their digits), with ties, zeros and a few of other shapes', () => {
    const rand = prng(13);
    for (let column = 0; column < 400; column++) {
      const decimals = Math.floor(rand() * 7);
      const intDigits = 1 + Math.floor(rand() * (16 - Math.max(1, decimals)));
      const plain = () => {
        const int = rand() < 0.2 ? '0' : String(Math.floor(rand() * 10 ** intDigits)).replace(/^0+(?=\d)/, '');
        const frac = Array.from({ length: decimals }, () => String(Math.floor(rand() * (rand() < 0.3 ? 1 : 10)))).join('');
        return decimals ? `${int}.${frac}` : int;
      };
      const seen: string[] = [];
      const values = Array.from({ length: 1 + Math.floor(rand() * 80) }, () => {
        const r = rand();
        const v = r < 0.1 && seen.length ? seen[Math.floor(rand() * seen.length)]! : r < 0.2 ? numberCell(rand) : plain();
        seen.push(v);
        return v;
      });
      expectSameRanges(values, `decimals ${decimals} column ${column}`);
    }
  });

  it('on generated ISO dates and date-times (months alone, same-day ties, zones)', () => {
    const rand = prng(9);
    for (let column = 0; column < 400; column++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => (rand() < 0.05 ? '31/12/2020' : dateCell(rand)));
      expectSameRanges(values, `dates ${column}`);
    }
  });

  it('on every column of every CSV fixture', () => {
    const files = csvFiles('fixtures');
    expect(files.length).toBeGreaterThan(100);
    let columns = 0;
    for (const file of files) {
      let rows: string[][];
      try {
        rows = parseCsv(readFileSync(file, 'utf8'), { relaxColumnCount: true, relaxQuotes: true, skipEmptyLines: true }) as string[][];
      } catch {
        continue; // the broken fixtures: their cells are not what this test is about
      }
      const width = Math.max(0, ...rows.map((r) => r.length));
      for (let c = 0; c < width; c++) {
        expectSameRanges(
          rows.slice(1).map((r) => r[c] ?? ''),
          `${file} column ${c + 1}`,
        );
        columns++;
      }
    }
    expect(columns).toBeGreaterThan(500);
  });
});
