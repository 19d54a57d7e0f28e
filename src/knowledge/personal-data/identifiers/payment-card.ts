import { luhnValid } from '../checksums.js';
import type { ValueDetector } from '../detector.js';

/** Issuer prefixes and lengths of the card schemes used in Europe. */
const SCHEMES: { prefix: RegExp; lengths: number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^(6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^(50|5[6-9]|6)/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] }, // Maestro, Bancontact, UnionPay
  { prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^3(0[0-5]|[689])/, lengths: [14, 16] }, // Diners Club
];

/** Payment card number (PAN): a known scheme prefix and length, and the Luhn check digit. */
export function cardValid(digits: string): boolean {
  if (/^(\d)\1+$/.test(digits)) return false;
  return SCHEMES.some((s) => s.prefix.test(digits) && s.lengths.includes(digits.length)) && luhnValid(digits);
}

export const paymentCard: ValueDetector = {
  kind: 'payment-card',
  label: 'payment card number',
  checkDigits: true,
  shape(text, inKindColumn) {
    const t = text.trim();
    if (!/^\d(?:[ -]?\d){11,18}$/.test(t)) return undefined;
    const digits = t.replace(/[ -]/g, '');
    // A French SIRET is 14 digits with a Luhn check digit too (SCDL files are full of them):
    // 14 bare digits count as a card (Diners Club, Maestro) only in a card column.
    if (digits.length === 14 && digits === t && !inKindColumn) return undefined;
    return SCHEMES.some((s) => s.prefix.test(digits) && s.lengths.includes(digits.length)) ? digits : undefined;
  },
  valid: cardValid,
  /** The last four digits only, as PCI DSS allows on receipts. */
  mask: (d) => `${'*'.repeat(d.length - 4).replace(/(.{4})/g, '$1 ')}${d.slice(-4)}`,
};
