/**
 * ISO 8601 / XML Schema dates and times beyond their shape: a regular expression accepts
 * `2020-02-30` or `T24:30`; these say whether the date is on the calendar (leap years included),
 * the time of day exists and the timezone offset is one in use (−14:00 to +14:00).
 */

/** Gregorian leap year: every fourth year, but not centuries unless divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether year/month/day is a day of the (proleptic Gregorian) calendar. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

const CALENDAR_DATE = /(?<!\d)(-?\d{4,})-(\d{2})-(\d{2})(?!\d)/g;
const TIME_OF_DAY = /(?<=\d)T(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?/g;
/** A date or date-time at the start of an interval's part; what follows it is its offset, if any. */
const DATE_AND_TIME = /^-?\d{4,}(-\d{2}){0,2}(T[\d:.,]*)?/;
const OFFSET = /^[+-](\d{2})(?::?(\d{2}))?$/;

/**
 * Whether every `YYYY-MM-DD` in a value that already has an ISO 8601 shape (a date, a date-time,
 * an interval of them) is a calendar day, every time of day exists (24:00 only as end of day,
 * no second 60) and its timezone offset is at most 14 hours with minutes under 60.
 */
export function datesAndTimesExist(value: string): boolean {
  const plain = plainDateTimeExists(value);
  if (plain !== undefined) return plain;
  for (const m of value.matchAll(CALENDAR_DATE)) if (!isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  for (const m of value.matchAll(TIME_OF_DAY)) {
    const [hour, minute, second, fraction] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (minute > 59 || second > 59 || hour > 24 || (hour === 24 && minute + second + fraction > 0)) return false;
  }
  for (const part of value.split('/')) {
    const offset = DATE_AND_TIME.test(part) ? OFFSET.exec(part.replace(DATE_AND_TIME, '')) : null;
    if (offset && (Number(offset[1]) * 60 + Number(offset[2] ?? 0) > 14 * 60 || Number(offset[2] ?? 0) > 59)) return false;
  }
  return true;
}

/** The value of the `n` ASCII digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(value: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = value.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Whether a plain date or date-time exists — `2021-03-04`, `2021-03-04T05:06:07` (`.123`),
 * nothing around: the forms nearly every date of a catalogue has — the answer the general
 * checks give, without their scans or a match's strings (they showed in catalogue profiles);
 * undefined for any other form.
 */
export function plainDateTimeExists(value: string): boolean | undefined {
  const n = value.length;
  if (n !== 10 && n < 19) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 0 || day < 0 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined; // -
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = false;
  if (n > 10) {
    hour = digitsAt(value, 11, 2);
    minute = digitsAt(value, 14, 2);
    second = digitsAt(value, 17, 2);
    if (value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || hour < 0 || minute < 0 || second < 0) return undefined; // T, :
    if (n > 19) {
      if (value.charCodeAt(19) !== 46 || n === 20) return undefined; // .
      for (let i = 20; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c < 48 || c > 57) return undefined;
        if (c !== 48) fraction = true;
      }
    }
  }
  if (!isCalendarDay(year, month, day)) return false;
  return !(minute > 59 || second > 59 || hour > 24 || (hour === 24 && (minute + second > 0 || fraction)));
}

// XML Schema 1.1 (https://www.w3.org/TR/xmlschema11-2/#dateTime): a year of four digits or more,
// seconds required in xsd:dateTime, any number of fractional digits, an optional `Z` or ±hh:mm.
const XSD_TIMEZONE = '(Z|[+-]\\d{2}:\\d{2})?';
const XSD_DATE = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}${XSD_TIMEZONE}$`);
const XSD_DATE_TIME = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?${XSD_TIMEZONE}$`);

/** An `xsd:date`: `2020-02-29`, `2020-02-29Z`, `2020-02-29+01:00`; not `2021-02-29`. */
export function isXsdDate(value: string): boolean {
  return XSD_DATE.test(value) && datesAndTimesExist(value);
}

/** An `xsd:dateTime`: `2020-02-29T23:59:59.5+14:00`, `2020-03-01T24:00:00Z`; not `T24:00:01` nor `+15:00`. */
export function isXsdDateTime(value: string): boolean {
  return XSD_DATE_TIME.test(value) && datesAndTimesExist(value);
}
