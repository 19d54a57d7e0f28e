import type { SourceLocation } from './location.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

export const SEVERITY_RANK: Record<SeverityOrOff, number> = { off: 0, info: 1, warning: 2, error: 3 };

/** One problem found by one rule at one place. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  messageId: string;
  message: string;
  location: SourceLocation;
  /** Values interpolated into the message (already masked where they could be personal data). */
  data?: Record<string, string | number>;
  /** A safe edit `--fix` may apply. Never part of the JSON report. */
  fix?: Fix;
}

/**
 * A safe, unambiguous edit of a descriptor: replace the scalar value at `pointer` in `file`,
 * which must still read `from`, by `to`. Applied only with `--fix`, atomically, leaving every
 * other byte of the file as it was.
 */
export interface Fix {
  file: string;
  pointer: string;
  from: string;
  to: string;
}
