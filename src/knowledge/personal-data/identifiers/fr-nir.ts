import { modString } from '../checksums.js';
import { DIGITS, type ValueDetector } from '../detector.js';

/**
 * French social security number (NIR, "numéro INSEE"): sex (1/2; 3/4/7/8 for provisional
 * numbers), YY, MM, department (2 digits, or 2A/2B for Corsica), commune (3), order (3) and a
 * 2-digit key = 97 − (first 13 digits mod 97), with 2A read as 19 and 2B as 18.
 */
export function nirValid(nir: string): boolean {
  const m = /^([1-478])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{6})(\d{2})$/.exec(nir);
  if (!m) return false;
  const month = Number(m[3]);
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  const dept = m[4] === '2A' ? '19' : m[4] === '2B' ? '18' : m[4]!;
  const body = m[1]! + m[2]! + m[3]! + dept + m[5]!;
  return 97 - modString(body, 97) === Number(m[6]);
}

export const frNir: ValueDetector = {
  kind: 'fr-nir',
  label: 'French social security number (NIR)',
  checkDigits: true,
  shape(text) {
    const t = text.trim().toUpperCase();
    // With or without the key: 13 characters without it can only be "plausible", never valid.
    if (!/^[1-478] ?\d{2} ?\d{2} ?(\d{2}|2[AB]) ?\d{3} ?\d{3}( ?\d{2})?$/.test(t)) return undefined;
    return t.replace(/ /g, '');
  },
  valid: nirValid,
  mask: (n) => `${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ** *** ***${n.length === 15 ? ' **' : ''}`,
  inText: /\b[1-478] \d{2} \d{2} (?:\d{2}|2[AB]) \d{3} \d{3} \d{2}\b/g,
  inTextSpan: { chars: `${DIGITS} AB`, min: 21 },
};
