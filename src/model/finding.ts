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
}
