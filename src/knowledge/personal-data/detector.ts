/**
 * What every value detector provides. A detector recognises one kind of personal value (a
 * national number, an IBAN, an e-mail address...) in two steps: `shape` says whether a cell has
 * the form of the kind (a regular expression can do that), `valid` applies the real test (check
 * digits, date ranges, numbering plans). Only valid values may make a finding an error.
 */
export type ValueKind =
  | 'be-niss'
  | 'nl-bsn'
  | 'fr-nir'
  | 'lu-matricule'
  | 'iban'
  | 'payment-card'
  | 'email'
  | 'phone'
  | 'mobile-phone'
  | 'ip-address'
  | 'licence-plate';

export interface ValueDetector {
  kind: ValueKind;
  /** Human label used in messages ("Belgian national register number (NISS/BIS)"). */
  label: string;
  /** True when `valid` checks digits (mod 97, Luhn, 11-proef...), not just a form. */
  checkDigits: boolean;
  /**
   * The compact form of `text` when it has this kind's shape, else undefined. `inKindColumn`
   * is true when the column header names this kind: ambiguous forms (a bare digit string that
   * could be a phone number) are accepted only there.
   */
  shape(text: string, inKindColumn: boolean): string | undefined;
  /** Whether a shaped (compact) value passes the kind's own test. */
  valid(compact: string): boolean;
  /** A masked rendering safe to print: enough to recognise the kind, never the value. */
  mask(compact: string): string;
  /** Candidates of this kind inside free text (a global regular expression), when distinctive enough. */
  inText?: RegExp;
  /** A character every `inText` match contains (`@`): text without it is not searched, which is cheaper. */
  inTextMark?: string;
  /**
   * Every `inText` match lies in a run of at least `min` characters all in `chars` (ASCII): text
   * without such a run is not searched (`ValueScan` screens free text on this, char by char).
   */
  inTextSpan?: { chars: string; min: number };
}

/** Characters of `inTextSpan`s. */
export const DIGITS = '0123456789';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Removes the separators people type inside numbers: spaces, dots, dashes, slashes. */
export function stripSeparators(text: string): string {
  return text.replace(/[\s.\-/]/g, '');
}

/** The current year (two-digit birth years later than it belong to the previous century). */
export function currentYear(): number {
  return new Date().getUTCFullYear();
}

