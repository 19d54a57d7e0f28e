import { isValidIBAN } from 'ibantools';
import { modString } from '../checksums.js';
import { DIGITS, UPPER, type ValueDetector } from '../detector.js';

/** IBAN length per country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 13616 checksum only: mod 97 of the rearranged number = 1 (no check of the BBAN's structure). */
export function ibanChecksumValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban) || IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return modString(digits, 97) === 1;
}

/**
 * A possible IBAN: a registry country, its length, the mod 97 checksum, and the country's BBAN
 * structure (ibantools: character classes per position, and national check digits for BE, FR,
 * MC, ES, PT, PL, NO, CZ, SK, EE, HR, HU...). The checksum alone accepts BBANs no bank could issue
 * (a Belgian account number whose own mod 97 fails), and an IBAN finding blocks publication.
 */
export function ibanValid(iban: string): boolean {
  return ibanChecksumValid(iban) && isValidIBAN(iban);
}

export const iban: ValueDetector = {
  kind: 'iban',
  label: 'IBAN bank account number',
  checkDigits: true,
  shape(text) {
    const t = text.trim().toUpperCase().replace(/^IBAN:?\s*/, '');
    if (!/^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}$/.test(t)) return undefined;
    return t.replace(/ /g, '');
  },
  valid: ibanValid,
  /** `BE** **** **** **34`: the country and the last two characters, grouped like the original. */
  mask(v) {
    const hidden = v.slice(0, 2) + '*'.repeat(v.length - 4) + v.slice(-2);
    return hidden.replace(/(.{4})(?=.)/g, '$1 ');
  },
  inText: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
  inTextSpan: { chars: `${DIGITS}${UPPER} `, min: 12 },
};
