import { luhnCheckDigit, verhoeffCheckDigit } from '../checksums.js';
import { currentYear, stripSeparators, type ValueDetector } from '../detector.js';
import { isCalendarDay } from '../../iso-8601.js';

/**
 * Luxembourg national identification number (matricule national, 13 digits): birth date
 * YYYYMMDD, a 3-digit counter, then two check digits both computed over the first 11 digits:
 * digit 12 with Luhn, digit 13 with Verhoeff (CNS / CCSS; OECD TIN sheet for Luxembourg).
 */
export function matriculeValid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  const year = Number(digits.slice(0, 4));
  if (year < 1850 || year > currentYear()) return false;
  if (!isCalendarDay(year, Number(digits.slice(4, 6)), Number(digits.slice(6, 8)))) return false;
  const body = digits.slice(0, 11);
  return luhnCheckDigit(body) === Number(digits[11]) && verhoeffCheckDigit(body) === Number(digits[12]);
}

export const luMatricule: ValueDetector = {
  kind: 'lu-matricule',
  label: 'Luxembourg national identification number (matricule)',
  checkDigits: true,
  shape(text) {
    const t = text.trim();
    if (!/^(18|19|20)\d[\d .-]{10,16}$/.test(t)) return undefined;
    const d = stripSeparators(t);
    return /^\d{13}$/.test(d) ? d : undefined;
  },
  valid: matriculeValid,
  mask: (d) => `${d.slice(0, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)} *** **`,
};
