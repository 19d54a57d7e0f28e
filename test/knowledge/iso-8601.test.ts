import { describe, it, expect } from 'vitest';
import { datesAndTimesExist, isCalendarDay, isLeapYear, isXsdDate, isXsdDateTime, plainDateTimeExists } from '../../src/knowledge/iso-8601.js';
import { isIsoDate } from '../../src/knowledge/dcat-ap.js';
import { castCell } from '../../src/knowledge/table-schema.js';

describe('calendar', () => {
  it.each([
    [2024, true], [2023, false], [2000, true], [1900, false], [2100, false], [2400, true], [1996, true],
  ])('%i is a leap year: %s', (year, leap) => expect(isLeapYear(year)).toBe(leap));

  it.each([
    [2020, 2, 29, true], [2021, 2, 29, false], [2000, 2, 29, true], [1900, 2, 29, false], [2020, 2, 30, false],
    [2023, 4, 30, true], [2023, 4, 31, false], [2023, 6, 31, false], [2023, 9, 31, false], [2023, 11, 31, false],
    [2023, 12, 31, true], [2023, 1, 31, true], [2023, 0, 1, false], [2023, 13, 1, false], [2023, 1, 0, false],
  ])('%i-%i-%i is a calendar day: %s', (y, m, d, ok) => expect(isCalendarDay(y, m, d)).toBe(ok));
});

describe('isIsoDate (dct:issued, dct:modified, temporal coverage)', () => {
  it.each([
    '2020-02-29', '2000-02-29', '2023-04-30', '2023-12-31', '2024', '2024-02',
    '2024-02-29T23:59:59Z', '2024-03-15T08:00:00.123456789+01:00', '2024-03-15T08:00:00-05:00', '2024-03-15T08:00:00+14:00',
    '2024-03-15T24:00:00Z', '2024-03-15 08:00:00', '2024-03-15T08:00+0100',
    '2020-01-01/2020-12-31', '2020-02-01/P1M', 'R/P1D', 'PT36H', 'P1DT36H',
  ])('accepts %s', (v) => expect(isIsoDate(v)).toBe(true));

  it.each([
    ['2020-02-30', 'no 30 February'],
    ['2021-02-29', '2021 is no leap year'],
    ['1900-02-29', 'centuries are leap years only by 400'],
    ['2023-04-31', 'April has 30 days'],
    ['2023-11-31', 'November has 30 days'],
    ['2020-01-01/2020-02-30', 'the end of an interval too'],
    ['2020-02-30T10:00:00Z', 'the date of a date-time too'],
    ['2020-02-30 10:00:00', 'SQL style too'],
    ['2024-03-15T24:00:01Z', '24:00 is only the end of a day'],
    ['2024-03-15T24:30:00', '24:00 is only the end of a day'],
    ['2024-03-15T08:00:00+15:00', 'offsets stop at 14 hours'],
    ['2024-03-15T08:00:00+01:60', 'offset minutes under 60'],
    ['2024-03-15T08:00:00.', 'a decimal point needs digits'],
    ['2024-13-01', 'month 13'],
  ])('rejects %s (%s)', (v) => expect(isIsoDate(v)).toBe(false));
});

describe('xsd:date and xsd:dateTime', () => {
  it.each([
    ['2020-02-29', true], ['2020-02-29Z', true], ['2020-02-29+01:00', true], ['2020-02-29-14:00', true],
    ['2021-02-29', false], ['2020-02-30', false], ['2020-02-29+14:01', false], ['2020-2-9', false], ['2020-02-29T00:00:00', false],
  ])('xsd:date %s: %s', (v, ok) => expect(isXsdDate(v)).toBe(ok));

  it.each([
    ['2020-02-29T23:59:59', true], ['2020-02-29T23:59:59Z', true], ['2020-02-29T23:59:59.5+14:00', true],
    ['2020-02-29T23:59:59.123456789-05:30', true], ['2020-03-01T24:00:00Z', true], ['12020-01-01T00:00:00', true],
    ['2020-02-29T23:59', false], // xsd:dateTime needs seconds
    ['2021-02-29T12:00:00Z', false], ['2020-02-29T24:00:01', false], ['2020-02-29T23:60:00', false], ['2020-02-29T23:59:60', false],
    ['2020-02-29T23:59:59+15:00', false], ['2020-02-29T23:59:59+0100', false], ['2020-02-29T23:59:59.', false], ['2020-02-29 23:59:59', false],
  ])('xsd:dateTime %s: %s', (v, ok) => expect(isXsdDateTime(v)).toBe(ok));

  it('datesAndTimesExist looks at every date, time and offset of an interval', () => {
    expect(datesAndTimesExist('2020-02-29T10:00:00+01:00/2020-03-01T10:00:00-14:00')).toBe(true);
    expect(datesAndTimesExist('2020-02-29T10:00:00+01:00/2020-03-01T10:00:00-14:30')).toBe(false);
  });
});

describe('plain dates and date-times (the fast path of isIsoDate and datesAndTimesExist)', () => {
  it.each([
    ['2020-02-29', true], ['2021-02-29', false], ['2023-04-31', false], ['2023-13-01', false], ['2023-00-10', false], ['2023-01-00', false],
    ['2020-02-29T23:59:59', true], ['2020-02-29T23:59:59.123456', true], ['2020-02-29T24:00:00', true], ['2020-02-29T24:00:00.000', true],
    ['2020-02-29T24:00:00.5', false], ['2020-02-29T24:00:01', false], ['2020-02-29T25:00:00', false], ['2020-02-29T23:60:00', false],
    ['2020-02-29T23:59:60', false], ['2021-02-29T10:00:00', false],
  ])('%s exists: %s, the answer of the general checks', (v, ok) => {
    expect(plainDateTimeExists(v)).toBe(ok);
    expect(datesAndTimesExist(v)).toBe(ok);
    expect(isIsoDate(v)).toBe(ok);
  });

  it.each(['2020-02-29T10:00:00Z', '2020-02-29T10:00:00+01:00', '2020-02-29T10:00', '2020-02-29 10:00:00', ' 2020-02-29', '2020-02-29T10:00:00,5', '2020-02', '12020-01-01', '2020-01-01/2020-12-31'])(
    'leaves %j to the general checks',
    (v) => expect(plainDateTimeExists(v)).toBeUndefined(),
  );

  it('answers as the pattern it replaced on every one-character change of plain dates and date-times', () => {
    // The form as a regular expression (what plainDateTimeExists matched before it read char codes).
    const PLAIN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?$/;
    const reference = (value: string): boolean | undefined => {
      const m = PLAIN.exec(value);
      if (!m) return undefined;
      if (!isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
      if (m[4] === undefined) return true;
      const [hour, minute, second, fraction] = [Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0)];
      return !(minute > 59 || second > 59 || hour > 24 || (hour === 24 && minute + second + fraction > 0));
    };
    const seeds = ['2020-02-29', '2021-12-31T23:59:59', '2020-02-29T24:00:00.000', '1999-01-01T00:00:00.10', '0000-01-01'];
    const chars = ['0', '1', '2', '4', '9', '-', ':', 'T', '.', ' ', 'Z', '+', '٣', ''];
    let compared = 0;
    for (const seed of seeds) {
      for (let i = 0; i <= seed.length; i++) {
        for (const c of chars) {
          for (const v of [seed.slice(0, i) + c + seed.slice(i + 1), seed.slice(0, i) + c + seed.slice(i)]) {
            expect(plainDateTimeExists(v), v).toBe(reference(v));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('Table Schema date and datetime cells', () => {
  const ok = (field: Record<string, unknown>, value: string) => castCell({ name: 'd', ...field }, value).ok;
  it.each([
    ['date', '2020-02-29', true], ['date', '2020-02-30', false], ['date', '2021-02-29', false],
    ['datetime', '2020-02-29T10:00:00Z', true], ['datetime', '2020-02-30T10:00:00Z', false], ['datetime', '2020-02-29T10:00:00+15:00', false],
  ])('%s %s: %s', (type, value, valid) => expect(ok({ type }, value)).toBe(valid));
});
