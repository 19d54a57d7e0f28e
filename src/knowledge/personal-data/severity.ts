import type { Severity } from '../../model/index.js';

const ORDER: Severity[] = ['info', 'warning', 'error'];

/** The lower of two severities: the configured severity is the ceiling, evidence decides below it. */
export function atMost(severity: Severity, ceiling: Severity): Severity {
  return ORDER[Math.min(ORDER.indexOf(severity), ORDER.indexOf(ceiling))]!;
}

/** `steps` levels below `severity`, never below info. */
export function below(severity: Severity, steps: number): Severity {
  return ORDER[Math.max(0, ORDER.indexOf(severity) - steps)]!;
}
