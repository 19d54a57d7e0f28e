import { modString } from '../checksums.js';
import { currentYear, DIGITS, stripSeparators, type ValueDetector } from '../detector.js';
import { isCalendarDay } from '../../iso-8601.js';

/**
 * Belgian national register number (NISS/INSZ, rijksregisternummer) and BIS number:
 * YYMMDD + 3-digit counter + 2 check digits = 97 − (first 9 digits mod 97); people born in 2000
 * or later get the check computed over "2" + the first 9 digits. BIS numbers add 20 (sex
 * unknown) or 40 (sex known) to the month. A month or day of 00 means "unknown".
 */
export function nissValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^0+$/.test(digits)) return false;
  const check = Number(digits.slice(9));
  const body = digits.slice(0, 9);
  const yy = Number(digits.slice(0, 2));
  const centuries: number[] = [];
  if (97 - modString(body, 97) === check) centuries.push(1900);
  if (2000 + yy <= currentYear() && 97 - modString('2' + body, 97) === check) centuries.push(2000);
  if (centuries.length === 0) return false;
  const rawMonth = Number(digits.slice(2, 4));
  if (!(rawMonth <= 12 || (rawMonth >= 20 && rawMonth <= 32) || (rawMonth >= 40 && rawMonth <= 52))) return false;
  const month = rawMonth >= 40 ? rawMonth - 40 : rawMonth >= 20 ? rawMonth - 20 : rawMonth; // BIS
  const day = Number(digits.slice(4, 6));
  if (month === 0 || day === 0) return day <= 31;
  return centuries.some((c) => isCalendarDay(c + yy, month, day));
}

export const beNiss: ValueDetector = {
  kind: 'be-niss',
  label: 'Belgian national register number (NISS/BIS)',
  checkDigits: true,
  shape(text) {
    const t = text.trim();
    if (!/^\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[-. ]?\d{2}$/.test(t)) return undefined;
    return stripSeparators(t);
  },
  valid: nissValid,
  mask: (d) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-***-**`,
  // In free text only the written form with separators is distinctive enough.
  inText: /\b\d{2}\.\d{2}\.\d{2}[-. ]\d{3}[-. ]\d{2}\b/g,
  inTextSpan: { chars: `${DIGITS}.- `, min: 15 },
};
