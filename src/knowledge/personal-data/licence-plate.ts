import type { ValueDetector } from './detector.js';

/** Plate formats distinctive enough to recognise in any column. */
const DISTINCTIVE = [
  /^[1-9]-[A-Z]{3}-\d{3}$/, // Belgium since 2010: 1-ABC-123
  /^[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}$/, // France SIV since 2009: AB-123-CD
];

/** Formats recognised only in a column named as plates (they also fit codes and references). */
const IN_PLATE_COLUMN = [
  /^[1-9]?[A-Z]{3}-?\d{3}$/, // Belgium (older): ABC-123, 1ABC123
  /^\d{3}-?[A-Z]{3}$/, // Belgium (older): 123-ABC
  /^[A-Z]{2}-?\d{3}-?[A-Z]{2}$/, // France SIV without dashes
  /^\d{1,4} ?[A-Z]{1,3} ?(\d{2}|2[AB]|97\d)$/, // France FNI (before 2009): 1234 AB 75
  /^(?=.*[A-Z])(?=.*\d)[A-Z0-9]{1,3}-[A-Z0-9]{1,3}-[A-Z0-9]{1,3}$/, // Netherlands side codes: 12-ABC-3
  /^[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?\d{1,4}[EH]?$/, // Germany: B-AB 1234
  /^[A-Z]{2} ?\d{4}$/, // Luxembourg: AB 1234
];

/** Vehicle registration plates (BE, FR, NL, DE, LU): they identify the keeper through the register. */
export const licencePlate: ValueDetector = {
  kind: 'licence-plate',
  label: 'vehicle registration plate',
  checkDigits: false,
  shape(text, inKindColumn) {
    const t = text.trim().toUpperCase();
    if (DISTINCTIVE.some((r) => r.test(t))) return t;
    if (inKindColumn && IN_PLATE_COLUMN.some((r) => r.test(t))) return t;
    return undefined;
  },
  valid: () => true,
  mask: (t) => t[0] + t.slice(1).replace(/[A-Z0-9ÄÖÜ]/g, '*'),
};
