import { elevenProofValid } from '../checksums.js';
import { stripSeparators, type ValueDetector } from '../detector.js';

/**
 * Dutch citizen service number (burgerservicenummer, BSN): 9 digits passing the "elfproef"
 * (weights 9..2 and −1). Spreadsheets drop the leading zero, so 8 digits are padded.
 */
export function bsnValid(digits: string): boolean {
  return /^\d{9}$/.test(digits) && !/^0+$/.test(digits) && elevenProofValid(digits);
}

export const nlBsn: ValueDetector = {
  kind: 'nl-bsn',
  label: 'Dutch citizen service number (BSN)',
  checkDigits: true,
  shape(text) {
    const t = text.trim();
    if (!/^(\d{8,9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})$/.test(t)) return undefined;
    return stripSeparators(t).padStart(9, '0');
  },
  valid: bsnValid,
  mask: (d) => `*******${d.slice(7)}`,
};
